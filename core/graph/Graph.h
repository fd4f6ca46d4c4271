// SPDX-License-Identifier: MIT
#pragma once
// The one graph model every reader produces and everything downstream uses.
#include "base/Arena.h"
#include "graph/Value.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace atenscope {

enum class OpKind : std::uint8_t { Placeholder, GetAttr, CallFunction, CallMethod, CallModule, Output };

const char* opKindName(OpKind kind);
std::optional<OpKind> opKindFromName(std::string_view name);

// One output of a node. `shape` is the Python list repr ("[1, 64, 112, 112]",
// symbolic sizes by name), empty when unknown; `isTensor` is false for scalars.
// The text lives in the graph's arena.
struct TensorInfo {
    bool isTensor = true;
    std::string_view shape;
    std::string_view dtype;  // for non-tensors, the scalar type: "int", "float", "bool"
    std::string_view stride;
};

struct SchemaArgument {
    std::string name;
    std::string type;  // as Python prints it: Tensor, Optional[Tensor], List[int]
    bool kwargOnly = false;
};

struct OpSchema {
    std::string name;      // aten::convolution
    std::string overload;  // "" for default
    std::vector<SchemaArgument> arguments;
};

struct ModuleFrame {
    std::string_view key;
    std::string_view path;  // layer1.0.conv1
    std::string_view type;  // torch.nn.modules.conv.Conv2d
};

struct Graph;

// What only some nodes carry, kept out of line so that a node of a large graph stays small.
// Views into the graph's arena; readers keep each distinct value once (graph/Interner.h), so
// nodes with the same stack trace or module stack share it.
struct NodeExtras {
    std::span<const ModuleFrame> moduleStack;
    std::string_view stackTrace;
    std::span<const std::string_view> sourceFns;
};

struct Keyword {
    std::string_view first;  // the argument's name
    Value second;
};

// A node of a graph. Its strings and arrays live in the arena of the graph that holds it.
struct Node {
    std::string_view name;
    OpKind op = OpKind::CallFunction;
    bool outputIsTuple = false;
    bool weightInput = false;    // a placeholder the front end says is a parameter, buffer or constant
    std::uint32_t nameHash = 0;  // Graph::hashName(name), when whoever set the name set it too; else 0
    std::string_view target;     // normalised: aten.add.Tensor, ttnn.add, target_wrapper_conv
    std::string_view targetRaw;  // as the backend wrote it, when it differs (or says more)
    std::span<Value> args;
    std::span<Keyword> kwargs;
    std::span<TensorInfo> outputs;
    std::span<std::uint32_t> inputs;  // data dependencies (node indices, unique, in order of use)
    std::span<std::uint32_t> users;
    const OpSchema* schema = nullptr;    // when the target is an op with a known schema (owned by the graph)
    std::unique_ptr<Graph> subgraph;     // call_module of a fused partition
    const NodeExtras* extras = nullptr;  // in the graph's arena; null when the node has none

    // The node's extras, or an empty set.
    const NodeExtras& more() const;
    // Shape text of the single tensor output, or empty when unknown or several.
    std::string_view singleShape() const;
    std::string modulePath() const;
    // The innermost module frame with a path (the module that made the node), if any.
    const ModuleFrame* innermostModule() const;
    bool isAten() const { return op == OpKind::CallFunction && target.rfind("aten.", 0) == 0; }
    // A weight, buffer or constant: a get_attr node, a placeholder marked so by its front end
    // (aot_autograd's static inputs, a .pt2 graph signature), or one named as the front ends
    // name lifted parameters (make_fx: _param_constant*, _tensor_constant*; torch.export:
    // p_*, b_*, c_*; dynamo: *_parameters_*, *_buffers_*).
    bool isWeight() const;
};

struct Graph {
    std::string name;
    std::string stage;   // original, compiled, ...
    std::string source;  // the file it was read from
    std::vector<Node> nodes;
    Arena arena;                                           // the nodes' strings and arrays
    std::vector<std::shared_ptr<const OpSchema>> schemas;  // those the nodes point to

    // Fills every node's users from the nodes' inputs (readers call it once the inputs are set).
    void linkUsers();
    // A node on a cycle of inputs, if the graph has one (a graph must be acyclic).
    std::optional<std::uint32_t> nodeOnCycle() const;

    // Index of the node with this name, if any. Names are indexed by indexNames()
    // or, one at a time while nodes are added, by indexNode().
    std::optional<std::uint32_t> indexOf(std::string_view nodeName) const;
    const Node* find(std::string_view nodeName) const;
    // Indexes nodes[i] by its name; false when another node already has it.
    // `expected` sizes the table once when the node count is known up front.
    bool indexNode(std::uint32_t i, std::size_t expected = 0);
    // Indexes every node; returns the index of the first duplicate name, if any.
    std::optional<std::uint32_t> indexNames();
    std::size_t totalNodes() const;  // with nested subgraphs
    // The hash the name index uses; never 0. A reader sets Node::nameHash with it (in
    // parallel) so that indexing is only the table's work.
    static std::uint32_t hashName(std::string_view nodeName);

private:
    // Open addressing: (hash << 32 | node index + 1) per slot, 0 when empty. The names
    // stay in the nodes; a table of 100,000 names is 2 MB and one probe finds most.
    std::vector<std::uint64_t> slots_;
    std::size_t indexed_ = 0;
    void grow(std::size_t capacity);
};

struct Recorded;

// A model: one or several compiled subgraphs (each a Graph), from one or more files; or, from a
// metrics folder without graph dumps, only what the folder records of it (no graphs).
struct Model {
    std::string name;
    std::vector<std::string> sources;  // files it was read from
    std::vector<Graph> graphs;
    std::map<std::string, std::shared_ptr<const OpSchema>, std::less<>> schemas;  // by normalised op name
    std::shared_ptr<const Recorded> recorded;                                     // what a metrics folder records of it, if read from one
    std::string torch;                     // the torch version that made it, when its file says (a dump's producer.torch)
    std::vector<std::string> sourceRoots;  // where its stack traces' relative paths lie (a dump's source_roots)

    std::size_t totalNodes() const;
};

// The nodes a drawing of a graph knows when its fused partitions (call_module nodes with a
// subgraph) and the graphs of its higher-order ops (get_attr nodes holding a cond branch, a
// wrap_with_set_grad_enabled body, ...) can expand in place: the graph's nodes, then each one's
// nodes, one after another (one level: a partition inside a partition stays a node). A drawing
// index at or past the graph's node count is a node inside one of them.
class PartitionIndex {
public:
    struct Inner {
        std::uint32_t partition = 0;  // the call_module node, in the graph
        std::uint32_t node = 0;       // the node, in that partition's subgraph
    };
    explicit PartitionIndex(const Graph& graph);
    std::size_t size() const { return size_; }  // the graph's nodes and every partition's
    std::size_t graphNodes() const { return graph_->nodes.size(); }
    bool empty() const { return partitions_.empty(); }
    const std::vector<std::uint32_t>& partitions() const { return partitions_; }
    // The drawing index of the first node of the k-th partition.
    std::size_t base(std::size_t k) const { return bases_[k]; }
    // Where a drawing index past the graph's nodes is; none for a node of the graph.
    std::optional<Inner> inner(std::size_t index) const;
    // The node of the graph a partition's placeholder stands for (the call's argument in its
    // place, when that is a node), or its output (the call node itself); none for other indices.
    std::optional<std::uint32_t> outside(std::size_t index) const;
    // The node at a drawing index, and the graph that holds it.
    const Node& node(std::size_t index) const;
    const Graph& graphOf(std::size_t index) const;

private:
    const Graph* graph_;
    std::vector<std::uint32_t> partitions_;
    std::vector<std::size_t> bases_;
    std::size_t size_ = 0;
};

// The indices of the nodes whose target is `op`, in order, those inside partitions after the
// graph's (PartitionIndex indices): the one place that finds "the nodes of this op" (the
// window's walk, render --focus).
std::vector<std::uint32_t> nodesOfOp(const Graph& graph, std::string_view op);

}  // namespace atenscope
