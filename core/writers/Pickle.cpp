// SPDX-License-Identifier: MIT
#include "writers/Pickle.h"

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

void encode(PickleWriter& w, const nlohmann::ordered_json& v) {
    using t = nlohmann::ordered_json::value_t;
    switch (v.type()) {
        case t::null:
        case t::discarded:
            return w.none();
        case t::boolean:
            return w.boolean(v.get<bool>());
        case t::number_integer:
            return w.integer(v.get<std::int64_t>());
        case t::number_unsigned:
            return w.unsignedInteger(v.get<std::uint64_t>());
        case t::number_float:
            return w.real(v.get<double>());
        case t::string:
            return w.string(v.get_ref<const std::string&>());
        case t::array:
        case t::binary:
            w.beginList();
            for (const auto& item : v) encode(w, item);
            return w.end();
        case t::object:
            w.beginDict();
            for (const auto& [key, item] : v.items()) {
                w.string(key);
                encode(w, item);
            }
            return w.end();
    }
}

}  // namespace

PickleWriter::PickleWriter() {
    out_ += PROTO;
    out_ += '\x02';
}

void PickleWriter::item() {
    // MARK before a container's first item; an empty one stays a bare EMPTY_DICT/EMPTY_LIST.
    if (open_.empty() || open_.back().hasItems) return;
    open_.back().hasItems = true;
    out_ += MARK;
}

void PickleWriter::beginDict() {
    item();
    out_ += EMPTY_DICT;
    open_.push_back({true, false});
}

void PickleWriter::beginList() {
    item();
    out_ += EMPTY_LIST;
    open_.push_back({false, false});
}

void PickleWriter::end() {
    if (open_.back().hasItems) out_ += open_.back().dict ? SETITEMS : APPENDS;
    open_.pop_back();
}

void PickleWriter::string(std::string_view s) {
    item();
    out_ += BINUNICODE;
    le32(out_, static_cast<std::uint32_t>(s.size()));
    out_ += s;
}

void PickleWriter::integer(std::int64_t v) {
    item();
    if (v >= INT32_MIN && v <= INT32_MAX) {
        out_ += BININT;
        le32(out_, static_cast<std::uint32_t>(static_cast<std::int32_t>(v)));
        return;
    }
    // LONG1: little-endian two's complement, 8 bytes is always enough for int64.
    out_ += LONG1;
    out_ += static_cast<char>(8);
    for (int i = 0; i < 8; ++i) out_ += static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xff);
}

void PickleWriter::unsignedInteger(std::uint64_t v) {
    if (v <= static_cast<std::uint64_t>(INT64_MAX)) return integer(static_cast<std::int64_t>(v));
    item();
    out_ += LONG1;
    out_ += static_cast<char>(9);  // one more byte keeps the sign bit clear
    for (int i = 0; i < 8; ++i) out_ += static_cast<char>((v >> (8 * i)) & 0xff);
    out_ += '\0';
}

void PickleWriter::real(double d) {
    item();
    out_ += BINFLOAT;
    std::uint64_t bits = 0;
    std::memcpy(&bits, &d, sizeof bits);
    for (int i = 7; i >= 0; --i) out_ += static_cast<char>((bits >> (8 * i)) & 0xff);  // big-endian
}

void PickleWriter::boolean(bool b) {
    item();
    out_ += b ? NEWTRUE : NEWFALSE;
}

void PickleWriter::none() {
    item();
    out_ += NONE;
}

std::string PickleWriter::finish() {
    out_ += STOP;
    return std::move(out_);
}

std::string toPickle(const nlohmann::ordered_json& value) {
    PickleWriter w;
    encode(w, value);
    return w.finish();
}

}  // namespace atenscope
