// SPDX-License-Identifier: MIT
#include "readers/DomReader.h"

#include "readers/JsonInput.h"
#include "readers/JsonText.h"

#include <algorithm>
#include <thread>

namespace atenscope {

const char* jsonTypeName(dom::element_type t) {
    switch (t) {
        case dom::element_type::ARRAY:
            return "an array";
        case dom::element_type::OBJECT:
            return "an object";
        case dom::element_type::INT64:
        case dom::element_type::UINT64:
            return "an integer";
        case dom::element_type::DOUBLE:
            return "a number";
        case dom::element_type::STRING:
            return "a string";
        case dom::element_type::BOOL:
            return "a boolean";
        case dom::element_type::NULL_VALUE:
            return "null";
    }
    return "a value";
}

dom::element parseJsonDocument(dom::parser& parser, std::string_view json, const std::string& file, const std::string& where) {
    // A UTF-8 byte order mark (RFC 8259 lets a reader skip it; simdjson does not): skipped.
    if (json.substr(0, 3) == "\xEF\xBB\xBF") json.remove_prefix(3);
    std::thread prefault;
    // Both the parser's buffers and its document's are made here, before the thread that
    // prefaults them starts: left to the parse, the document's would be (re)allocated while
    // that thread reads where they are (a data race ThreadSanitizer found), and missed.
    if (json.size() >= kPrefaultFrom && (parser.capacity() < json.size() || parser.doc.capacity() < json.size()) &&
        parser.allocate(json.size()) == simdjson::SUCCESS && parser.doc.allocate(json.size()) == simdjson::SUCCESS)
        prefault = std::thread(prefaultParser, std::ref(parser), estimateDensity(json));
    dom::element root;
    const auto error = parser.parse(json.data(), json.size(), false).get(root);
    if (prefault.joinable()) prefault.join();
    if (error) diagnoseJson(json, file, where, simdjson::error_message(error));
    return root;
}

}  // namespace atenscope
