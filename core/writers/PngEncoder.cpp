// SPDX-License-Identifier: MIT
#include "writers/PngEncoder.h"

#include <libdeflate.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace atenscope {

namespace {

void put32(std::string& out, std::uint32_t v) {
    out.push_back(static_cast<char>(v >> 24));
    out.push_back(static_cast<char>(v >> 16));
    out.push_back(static_cast<char>(v >> 8));
    out.push_back(static_cast<char>(v));
}

void chunk(std::string& out, const char type[4], std::string_view data) {
    put32(out, static_cast<std::uint32_t>(data.size()));
    const std::size_t start = out.size();
    out.append(type, 4);
    out.append(data);
    const std::uint32_t crc = libdeflate_crc32(0, out.data() + start, out.size() - start);
    put32(out, crc);
}

}  // namespace

std::string encodePng(const std::uint8_t* rows, int width, int height, std::size_t stride, int level) {
    if (width <= 0 || height <= 0) throw std::invalid_argument("encodePng: an empty image");
    const std::size_t line = static_cast<std::size_t>(width) * 3;
    // Filtered scanlines: a filter byte, then the row. Sub or Up, whichever's residuals (read as
    // signed bytes) sum smaller: PNG's own heuristic over the two filters that suit flat
    // grounds and text (Paeth and Average gain little here and cost a pass each).
    std::vector<std::uint8_t> filtered((line + 1) * static_cast<std::size_t>(height));
    auto magnitude = [](std::uint8_t v) { return static_cast<std::uint32_t>(v < 128 ? v : 256 - v); };
    for (int y = 0; y < height; ++y) {
        const std::uint8_t* row = rows + static_cast<std::size_t>(y) * stride;
        std::uint8_t* out = filtered.data() + static_cast<std::size_t>(y) * (line + 1);
        bool up = false;
        if (y > 0) {
            const std::uint8_t* prev = row - stride;
            std::uint64_t costUp = 0, costSub = magnitude(row[0]) + magnitude(row[1]) + magnitude(row[2]);
            for (std::size_t i = 0; i < line; ++i) costUp += magnitude(static_cast<std::uint8_t>(row[i] - prev[i]));
            for (std::size_t i = 3; i < line; ++i) costSub += magnitude(static_cast<std::uint8_t>(row[i] - row[i - 3]));
            up = costUp <= costSub;
            if (up)
                for (std::size_t i = 0; i < line; ++i) out[1 + i] = static_cast<std::uint8_t>(row[i] - prev[i]);
        }
        out[0] = up ? 2 : 1;
        if (!up) {
            for (std::size_t i = 0; i < 3 && i < line; ++i) out[1 + i] = row[i];
            for (std::size_t i = 3; i < line; ++i) out[1 + i] = static_cast<std::uint8_t>(row[i] - row[i - 3]);
        }
    }
    std::unique_ptr<libdeflate_compressor, decltype(&libdeflate_free_compressor)> compressor(libdeflate_alloc_compressor(level),
                                                                                             &libdeflate_free_compressor);
    if (!compressor) throw std::runtime_error("encodePng: cannot make a compressor");
    std::string idat(libdeflate_zlib_compress_bound(compressor.get(), filtered.size()), '\0');
    const std::size_t packed = libdeflate_zlib_compress(compressor.get(), filtered.data(), filtered.size(), idat.data(), idat.size());
    if (!packed) throw std::runtime_error("encodePng: cannot compress");
    idat.resize(packed);

    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string header;
    put32(header, static_cast<std::uint32_t>(width));
    put32(header, static_cast<std::uint32_t>(height));
    header += std::string("\x08\x02\x00\x00\x00", 5);  // 8 bits, truecolour, deflate, adaptive filters, no interlace
    chunk(png, "IHDR", header);
    chunk(png, "IDAT", idat);
    chunk(png, "IEND", {});
    return png;
}

}  // namespace atenscope
