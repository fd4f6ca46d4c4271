// SPDX-License-Identifier: MIT
#include "base/Parallel.h"

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace atenscope {

std::size_t rangeCount(std::size_t n, std::size_t minPerRange) {
    const std::size_t hardware = std::max(1u, std::thread::hardware_concurrency());
    return std::clamp<std::size_t>(n / std::max<std::size_t>(minPerRange, 1), 1, hardware);
}

void forRanges(std::size_t n, std::size_t minPerRange, const std::function<void(std::size_t, std::size_t, std::size_t)>& body) {
    const std::size_t parts = rangeCount(n, minPerRange);
    std::vector<std::exception_ptr> errors(parts);
    auto run = [&](std::size_t part) {
        try {
            body(part, n * part / parts, n * (part + 1) / parts);
        } catch (...) {
            errors[part] = std::current_exception();
        }
    };
    std::vector<std::thread> threads;
    threads.reserve(parts - 1);
    for (std::size_t part = 1; part < parts; ++part) threads.emplace_back(run, part);
    run(0);
    for (auto& t : threads) t.join();
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
}

}  // namespace atenscope
