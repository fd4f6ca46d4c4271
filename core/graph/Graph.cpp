// SPDX-License-Identifier: MIT
#include "graph/Graph.h"

#include <algorithm>

namespace atenscope {

namespace {
constexpr std::pair<OpKind, const char*> kOpKinds[] = {
    {OpKind::Placeholder, "placeholder"}, {OpKind::GetAttr, "get_attr"},       {OpKind::CallFunction, "call_function"},
    {OpKind::CallMethod, "call_method"},  {OpKind::CallModule, "call_module"}, {OpKind::Output, "output"},
};
}  // namespace

const char* opKindName(OpKind kind) {
    for (const auto& [k, name] : kOpKinds)
        if (k == kind) return name;
    return "?";
}

std::optional<OpKind> opKindFromName(std::string_view name) {
    for (const auto& [k, n] : kOpKinds)
        if (name == n) return k;
    return std::nullopt;
}

std::string_view Node::singleShape() const {
    if (outputIsTuple || outputs.size() != 1 || !outputs[0].isTensor) return {};
    return outputs[0].shape;
}

bool Node::isWeight() const {
    if (op == OpKind::GetAttr) return !subgraph;  // a higher-order op's graph is code, not data
    if (op != OpKind::Placeholder) return false;
    if (weightInput) return true;
    const std::string_view n = name;
    for (std::string_view prefix : {"_param_constant", "_tensor_constant", "p_", "b_", "c_"})
        if (n.substr(0, prefix.size()) == prefix) return true;
    return n.find("_parameters_") != std::string_view::npos || n.find("_buffers_") != std::string_view::npos;
}

const NodeExtras& Node::more() const {
    static const NodeExtras none;
    return extras ? *extras : none;
}

const ModuleFrame* Node::innermostModule() const {
    const auto& moduleStack = more().moduleStack;
    for (auto it = moduleStack.rbegin(); it != moduleStack.rend(); ++it)
        if (!it->path.empty()) return &*it;
    return nullptr;
}

std::string Node::modulePath() const {
    const ModuleFrame* frame = innermostModule();
    return frame ? std::string(frame->path) : std::string();
}

std::uint32_t Graph::hashName(std::string_view s) {
    // FNV-1a, folded to 32 bits; never 0 so that a slot's upper half says "used".
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    const auto folded = static_cast<std::uint32_t>(h ^ (h >> 32));
    return folded ? folded : 1;
}

std::optional<std::uint32_t> Graph::indexOf(std::string_view nodeName) const {
    if (slots_.empty()) return std::nullopt;
    const std::uint32_t h = hashName(nodeName);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = h & mask;; at = (at + 1) & mask) {
        const std::uint64_t slot = slots_[at];
        if (slot == 0) return std::nullopt;
        if (static_cast<std::uint32_t>(slot >> 32) != h) continue;
        const auto i = static_cast<std::uint32_t>(slot) - 1;
        if (nodes[i].name == nodeName) return i;
    }
}

const Node* Graph::find(std::string_view nodeName) const {
    const auto i = indexOf(nodeName);
    return i ? &nodes[*i] : nullptr;
}

void Graph::grow(std::size_t capacity) {
    std::size_t size = 16;
    while (size < capacity * 2) size <<= 1;  // at most half full
    if (size <= slots_.size()) return;
    std::vector<std::uint64_t> old(size, 0);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const std::uint64_t slot : old) {
        if (slot == 0) continue;
        std::size_t at = (slot >> 32) & mask;
        while (slots_[at] != 0) at = (at + 1) & mask;
        slots_[at] = slot;
    }
}

bool Graph::indexNode(std::uint32_t i, std::size_t expected) {
    grow(std::max(expected, indexed_ + 1));
    const std::string_view key = nodes[i].name;
    const std::uint32_t h = nodes[i].nameHash ? nodes[i].nameHash : hashName(key);
    const std::size_t mask = slots_.size() - 1;
    std::size_t at = h & mask;
    for (; slots_[at] != 0; at = (at + 1) & mask) {
        const std::uint64_t slot = slots_[at];
        if (static_cast<std::uint32_t>(slot >> 32) == h && nodes[static_cast<std::uint32_t>(slot) - 1].name == key) return false;
    }
    slots_[at] = (std::uint64_t{h} << 32) | (std::uint64_t{i} + 1);
    ++indexed_;
    return true;
}

std::optional<std::uint32_t> Graph::indexNames() {
    slots_.clear();
    indexed_ = 0;
    grow(nodes.size());
    for (std::uint32_t i = 0; i < nodes.size(); ++i)
        if (!indexNode(i)) return i;
    return std::nullopt;
}

std::size_t Graph::totalNodes() const {
    std::size_t n = nodes.size();
    for (const auto& node : nodes)
        if (node.subgraph) n += node.subgraph->totalNodes();
    return n;
}

PartitionIndex::PartitionIndex(const Graph& graph) : graph_(&graph), size_(graph.nodes.size()) {
    for (std::uint32_t i = 0; i < graph.nodes.size(); ++i)
        if ((graph.nodes[i].op == OpKind::CallModule || graph.nodes[i].op == OpKind::GetAttr) && graph.nodes[i].subgraph) {
            partitions_.push_back(i);
            bases_.push_back(size_);
            size_ += graph.nodes[i].subgraph->nodes.size();
        }
}

std::optional<PartitionIndex::Inner> PartitionIndex::inner(std::size_t index) const {
    if (index < graph_->nodes.size() || index >= size_) return std::nullopt;
    const auto k = static_cast<std::size_t>(std::upper_bound(bases_.begin(), bases_.end(), index) - bases_.begin()) - 1;
    return Inner{partitions_[k], static_cast<std::uint32_t>(index - bases_[k])};
}

std::optional<std::uint32_t> PartitionIndex::outside(std::size_t index) const {
    const auto in = inner(index);
    if (!in) return std::nullopt;
    const Node& call = graph_->nodes[in->partition];
    const auto& nodes = call.subgraph->nodes;
    if (nodes[in->node].op == OpKind::Output) return in->partition;
    if (nodes[in->node].op != OpKind::Placeholder) return std::nullopt;
    std::size_t ordinal = 0;
    for (std::size_t j = 0; j < in->node; ++j) ordinal += nodes[j].op == OpKind::Placeholder;
    if (ordinal < call.args.size() && call.args[ordinal].kind == Value::Kind::Node)
        return static_cast<std::uint32_t>(call.args[ordinal].integer);
    return std::nullopt;
}

const Node& PartitionIndex::node(std::size_t index) const {
    const auto in = inner(index);
    return in ? graph_->nodes[in->partition].subgraph->nodes[in->node] : graph_->nodes[index];
}

const Graph& PartitionIndex::graphOf(std::size_t index) const {
    const auto in = inner(index);
    return in ? *graph_->nodes[in->partition].subgraph : *graph_;
}

std::size_t Model::totalNodes() const {
    std::size_t n = 0;
    for (const auto& g : graphs) n += g.totalNodes();
    return n;
}

void Graph::linkUsers() {
    // Counted, then carved out of one array.
    std::vector<std::uint32_t> count(nodes.size(), 0);
    std::size_t total = 0;
    for (const Node& node : nodes) {
        for (auto in : node.inputs) ++count[in];
        total += node.inputs.size();
    }
    std::span<std::uint32_t> all = arena.make<std::uint32_t>(total);
    std::size_t at = 0;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        nodes[i].users = all.subspan(at, count[i]);
        at += count[i];
        count[i] = 0;
    }
    for (std::uint32_t i = 0; i < nodes.size(); ++i)
        for (auto in : nodes[i].inputs) nodes[in].users[count[in]++] = i;
}

std::optional<std::uint32_t> Graph::nodeOnCycle() const {
    // Kahn's algorithm; what is left over lies on or behind a cycle.
    std::vector<std::uint32_t> pending(nodes.size());
    std::vector<std::uint32_t> ready;
    for (std::uint32_t i = 0; i < nodes.size(); ++i) {
        pending[i] = static_cast<std::uint32_t>(nodes[i].inputs.size());
        if (pending[i] == 0) ready.push_back(i);
    }
    std::size_t done = 0;
    while (!ready.empty()) {
        const auto n = ready.back();
        ready.pop_back();
        ++done;
        for (auto u : nodes[n].users)
            if (--pending[u] == 0) ready.push_back(u);
    }
    if (done == nodes.size()) return std::nullopt;
    for (std::uint32_t i = 0; i < nodes.size(); ++i) {
        if (pending[i] == 0) continue;
        // Walk back along unfinished inputs until a node repeats: that node is on the cycle.
        std::vector<bool> seen(nodes.size(), false);
        std::uint32_t at = i;
        while (!seen[at]) {
            seen[at] = true;
            for (auto in : nodes[at].inputs)
                if (pending[in] != 0) {
                    at = in;
                    break;
                }
        }
        return at;
    }
    return std::nullopt;
}

std::vector<std::uint32_t> nodesOfOp(const Graph& graph, std::string_view op) {
    std::vector<std::uint32_t> out;
    const PartitionIndex parts(graph);
    for (std::size_t i = 0; i < parts.size(); ++i)
        if (parts.node(i).target == op) out.push_back(static_cast<std::uint32_t>(i));
    return out;
}

}  // namespace atenscope
