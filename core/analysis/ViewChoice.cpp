// SPDX-License-Identifier: MIT
#include "analysis/ViewChoice.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

namespace atenscope {

std::string_view shortOp(std::string_view t) {
    if (t.starts_with("aten.")) {
        t.remove_prefix(5);
        if (t.ends_with(".default")) t.remove_suffix(8);
    }
    return t;
}

bool movesWeight(std::string_view target) {
    if (target.substr(0, 5) != "ttnn.") return false;  // most nodes: one compare
    static const std::string_view moves[] = {"ttnn.from_torch", "ttnn.to_device", "ttnn.to_layout",
                                             "ttnn.typecast",   "ttnn.as_tensor", "ttnn.to_dtype"};
    return std::find(std::begin(moves), std::end(moves), target) != std::end(moves);
}

FoldedWeights::FoldedWeights(const Graph& graph) {
    const std::size_t n = graph.nodes.size();
    folded_.assign(n, 0);
    moved_.assign(n, 0);
    std::vector<std::uint32_t> root(n, UINT32_MAX);  // the weight a folded node's chain starts from
    bool any = false;
    for (std::uint32_t i = 0; i < n; ++i) {
        const Node& node = graph.nodes[i];
        if (node.isWeight()) {
            folded_[i] = 1;
            root[i] = i;
            any = true;
        } else if (node.op == OpKind::CallFunction && movesWeight(node.target) && !node.inputs.empty() &&
                   std::all_of(node.inputs.begin(), node.inputs.end(), [&](std::uint32_t p) { return p < n && folded_[p]; })) {
            folded_[i] = 1;
            root[i] = root[node.inputs[0]];
            if (node.target == "ttnn.to_device") moved_[root[i]] = 1;
        }
    }
    chipStart_.assign(n + 1, 0);
    if (!any) {
        chipStart_.clear();
        return;
    }
    for (std::uint32_t i = 0; i < n; ++i) {
        chipStart_[i] = static_cast<std::uint32_t>(chipList_.size());
        if (folded_[i]) continue;
        const std::size_t first = chipList_.size();
        for (const std::uint32_t p : graph.nodes[i].inputs)
            if (p < n && folded_[p] &&
                std::find(chipList_.begin() + static_cast<std::ptrdiff_t>(first), chipList_.end(), root[p]) == chipList_.end())
                chipList_.push_back(root[p]);
    }
    chipStart_[n] = static_cast<std::uint32_t>(chipList_.size());
}

namespace {

// "model.layers.3.self_attn" -> "model.layers.#.self_attn": modules repeated in a stack match.
std::string pattern(std::string_view path) {
    std::string out;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('.', start);
        if (end == std::string_view::npos) end = path.size();
        const std::string_view part = path.substr(start, end - start);
        if (!out.empty() || start > 0) out += '.';
        const bool digits = !part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
        out += digits ? std::string_view("#") : part;
        start = end + 1;
    }
    return out;
}

std::string_view shortType(std::string_view type) {
    const auto dot = type.rfind('.');
    return dot == std::string_view::npos ? type : type.substr(dot + 1);
}

struct UnionFind {
    std::vector<std::uint32_t> parent;
    explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
    std::uint32_t find(std::uint32_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    }
    void join(std::uint32_t a, std::uint32_t b) { parent[find(a)] = find(b); }
};

constexpr std::size_t kPlaceNodes = 8;  // a run longer than this is pictured in pieces

}  // namespace

std::vector<Place> remainingPlaces(const Graph& graph, const std::vector<NodeClass>& classes) {
    const std::size_t n = graph.nodes.size();
    std::vector<std::uint32_t> remaining;
    for (std::uint32_t i = 0; i < n && i < classes.size(); ++i)
        if (classes[i] == NodeClass::Remaining) remaining.push_back(i);
    if (remaining.empty()) return {};
    auto moduleOf = [&](std::uint32_t i) -> std::string_view {
        const ModuleFrame* f = graph.nodes[i].innermostModule();
        return f ? f->path : std::string_view();
    };
    // Remaining nodes of one module are one run when an edge joins them, directly or through one
    // node between them.
    std::vector<std::uint32_t> at(n, UINT32_MAX);
    for (std::uint32_t k = 0; k < remaining.size(); ++k) at[remaining[k]] = k;
    UnionFind runs(remaining.size());
    for (std::uint32_t k = 0; k < remaining.size(); ++k) {
        const Node& node = graph.nodes[remaining[k]];
        const std::string_view mod = moduleOf(remaining[k]);
        auto link = [&](std::uint32_t other) {
            if (other < n && at[other] != UINT32_MAX && moduleOf(other) == mod) runs.join(k, at[other]);
        };
        for (const std::uint32_t p : node.inputs) {
            if (p >= n) continue;
            link(p);
            if (classes[p] != NodeClass::Remaining)
                for (const std::uint32_t q : graph.nodes[p].inputs) link(q);
        }
    }
    std::map<std::uint32_t, std::vector<std::uint32_t>> byRun;  // by the run's first node: graph order
    std::unordered_map<std::uint32_t, std::uint32_t> firstOf;
    for (std::uint32_t k = 0; k < remaining.size(); ++k) {
        const std::uint32_t r = runs.find(k);
        const auto [it, added] = firstOf.try_emplace(r, remaining[k]);
        byRun[it->second].push_back(remaining[k]);
    }
    std::vector<Place> places;
    for (auto& [first, nodes] : byRun) {
        for (std::size_t start = 0; start < nodes.size(); start += kPlaceNodes) {
            Place p;
            p.nodes.assign(nodes.begin() + static_cast<std::ptrdiff_t>(start),
                           nodes.begin() + static_cast<std::ptrdiff_t>(std::min(nodes.size(), start + kPlaceNodes)));
            const ModuleFrame* f = graph.nodes[p.nodes.front()].innermostModule();
            p.module = f ? std::string(f->path) : std::string();
            p.moduleType = f ? std::string(shortType(f->type)) : std::string();
            std::map<std::string, int> counts;
            for (const std::uint32_t i : p.nodes) {
                const std::string op(shortOp(graph.nodes[i].target));
                if (counts[op]++ == 0) p.ops.push_back(op);
            }
            p.key = pattern(p.module) + "|";
            for (const std::uint32_t i : p.nodes)
                p.key += std::string(graph.nodes[i].target) + std::string(graph.nodes[i].singleShape()) + ";";
            places.push_back(std::move(p));
        }
    }
    std::unordered_map<std::string, std::size_t> firstWithKey;
    for (std::size_t k = 0; k < places.size(); ++k) {
        const auto [it, added] = firstWithKey.try_emplace(places[k].key, k);
        if (!added) {
            places[k].shown = false;
            places[it->second].alike.push_back(k);
        }
    }
    for (std::size_t k = 0; k < places.size(); ++k)
        if (!places[k].shown) {
            const std::size_t shown = firstWithKey[places[k].key];
            for (const std::size_t other : places[shown].alike)
                if (other != k) places[k].alike.push_back(other);
            places[k].alike.push_back(shown);
        }
    return places;
}

std::vector<std::size_t> chooseGallery(const std::vector<Place>& places, std::size_t limit) {
    std::vector<std::size_t> chosen;
    std::vector<char> taken(places.size(), 0);
    std::set<std::string> covered;
    while (chosen.size() < limit) {
        std::size_t best = SIZE_MAX, bestNew = 0, bestWeight = 0;
        for (std::size_t k = 0; k < places.size(); ++k) {
            if (taken[k] || !places[k].shown) continue;
            std::size_t fresh = 0;
            for (const auto& op : places[k].ops) fresh += covered.count(op) ? 0 : 1;
            const std::size_t weight = places[k].nodes.size() * (1 + places[k].alike.size());
            if (best == SIZE_MAX || fresh > bestNew || (fresh == bestNew && weight > bestWeight)) {
                best = k;
                bestNew = fresh;
                bestWeight = weight;
            }
        }
        if (best == SIZE_MAX) break;
        taken[best] = 1;
        chosen.push_back(best);
        covered.insert(places[best].ops.begin(), places[best].ops.end());
    }
    return chosen;
}

std::vector<char> around(const Graph& graph, std::span<const std::uint32_t> seeds, int hops, const FoldedWeights& folded,
                         std::size_t fanout) {
    const std::size_t n = graph.nodes.size();
    std::vector<char> in(n, 0);
    std::vector<std::uint32_t> frontier;
    for (const std::uint32_t s : seeds)
        if (s < n && !in[s]) {
            in[s] = 1;
            frontier.push_back(s);
        }
    for (int h = 0; h < hops; ++h) {
        std::vector<std::uint32_t> next;
        auto add = [&](std::span<const std::uint32_t> neighbours) {
            std::size_t taken = 0;
            for (const std::uint32_t q : neighbours) {
                if (q >= n || folded.folded(q)) continue;
                if (taken++ == fanout) break;
                if (!in[q]) {
                    in[q] = 1;
                    next.push_back(q);
                }
            }
        };
        for (const std::uint32_t v : frontier) {
            add(graph.nodes[v].inputs);
            add(graph.nodes[v].users);
        }
        frontier = std::move(next);
    }
    return in;
}

}  // namespace atenscope
