// SPDX-License-Identifier: MIT
#include "graph/Value.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

namespace atenscope {

std::string pythonFloatRepr(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    if (value == 0.0) return std::signbit(value) ? "-0.0" : "0.0";
    // Shortest round-trip digits, then Python's 'r' layout: fixed for
    // 1e-4 <= |x| < 1e16, otherwise d.ddde+XX with at least two exponent digits.
    std::array<char, 64> buf{};
    auto res = std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::scientific);
    std::string sci(buf.data(), res.ptr);
    const auto epos = sci.find('e');
    std::string mant = sci.substr(0, epos);
    const int exp = std::atoi(sci.c_str() + epos + 1);
    std::string sign;
    if (mant[0] == '-') {
        sign = "-";
        mant.erase(0, 1);
    }
    std::string digits;
    for (char c : mant)
        if (c != '.') digits += c;
    if (exp >= -4 && exp < 16) {
        const auto whole = static_cast<std::size_t>(exp) + 1;
        if (exp < 0) return sign + "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
        if (whole >= digits.size()) return sign + digits + std::string(whole - digits.size(), '0') + ".0";
        return sign + digits.substr(0, whole) + "." + digits.substr(whole);
    }
    std::string m = digits.substr(0, 1);
    if (digits.size() > 1) m += "." + digits.substr(1);
    std::string e = std::to_string(std::abs(exp));
    if (e.size() < 2) e = "0" + e;
    return sign + m + (exp < 0 ? "e-" : "e+") + e;
}

std::string pythonStringRepr(std::string_view value) {
    std::string out;
    appendPythonStringRepr(value, out);
    return out;
}

void appendPythonStringRepr(std::string_view value, std::string& out) {
    const bool hasSingle = value.find('\'') != std::string_view::npos;
    const bool hasDouble = value.find('"') != std::string_view::npos;
    const char quote = (hasSingle && !hasDouble) ? '"' : '\'';
    out += quote;
    for (unsigned char c : value) {
        if (c == static_cast<unsigned char>(quote) || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c < 0x20 || c == 0x7f) {
            static const char* hex = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    out += quote;
}

}  // namespace atenscope
