// SPDX-License-Identifier: MIT
// The layered (Sugiyama) layout of large graphs (docs/layout.md): cycles broken, ranks by
// longest path with sources pulled down to their first user, long edges through dummy nodes,
// crossings reduced by median sweeps with transposition, coordinates by Brandes-Koepf (four
// alignments, balanced), edges routed so that they never pass through a node: vertical
// inside a rank's band at their own slot, curved only in the free gaps between ranks. Edges
// too long for dummies run down a channel beside the drawing.
#include "layout/Layout.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <numeric>

namespace atenscope {

namespace {

constexpr double kRankGap = 36;
constexpr double kNodeGap = 18;
constexpr double kDummyWidth = 2;
constexpr double kDummyGap = 8;
constexpr double kLaneGap = 6;
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

struct Work {
    std::size_t real = 0;                              // nodes [0, real) are the graph's, the rest dummies
    std::vector<double> width;                         // per node
    std::vector<std::uint32_t> rank;                   // per node
    std::vector<std::vector<std::uint32_t>> up, down;  // neighbours one rank above / below
    std::vector<std::vector<std::uint32_t>> layers;    // per rank, in order
    std::vector<std::uint32_t> pos;                    // per node: its index in its layer
    bool isDummy(std::uint32_t v) const { return v >= real; }
};

// A long edge as a chain: source, dummies in rank order, target.
struct Chain {
    std::uint32_t from = 0, to = 0;  // the graph's edge (as given)
    bool reversed = false;           // drawn against its direction (it closed a cycle)
    bool channel = false;            // too long for dummies: runs down the side
    std::vector<std::uint32_t> nodes;
};

// Crossings between two adjacent layers, by the accumulator tree of Barth, Juenger and Mutzel.
std::uint64_t crossings(const Work& w, std::uint32_t r) {
    const auto& upper = w.layers[r];
    const auto& lower = w.layers[r + 1];
    if (upper.empty() || lower.empty()) return 0;
    std::vector<std::uint32_t> targets;
    for (const auto u : upper) {
        const std::size_t start = targets.size();
        for (const auto v : w.down[u]) targets.push_back(w.pos[v]);
        std::sort(targets.begin() + static_cast<std::ptrdiff_t>(start), targets.end());
    }
    std::size_t first = 1;
    while (first < lower.size()) first <<= 1;
    std::vector<std::uint64_t> tree(2 * first - 1, 0);
    --first;
    std::uint64_t count = 0;
    for (const auto t : targets) {
        std::size_t i = t + first;
        ++tree[i];
        while (i > 0) {
            if (i % 2) count += tree[i + 1];
            i = (i - 1) / 2;
            ++tree[i];
        }
    }
    return count;
}

std::uint64_t totalCrossings(const Work& w) {
    std::uint64_t c = 0;
    for (std::uint32_t r = 0; r + 1 < w.layers.size(); ++r) c += crossings(w, r);
    return c;
}

void renumber(Work& w, std::uint32_t r) {
    for (std::uint32_t k = 0; k < w.layers[r].size(); ++k) w.pos[w.layers[r][k]] = k;
}

// One sweep: each layer ordered by the median position of its neighbours in the layer before.
void sweep(Work& w, bool downward) {
    const auto ranks = static_cast<std::uint32_t>(w.layers.size());
    std::vector<double> key;
    std::vector<std::uint32_t> ps;
    for (std::uint32_t step = 1; step < ranks; ++step) {
        const std::uint32_t r = downward ? step : ranks - 1 - step;
        auto& layer = w.layers[r];
        key.assign(layer.size(), 0);
        for (std::size_t k = 0; k < layer.size(); ++k) {
            const auto& nbrs = downward ? w.up[layer[k]] : w.down[layer[k]];
            if (nbrs.empty()) {
                key[k] = -1;  // keeps its place (below)
                continue;
            }
            ps.clear();
            for (const auto u : nbrs) ps.push_back(w.pos[u]);
            std::sort(ps.begin(), ps.end());
            const std::size_t m = ps.size() / 2;
            key[k] = ps.size() % 2 ? ps[m] : (ps[m - 1] + ps[m]) / 2.0;
        }
        // Nodes without neighbours there stay where they are; the others are sorted around them.
        std::vector<std::uint32_t> movable;
        std::vector<std::size_t> slots;
        for (std::size_t k = 0; k < layer.size(); ++k)
            if (key[k] >= 0) {
                movable.push_back(static_cast<std::uint32_t>(k));
                slots.push_back(k);
            }
        std::stable_sort(movable.begin(), movable.end(), [&](std::uint32_t a, std::uint32_t b) { return key[a] < key[b]; });
        std::vector<std::uint32_t> next = layer;
        for (std::size_t i = 0; i < movable.size(); ++i) next[slots[i]] = layer[movable[i]];
        layer = std::move(next);
        renumber(w, r);
    }
}

// Crossings of the edges of u and v (u left of v) with each other, on one side.
std::uint64_t pairCrossings(const Work& w, const std::vector<std::uint32_t>& eu, const std::vector<std::uint32_t>& ev) {
    std::uint64_t c = 0;
    for (const auto a : eu)
        for (const auto b : ev)
            if (w.pos[a] > w.pos[b]) ++c;
    return c;
}

// Adjacent swaps that lower the crossings on both sides; true when any was made.
bool transpose(Work& w, std::size_t maxDegree) {
    bool improved = false;
    for (std::uint32_t r = 0; r < w.layers.size(); ++r) {
        auto& layer = w.layers[r];
        for (std::size_t k = 0; k + 1 < layer.size(); ++k) {
            const auto u = layer[k], v = layer[k + 1];
            if (w.up[u].size() + w.down[u].size() > maxDegree || w.up[v].size() + w.down[v].size() > maxDegree) continue;
            const std::uint64_t now = pairCrossings(w, w.up[u], w.up[v]) + pairCrossings(w, w.down[u], w.down[v]);
            const std::uint64_t swapped = pairCrossings(w, w.up[v], w.up[u]) + pairCrossings(w, w.down[v], w.down[u]);
            if (swapped < now) {
                std::swap(layer[k], layer[k + 1]);
                w.pos[u] = static_cast<std::uint32_t>(k + 1);
                w.pos[v] = static_cast<std::uint32_t>(k);
                improved = true;
            }
        }
    }
    return improved;
}

double separation(const Work& w, std::uint32_t a, std::uint32_t b) {
    const double gap = w.isDummy(a) || w.isDummy(b) ? kDummyGap : kNodeGap;
    return w.width[a] / 2 + w.width[b] / 2 + gap;
}

// Brandes-Koepf: segments between two dummies (inner segments) crossed by others win; the
// others are marked and not aligned.
std::vector<std::vector<std::uint32_t>> markConflicts(const Work& w) {
    std::vector<std::vector<std::uint32_t>> marked(w.width.size());  // per lower node: marked upper neighbours
    auto innerUpper = [&](std::uint32_t v) -> std::uint32_t {
        if (!w.isDummy(v)) return kNone;
        for (const auto u : w.up[v])
            if (w.isDummy(u)) return u;
        return kNone;
    };
    for (std::uint32_t r = 1; r + 1 < w.layers.size(); ++r) {
        const auto& upper = w.layers[r];
        const auto& lower = w.layers[r + 1];
        std::uint32_t k0 = 0;
        std::size_t l = 0;
        for (std::size_t l1 = 0; l1 < lower.size(); ++l1) {
            const std::uint32_t inner = innerUpper(lower[l1]);
            if (l1 + 1 == lower.size() || inner != kNone) {
                const std::uint32_t k1 = inner != kNone ? w.pos[inner] : static_cast<std::uint32_t>(upper.size() - 1);
                for (; l <= l1; ++l)
                    for (const auto u : w.up[lower[l]])
                        if (w.pos[u] < k0 || w.pos[u] > k1) marked[lower[l]].push_back(u);
                k0 = k1;
            }
        }
    }
    return marked;
}

// One of the four placements: aligned to the upper (or lower) medians, compacted to the left
// (or right). Returns x per node.
std::vector<double> placement(const Work& w, const std::vector<std::vector<std::uint32_t>>& marked, bool fromTop, bool fromLeft) {
    const std::size_t n = w.width.size();
    std::vector<std::uint32_t> root(n), align(n);
    std::iota(root.begin(), root.end(), 0u);
    std::iota(align.begin(), align.end(), 0u);
    const auto ranks = static_cast<std::uint32_t>(w.layers.size());
    auto isMarked = [&](std::uint32_t upper, std::uint32_t lower) {
        const auto& m = marked[lower];
        return std::find(m.begin(), m.end(), upper) != m.end();
    };
    std::vector<std::uint32_t> nbrs;
    for (std::uint32_t step = 1; step < ranks; ++step) {
        const std::uint32_t r = fromTop ? step : ranks - 1 - step;
        const auto& layer = w.layers[r];
        std::int64_t last = fromLeft ? -1 : std::numeric_limits<std::int64_t>::max();
        for (std::size_t s = 0; s < layer.size(); ++s) {
            const std::uint32_t v = layer[fromLeft ? s : layer.size() - 1 - s];
            nbrs = fromTop ? w.up[v] : w.down[v];
            if (nbrs.empty()) continue;
            std::sort(nbrs.begin(), nbrs.end(), [&](auto a, auto b) { return w.pos[a] < w.pos[b]; });
            const std::size_t d = nbrs.size();
            std::array<std::size_t, 2> medians{(d - 1) / 2, d / 2};
            if (!fromLeft) std::swap(medians[0], medians[1]);
            for (const std::size_t m : medians) {
                if (align[v] != v) break;
                const std::uint32_t u = nbrs[m];
                const bool ok = fromLeft ? last < static_cast<std::int64_t>(w.pos[u]) : last > static_cast<std::int64_t>(w.pos[u]);
                if (ok && !(fromTop ? isMarked(u, v) : isMarked(v, u))) {
                    align[u] = v;
                    root[v] = root[u];
                    align[v] = root[v];
                    last = w.pos[u];
                }
            }
        }
    }
    // Compaction: blocks (roots) placed by the longest path of separation constraints between
    // neighbours in a layer, left to right (or right to left, mirrored).
    std::vector<std::vector<std::pair<std::uint32_t, double>>> right(n);  // root -> (root to its right, min distance)
    std::vector<std::uint32_t> indeg(n, 0);
    for (const auto& layer : w.layers)
        for (std::size_t s = 0; s + 1 < layer.size(); ++s) {
            const std::uint32_t a = layer[fromLeft ? s : layer.size() - 1 - s];
            const std::uint32_t b = layer[fromLeft ? s + 1 : layer.size() - 2 - s];
            right[root[a]].emplace_back(root[b], separation(w, a, b));
            ++indeg[root[b]];
        }
    std::vector<double> x(n, 0);
    std::vector<std::uint32_t> queue;
    for (std::uint32_t v = 0; v < n; ++v)
        if (root[v] == v && indeg[v] == 0) queue.push_back(v);
    for (std::size_t q = 0; q < queue.size(); ++q) {
        const std::uint32_t a = queue[q];
        for (const auto& [b, d] : right[a]) {
            x[b] = std::max(x[b], x[a] + d);
            if (--indeg[b] == 0) queue.push_back(b);
        }
    }
    for (std::uint32_t v = 0; v < n; ++v) x[v] = fromLeft ? x[root[v]] : -x[root[v]];
    return x;
}

std::vector<double> coordinates(const Work& w) {
    const auto marked = markConflicts(w);
    std::array<std::vector<double>, 4> xs{placement(w, marked, true, true), placement(w, marked, true, false),
                                          placement(w, marked, false, true), placement(w, marked, false, false)};
    // Aligned to the narrowest: left placements share its left edge, right ones its right edge.
    std::array<double, 4> lo{}, hi{};
    std::size_t narrowest = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        lo[i] = std::numeric_limits<double>::max();
        hi[i] = std::numeric_limits<double>::lowest();
        for (std::size_t v = 0; v < xs[i].size(); ++v) {
            lo[i] = std::min(lo[i], xs[i][v] - w.width[v] / 2);
            hi[i] = std::max(hi[i], xs[i][v] + w.width[v] / 2);
        }
        if (hi[i] - lo[i] < hi[narrowest] - lo[narrowest]) narrowest = i;
    }
    for (std::size_t i = 0; i < 4; ++i) {
        const double shift = i % 2 == 0 ? lo[narrowest] - lo[i] : hi[narrowest] - hi[i];
        for (auto& v : xs[i]) v += shift;
    }
    // Balanced (the median of the four) when they are alike; on graphs where long blocks push
    // a compaction far to one side (a layered transformer: one placement 3x, another 40x the
    // narrowest), the mean of those within 1.5x of the narrowest.
    std::vector<std::size_t> alike;
    for (std::size_t i = 0; i < 4; ++i)
        if (hi[i] - lo[i] <= 1.5 * (hi[narrowest] - lo[narrowest])) alike.push_back(i);
    std::vector<double> x(w.width.size());
    for (std::size_t v = 0; v < x.size(); ++v) {
        if (alike.size() == 4) {
            std::array<double, 4> c{xs[0][v], xs[1][v], xs[2][v], xs[3][v]};
            std::sort(c.begin(), c.end());
            x[v] = (c[1] + c[2]) / 2;
        } else {
            double sum = 0;
            for (const auto i : alike) sum += xs[i][v];
            x[v] = sum / static_cast<double>(alike.size());
        }
    }
    // The balance keeps the order; separation is made sure of, left to right.
    for (const auto& layer : w.layers)
        for (std::size_t s = 1; s < layer.size(); ++s)
            x[layer[s]] = std::max(x[layer[s]], x[layer[s - 1]] + separation(w, layer[s - 1], layer[s]));
    return x;
}

class LayeredLayout final : public LayoutEngine {
public:
    std::string_view name() const override { return "layered"; }

    LayoutResult layout(const LayoutInput& in) const override {
        const std::size_t n = in.nodes.size();
        LayoutResult out;
        out.engine = std::string(name());
        out.centers.resize(n);
        if (n == 0) return out;

        // Cycles broken: Kahn's order, then what is left in index order; an edge against that
        // order is laid out reversed.
        std::vector<std::vector<std::uint32_t>> succ(n);
        std::vector<std::uint32_t> indeg(n, 0);
        for (const auto& [a, b] : in.edges)
            if (a < n && b < n && a != b) {
                succ[a].push_back(b);
                ++indeg[b];
            }
        std::vector<std::uint32_t> order, ord(n, kNone);
        for (std::uint32_t i = 0; i < n; ++i)
            if (!indeg[i]) order.push_back(i);
        for (std::size_t k = 0; k < order.size(); ++k)
            for (const auto s : succ[order[k]])
                if (--indeg[s] == 0) order.push_back(s);
        for (std::size_t k = 0; k < order.size(); ++k) ord[order[k]] = static_cast<std::uint32_t>(k);
        for (std::uint32_t i = 0; i < n; ++i)
            if (ord[i] == kNone) {
                ord[i] = static_cast<std::uint32_t>(order.size());
                order.push_back(i);
            }
        struct Directed {
            std::uint32_t from, to;  // as laid out
            std::size_t edge;        // index in the input
            bool reversed;
        };
        std::vector<Directed> dag;
        std::vector<std::vector<std::uint32_t>> preds(n), succs(n);
        for (std::size_t e = 0; e < in.edges.size(); ++e) {
            const auto [a, b] = in.edges[e];
            if (a >= n || b >= n || a == b) continue;
            const bool rev = ord[a] > ord[b];
            const std::uint32_t u = rev ? b : a, v = rev ? a : b;
            dag.push_back({u, v, e, rev});
            preds[v].push_back(u);
            succs[u].push_back(v);
        }

        // Ranks: longest path; then sources, and single-input chains hanging off them (a
        // weight's transpose, view, cast), sit just above their first user (in reverse
        // topological order, so that a chain's head follows the links below it).
        Work w;
        w.real = n;
        w.rank.assign(n, 0);
        for (const auto v : order)
            for (const auto s : succs[v]) w.rank[s] = std::max(w.rank[s], w.rank[v] + 1);
        // So do nodes of one input (an alias, a view of a value used far below): their one long
        // edge then leaves a shared bus (below) instead of a row of them widening a rank.
        for (auto it = order.rbegin(); it != order.rend(); ++it) {
            const auto v = *it;
            if (preds[v].size() > 1 || succs[v].empty()) continue;
            std::uint32_t first = kNone;
            for (const auto s : succs[v]) first = std::min(first, w.rank[s]);
            w.rank[v] = std::max(w.rank[v], first > 0 ? first - 1 : 0);
        }
        if (!in.pin.empty()) {
            std::uint32_t last = 0;
            for (std::uint32_t v = 0; v < n; ++v)
                if (in.pin[v] <= 0) last = std::max(last, w.rank[v]);
            for (std::uint32_t v = 0; v < n; ++v)
                if (in.pin[v] < 0 && preds[v].empty()) {
                    w.rank[v] = 0;
                } else if (in.pin[v] > 0 && succs[v].empty()) {
                    w.rank[v] = last + 1;
                }
        }
        const std::uint32_t ranks = *std::max_element(w.rank.begin(), w.rank.end()) + 1;
        w.width.resize(n);
        for (std::size_t i = 0; i < n; ++i) w.width[i] = in.nodes[i].width;

        // Long edges through dummies, the shortest first, within a budget of dummies (eight
        // times the nodes, twice past 30,000: time and memory); longer ones run down a channel.
        std::vector<std::size_t> byLength(dag.size());
        std::iota(byLength.begin(), byLength.end(), std::size_t{0});
        std::stable_sort(byLength.begin(), byLength.end(), [&](std::size_t a, std::size_t b) {
            return w.rank[dag[a].to] - w.rank[dag[a].from] < w.rank[dag[b].to] - w.rank[dag[b].from];
        });
        std::size_t budget = (n <= 30000 ? 8 * n : 2 * n) + 64;
        std::vector<Chain> chains(dag.size());
        std::vector<std::vector<std::uint32_t>> buses(n);  // per source: its dummies, rank by rank
        w.up.resize(n);
        w.down.resize(n);
        for (const std::size_t d : byLength) {
            const Directed& e = dag[d];
            Chain& c = chains[d];
            c.from = in.edges[e.edge].first;
            c.to = in.edges[e.edge].second;
            c.reversed = e.reversed;
            const std::uint32_t span = w.rank[e.to] - w.rank[e.from];
            if (span > 1 && span - 1 > budget + buses[e.from].size()) {
                c.channel = true;
                c.nodes = {e.from, e.to};
                continue;
            }
            // The long edges of one source share its bus: one dummy a rank, as far down as the
            // farthest of them; each leaves it just above its target (drawn as one line
            // branching, like a bundled edge).
            auto& bus = buses[e.from];
            const std::size_t needed = span > 1 ? span - 1 : 0;
            if (needed > bus.size()) budget -= needed - bus.size();
            c.nodes.push_back(e.from);
            std::uint32_t prev = e.from;
            for (std::size_t k = 0; k < needed; ++k) {
                if (k == bus.size()) {
                    const auto dummy = static_cast<std::uint32_t>(w.width.size());
                    w.width.push_back(kDummyWidth);
                    w.rank.push_back(w.rank[e.from] + 1 + static_cast<std::uint32_t>(k));
                    w.up.emplace_back();
                    w.down.emplace_back();
                    w.up[dummy].push_back(prev);
                    w.down[prev].push_back(dummy);
                    bus.push_back(dummy);
                }
                prev = bus[k];
                c.nodes.push_back(prev);
            }
            w.up[e.to].push_back(prev);
            w.down[prev].push_back(e.to);
            c.nodes.push_back(e.to);
        }

        // Initial order: each node after its first predecessor's (a depth-first walk from the
        // sources), then median sweeps with transposition while they help, bounded by size.
        const std::size_t total = w.width.size();
        w.layers.assign(ranks, {});
        w.pos.assign(total, 0);
        {
            std::vector<char> seen(total, 0);
            std::vector<std::uint32_t> stack;
            auto visit = [&](std::uint32_t s) {
                stack.push_back(s);
                while (!stack.empty()) {
                    const auto v = stack.back();
                    stack.pop_back();
                    if (seen[v]) continue;
                    seen[v] = 1;
                    w.layers[w.rank[v]].push_back(v);
                    for (auto it = w.down[v].rbegin(); it != w.down[v].rend(); ++it)
                        if (!seen[*it]) stack.push_back(*it);
                }
            };
            for (const auto v : order)
                if (w.up[v].empty()) visit(v);
            for (std::uint32_t v = 0; v < total; ++v)
                if (!seen[v]) visit(v);
            for (std::uint32_t r = 0; r < ranks; ++r) renumber(w, r);
        }
        const int sweeps = total <= 6000 ? 12 : total <= 60000 ? 6 : 4;
        const bool transposing = total <= 60000;
        std::uint64_t best = totalCrossings(w);
        auto bestLayers = w.layers;
        for (int s = 0; s < sweeps && best > 0; ++s) {
            sweep(w, s % 2 == 0);
            if (transposing)
                for (int t = 0; t < 4 && transpose(w, 64); ++t) {
                }
            const std::uint64_t c = totalCrossings(w);
            if (c < best) {
                best = c;
                bestLayers = w.layers;
            }
        }
        w.layers = std::move(bestLayers);
        for (std::uint32_t r = 0; r < ranks; ++r) renumber(w, r);

        // Coordinates: x by Brandes-Koepf, y by ranks (a band as high as the rank's tallest).
        std::vector<double> x = coordinates(w);
        double minX = std::numeric_limits<double>::max(), maxX = std::numeric_limits<double>::lowest();
        for (std::size_t v = 0; v < total; ++v) {
            minX = std::min(minX, x[v] - w.width[v] / 2);
            maxX = std::max(maxX, x[v] + w.width[v] / 2);
        }
        std::vector<double> top(ranks), bottom(ranks);
        double y = kRankGap / 2;
        for (std::uint32_t r = 0; r < ranks; ++r) {
            double h = 0;
            for (const auto v : w.layers[r])
                if (!w.isDummy(v)) h = std::max(h, in.nodes[v].height);
            top[r] = y;
            bottom[r] = y + h;
            y += h + kRankGap;
        }

        // Channel edges: lanes left of the drawing. The channel edges of one source share a lane
        // (down to the farthest of their targets: a bus, as within the budget), and lanes are
        // shared where their spans do not meet. A value that feeds every layer of a stack (a mask,
        // rotary tables) is one line down the side, not a thousand.
        std::vector<std::uint32_t> sourceEnd(n, 0);  // per source: the farthest rank its channel edges reach
        std::vector<std::uint32_t> sources;
        for (const Chain& ch : chains)
            if (ch.channel) {
                const std::uint32_t v = ch.nodes[0];
                if (sourceEnd[v] == 0) sources.push_back(v);
                sourceEnd[v] = std::max(sourceEnd[v], w.rank[ch.nodes[1]]);
            }
        std::stable_sort(sources.begin(), sources.end(), [&](std::uint32_t a, std::uint32_t b) { return w.rank[a] < w.rank[b]; });
        std::vector<std::uint32_t> laneEnd;  // per lane: the last rank it is used down to
        std::vector<std::size_t> laneOfSource(n, 0);
        for (const std::uint32_t v : sources) {
            std::size_t lane = 0;
            while (lane < laneEnd.size() && laneEnd[lane] >= w.rank[v]) ++lane;
            if (lane == laneEnd.size()) laneEnd.push_back(0);
            laneEnd[lane] = sourceEnd[v];
            laneOfSource[v] = lane;
        }
        std::vector<std::size_t> laneOf(chains.size(), 0);
        for (std::size_t c = 0; c < chains.size(); ++c)
            if (chains[c].channel) laneOf[c] = laneOfSource[chains[c].nodes[0]];
        const double shiftX = -minX + kNodeGap / 2 + static_cast<double>(laneEnd.size()) * kLaneGap + (laneEnd.empty() ? 0 : kNodeGap);
        for (std::size_t v = 0; v < n; ++v) out.centers[v] = {x[v] + shiftX, (top[w.rank[v]] + bottom[w.rank[v]]) / 2};
        out.width = maxX + shiftX + kNodeGap / 2;
        out.height = y;

        // Routes as cubic Beziers: straight down a band at the slot's x, an S-curve across a gap.
        auto nodeTop = [&](std::uint32_t v) { return out.centers[v].y - in.nodes[v].height / 2; };
        auto nodeBottom = [&](std::uint32_t v) { return out.centers[v].y + in.nodes[v].height / 2; };
        // A bus is drawn once, by its longest edge; the others draw their branch off it.
        std::vector<std::size_t> trunk(n, SIZE_MAX);
        for (std::size_t c = 0; c < chains.size(); ++c) {
            const Chain& ch = chains[c];
            if (ch.channel || ch.nodes.size() < 3) continue;
            std::size_t& owner = trunk[ch.nodes.front()];
            if (owner == SIZE_MAX || chains[owner].nodes.size() < ch.nodes.size()) owner = c;
        }
        for (std::size_t c = 0; c < chains.size(); ++c) {
            const Chain& ch = chains[c];
            if (ch.nodes.empty()) continue;
            LayoutResult::Edge e;
            e.from = ch.from;
            e.to = ch.to;
            const std::uint32_t s = ch.nodes.front(), t = ch.nodes.back();
            std::vector<Point>& p = e.points;
            if (ch.channel) {
                // Down out of the source's band, across its gap to the lane, down the lane,
                // across the gap above the target, into the target.
                const double lane = kNodeGap / 2 + static_cast<double>(laneOf[c]) * kLaneGap;
                const double xs = x[s] + shiftX, xt = x[t] + shiftX;
                const double g1 = bottom[w.rank[s]] + kRankGap / 2, g2 = top[w.rank[t]] - kRankGap / 2;
                p.push_back({xs, nodeBottom(s)});
                appendLine(p, {xs, g1});
                appendLine(p, {lane, g1});
                appendLine(p, {lane, g2});
                appendLine(p, {xt, g2});
                appendLine(p, {xt, nodeTop(t)});
            } else {
                std::size_t first = 0;
                if (ch.nodes.size() >= 3 && trunk[s] != c) {
                    // A branch: from the bus where it passes the rank above the target.
                    first = ch.nodes.size() - 2;
                    const std::uint32_t d = ch.nodes[first];
                    p.push_back({x[d] + shiftX, bottom[w.rank[d]]});
                    ++first;
                } else {
                    p.push_back({x[s] + shiftX, nodeBottom(s)});
                }
                for (std::size_t k = first; k < ch.nodes.size(); ++k) {
                    const std::uint32_t v = ch.nodes[k];
                    const double xv = x[v] + shiftX;
                    const std::uint32_t r = w.rank[v];
                    if (k > 0) {
                        // Across the gap above rank r: leaves and arrives vertically.
                        const Point a = p.back(), b{xv, top[r]};
                        const double mid = (a.y + b.y) / 2;
                        p.push_back({a.x, mid});
                        p.push_back({b.x, mid});
                        p.push_back(b);
                    }
                    if (k + 1 < ch.nodes.size()) {
                        // Down through rank r's band at the slot (to the band's bottom).
                        appendLine(p, {xv, bottom[r]});
                    } else {
                        appendLine(p, {xv, nodeTop(v)});
                    }
                }
            }
            e.spline = true;
            if (ch.reversed) std::reverse(p.begin(), p.end());  // drawn toward the edge's own target
            out.edges.push_back(std::move(e));
        }
        return out;
    }
};

}  // namespace

std::unique_ptr<LayoutEngine> makeLayeredLayout() {
    return std::make_unique<LayeredLayout>();
}

std::unique_ptr<LayoutEngine> chooseLayout(std::size_t nodes) {
    // ATENSCOPE_LAYOUT=layered|dot overrides the choice (comparisons, benchmarks).
    if (const char* forced = std::getenv("ATENSCOPE_LAYOUT")) {
        if (std::string_view(forced) == "layered") return makeLayeredLayout();
        if (std::string_view(forced) == "dot")
            if (auto dot = makeGraphvizLayout()) return dot;
    }
    // Graphviz dot only when asked for: measured on real graphs (docs/benchmarks.md, "Layout of
    // small graphs") it is not reliably better even at 40-150 nodes (more crossings on some,
    // wider on others), and its time has no bound: 12.6 s for a 225-node BERT training step.
    (void)nodes;
    return makeLayeredLayout();
}

}  // namespace atenscope
