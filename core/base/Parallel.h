// SPDX-License-Identifier: MIT
#pragma once
// Work on large graphs split into contiguous ranges, one thread per range.
#include <cstddef>
#include <functional>

namespace atenscope {

// How many ranges forRanges splits n items into: 1 below `minPerRange` items a range,
// at most the machine's hardware threads.
std::size_t rangeCount(std::size_t n, std::size_t minPerRange);

// Runs body(part, begin, end) for the rangeCount() contiguous ranges of [0, n), each on its
// own thread (the first on the caller's). All ranges finish; then the exception of the
// earliest range that threw, if any, is rethrown, so errors come out in input order.
void forRanges(std::size_t n, std::size_t minPerRange,
               const std::function<void(std::size_t part, std::size_t begin, std::size_t end)>& body);

}  // namespace atenscope
