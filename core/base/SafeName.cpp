// SPDX-License-Identifier: MIT
#include "base/SafeName.h"

#include <cstdint>
#include <cstdio>

namespace atenscope {

namespace {

// FNV-1a, 64 bits: enough to keep two cut names apart, not a security measure.
std::uint64_t hash(std::string_view s) {
    std::uint64_t h = 14695981039346656037ULL;
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h;
}

}  // namespace

std::string safeFileName(std::string_view name, std::string_view fallback) {
    std::string s(name.empty() ? fallback : name);
    if (s.empty()) s = "model";
    for (char& c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
        if (!ok) c = '_';
    }
    // No ".", "..", nor a hidden file: leading dots become '_'.
    for (char& c : s) {
        if (c != '.') break;
        c = '_';
    }
    if (s.size() > kMaxSafeName) {
        char tail[24];
        std::snprintf(tail, sizeof tail, "-%016llx", static_cast<unsigned long long>(hash(name)));
        s.resize(kMaxSafeName - 17);
        s += tail;
    }
    return s;
}

std::filesystem::path safeRelativePath(std::string_view name, std::string_view fallback) {
    std::filesystem::path out;
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t end = name.find_first_of("/\\", start);
        if (end == std::string_view::npos) end = name.size();
        const std::string_view part = name.substr(start, end - start);
        if (!part.empty() && part != ".") out /= safeFileName(part);
        start = end + 1;
    }
    if (out.empty()) out = safeFileName({}, fallback);
    return out;
}

}  // namespace atenscope
