// SPDX-License-Identifier: MIT
#pragma once
// Layout behind one interface: node boxes in, positions and edge routes out.
// Coordinates are in points, y grows downwards, data flows top-down.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace atenscope {

struct LayoutInput {
    struct Size {
        double width = 0;
        double height = 0;
    };
    std::vector<Size> nodes;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;  // producer -> user
    // Per node, optional: -1 keeps it in the first rank, +1 below every other rank (the ports
    // of a group's box: where edges enter and leave). Honoured by the layered layout.
    std::vector<signed char> pin;
};

struct Point {
    double x = 0;
    double y = 0;
};

struct LayoutResult {
    std::vector<Point> centers;  // per node
    struct Edge {
        std::uint32_t from = 0;
        std::uint32_t to = 0;
        std::vector<Point> points;  // a polyline, or cubic Bezier control points when `spline`
        bool spline = false;
    };
    std::vector<Edge> edges;
    double width = 0;
    double height = 0;
    std::string engine;
};

// Appends a straight piece from the route's last point to `b` as a cubic Bezier (two control
// points and the end), so that routes are all curves.
inline void appendLine(std::vector<Point>& route, Point b) {
    const Point a = route.back();
    route.push_back({a.x + (b.x - a.x) / 3, a.y + (b.y - a.y) / 3});
    route.push_back({a.x + 2 * (b.x - a.x) / 3, a.y + 2 * (b.y - a.y) / 3});
    route.push_back(b);
}

class LayoutEngine {
public:
    virtual ~LayoutEngine() = default;
    virtual std::string_view name() const = 0;
    virtual LayoutResult layout(const LayoutInput& input) const = 0;
};

// Graphviz dot (libgvc): good drawings up to a few thousand nodes. Null when
// AtenScope was built without Graphviz.
// `graphAttributes`: more graph attributes (e.g. nslimit, mclimit: the benchmark's dot with its
// effort bounded, to get a result where the default gets none).
std::unique_ptr<LayoutEngine> makeGraphvizLayout(std::vector<std::pair<std::string, std::string>> graphAttributes = {});
// Longest-path layers, ordered by barycentres: linear time, for large graphs.
std::unique_ptr<LayoutEngine> makeLayeredLayout();
// The engine for a graph of `nodes` nodes: the layered layout (linear time), unless
// ATENSCOPE_LAYOUT=dot asks for Graphviz.
std::unique_ptr<LayoutEngine> chooseLayout(std::size_t nodes);

}  // namespace atenscope
