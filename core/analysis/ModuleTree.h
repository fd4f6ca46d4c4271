// SPDX-License-Identifier: MIT
#pragma once
// The module hierarchy of a graph, from its nodes' module stacks (nn_module_stack,
// TorchScript scopes, the companion's module paths): a tree of modules, each with how many
// nodes it holds and how they are classified, for an outline of a large graph.
#include "analysis/Classifier.h"
#include "graph/Graph.h"

#include <cstdint>
#include <string>
#include <vector>

namespace atenscope {

struct ModuleNode {
    std::string path;  // layers.3.self_attn ("" for the root: nodes outside every module)
    std::string name;  // the path below its parent's: self_attn
    std::string type;  // the class, short: LlamaAttention
    int parent = -1;
    std::vector<int> children;                                                // in the order they first appear in the graph
    std::vector<std::uint32_t> own;                                           // nodes whose innermost module it is, in graph order
    std::uint64_t nodes = 0, remaining = 0, converted = 0, dataMovement = 0;  // with its descendants
    // A fused partition drawn as a group (render/GroupedLayout): its call_module node, and what
    // it holds ("mm ×4 · add ×3 · ..."); -1 for a module.
    std::int64_t partition = -1;
    std::string holds;
};

struct ModuleTree {
    std::vector<ModuleNode> modules;  // [0] is the root
    // Every node in `module` or below it, in graph order.
    std::vector<std::uint32_t> nodesUnder(int module) const;
    int find(std::string_view path) const;  // -1 when absent
};

// `classes` per node of `graph` (as the view colours them); nested subgraphs are not walked.
ModuleTree buildModuleTree(const Graph& graph, const std::vector<NodeClass>& classes);
// The tree's counts worked out anew from its modules' own nodes and `classes` (per node).
void countClasses(ModuleTree& tree, const std::vector<NodeClass>& classes);

}  // namespace atenscope
