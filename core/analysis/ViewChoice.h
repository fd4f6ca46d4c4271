// SPDX-License-Identifier: MIT
#pragma once
// What a picture of a graph shows (docs/pictures.md), decided once for the window, `render` and
// `report`: which nodes are drawn as part of the node that uses them (weights, constants and
// the chains that only move a weight to the device), where the remaining ops are (places, with
// those alike), and the nodes around a place. No Qt: the drawing takes these as they are.
#include "analysis/Classifier.h"
#include "analysis/ModuleTree.h"
#include "graph/Graph.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace atenscope {

// Labels are readable when a node's title (12 px at 1x) and a box's badge (10 px) are at least
// 9 px high: a picture is drawn at no smaller scale than this.
constexpr double kLegibleScale = 0.9;

// Weights and constants folded into their users: a parameter lifted into a placeholder, a
// get_attr constant, and a chain that only moves one to the device (ttnn.from_torch ->
// ttnn.to_device of a parameter) are drawn as a chip of each node that uses them (name, shape),
// not as boxes of their own. Counts do not change: only the drawing.
class FoldedWeights {
public:
    FoldedWeights() = default;
    explicit FoldedWeights(const Graph& graph);

    bool empty() const { return chipList_.empty(); }
    // Drawn as a chip of its users, not as a node.
    bool folded(std::size_t node) const { return node < folded_.size() && folded_[node]; }
    // The weights a node carries as chips (the weight or constant each chain starts from).
    std::span<const std::uint32_t> chips(std::size_t node) const {
        if (node + 1 >= chipStart_.size()) return {};
        return {chipList_.data() + chipStart_[node], chipList_.data() + chipStart_[node + 1]};
    }
    // Whether the chip of `weight` on its user reached it through a move to the device.
    bool moved(std::uint32_t weight) const { return weight < moved_.size() && moved_[weight]; }

private:
    std::vector<char> folded_;
    std::vector<char> moved_;
    std::vector<std::uint32_t> chipStart_;  // per node, into chipList_ (CSR)
    std::vector<std::uint32_t> chipList_;
};

// Whether `target` only moves a tensor between host and device or changes its layout or type
// (the ops a weight's chain to the device is made of).
bool movesWeight(std::string_view target);

// A place where ops remain: remaining nodes of one module (a run of at most a few, connected),
// the alike places (the same ops in a module of the same pattern, "layers.#.mlp") and what
// tells them apart.
struct Place {
    std::vector<std::uint32_t> nodes;  // the remaining nodes, in graph order
    std::string module;                // the module path ("" outside every module)
    std::string moduleType;            // its class, short
    std::string key;                   // equal for places alike
    std::vector<std::string> ops;      // distinct short op names, in order of first use
    std::vector<std::size_t> alike;    // the other places like it (indices into the list)
    bool shown = true;                 // the first of its kind; false for one shown by another
};

// Every place of `graph`'s remaining nodes (`classes` per graph node), in graph order.
std::vector<Place> remainingPlaces(const Graph& graph, const std::vector<NodeClass>& classes);

// Places to picture, most telling first: each brings op types no earlier one shows, then the
// places holding most remaining nodes (with those alike). At most `limit`.
std::vector<std::size_t> chooseGallery(const std::vector<Place>& places, std::size_t limit);

// The nodes within `hops` edges of `seeds` (inputs and users), folded weights left out (their
// users carry them): per graph node, 1 when drawn. A node with many neighbours brings at most
// `fanout` of them each way (an attention mask read by every layer would bring the graph).
std::vector<char> around(const Graph& graph, std::span<const std::uint32_t> seeds, int hops, const FoldedWeights& folded,
                         std::size_t fanout = 6);

// Short text of an op: "aten.add.Tensor" -> "add.Tensor", "aten.relu.default" -> "relu".
std::string_view shortOp(std::string_view target);

}  // namespace atenscope
