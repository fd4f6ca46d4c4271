// SPDX-License-Identifier: MIT
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace atenscope {

// An 8-bit RGB image as PNG bytes (truecolour, no alpha, no interlace). Each row is filtered
// with Sub or Up, whichever leaves smaller residuals, and the whole compressed by libdeflate at
// `level` (1-12). A report encodes hundreds of pictures, and libpng and zlib (through Qt) were
// 71 % of its profile (docs/benchmarks.md, "Reports across a run").
// `rows` points at `height` rows of `width` * 3 bytes, `stride` bytes apart.
std::string encodePng(const std::uint8_t* rows, int width, int height, std::size_t stride, int level = 6);

}  // namespace atenscope
