// SPDX-License-Identifier: MIT
#pragma once
// Storage for the many small strings and arrays of a graph or a report: carved from large
// blocks and freed all at once. A graph of 100,000 nodes needs a few hundred blocks instead
// of a million heap allocations (docs/benchmarks.md).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace atenscope {

class Arena {
public:
    Arena() = default;
    Arena(Arena&&) noexcept = default;
    Arena& operator=(Arena&&) noexcept = default;
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;

    // A copy of `s` that lives as long as the arena.
    std::string_view copy(std::string_view s) {
        if (s.empty()) return {};
        char* p = static_cast<char*>(allocate(s.size(), 1));
        std::memcpy(p, s.data(), s.size());
        return {p, s.size()};
    }
    // n value-initialised Ts. Only for types without destructors: none is ever run.
    template <typename T>
    std::span<T> make(std::size_t n) {
        static_assert(std::is_trivially_destructible_v<T>);
        if (n == 0) return {};
        T* p = static_cast<T*>(allocate(n * sizeof(T), alignof(T)));
        for (std::size_t i = 0; i < n; ++i) ::new (static_cast<void*>(p + i)) T();
        return {p, n};
    }
    template <typename T>
    std::span<T> copy(std::span<const T> items) {
        std::span<T> out = make<T>(items.size());
        for (std::size_t i = 0; i < items.size(); ++i) out[i] = items[i];
        return out;
    }
    // Takes over what `other` holds; views into it stay valid.
    void adopt(Arena&& other) {
        for (auto& b : other.blocks_) blocks_.push_back(std::move(b));
        other.blocks_.clear();
        other.at_ = other.end_ = nullptr;
    }
    // Bytes held in blocks.
    std::size_t capacity() const { return capacity_; }

private:
    static constexpr std::size_t kBlock = 64 * 1024;

    void* allocate(std::size_t bytes, std::size_t align) {
        auto at = reinterpret_cast<std::uintptr_t>(at_);
        at = (at + align - 1) & ~(std::uintptr_t(align) - 1);
        if (at_ == nullptr || at + bytes > reinterpret_cast<std::uintptr_t>(end_)) return fresh(bytes, align);
        at_ = reinterpret_cast<char*>(at + bytes);
        return reinterpret_cast<void*>(at);
    }
    void* fresh(std::size_t bytes, std::size_t align) {
        const std::size_t size = bytes + align > kBlock / 4 ? bytes + align : kBlock;
        blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
        capacity_ += size;
        char* block = blocks_.back().get();
        if (size != kBlock) {
            // A large item gets a block of its own; the current block stays in use.
            auto at = reinterpret_cast<std::uintptr_t>(block);
            return reinterpret_cast<void*>((at + align - 1) & ~(std::uintptr_t(align) - 1));
        }
        at_ = block;
        end_ = block + size;
        return allocate(bytes, align);
    }

    std::vector<std::unique_ptr<char[]>> blocks_;
    char* at_ = nullptr;
    char* end_ = nullptr;
    std::size_t capacity_ = 0;
};

}  // namespace atenscope
