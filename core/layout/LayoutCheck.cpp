// SPDX-License-Identifier: MIT
#include "layout/LayoutCheck.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

namespace atenscope {

std::vector<Point> edgePolyline(const LayoutResult::Edge& e, int steps) {
    if (!e.spline || e.points.size() < 4) return e.points;
    std::vector<Point> out{e.points[0]};
    for (std::size_t i = 0; i + 3 < e.points.size(); i += 3) {
        const Point p0 = e.points[i], p1 = e.points[i + 1], p2 = e.points[i + 2], p3 = e.points[i + 3];
        for (int k = 1; k <= steps; ++k) {
            const double t = static_cast<double>(k) / steps, u = 1 - t;
            out.push_back({u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x,
                           u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y});
        }
    }
    return out;
}

namespace {

struct Segment {
    Point a, b;
    std::uint32_t edge;
};

double cross(Point o, Point a, Point b) {
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

// Proper crossing: each segment's ends strictly on both sides of the other.
bool properlyCross(const Segment& s, const Segment& t) {
    constexpr double eps = 1e-6;
    const double d1 = cross(s.a, s.b, t.a), d2 = cross(s.a, s.b, t.b), d3 = cross(t.a, t.b, s.a), d4 = cross(t.a, t.b, s.b);
    return ((d1 > eps && d2 < -eps) || (d1 < -eps && d2 > eps)) && ((d3 > eps && d4 < -eps) || (d3 < -eps && d4 > eps));
}

// A segment against a box shrunk by a margin (touching a box's edge is not passing through it).
bool segmentInBox(Point a, Point b, double x0, double y0, double x1, double y1) {
    // Liang-Barsky clipping.
    double t0 = 0, t1 = 1;
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double p[4] = {-dx, dx, -dy, dy}, q[4] = {a.x - x0, x1 - a.x, a.y - y0, y1 - a.y};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0) return false;
            continue;
        }
        const double r = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, r);
        else
            t1 = std::min(t1, r);
        if (t0 > t1) return false;
    }
    return true;
}

struct Grid {
    double cell;
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> cells;
    static std::uint64_t key(std::int64_t cx, std::int64_t cy) {
        return (static_cast<std::uint64_t>(cx + (1 << 30)) << 32) | static_cast<std::uint64_t>(cy + (1 << 30));
    }
    template <typename F>
    void each(double x0, double y0, double x1, double y1, F&& f) const {
        for (auto cx = static_cast<std::int64_t>(std::floor(x0 / cell)); cx <= static_cast<std::int64_t>(std::floor(x1 / cell)); ++cx)
            for (auto cy = static_cast<std::int64_t>(std::floor(y0 / cell)); cy <= static_cast<std::int64_t>(std::floor(y1 / cell)); ++cy)
                f(key(cx, cy));
    }
};

}  // namespace

LayoutQuality measureLayout(const LayoutInput& in, const LayoutResult& r, bool acyclic) {
    LayoutQuality q;
    q.nodes = in.nodes.size();
    q.edges = r.edges.size();
    q.width = r.width;
    q.height = r.height;
    const std::size_t n = in.nodes.size();
    auto box = [&](std::size_t v) {
        const Point c = r.centers[v];
        return std::array<double, 4>{c.x - in.nodes[v].width / 2, c.y - in.nodes[v].height / 2, c.x + in.nodes[v].width / 2,
                                     c.y + in.nodes[v].height / 2};
    };
    // Node boxes in a grid.
    Grid nodes{200, {}};
    for (std::uint32_t v = 0; v < n; ++v) {
        const auto b = box(v);
        nodes.each(b[0], b[1], b[2], b[3], [&](std::uint64_t k) { nodes.cells[k].push_back(v); });
    }
    for (const auto& [k, list] : nodes.cells)
        for (std::size_t i = 0; i < list.size(); ++i)
            for (std::size_t j = i + 1; j < list.size(); ++j) {
                const auto a = box(list[i]), b = box(list[j]);
                if (a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5) {
                    // counted once: in the cell holding the overlap's top-left corner
                    const double ox = std::max(a[0], b[0]), oy = std::max(a[1], b[1]);
                    if (Grid::key(static_cast<std::int64_t>(std::floor(ox / nodes.cell)),
                                  static_cast<std::int64_t>(std::floor(oy / nodes.cell))) == k)
                        ++q.overlaps;
                }
            }
    // Every input edge routed; routes as segments.
    std::unordered_map<std::uint64_t, std::uint32_t> routed;
    for (const auto& e : r.edges) ++routed[(static_cast<std::uint64_t>(e.from) << 32) | e.to];
    for (const auto& [a, b] : in.edges) {
        if (a == b || a >= n || b >= n) continue;
        auto it = routed.find((static_cast<std::uint64_t>(a) << 32) | b);
        if (it == routed.end() || it->second == 0)
            ++q.missing;
        else
            --it->second;
    }
    std::vector<Segment> segments;
    for (std::uint32_t i = 0; i < r.edges.size(); ++i) {
        const auto& e = r.edges[i];
        if (acyclic && e.from < n && e.to < n && r.centers[e.to].y <= r.centers[e.from].y) ++q.upward;
        const auto line = edgePolyline(e);
        bool through = false;
        for (std::size_t k = 0; k + 1 < line.size(); ++k) {
            const Segment s{line[k], line[k + 1], i};
            segments.push_back(s);
            if (through) continue;
            nodes.each(std::min(s.a.x, s.b.x), std::min(s.a.y, s.b.y), std::max(s.a.x, s.b.x), std::max(s.a.y, s.b.y),
                       [&](std::uint64_t key) {
                           auto c = nodes.cells.find(key);
                           if (c == nodes.cells.end() || through) return;
                           for (const auto v : c->second) {
                               if (v == e.from || v == e.to) continue;
                               const auto b = box(v);
                               if (segmentInBox(s.a, s.b, b[0] + 1, b[1] + 1, b[2] - 1, b[3] - 1)) {
                                   through = true;
                                   return;
                               }
                           }
                       });
        }
        if (through) ++q.throughNodes;
    }
    // Crossings: segment pairs of different edges sharing a grid cell, each pair once.
    Grid grid{100, {}};
    for (std::uint32_t i = 0; i < segments.size(); ++i) {
        const auto& s = segments[i];
        grid.each(std::min(s.a.x, s.b.x), std::min(s.a.y, s.b.y), std::max(s.a.x, s.b.x), std::max(s.a.y, s.b.y),
                  [&](std::uint64_t k) { grid.cells[k].push_back(i); });
    }
    for (const auto& [k, list] : grid.cells)
        for (std::size_t i = 0; i < list.size(); ++i)
            for (std::size_t j = i + 1; j < list.size(); ++j) {
                const Segment& s = segments[list[i]];
                const Segment& t = segments[list[j]];
                if (s.edge == t.edge || !properlyCross(s, t)) continue;
                // the crossing point decides which cell counts it
                const double d = cross(t.a, t.b, s.a) - cross(t.a, t.b, s.b);
                const double u = cross(t.a, t.b, s.a) / d;
                const double px = s.a.x + u * (s.b.x - s.a.x), py = s.a.y + u * (s.b.y - s.a.y);
                if (Grid::key(static_cast<std::int64_t>(std::floor(px / grid.cell)),
                              static_cast<std::int64_t>(std::floor(py / grid.cell))) == k)
                    ++q.crossings;
            }
    return q;
}

nlohmann::ordered_json layoutToJson(const LayoutInput& in, const LayoutResult& r, const std::vector<std::string>& names) {
    nlohmann::ordered_json doc;
    doc["format"] = "atenscope-drawing";
    doc["version"] = 1;
    doc["engine"] = r.engine;
    doc["width"] = r.width;
    doc["height"] = r.height;
    auto nodes = nlohmann::ordered_json::array();
    for (std::size_t v = 0; v < in.nodes.size(); ++v) {
        nlohmann::ordered_json o;
        if (v < names.size()) o["name"] = names[v];
        o["x"] = r.centers[v].x - in.nodes[v].width / 2;
        o["y"] = r.centers[v].y - in.nodes[v].height / 2;
        o["width"] = in.nodes[v].width;
        o["height"] = in.nodes[v].height;
        nodes.push_back(std::move(o));
    }
    doc["nodes"] = std::move(nodes);
    doc["groups"] = nlohmann::ordered_json::array();
    auto edges = nlohmann::ordered_json::array();
    for (const auto& e : r.edges) {
        nlohmann::ordered_json o;
        o["from"] = e.from;
        o["to"] = e.to;
        auto pts = nlohmann::ordered_json::array();
        for (const Point& p : edgePolyline(e)) pts.push_back({p.x, p.y});
        o["points"] = std::move(pts);
        edges.push_back(std::move(o));
    }
    doc["edges"] = std::move(edges);
    return doc;
}

}  // namespace atenscope
