// SPDX-License-Identifier: MIT
#pragma once
// A count and its noun, in the number the count asks for: "1 kind", "3 kinds", "1 aten op remains".
#include <cstdint>
#include <string>
#include <string_view>

namespace atenscope {

inline std::string counted(std::uint64_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace atenscope
