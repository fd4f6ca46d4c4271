// SPDX-License-Identifier: MIT
#pragma once
// The compound layout of a graph whose nodes belong to nested groups (the module hierarchy,
// docs/layout.md): each expanded group is laid out inside its box, recursively, with the
// layered layout; a collapsed group is one box. Edges between groups are bundled (one edge per
// pair of items, with how many graph edges it carries); an edge entering or leaving an
// expanded group runs through a port on the box's top or bottom, so that inside the box it is
// routed like any other. A group's layout is kept and reused while nothing inside it changed:
// expanding one group lays out that group and the boxes around it, not the graph.
#include "layout/Layout.h"

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

namespace atenscope {

struct GroupStructure {
    std::vector<int> parent;                   // per group; group 0 is the root (parent -1), parents before children
    std::vector<int> nodeGroup;                // per node of the flat input: its innermost group
    std::vector<LayoutInput::Size> collapsed;  // per group: the box when collapsed
    // When set, a node's box is asked for when a layout first draws it (its group open), and
    // the flat input's sizes are not used: the first view of a large graph shows a few boxes.
    std::function<LayoutInput::Size(std::uint32_t node)> nodeSize;
};

struct CompoundItem {
    enum Kind : std::uint8_t { Node, Group, InPort, OutPort };
    Kind kind = Node;
    std::uint32_t id = 0;  // the node, or the group (of the port)
    bool operator==(const CompoundItem&) const = default;
};

struct CompoundResult {
    struct Box {
        double x = 0, y = 0, width = 0, height = 0;  // top-left and size; empty when not shown
        bool shown = false;
        bool expanded = false;
    };
    std::vector<Point> centers;  // per node
    std::vector<char> shown;     // per node: 0 when inside a collapsed group (or the input left it out)
    std::vector<Box> groups;     // per group; [0], the root, has no box
    struct Edge {
        CompoundItem from, to;
        std::uint32_t count = 1;    // graph edges it carries
        std::vector<Point> points;  // cubic Bezier control points (start, c1, c2, end, c1, c2, end...)
    };
    std::vector<Edge> edges;
    double width = 0, height = 0;
    std::size_t laidOut = 0;  // groups laid out by this call (the others came from the cache)
    std::string engine;
};

class CompoundLayout {
public:
    static constexpr double kHeader = 30;  // the title band of an expanded box
    static constexpr double kPad = 14;     // its left, right and bottom margins

    CompoundLayout(LayoutInput flat, GroupStructure groups);
    // `expanded` per group ([0] is always expanded). Safe to call from any thread, one call at a time.
    CompoundResult layout(const std::vector<char>& expanded);
    // The closed boxes' sizes (GroupStructure::collapsed), when they come after the layout is
    // built; before the first layout(). Throws when not one per group.
    void setCollapsed(std::vector<LayoutInput::Size> collapsed);

    std::size_t groupCount() const { return groups_.parent.size(); }
    const LayoutInput& flat() const { return flat_; }  // the graph's edges (and the nodes' boxes without nodeSize)
    // The nodes' boxes: every node a layout has drawn has its own (the others, without
    // nodeSize, too). Read after layout(), before the next.
    const std::vector<LayoutInput::Size>& nodeSizes() const { return groups_.nodeSize ? sizes_ : flat_.nodes; }
    const GroupStructure& groups() const { return groups_; }
    // Groups with no shown node in them (none to draw).
    bool empty(int group) const { return weight_[static_cast<std::size_t>(group)] == 0; }

private:
    struct Local {
        std::vector<CompoundItem> items;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;   // local item indices
        std::vector<std::uint32_t> counts;                            // graph edges per local edge
        std::vector<std::pair<std::uint64_t, std::uint32_t>> edgeOf;  // (a << 32 | b) -> local edge, sorted
        std::optional<std::uint32_t> edge(std::uint32_t a, std::uint32_t b) const;
        // Per local edge between boxes: the ports it meets inside its source's (target's) box,
        // where the edge leaves (arrives).
        std::vector<std::vector<std::uint32_t>> outPorts, inPorts;
    };
    struct Cached {
        std::uint64_t signature = 0;
        bool valid = false;
        LayoutResult result;
    };
    LayoutInput flat_;
    GroupStructure groups_;
    std::vector<std::vector<int>> children_;
    std::vector<std::uint64_t> weight_;  // shown nodes per group, with descendants
    std::vector<Local> local_;
    std::vector<Cached> cache_;
    std::vector<LayoutInput::Size> sizes_;  // with nodeSize: the boxes asked for so far
    std::vector<char> sized_;
    std::mutex mutex_;
};

}  // namespace atenscope
