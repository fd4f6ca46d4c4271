// SPDX-License-Identifier: MIT
#include "readers/DomReader.h"

#include "readers/JsonInput.h"

#include <nlohmann/json.hpp>

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

namespace {

// simdjson says what is wrong but not where: nlohmann, run only on failure, places it.
[[noreturn]] void diagnoseSyntax(std::string_view json, const std::string& file, const std::string& where, const char* simdjsonMessage) {
    const std::string prefix = where.empty() ? "" : where + " ";
    try {
        [[maybe_unused]] auto ignored = nlohmann::json::parse(json.begin(), json.end());
    } catch (const nlohmann::json::parse_error& e) {
        std::size_t line = 1, column = 1;
        const std::size_t upto = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, json.size());
        for (std::size_t i = 0; i < upto; ++i) {
            if (json[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        std::string what = e.what();
        const auto colon = what.find(": ", what.find("column"));
        if (colon != std::string::npos) what = what.substr(colon + 2);
        throw InputError(file, prefix + "line " + std::to_string(line) + ", column " + std::to_string(column), "invalid JSON: " + what);
    } catch (const nlohmann::json::exception&) {
        // Not a syntax error nlohmann can place (a number too large for it, ...): simdjson's word.
    }
    throw InputError(file, where, std::string("invalid JSON: ") + simdjsonMessage);
}

}  // namespace

dom::element parseJsonDocument(dom::parser& parser, std::string_view json, const std::string& file, const std::string& where) {
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
    if (error) diagnoseSyntax(json, file, where, simdjson::error_message(error));
    return root;
}

}  // namespace atenscope
