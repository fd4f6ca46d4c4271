// SPDX-License-Identifier: MIT
#pragma once
// What makes a drawing readable, measured the same way for every engine (tests, benchmarks,
// `render --out FILE.json`): node overlaps, edges drawn upward, edges through nodes, and edge
// crossings counted from the drawn routes (Beziers flattened).
#include "layout/Layout.h"

#include <nlohmann/json.hpp>

#include <cstdint>

namespace atenscope {

struct LayoutQuality {
    std::uint64_t nodes = 0, edges = 0;
    std::uint64_t overlaps = 0;      // pairs of node boxes that overlap
    std::uint64_t upward = 0;        // edges whose target is not below their source (cycles excepted)
    std::uint64_t throughNodes = 0;  // edge routes that pass through a node other than their ends
    std::uint64_t crossings = 0;     // proper intersections between routes of different edges
    std::uint64_t missing = 0;       // edges of the input without a route
    double width = 0, height = 0;
};

// `acyclic`: the input has no cycle (so every edge must point down).
LayoutQuality measureLayout(const LayoutInput& input, const LayoutResult& result, bool acyclic = true);

// The route of an edge as a polyline (Beziers flattened to `steps` pieces each).
std::vector<Point> edgePolyline(const LayoutResult::Edge& edge, int steps = 8);

// The drawing as JSON: engine, size, node boxes, edge polylines (docs/layout.md).
nlohmann::ordered_json layoutToJson(const LayoutInput& input, const LayoutResult& result, const std::vector<std::string>& names = {});

}  // namespace atenscope
