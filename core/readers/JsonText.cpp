// SPDX-License-Identifier: MIT
#include "readers/JsonText.h"

#include "base/Limits.h"
#include "base/LoadError.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <unordered_map>
#include <vector>

namespace atenscope {

std::string lineColumn(std::string_view json, std::size_t byte, TextOrigin origin) {
    std::size_t line = origin.line, column = origin.column;
    const std::size_t upto = std::min(byte, json.size());
    for (std::size_t i = 0; i < upto; ++i) {
        if (json[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(json[i]) & 0xC0) != 0x80) {  // a character, not a UTF-8 continuation byte
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

JsonCost measureJson(std::string_view json, std::uint64_t maxDepth) {
    JsonCost c;
    std::uint64_t depth = 0;
    bool inString = false, escaped = false, inScalar = false;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char ch = json[i];
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (ch == '\\') {
                escaped = true;
            } else if (ch == '"') {
                inString = false;
            }
            ++c.stringBytes;
            continue;
        }
        switch (ch) {
            case '"':
                inString = true;
                inScalar = false;
                ++c.structurals;
                ++c.tapeWords;
                c.stringBytes += 5;  // its length and terminator
                break;
            case '[':
            case '{':
                inScalar = false;
                ++c.structurals;
                c.tapeWords += 2;
                if (++depth > c.depth) c.depth = depth;
                if (depth > maxDepth && c.tooDeepAt == std::string_view::npos) c.tooDeepAt = i;
                break;
            case ']':
            case '}':
                inScalar = false;
                ++c.structurals;
                if (depth > 0) --depth;
                break;
            case ',':
            case ':':
                inScalar = false;
                ++c.structurals;
                break;
            case ' ':
            case '\t':
            case '\n':
            case '\r':
                inScalar = false;
                break;
            default:
                if (!inScalar) {  // a number, true, false or null starts: one structural, up to two tape words
                    inScalar = true;
                    ++c.structurals;
                    c.tapeWords += 2;
                }
        }
    }
    return c;
}

namespace {

// nlohmann's SAX parser with a handler that keeps nothing: a syntax error found with its byte,
// in memory that does not grow with the document.
struct NullSax {
    std::size_t errorAt = std::string_view::npos;
    std::string message;
    bool null() { return true; }
    bool boolean(bool) { return true; }
    bool number_integer(std::int64_t) { return true; }
    bool number_unsigned(std::uint64_t) { return true; }
    bool number_float(double, const std::string&) { return true; }
    bool string(std::string&) { return true; }
    bool binary(nlohmann::json::binary_t&) { return true; }
    bool start_object(std::size_t) { return true; }
    bool key(std::string&) { return true; }
    bool end_object() { return true; }
    bool start_array(std::size_t) { return true; }
    bool end_array() { return true; }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::json::exception& e) {
        errorAt = position > 0 ? position - 1 : 0;
        message = e.what();
        const auto colon = message.find(": ", message.find("column"));
        if (colon != std::string::npos) message = message.substr(colon + 2);
        return false;
    }
};

// The first number outside strings that no double holds (1e400), with its byte.
std::optional<std::pair<std::size_t, std::string>> numberOutOfRange(std::string_view json) {
    bool inString = false, escaped = false;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char ch = json[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (ch == '\\')
                escaped = true;
            else if (ch == '"')
                inString = false;
            continue;
        }
        if (ch == '"') {
            inString = true;
            continue;
        }
        if (ch != '-' && (ch < '0' || ch > '9')) continue;
        std::size_t end = i;
        while (end < json.size() && (std::string_view("0123456789+-.eE").find(json[end]) != std::string_view::npos)) ++end;
        const std::string token(json.substr(i, std::min<std::size_t>(end - i, 400)));
        errno = 0;
        const double v = std::strtod(token.c_str(), nullptr);
        if (errno == ERANGE && std::isinf(v)) return std::make_pair(i, token.size() > 40 ? token.substr(0, 40) + "..." : token);
        i = end - 1;
    }
    return std::nullopt;
}

// The first byte that is not well-formed UTF-8.
std::size_t badUtf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        if (c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            n = 1;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 2;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 3;
        else
            return i;
        for (std::size_t k = 1; k <= n; ++k)
            if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
        i += n + 1;
    }
    return std::string_view::npos;
}

std::string at(const std::string& where, std::string_view json, std::size_t byte, TextOrigin origin) {
    return (where.empty() ? "" : where + " ") + lineColumn(json, byte, origin);
}

}  // namespace

void diagnoseJson(std::string_view json, const std::string& file, const std::string& where, const std::string& fallback,
                  TextOrigin origin) {
    if (const JsonCost c = measureJson(json, limits::kDepth); c.tooDeepAt != std::string_view::npos)
        throw InputError(file, at(where, json, c.tooDeepAt, origin),
                         "nested deeper than " + std::to_string(limits::kDepth) + " levels; " + limitText(limits::kDepth, "levels", false));
    if (const auto n = numberOutOfRange(json))
        throw InputError(file, at(where, json, n->first, origin), "the number " + n->second + " is out of range (no double holds it)");
    if (const std::size_t b = badUtf8(json); b != std::string_view::npos)
        throw InputError(file, at(where, json, b, origin), "a byte that is not UTF-8 text");
    NullSax sax;
    try {
        nlohmann::json::sax_parse(json.begin(), json.end(), &sax);
    } catch (const nlohmann::json::exception& e) {
        sax.message = e.what();
    }
    if (sax.errorAt != std::string_view::npos) throw InputError(file, at(where, json, sax.errorAt, origin), "invalid JSON: " + sax.message);
    throw InputError(file, where, "invalid JSON: " + fallback);
}

namespace {

// Builds an ordered_json whose objects find their keys through a hash table: ordered_json's
// own insertion searches its keys one by one, and a 300,000-key object took minutes. A key met
// twice keeps its first place and takes the last value, as ordered_json's parse does.
class OrderedBuilder {
public:
    using ojson = nlohmann::ordered_json;
    ojson root;
    bool failed = false;

    bool null() { return put(nullptr); }
    bool boolean(bool v) { return put(v); }
    bool number_integer(std::int64_t v) { return put(v); }
    bool number_unsigned(std::uint64_t v) { return put(v); }
    bool number_float(double v, const std::string&) { return put(v); }
    bool string(std::string& v) { return put(std::move(v)); }
    bool binary(ojson::binary_t&) { return put(nullptr); }
    bool start_object(std::size_t) { return open(ojson::object()); }
    bool key(std::string& k) {
        key_ = std::move(k);
        return true;
    }
    bool end_object() { return close(); }
    bool start_array(std::size_t) { return open(ojson::array()); }
    bool end_array() { return close(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::json::exception&) {
        failed = true;
        return false;
    }

private:
    using Entries = std::vector<std::pair<const std::string, ojson>>;
    struct Open {
        ojson* value;
        std::unordered_map<std::string, std::size_t> keys;
    };

    ojson* place(ojson&& v) {
        if (open_.empty()) {
            root = std::move(v);
            return &root;
        }
        Open& top = open_.back();
        if (top.value->is_array()) {
            top.value->get_ref<ojson::array_t&>().push_back(std::move(v));
            return &top.value->get_ref<ojson::array_t&>().back();
        }
        auto& entries = static_cast<Entries&>(top.value->get_ref<ojson::object_t&>());
        if (const auto it = top.keys.find(key_); it != top.keys.end()) {
            entries[it->second].second = std::move(v);
            return &entries[it->second].second;
        }
        top.keys.emplace(key_, entries.size());
        entries.emplace_back(std::move(key_), std::move(v));
        return &entries.back().second;
    }
    bool put(ojson&& v) {
        place(std::move(v));
        return true;
    }
    // While a container is open only it grows, so the places of those around it stay put.
    bool open(ojson&& v) {
        open_.push_back({place(std::move(v)), {}});
        return true;
    }
    bool close() {
        open_.pop_back();
        return true;
    }

    std::vector<Open> open_;
    std::string key_;
};

}  // namespace

nlohmann::json parseJsonText(std::string_view json, const std::string& file, TextOrigin origin) {
    // Depth first: nlohmann would build (and then tear down) any depth.
    if (measureJson(json, limits::kDepth).tooDeepAt != std::string_view::npos) diagnoseJson(json, file, {}, "", origin);
    try {
        return nlohmann::json::parse(json.begin(), json.end());
    } catch (const nlohmann::json::exception& e) {
        diagnoseJson(json, file, {}, e.what(), origin);
    }
}

nlohmann::ordered_json parseOrderedJsonText(std::string_view json, const std::string& file, TextOrigin origin) {
    if (measureJson(json, limits::kDepth).tooDeepAt != std::string_view::npos) diagnoseJson(json, file, {}, "", origin);
    OrderedBuilder builder;
    bool ok = false;
    std::string message;
    try {
        ok = nlohmann::ordered_json::sax_parse(json.begin(), json.end(), &builder);
    } catch (const nlohmann::json::exception& e) {
        message = e.what();
    }
    if (!ok || builder.failed) diagnoseJson(json, file, {}, message.empty() ? "invalid JSON" : message, origin);
    return std::move(builder.root);
}

}  // namespace atenscope
