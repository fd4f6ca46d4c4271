// SPDX-License-Identifier: MIT
#include "render/GroupedLayout.h"

#include <algorithm>

namespace atenscope {

namespace {
constexpr double kBoxHeight = 62;
constexpr double kBoxChar = 6.8;
}  // namespace

std::shared_ptr<GroupedLayout> GroupedLayout::make(const Graph& graph, bool weights) {
    auto tree = std::make_shared<ModuleTree>(buildModuleTree(graph, {}));
    if (tree->modules.size() <= 1) return nullptr;
    auto g = std::make_shared<GroupedLayout>();
    g->graph_ = &graph;
    g->shown_ = GraphDrawing::shownNodes(graph, weights);
    const std::size_t n = graph.nodes.size();
    std::vector<int>& group = g->nodeGroup_;
    group.assign(n, 0);
    for (std::size_t m = 0; m < tree->modules.size(); ++m)
        for (const auto i : tree->modules[m].own) group[i] = static_cast<int>(m);
    // A weight or constant goes where all its users are (a layer's weights into the layer).
    std::vector<int> depth(tree->modules.size(), 0);
    for (std::size_t m = 1; m < tree->modules.size(); ++m) depth[m] = depth[static_cast<std::size_t>(tree->modules[m].parent)] + 1;
    auto common = [&](int a, int b) {
        while (a != b) {
            if (depth[static_cast<std::size_t>(a)] >= depth[static_cast<std::size_t>(b)]) {
                a = tree->modules[static_cast<std::size_t>(a)].parent;
            } else {
                b = tree->modules[static_cast<std::size_t>(b)].parent;
            }
        }
        return a;
    };
    std::vector<int> usersAt(n, -1);
    for (std::size_t i = 0; i < n; ++i)
        for (const auto p : graph.nodes[i].inputs)
            if (p < n && graph.nodes[p].isWeight()) usersAt[p] = usersAt[p] < 0 ? group[i] : common(usersAt[p], group[i]);
    for (std::size_t i = 0; i < n; ++i)
        if (graph.nodes[i].isWeight() && group[i] == 0 && usersAt[i] > 0) group[i] = usersAt[i];

    GroupStructure s;
    s.parent.reserve(tree->modules.size());
    s.collapsed.reserve(tree->modules.size());
    for (const ModuleNode& m : tree->modules) {
        s.parent.push_back(m.parent);
        const double chars = static_cast<double>(std::max(std::min<std::size_t>(m.path.size(), 44), m.type.size() + 16));
        s.collapsed.push_back({std::clamp(chars * kBoxChar + 28, 170.0, 330.0), kBoxHeight});
    }
    for (std::size_t i = 0; i < n; ++i)
        if (!g->shown_.empty() && !g->shown_[i]) {
            group[i] = -1;
        } else {
            s.nodeGroup.push_back(group[i]);
        }
    g->tree_ = std::move(tree);
    g->layout_ = std::make_unique<CompoundLayout>(GraphDrawing::layoutInput(graph, g->shown_), std::move(s));
    return g;
}

std::vector<char> GroupedLayout::readableState(std::size_t budget) const {
    const auto& modules = tree_->modules;
    std::vector<std::size_t> own(modules.size(), 0), weight(modules.size(), 0), depth(modules.size(), 0);
    for (const int gi : nodeGroup_)
        if (gi >= 0) ++own[static_cast<std::size_t>(gi)];
    weight = own;
    for (std::size_t m = modules.size(); m-- > 1;) weight[static_cast<std::size_t>(modules[m].parent)] += weight[m];
    std::vector<std::size_t> items = own;  // what an open module shows: its nodes and non-empty children
    std::size_t deepest = 0;
    for (std::size_t m = 1; m < modules.size(); ++m) {
        depth[m] = depth[static_cast<std::size_t>(modules[m].parent)] + 1;
        deepest = std::max(deepest, depth[m]);
        if (weight[m] > 0) ++items[static_cast<std::size_t>(modules[m].parent)];
    }
    std::vector<char> state(modules.size(), 0);
    state[0] = 1;
    std::size_t shown = items[0];
    for (std::size_t d = 1; d <= deepest; ++d) {
        std::size_t next = shown;
        for (std::size_t m = 1; m < modules.size(); ++m)
            if (depth[m] == d && weight[m] > 0) next = next - 1 + items[m];
        if (next > budget) break;
        for (std::size_t m = 1; m < modules.size(); ++m)
            if (depth[m] == d) state[m] = 1;
        shown = next;
    }
    return state;
}

bool GroupedLayout::expandTo(std::vector<char>& state, int module) const {
    bool changed = false;
    state.resize(tree_->modules.size(), 0);
    for (int m = module; m > 0; m = tree_->modules[static_cast<std::size_t>(m)].parent) {
        changed = changed || !state[static_cast<std::size_t>(m)];
        state[static_cast<std::size_t>(m)] = 1;
    }
    return changed;
}

std::vector<char> GroupedLayout::expandedWhere(const std::vector<char>& want) const {
    std::vector<char> state(tree_->modules.size(), 0);
    state[0] = 1;
    for (std::size_t m = 1; m < state.size() && m < want.size(); ++m)
        if (want[m])
            for (int k = static_cast<int>(m); k > 0 && !state[static_cast<std::size_t>(k)];
                 k = tree_->modules[static_cast<std::size_t>(k)].parent)
                state[static_cast<std::size_t>(k)] = 1;
    return state;
}

std::shared_ptr<GraphDrawing> GroupedLayout::draw(const std::vector<char>& state) {
    std::lock_guard lock(mutex_);
    const CompoundResult result = layout_->layout(state);
    lastLaidOut_ = result.laidOut;
    return std::make_shared<GraphDrawing>(*graph_, result, shown_, tree_, nodeGroup_, layout_->flat().nodes);
}

}  // namespace atenscope
