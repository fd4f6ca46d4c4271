// SPDX-License-Identifier: MIT
#include "base/Limits.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace atenscope {

std::uint64_t limitScale() {
    static const std::uint64_t scale = [] {
        const char* v = std::getenv("ATENSCOPE_LIMIT_SCALE");
        if (!v || !*v) return std::uint64_t{1};
        char* end = nullptr;
        const unsigned long n = std::strtoul(v, &end, 10);
        return (*end == '\0' && n >= 1 && n <= 64) ? std::uint64_t{n} : std::uint64_t{1};
    }();
    return scale;
}

namespace {

std::string grouped(std::uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace

std::string byteText(std::uint64_t bytes) {
    const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    double v = static_cast<double>(bytes);
    int u = -1;
    while (v >= 1024 && u < 3) {
        v /= 1024;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    return buf;
}

std::string limitText(std::uint64_t limit, const char* unit, bool scalable) {
    const std::string amount = std::string(unit) == "bytes" ? byteText(limit) : grouped(limit) + " " + unit;
    if (!scalable) return "the limit is " + amount;
    const std::uint64_t next = limitScale() * 2;
    return "the limit is " + amount + "; ATENSCOPE_LIMIT_SCALE=" + std::to_string(next > 64 ? 64 : next) + " raises it";
}

}  // namespace atenscope
