#include "atenscope/Pickle.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>

namespace atenscope {

namespace {

// Opcodes from CPython's Lib/pickle.py.
constexpr char PROTO = '\x80', STOP = '.', NONE = 'N', NEWTRUE = '\x88', NEWFALSE = '\x89';
constexpr char BININT = 'J', LONG1 = '\x8a', BINFLOAT = 'G', BINUNICODE = 'X';
constexpr char EMPTY_LIST = ']', EMPTY_DICT = '}', MARK = '(', APPENDS = 'e', SETITEMS = 'u';

void le32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

void string(std::string& out, const std::string& s) {
    out += BINUNICODE;
    le32(out, static_cast<std::uint32_t>(s.size()));
    out += s;
}

void integer(std::string& out, std::int64_t v) {
    if (v >= INT32_MIN && v <= INT32_MAX) {
        out += BININT;
        le32(out, static_cast<std::uint32_t>(static_cast<std::int32_t>(v)));
        return;
    }
    // LONG1: little-endian two's complement, 8 bytes is always enough for int64.
    out += LONG1;
    out += static_cast<char>(8);
    for (int i = 0; i < 8; ++i) out += static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xff);
}

void unsignedInteger(std::string& out, std::uint64_t v) {
    if (v <= static_cast<std::uint64_t>(INT64_MAX)) return integer(out, static_cast<std::int64_t>(v));
    out += LONG1;
    out += static_cast<char>(9);  // one more byte keeps the sign bit clear
    for (int i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
    out += '\0';
}

void encode(std::string& out, const nlohmann::ordered_json& v) {
    switch (v.type()) {
        case nlohmann::ordered_json::value_t::null:
        case nlohmann::ordered_json::value_t::discarded:
            out += NONE;
            return;
        case nlohmann::ordered_json::value_t::boolean:
            out += v.get<bool>() ? NEWTRUE : NEWFALSE;
            return;
        case nlohmann::ordered_json::value_t::number_integer:
            integer(out, v.get<std::int64_t>());
            return;
        case nlohmann::ordered_json::value_t::number_unsigned:
            unsignedInteger(out, v.get<std::uint64_t>());
            return;
        case nlohmann::ordered_json::value_t::number_float: {
            out += BINFLOAT;
            const double d = v.get<double>();
            std::uint64_t bits = 0;
            std::memcpy(&bits, &d, sizeof bits);
            for (int i = 7; i >= 0; --i) out += static_cast<char>((bits >> (8 * i)) & 0xff);  // big-endian
            return;
        }
        case nlohmann::ordered_json::value_t::string:
            string(out, v.get_ref<const std::string&>());
            return;
        case nlohmann::ordered_json::value_t::array:
        case nlohmann::ordered_json::value_t::binary: {
            out += EMPTY_LIST;
            if (v.empty()) return;
            out += MARK;
            for (const auto& item : v) encode(out, item);
            out += APPENDS;
            return;
        }
        case nlohmann::ordered_json::value_t::object: {
            out += EMPTY_DICT;
            if (v.empty()) return;
            out += MARK;
            for (const auto& [key, item] : v.items()) {
                string(out, key);
                encode(out, item);
            }
            out += SETITEMS;
            return;
        }
    }
}

}  // namespace

std::string toPickle(const nlohmann::ordered_json& value) {
    std::string out;
    out += PROTO;
    out += '\x02';
    encode(out, value);
    out += STOP;
    return out;
}

}  // namespace atenscope
