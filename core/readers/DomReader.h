// SPDX-License-Identifier: MIT
#pragma once
// What every reader of a JSON format parsed by simdjson's DOM needs: typed access to values
// that fails with one InputError naming the file and the place (a JSON pointer, after an
// optional prefix such as the archive entry that holds the document). Internal to readers/.
#include "base/LoadError.h"
#include "readers/JsonPointer.h"

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace atenscope {

namespace dom = simdjson::dom;

const char* jsonTypeName(dom::element_type t);

// Parses `json` (followed by simdjson::SIMDJSON_PADDING readable bytes) with `parser`, skipping
// a UTF-8 byte order mark; on a syntax error throws an InputError with the line and column
// (`where` prefixes them).
dom::element parseJsonDocument(dom::parser& parser, std::string_view json, const std::string& file, const std::string& where = {});

class DomReader {
public:
    DomReader(std::string file, std::string where = {}) : file_(std::move(file)), where_(std::move(where)) {}

    const std::string& file() const { return file_; }
    JsonPath& path() { return path_; }

    [[noreturn]] void fail(const std::string& what) const {
        throw InputError(file_, where_.empty() ? path_.str() : where_ + " " + path_.str(), what);
    }

    dom::object object(dom::element e, const char* what = "an object") const {
        if (e.type() != dom::element_type::OBJECT) fail(std::string("expected ") + what + ", found " + jsonTypeName(e.type()));
        return dom::object(e);
    }
    dom::array array(dom::element e) const {
        if (e.type() != dom::element_type::ARRAY) fail(std::string("expected an array, found ") + jsonTypeName(e.type()));
        return dom::array(e);
    }
    std::string_view string(dom::element e) const {
        if (e.type() != dom::element_type::STRING) fail(std::string("expected a string, found ") + jsonTypeName(e.type()));
        return std::string_view(e);
    }
    std::int64_t integer(dom::element e) const {
        if (e.type() == dom::element_type::INT64) return std::int64_t(e);
        if (e.type() == dom::element_type::UINT64)
            fail("an integer too large: " + std::to_string(std::uint64_t(e)) + " is more than 2^63 - 1");
        fail(std::string("expected an integer, found ") + jsonTypeName(e.type()));
    }
    bool boolean(dom::element e) const {
        if (e.type() != dom::element_type::BOOL) fail(std::string("expected true or false, found ") + jsonTypeName(e.type()));
        return bool(e);
    }
    // Calls f(item) for each item of an array, with the item's index in the error path.
    template <typename F>
    void eachItem(dom::element e, F&& f) {
        std::int64_t i = 0;
        for (dom::element item : array(e)) {
            JsonScope s(path_, i++);
            f(item);
        }
    }

    static bool field(dom::object o, std::string_view key, dom::element& out) { return o.at_key(key).get(out) == simdjson::SUCCESS; }
    dom::element required(dom::object o, std::string_view key) const {
        dom::element e;
        if (!field(o, key, e)) fail("missing field \"" + std::string(key) + "\"");
        return e;
    }
    std::string requiredString(dom::object o, std::string_view key) {
        dom::element e = required(o, key);
        JsonScope s(path_, key);
        return std::string(string(e));
    }
    std::string optionalString(dom::object o, std::string_view key) { return std::string(optionalView(o, key)); }
    // A view into the parsed document: valid while it is.
    std::string_view optionalView(dom::object o, std::string_view key) {
        dom::element e;
        if (!field(o, key, e) || e.is_null()) return {};
        JsonScope s(path_, key);
        return string(e);
    }

protected:
    std::string file_;
    std::string where_;  // before the JSON pointer in errors: an archive entry, or empty
    JsonPath path_;
};

}  // namespace atenscope
