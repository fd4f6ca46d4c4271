#include "atenscope/Graph.h"

namespace atenscope {

namespace {
constexpr std::pair<OpKind, const char*> kOpKinds[] = {
    {OpKind::Placeholder, "placeholder"}, {OpKind::GetAttr, "get_attr"},       {OpKind::CallFunction, "call_function"},
    {OpKind::CallMethod, "call_method"},  {OpKind::CallModule, "call_module"}, {OpKind::Output, "output"},
};
const std::string kEmpty;
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

const std::string& Node::singleShape() const {
    if (outputIsTuple || outputs.size() != 1 || !outputs[0].isTensor) return kEmpty;
    return outputs[0].shape;
}

std::string Node::modulePath() const {
    // The innermost frame names the module that made the node.
    for (auto it = moduleStack.rbegin(); it != moduleStack.rend(); ++it)
        if (!it->path.empty()) return it->path;
    return {};
}

const Node* Graph::find(const std::string& nodeName) const {
    auto it = index.find(nodeName);
    return it == index.end() ? nullptr : &nodes[it->second];
}

std::size_t Graph::totalNodes() const {
    std::size_t n = nodes.size();
    for (const auto& node : nodes)
        if (node.subgraph) n += node.subgraph->totalNodes();
    return n;
}

std::size_t Model::totalNodes() const {
    std::size_t n = 0;
    for (const auto& g : graphs) n += g.totalNodes();
    return n;
}

}  // namespace atenscope
