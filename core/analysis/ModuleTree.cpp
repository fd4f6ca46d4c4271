// SPDX-License-Identifier: MIT
#include "analysis/ModuleTree.h"

#include "analysis/Profile.h"

#include <algorithm>
#include <unordered_map>

namespace atenscope {

namespace {

// torch.nn.modules.conv.Conv2d -> Conv2d; "<class 'x.Y'>" -> Y
std::string shortType(std::string_view type) {
    while (!type.empty() && (type.back() == '>' || type.back() == '\'')) type.remove_suffix(1);
    const auto dot = type.find_last_of('.');
    if (dot != std::string_view::npos) type.remove_prefix(dot + 1);
    return std::string(type);
}

}  // namespace

ModuleTree buildModuleTree(const Graph& graph, const std::vector<NodeClass>& classes) {
    ModuleTree tree;
    tree.modules.emplace_back();
    // Looked up by the path's text (no string made per level: most levels are found).
    TextMap<int> byPath;
    // Readers keep each distinct module stack once: nodes with the same stack share it, and
    // the walk below gives the same module for them (a node with a stack of its own walks).
    std::unordered_map<const ModuleFrame*, int> byStack;
    for (std::uint32_t i = 0; i < graph.nodes.size(); ++i) {
        const Node& node = graph.nodes[i];
        // The chain of modules is the innermost path's prefixes (layers, layers.3,
        // layers.3.self_attn): stacks that list only the innermost frame nest as fully as
        // those that list every level; a frame of the stack names a level's class.
        int at = 0;
        const ModuleFrame* inner = node.innermostModule();
        const std::string_view full = inner ? inner->path : std::string_view();
        const ModuleFrame* stack = node.more().moduleStack.data();
        if (const auto known = inner ? byStack.find(stack) : byStack.end(); known != byStack.end()) {
            at = known->second;
            inner = nullptr;  // found: no walk
        }
        for (std::size_t end = 0; inner && end != std::string_view::npos;) {
            end = full.find('.', end + 1);
            const std::string_view path = full.substr(0, end);
            auto it = byPath.find(path);
            if (it == byPath.end()) {
                ModuleNode m;
                m.path = std::string(path);
                const std::string& parent = tree.modules[static_cast<std::size_t>(at)].path;
                m.name = std::string(parent.empty() ? path : path.substr(parent.size() + 1));
                for (const ModuleFrame& f : node.more().moduleStack)
                    if (f.path == path) m.type = shortType(f.type);
                m.parent = at;
                tree.modules.push_back(std::move(m));
                const int id = static_cast<int>(tree.modules.size() - 1);
                tree.modules[static_cast<std::size_t>(at)].children.push_back(id);
                it = byPath.emplace(std::string(path), id).first;
            } else if (tree.modules[static_cast<std::size_t>(it->second)].type.empty()) {
                for (const ModuleFrame& f : node.more().moduleStack)
                    if (f.path == path) tree.modules[static_cast<std::size_t>(it->second)].type = shortType(f.type);
            }
            at = it->second;
        }
        if (inner) byStack.emplace(stack, at);
        tree.modules[static_cast<std::size_t>(at)].own.push_back(i);
    }
    countClasses(tree, classes);
    return tree;
}

void countClasses(ModuleTree& tree, const std::vector<NodeClass>& classes) {
    // Each module's own nodes, then children into parents (parents come first).
    for (ModuleNode& m : tree.modules) {
        m.nodes = m.own.size();
        m.remaining = m.converted = m.dataMovement = 0;
        for (const auto i : m.own) {
            const NodeClass c = i < classes.size() ? classes[i] : NodeClass::Other;
            m.remaining += c == NodeClass::Remaining;
            m.converted += c == NodeClass::Converted;
            m.dataMovement += c == NodeClass::DataMovement;
        }
    }
    for (std::size_t m = tree.modules.size(); m-- > 1;) {
        const ModuleNode& child = tree.modules[m];
        ModuleNode& parent = tree.modules[static_cast<std::size_t>(child.parent)];
        parent.nodes += child.nodes;
        parent.remaining += child.remaining;
        parent.converted += child.converted;
        parent.dataMovement += child.dataMovement;
    }
}

std::vector<std::uint32_t> ModuleTree::nodesUnder(int module) const {
    std::vector<std::uint32_t> out;
    if (module < 0 || module >= static_cast<int>(modules.size())) return out;
    std::vector<int> stack{module};
    while (!stack.empty()) {
        const ModuleNode& m = modules[static_cast<std::size_t>(stack.back())];
        stack.pop_back();
        out.insert(out.end(), m.own.begin(), m.own.end());
        stack.insert(stack.end(), m.children.begin(), m.children.end());
    }
    std::sort(out.begin(), out.end());
    return out;
}

int ModuleTree::find(std::string_view path) const {
    for (std::size_t i = 0; i < modules.size(); ++i)
        if (modules[i].path == path) return static_cast<int>(i);
    return -1;
}

}  // namespace atenscope
