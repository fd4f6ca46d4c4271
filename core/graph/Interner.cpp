// SPDX-License-Identifier: MIT
#include "graph/Interner.h"

#include <functional>

namespace atenscope {

namespace {

std::size_t mix(std::size_t h, std::size_t v) {
    return (h ^ v) * 0x100000001b3ull + (h >> 29);
}

std::size_t mix(std::size_t h, std::string_view v) {
    return mix(mix(h, reinterpret_cast<std::size_t>(v.data())), v.size());
}

bool same(std::string_view a, std::string_view b) {
    return a.data() == b.data() && a.size() == b.size();
}

bool same(const ModuleFrame& a, const ModuleFrame& b) {
    return same(a.key, b.key) && same(a.path, b.path) && same(a.type, b.type);
}

template <typename T>
bool sameItems(std::span<const T> a, std::span<const T> b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!same(a[i], b[i])) return false;
    return true;
}

template <typename T>
std::span<const T> keep(Arena& arena, std::span<const T> items) {
    std::span<T> kept = arena.make<T>(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) kept[i] = items[i];
    return kept;
}

}  // namespace

std::size_t Interner::Identity::operator()(std::span<const std::string_view> s) const noexcept {
    std::size_t h = s.size();
    for (const auto& v : s) h = mix(h, v);
    return h;
}

std::size_t Interner::Identity::operator()(std::span<const ModuleFrame> s) const noexcept {
    std::size_t h = s.size();
    for (const auto& f : s) h = mix(mix(mix(h, f.key), f.path), f.type);
    return h;
}

std::size_t Interner::Identity::operator()(const NodeExtras* e) const noexcept {
    std::size_t h = mix(reinterpret_cast<std::size_t>(e->moduleStack.data()), e->moduleStack.size());
    h = mix(h, e->stackTrace);
    return mix(mix(h, reinterpret_cast<std::size_t>(e->sourceFns.data())), e->sourceFns.size());
}

bool Interner::Identity::operator()(std::span<const std::string_view> a, std::span<const std::string_view> b) const noexcept {
    return sameItems(a, b);
}

bool Interner::Identity::operator()(std::span<const ModuleFrame> a, std::span<const ModuleFrame> b) const noexcept {
    return sameItems(a, b);
}

bool Interner::Identity::operator()(const NodeExtras* a, const NodeExtras* b) const noexcept {
    return a->moduleStack.data() == b->moduleStack.data() && a->moduleStack.size() == b->moduleStack.size() &&
           same(a->stackTrace, b->stackTrace) && a->sourceFns.data() == b->sourceFns.data() && a->sourceFns.size() == b->sourceFns.size();
}

std::size_t Interner::SampledHash::operator()(std::string_view s) const noexcept {
    constexpr std::size_t kWhole = 128;
    if (s.size() <= kWhole) return std::hash<std::string_view>()(s);
    // The head, the tail (where stack traces differ: the innermost frames) and the middle.
    std::size_t h = std::hash<std::string_view>()(s.substr(0, 64));
    h = h * 31 + std::hash<std::string_view>()(s.substr(s.size() - 64));
    h = h * 31 + std::hash<std::string_view>()(s.substr(s.size() / 2, 32));
    return h ^ s.size();
}

std::string_view Interner::string(std::string_view s) {
    if (s.empty()) return {};
    if (const auto it = strings_.find(s); it != strings_.end()) return *it;
    const std::string_view kept = arena_.copy(s);
    strings_.insert(kept);
    return kept;
}

std::span<const std::string_view> Interner::strings(std::span<const std::string_view> items) {
    if (items.empty()) return {};
    if (const auto it = stringArrays_.find(items); it != stringArrays_.end()) return *it;
    const auto kept = keep(arena_, items);
    stringArrays_.insert(kept);
    return kept;
}

std::span<const ModuleFrame> Interner::frames(std::span<const ModuleFrame> items) {
    if (items.empty()) return {};
    if (const auto it = frameArrays_.find(items); it != frameArrays_.end()) return *it;
    const auto kept = keep(arena_, items);
    frameArrays_.insert(kept);
    return kept;
}

const NodeExtras* Interner::extras(const NodeExtras& e) {
    if (e.moduleStack.empty() && e.stackTrace.empty() && e.sourceFns.empty()) return nullptr;
    if (const auto it = extras_.find(&e); it != extras_.end()) return *it;
    NodeExtras* kept = &arena_.make<NodeExtras>(1)[0];
    *kept = e;
    extras_.insert(kept);
    return kept;
}

}  // namespace atenscope
