// SPDX-License-Identifier: MIT
#include "layout/CompoundLayout.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace atenscope {

namespace {

constexpr double kPortSize = 10;

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 29);
}

// (k1, k2) -> value by open addressing (linear probing): the constructor's hundreds of thousands
// of edge and port lookups with no allocation per entry (a hash map per group cost the window's
// first frame a fifth of its time at 100,000 nodes).
class PairTable {
public:
    explicit PairTable(std::size_t expected) {
        std::size_t size = 1024;
        while (size * 7 < expected * 10) size *= 2;
        slots_.resize(size);
        mask_ = size - 1;
    }
    // The value of (k1, k2), `value` inserted when absent; second: whether it was inserted.
    std::pair<std::uint32_t, bool> insert(std::uint64_t k1, std::uint32_t k2, std::uint32_t value) {
        if ((size_ + 1) * 10 > slots_.size() * 7) grow();
        for (std::size_t i = mix(mix(0, k1), k2) & mask_;; i = (i + 1) & mask_) {
            Slot& s = slots_[i];
            if (s.value == kEmpty) {
                s = {k1, k2, value};
                ++size_;
                return {value, true};
            }
            if (s.k1 == k1 && s.k2 == k2) return {s.value, false};
        }
    }

private:
    static constexpr std::uint32_t kEmpty = UINT32_MAX;
    struct Slot {
        std::uint64_t k1 = 0;
        std::uint32_t k2 = 0;
        std::uint32_t value = kEmpty;
    };
    void grow() {
        std::vector<Slot> old(slots_.size() * 2);
        old.swap(slots_);
        mask_ = slots_.size() - 1;
        size_ = 0;
        for (const Slot& s : old)
            if (s.value != kEmpty) insert(s.k1, s.k2, s.value);
    }
    std::vector<Slot> slots_;
    std::size_t mask_ = 0, size_ = 0;
};

}  // namespace

std::optional<std::uint32_t> CompoundLayout::Local::edge(std::uint32_t a, std::uint32_t b) const {
    const std::uint64_t key = (std::uint64_t{a} << 32) | b;
    const auto it = std::lower_bound(edgeOf.begin(), edgeOf.end(), std::pair(key, std::uint32_t{0}));
    if (it == edgeOf.end() || it->first != key) return std::nullopt;
    return it->second;
}

CompoundLayout::CompoundLayout(LayoutInput flat, GroupStructure groups) : flat_(std::move(flat)), groups_(std::move(groups)) {
    const std::size_t ng = groups_.parent.size();
    const std::size_t n = flat_.nodes.size();
    if (ng == 0 || groups_.parent[0] != -1 || groups_.nodeGroup.size() != n || groups_.collapsed.size() != ng)
        throw std::invalid_argument("compound layout: inconsistent groups");
    children_.assign(ng, {});
    std::vector<int> depth(ng, 0);
    for (std::size_t g = 1; g < ng; ++g) {
        const int p = groups_.parent[g];
        if (p < 0 || static_cast<std::size_t>(p) >= g) throw std::invalid_argument("compound layout: a group before its parent");
        children_[static_cast<std::size_t>(p)].push_back(static_cast<int>(g));
        depth[g] = depth[static_cast<std::size_t>(p)] + 1;
    }
    weight_.assign(ng, 0);
    for (const int g : groups_.nodeGroup) ++weight_.at(static_cast<std::size_t>(g));
    for (std::size_t g = ng; g-- > 1;) weight_[static_cast<std::size_t>(groups_.parent[g])] += weight_[g];

    // Items of each group in the order their first node comes: its own nodes and the child
    // groups that hold any.
    local_.assign(ng, {});
    std::vector<std::uint32_t> nodeLocal(n), groupLocal(ng, UINT32_MAX);
    groupLocal[0] = 0;
    std::vector<int> chain;
    for (std::uint32_t i = 0; i < n; ++i) {
        chain.clear();
        for (int g = groups_.nodeGroup[i]; g > 0 && groupLocal[static_cast<std::size_t>(g)] == UINT32_MAX;
             g = groups_.parent[static_cast<std::size_t>(g)])
            chain.push_back(g);
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            auto& items = local_[static_cast<std::size_t>(groups_.parent[static_cast<std::size_t>(*it)])].items;
            groupLocal[static_cast<std::size_t>(*it)] = static_cast<std::uint32_t>(items.size());
            items.push_back({CompoundItem::Group, static_cast<std::uint32_t>(*it)});
        }
        auto& items = local_[static_cast<std::size_t>(groups_.nodeGroup[i])].items;
        nodeLocal[i] = static_cast<std::uint32_t>(items.size());
        items.push_back({CompoundItem::Node, i});
    }

    // Each graph edge lifted to the group holding both ends: a bundled edge there, and inside
    // each box it leaves (enters) an edge to (from) that box's port for its source node.
    // (group, node) and in or out -> port item; (group, a) and b -> local edge. An edge is lifted
    // through a few boxes: room for a few entries each, grown when needed.
    PairTable ports(flat_.edges.size()), edges(flat_.edges.size());
    auto port = [&](std::size_t g, std::uint32_t node, bool in) {
        const auto [item, added] = ports.insert((std::uint64_t{g} << 32) | node, in, static_cast<std::uint32_t>(local_[g].items.size()));
        if (added) local_[g].items.push_back({in ? CompoundItem::InPort : CompoundItem::OutPort, static_cast<std::uint32_t>(g)});
        return item;
    };
    auto addEdge = [&](std::size_t g, std::uint32_t a, std::uint32_t b) {
        Local& l = local_[g];
        const auto [e, added] = edges.insert((std::uint64_t{g} << 32) | a, b, static_cast<std::uint32_t>(l.edges.size()));
        if (added) {
            l.edges.emplace_back(a, b);
            l.counts.push_back(0);
            l.outPorts.emplace_back();
            l.inPorts.emplace_back();
        }
        ++l.counts[e];
        return e;
    };
    auto note = [](std::vector<std::uint32_t>& met, std::uint32_t which) {
        if (std::find(met.begin(), met.end(), which) == met.end()) met.push_back(which);
    };
    for (const auto& [a, b] : flat_.edges) {
        if (a == b || a >= n || b >= n) continue;
        std::size_t cx = static_cast<std::size_t>(groups_.nodeGroup[a]), cy = static_cast<std::size_t>(groups_.nodeGroup[b]);
        std::uint32_t x = nodeLocal[a], y = nodeLocal[b];
        std::uint32_t outPort = UINT32_MAX, inPort = UINT32_MAX;  // in the boxes of x and y, once lifted
        while (cx != cy) {
            if (depth[cx] >= depth[cy]) {
                outPort = port(cx, a, false);
                addEdge(cx, x, outPort);
                x = groupLocal[cx];
                cx = static_cast<std::size_t>(groups_.parent[cx]);
            } else {
                inPort = port(cy, a, true);
                addEdge(cy, inPort, y);
                y = groupLocal[cy];
                cy = static_cast<std::size_t>(groups_.parent[cy]);
            }
        }
        const std::uint32_t e = addEdge(cx, x, y);
        if (outPort != UINT32_MAX) note(local_[cx].outPorts[e], outPort);
        if (inPort != UINT32_MAX) note(local_[cx].inPorts[e], inPort);
    }
    for (Local& l : local_) {
        l.edgeOf.reserve(l.edges.size());
        for (std::uint32_t e = 0; e < l.edges.size(); ++e)
            l.edgeOf.emplace_back((std::uint64_t{l.edges[e].first} << 32) | l.edges[e].second, e);
        std::sort(l.edgeOf.begin(), l.edgeOf.end());
    }
    cache_.assign(ng, {});
    if (groups_.nodeSize) {
        sizes_.assign(n, {});
        sized_.assign(n, 0);
    }
}

void CompoundLayout::setCollapsed(std::vector<LayoutInput::Size> collapsed) {
    std::lock_guard lock(mutex_);
    if (collapsed.size() != groups_.parent.size()) throw std::invalid_argument("compound layout: a collapsed size per group");
    groups_.collapsed = std::move(collapsed);
    for (Cached& c : cache_) c.valid = false;
}

CompoundResult CompoundLayout::layout(const std::vector<char>& expanded) {
    std::lock_guard lock(mutex_);
    const std::size_t ng = groups_.parent.size();
    const std::size_t n = flat_.nodes.size();
    auto isExpanded = [&](std::size_t g) { return g == 0 || (g < expanded.size() && expanded[g]); };
    std::vector<char> open(ng, 0);
    open[0] = 1;
    for (std::size_t g = 1; g < ng; ++g) open[g] = isExpanded(g) && open[static_cast<std::size_t>(groups_.parent[g])];
    // A group's drawing depends on which groups below it are expanded, and nothing else.
    std::vector<std::uint64_t> signature(ng, 0);
    for (std::size_t g = ng; g-- > 0;) {
        std::uint64_t h = mix(0x51ed270b27a9c3d1ULL, g);
        for (const int c : children_[g])
            h = mix(h, isExpanded(static_cast<std::size_t>(c)) ? signature[static_cast<std::size_t>(c)] : ~std::uint64_t(c));
        signature[g] = h;
    }

    CompoundResult out;
    out.engine = "compound layered";
    const auto engine = makeLayeredLayout();
    auto boxSize = [&](std::size_t g) -> LayoutInput::Size {
        if (!open[g]) return groups_.collapsed[g];
        const LayoutResult& r = cache_[g].result;
        return {r.width + 2 * kPad, r.height + kHeader + kPad};
    };
    for (std::size_t g = ng; g-- > 0;) {
        if (!open[g] || weight_[g] == 0) continue;
        Cached& c = cache_[g];
        if (c.valid && c.signature == signature[g]) continue;
        const Local& l = local_[g];
        LayoutInput in;
        in.nodes.reserve(l.items.size());
        in.pin.reserve(l.items.size());
        for (const CompoundItem& item : l.items) {
            switch (item.kind) {
                case CompoundItem::Node:
                    if (groups_.nodeSize && !sized_[item.id]) {
                        sizes_[item.id] = groups_.nodeSize(item.id);
                        sized_[item.id] = 1;
                    }
                    in.nodes.push_back(groups_.nodeSize ? sizes_[item.id] : flat_.nodes[item.id]);
                    in.pin.push_back(0);
                    break;
                case CompoundItem::Group:
                    in.nodes.push_back(boxSize(item.id));
                    in.pin.push_back(0);
                    break;
                case CompoundItem::InPort:
                case CompoundItem::OutPort:
                    in.nodes.push_back({kPortSize, kPortSize});
                    in.pin.push_back(item.kind == CompoundItem::InPort ? -1 : 1);
                    break;
            }
        }
        in.edges = l.edges;
        c.result = engine->layout(in);
        c.signature = signature[g];
        c.valid = true;
        ++out.laidOut;
    }

    // Boxes and nodes placed from the root down; each expanded box's layout moved inside it.
    out.centers.assign(n, {});
    out.shown.assign(n, 0);
    out.groups.assign(ng, {});
    std::vector<Point> origin(ng);
    for (std::size_t g = 0; g < ng; ++g) {
        if (!open[g] || weight_[g] == 0) continue;
        const LayoutResult& r = cache_[g].result;
        const Local& l = local_[g];
        for (std::size_t k = 0; k < l.items.size(); ++k) {
            const CompoundItem& item = l.items[k];
            const Point c{r.centers[k].x + origin[g].x, r.centers[k].y + origin[g].y};
            if (item.kind == CompoundItem::Node) {
                out.centers[item.id] = c;
                out.shown[item.id] = 1;
            } else if (item.kind == CompoundItem::Group) {
                const auto s = boxSize(item.id);
                CompoundResult::Box& b = out.groups[item.id];
                b = {c.x - s.width / 2, c.y - s.height / 2, s.width, s.height, true, static_cast<bool>(open[item.id])};
                origin[item.id] = {b.x + kPad, b.y + kHeader};
            }
        }
        const CompoundResult::Box& box = out.groups[g];
        // Where in an expanded box's top (bottom) an edge arrives (leaves): above (below) its ports.
        auto portX = [&](const CompoundItem& item, const std::vector<std::uint32_t>& ports) {
            double sum = 0;
            for (const auto p : ports) sum += cache_[item.id].result.centers[p].x + origin[item.id].x;
            return sum / static_cast<double>(ports.size());
        };
        // Moves the vertical end of a route (the points at its end's x) to `to`.
        auto moveEnd = [](std::vector<Point>& pts, bool last, double to) {
            const double from = last ? pts.back().x : pts.front().x;
            for (std::size_t k = 0; k < std::min<std::size_t>(6, pts.size()); ++k) {
                Point& q = last ? pts[pts.size() - 1 - k] : pts[k];
                if (std::abs(q.x - from) > 0.01) break;
                q.x = to;
            }
        };
        for (const LayoutResult::Edge& e : r.edges) {
            if (e.points.empty()) continue;
            CompoundResult::Edge d;
            d.from = l.items[e.from];
            d.to = l.items[e.to];
            const auto it = l.edge(e.from, e.to);
            d.count = it ? l.counts[*it] : 1;
            d.points.reserve(e.points.size() + 6);
            const Point first{e.points.front().x + origin[g].x, e.points.front().y + origin[g].y};
            if (d.from.kind == CompoundItem::InPort) {
                // Straight down from the box's top edge (where the edge outside arrives) to the port.
                d.points.push_back({first.x, box.y});
                appendLine(d.points, first);
            } else {
                d.points.push_back(first);
            }
            for (std::size_t k = 1; k < e.points.size(); ++k)
                d.points.push_back({e.points[k].x + origin[g].x, e.points[k].y + origin[g].y});
            if (d.to.kind == CompoundItem::OutPort) appendLine(d.points, {d.points.back().x, box.y + box.height});
            if (it) {
                if (d.from.kind == CompoundItem::Group && open[d.from.id] && !l.outPorts[*it].empty())
                    moveEnd(d.points, false, portX(d.from, l.outPorts[*it]));
                if (d.to.kind == CompoundItem::Group && open[d.to.id] && !l.inPorts[*it].empty())
                    moveEnd(d.points, true, portX(d.to, l.inPorts[*it]));
            }
            out.edges.push_back(std::move(d));
        }
    }
    if (weight_[0] > 0) {
        out.width = cache_[0].result.width;
        out.height = cache_[0].result.height;
    }
    return out;
}

}  // namespace atenscope
