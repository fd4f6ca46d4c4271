// SPDX-License-Identifier: MIT
#pragma once
// One copy of each distinct value in an arena. A compiled LLM graph repeats a few hundred
// stack traces and module stacks over 100,000 nodes: readers keep each once and let the
// nodes share it (docs/benchmarks.md). One interner serves one arena.
#include "base/Arena.h"
#include "graph/Graph.h"

#include <span>
#include <string_view>
#include <unordered_set>

namespace atenscope {

class Interner {
public:
    explicit Interner(Arena& arena) : arena_(arena) {}
    Interner(const Interner&) = delete;
    Interner& operator=(const Interner&) = delete;

    std::string_view string(std::string_view s);
    // Arrays of interned strings (or frames of them): equal when their views are, so
    // they are told apart by the strings' addresses, never by reading the strings.
    std::span<const std::string_view> strings(std::span<const std::string_view> items);
    std::span<const ModuleFrame> frames(std::span<const ModuleFrame> items);
    // Extras made of interned parts; null when they hold nothing.
    const NodeExtras* extras(const NodeExtras& e);

    // Hashes and compares by identity: addresses and sizes of interned views.
    struct Identity {
        std::size_t operator()(std::span<const std::string_view> s) const noexcept;
        std::size_t operator()(std::span<const ModuleFrame> s) const noexcept;
        std::size_t operator()(const NodeExtras* e) const noexcept;
        bool operator()(std::span<const std::string_view> a, std::span<const std::string_view> b) const noexcept;
        bool operator()(std::span<const ModuleFrame> a, std::span<const ModuleFrame> b) const noexcept;
        bool operator()(const NodeExtras* a, const NodeExtras* b) const noexcept;
    };
    // Hashes a long string by its length and samples of it: a stack trace is ~2 kB, and
    // hashing every byte of every node's trace cost more than keeping the copies.
    struct SampledHash {
        std::size_t operator()(std::string_view s) const noexcept;
    };

private:
    Arena& arena_;
    std::unordered_set<std::string_view, SampledHash> strings_;
    std::unordered_set<std::span<const std::string_view>, Identity, Identity> stringArrays_;
    std::unordered_set<std::span<const ModuleFrame>, Identity, Identity> frameArrays_;
    std::unordered_set<const NodeExtras*, Identity, Identity> extras_;
};

}  // namespace atenscope
