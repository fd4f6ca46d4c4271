// SPDX-License-Identifier: MIT
#pragma once
// A graph drawn with its module hierarchy folded (docs/layout.md): which groups are expanded,
// the compound layout that keeps each group's drawing while nothing in it changes, and the
// drawing for a state of the groups.
#include "analysis/ModuleTree.h"
#include "layout/CompoundLayout.h"
#include "render/GraphDrawing.h"

#include <memory>
#include <mutex>
#include <vector>

namespace atenscope {

class GroupedLayout {
public:
    // Groups of modules and of fused partitions (docs/layout.md); null when the graph's nodes
    // have no module paths and it has no partitions (nothing to fold). `graph` must outlive it.
    // With partitions, node indices are those of PartitionIndex (the graph's, then the
    // partitions' nodes).
    static std::shared_ptr<GroupedLayout> make(const Graph& graph, bool weights);

    const ModuleTree& tree() const { return *tree_; }
    // The nodes inside partitions, when the graph has any (else null).
    const PartitionIndex* partitions() const { return parts_.get(); }
    std::size_t groupCount() const { return tree_->modules.size(); }
    // The module a node is drawn in (weights and constants, which have no module, go to the
    // innermost module holding all their users); -1 when not shown.
    int groupOf(std::size_t node) const { return node < nodeGroup_.size() ? nodeGroup_[node] : -1; }

    // Expanded per module ([0], the root, always): a readable start. Whole levels are opened,
    // outermost first, while at most `budget` boxes and nodes show; a graph that small in all
    // is shown whole. Fused partitions stay closed.
    std::vector<char> readableState(std::size_t budget = 400) const;
    // The overview to depth `depth`: the modules above it expanded, those at it closed, fused
    // partitions closed. depth() is the deepest module's (root 0).
    std::vector<char> depthState(int depth) const;
    int depth() const;
    // The deepest overview whose drawing fits `room` (scene units), from depth 1; depth 1 when
    // none does. Lays out each depth tried (the same locking as draw()).
    std::shared_ptr<GraphDrawing> overviewWithin(const QSizeF& room, std::vector<char>* state, int* depth);
    // `state` with `module` and every module around it expanded; false when they already were.
    bool expandTo(std::vector<char>& state, int module) const;
    // `state` with every module around `node` expanded; false when it already was.
    bool reveal(std::vector<char>& state, std::size_t node) const { return expandTo(state, groupOf(node)); }
    // Every module that holds (with its descendants) a node `want` says yes to, and those around it.
    std::vector<char> expandedWhere(const std::vector<char>& want) const;

    // The drawing for a state. Safe from any thread, one call at a time; groups whose inside
    // did not change since an earlier call are not laid out again.
    std::shared_ptr<GraphDrawing> draw(const std::vector<char>& state);
    std::size_t lastLaidOut() const { return lastLaidOut_; }

    // The state shown now (kept by its user, e.g. the window, for when it comes back to the graph).
    std::vector<char> current;

private:
    const Graph* graph_ = nullptr;
    std::shared_ptr<const PartitionIndex> parts_;  // null without partitions
    std::vector<char> shown_;
    FoldedWeights folded_;                   // of graph_, made once
    std::vector<std::uint32_t> shownIndex_;  // the layout's node -> its index (PartitionIndex's)
    std::shared_ptr<const ModuleTree> tree_;
    std::vector<int> nodeGroup_;
    std::unique_ptr<CompoundLayout> layout_;
    std::size_t lastLaidOut_ = 0;
    std::mutex mutex_;
};

}  // namespace atenscope
