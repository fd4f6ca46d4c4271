// SPDX-License-Identifier: MIT
#include "render/GroupedLayout.h"

#include "base/Parallel.h"

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>

namespace atenscope {

namespace {
constexpr double kBoxChar = 6.8;
constexpr double kOpChar = 8.0;  // a character of a box's op list (the node titles' font, tracked)

// Lines the items take at `perLine` characters a line, broken between items (",  " apart).
int wrappedLines(const std::vector<std::size_t>& items, double perLine) {
    int lines = 0;
    double used = 0;
    for (const std::size_t n : items) {
        const double len = static_cast<double>(n);
        if (lines == 0 || used + 3 + len > perLine) {
            ++lines;
            used = len;
        } else {
            used += 3 + len;
        }
    }
    return lines;
}

// Per module, its box when collapsed: path, class and size, then room to name the ops that may
// remain inside it (its aten op types and those of the modules within, whatever the profile; an
// item per type, the label and past one node its count, " ×12"): wider for many, then up to
// kOpLines lines.
std::vector<LayoutInput::Size> collapsedBoxes(const Graph& graph, const PartitionIndex* parts, const ModuleTree& tree,
                                              const std::vector<int>& group) {
    // A few op types per module, found by a linear search: cheaper than hashing each node's
    // target (readers do not share one copy of each).
    // Nodes of one op share its schema (when known): compared by that first.
    struct Type {
        const OpSchema* schema;
        std::string_view target;
        std::size_t nodes;
    };
    using Counts = std::vector<Type>;
    auto add = [](Counts& to, const OpSchema* schema, std::string_view target, std::size_t n) {
        const auto it = std::find_if(to.begin(), to.end(), [&](const Type& e) {
            return schema && e.schema ? schema == e.schema : e.target.data() == target.data() || e.target == target;
        });
        if (it == to.end()) {
            to.push_back({schema, target, n});
        } else {
            it->nodes += n;
        }
    };
    std::vector<Counts> types(tree.modules.size());
    for (std::size_t i = 0; i < group.size(); ++i) {
        const Node& n = parts ? parts->node(i) : graph.nodes[i];
        if (group[i] < 0 || n.op != OpKind::CallFunction) continue;
        // An aten op: by its schema's name when it has one (shared by the op's nodes, so the
        // node's own target text is not read), else by its target.
        if (n.schema ? !n.schema->name.starts_with("aten::") : !n.isAten()) continue;
        Counts& to = types[static_cast<std::size_t>(group[i])];
        if (to.empty()) to.reserve(8);
        add(to, n.schema, n.target, 1);
    }
    std::vector<LayoutInput::Size> boxes(tree.modules.size());
    std::vector<std::size_t> items;
    for (std::size_t k = tree.modules.size(); k-- > 0;) {
        const ModuleNode& m = tree.modules[k];
        items.clear();
        double listed = 0, longest = 0;
        for (const Type& t : types[k]) {
            std::size_t digits = 0;
            for (std::size_t c = t.nodes; c > 0; c /= 10) ++digits;
            items.push_back(shortTargetText(t.target).size() + (t.nodes > 1 ? 2 + digits : 0));
            listed += static_cast<double>(items.back()) + 3;
            longest = std::max(longest, static_cast<double>(items.back()));
        }
        const double chars = static_cast<double>(
            std::max({std::min<std::size_t>(m.path.size(), 44), m.type.size() + 16, std::min<std::size_t>(m.holds.size(), 44)}));
        const bool lists = m.partition < 0 && !items.empty();
        const double ops = lists ? std::max(listed / CollapsedBox::kOpLines, longest) * kOpChar + 20 : 0.0;
        const double width = std::max(std::clamp(chars * kBoxChar + 28, 170.0, 330.0), std::min(ops, 460.0));
        const int lines = lists ? std::min(CollapsedBox::kOpLines, wrappedLines(items, (width - 20) / kOpChar)) : 0;
        boxes[k] = {width, CollapsedBox::kHeight + lines * CollapsedBox::kOpLine + (lists ? CollapsedBox::kOpPad : 0.0)};
        if (k > 0) {
            Counts& up = types[static_cast<std::size_t>(m.parent)];
            for (const Type& t : types[k]) add(up, t.schema, t.target, t.nodes);
            types[k] = {};
        }
    }
    return boxes;
}

// The innermost module holding two modules, by their depths (root 0).
class CommonModule {
public:
    explicit CommonModule(const ModuleTree& tree) : tree_(tree), depth_(tree.modules.size(), 0) {
        for (std::size_t m = 1; m < tree.modules.size(); ++m) depth_[m] = depth_[static_cast<std::size_t>(tree.modules[m].parent)] + 1;
    }
    int operator()(int a, int b) const {
        while (a != b) {
            if (depth_[static_cast<std::size_t>(a)] >= depth_[static_cast<std::size_t>(b)]) {
                a = tree_.modules[static_cast<std::size_t>(a)].parent;
            } else {
                b = tree_.modules[static_cast<std::size_t>(b)].parent;
            }
        }
        return a;
    }

private:
    const ModuleTree& tree_;
    std::vector<int> depth_;
};

// Each fused partition a group of its own: the call_module node (drawn at the bottom when the
// box is open, where what the partition returns arrives) and the nodes inside it. It sits in the
// innermost module holding its call node and the modules of the nodes inside it (a partition
// fuses ops of several modules: a layer's norm and its attention's projections). A partition
// inside a partition stays a node.
void addPartitions(const Graph& graph, const PartitionIndex& parts, ModuleTree& tree, std::vector<int>& group) {
    std::unordered_map<std::string, int> byPath;
    for (std::size_t m = 0; m < tree.modules.size(); ++m) byPath.emplace(tree.modules[m].path, static_cast<int>(m));
    const CommonModule common(tree);              // of the modules before partitions are added
    auto moduleOf = [&](std::string_view path) {  // the innermost module of the graph on the path
        while (!path.empty()) {
            if (const auto it = byPath.find(std::string(path)); it != byPath.end()) return it->second;
            const auto dot = path.rfind('.');
            path = dot == std::string_view::npos ? std::string_view() : path.substr(0, dot);
        }
        return 0;
    };
    for (std::size_t k = 0; k < parts.partitions().size(); ++k) {
        const std::uint32_t call = parts.partitions()[k];
        const Graph& sub = *graph.nodes[call].subgraph;
        int parent = -1;
        if (graph.nodes[call].innermostModule()) parent = group[call];
        for (const Node& n : sub.nodes)
            if (n.op != OpKind::Placeholder && n.op != OpKind::Output)
                if (const ModuleFrame* f = n.innermostModule()) parent = parent < 0 ? moduleOf(f->path) : common(parent, moduleOf(f->path));
        if (parent < 0) parent = group[call];
        ModuleNode m;
        m.path = std::string(graph.nodes[call].name);
        m.name = m.path;
        m.type = graph.nodes[call].op == OpKind::GetAttr ? "branch" : "partition";  // a higher-order op's graph, or a fused one
        m.parent = parent;
        m.partition = call;
        // What it holds, most frequent first: "mm ×4 · add ×3 · mul ×2".
        std::map<std::string_view, int> ops;
        for (const Node& n : sub.nodes)
            if (n.op == OpKind::CallFunction || n.op == OpKind::CallMethod || n.op == OpKind::CallModule) ++ops[shortOpText(n)];
        std::vector<std::pair<std::string_view, int>> byCount(ops.begin(), ops.end());
        std::stable_sort(byCount.begin(), byCount.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        for (const auto& [op, count] : byCount) {
            if (!m.holds.empty()) m.holds += " \u00b7 ";
            m.holds += std::string(op) + (count > 1 ? " \u00d7" + std::to_string(count) : std::string());
        }
        const int id = static_cast<int>(tree.modules.size());
        auto& own = tree.modules[static_cast<std::size_t>(group[call])].own;  // the call node's module until now
        own.erase(std::remove(own.begin(), own.end(), call), own.end());
        tree.modules[static_cast<std::size_t>(parent)].children.push_back(id);
        m.own.push_back(call);
        group[call] = id;
        for (std::size_t j = 0; j < sub.nodes.size(); ++j) {
            group[parts.base(k) + j] = id;
            // Its placeholders and output are drawn as its edges, not counted as its nodes.
            if (sub.nodes[j].op != OpKind::Placeholder && sub.nodes[j].op != OpKind::Output)
                m.own.push_back(static_cast<std::uint32_t>(parts.base(k) + j));
        }
        tree.modules.push_back(std::move(m));
    }
}
}  // namespace

std::shared_ptr<GroupedLayout> GroupedLayout::make(const Graph& graph, bool weights) {
    auto tree = std::make_shared<ModuleTree>(buildModuleTree(graph, {}));
    auto parts = std::make_shared<const PartitionIndex>(graph);
    if (tree->modules.size() <= 1 && parts->empty()) return nullptr;
    auto g = std::make_shared<GroupedLayout>();
    g->graph_ = &graph;
    g->folded_ = weights ? FoldedWeights() : FoldedWeights(graph);  // made once
    const FoldedWeights& folded = g->folded_;
    if (parts->empty()) {
        g->shown_ = weights ? std::vector<char>() : GraphDrawing::shownNodes(graph, folded);
    } else {
        g->shown_ = GraphDrawing::shownNodes(graph, *parts, weights, &folded);
        g->parts_ = parts;
    }
    const std::size_t n = graph.nodes.size();
    std::vector<int>& group = g->nodeGroup_;
    group.assign(parts->size(), 0);
    for (std::size_t m = 0; m < tree->modules.size(); ++m)
        for (const auto i : tree->modules[m].own) group[i] = static_cast<int>(m);
    // A weight or constant goes where all its users are (a layer's weights into the layer).
    const CommonModule common(*tree);
    std::vector<int> usersAt(n, -1);
    for (std::size_t i = 0; i < n; ++i)
        for (const auto p : graph.nodes[i].inputs)
            if (p < n && graph.nodes[p].isWeight()) usersAt[p] = usersAt[p] < 0 ? group[i] : common(usersAt[p], group[i]);
    for (std::size_t i = 0; i < n; ++i)
        if (graph.nodes[i].isWeight() && group[i] == 0 && usersAt[i] > 0) group[i] = usersAt[i];
    if (g->parts_) addPartitions(graph, *parts, *tree, group);

    GroupStructure s;
    s.parent.reserve(tree->modules.size());
    for (const ModuleNode& m : tree->modules) s.parent.push_back(m.parent);
    // A node's box is sized when a drawing first shows it (its module open): the first view of a
    // large graph shows a few (12 of 105,758 nodes for the Llama benchmark graph).
    s.nodeSize = [gl = g.get()](std::uint32_t k) {
        return GraphDrawing::nodeSize(*gl->graph_, gl->shown_, gl->parts_.get(), gl->folded_, gl->shownIndex_[k]);
    };
    // The closed boxes' sizes (a pass over every node and module) are not needed to build the
    // compound layout (its edges lifted through the groups), only to lay it out: on a large graph
    // the two side by side, on two threads where there are two.
    std::vector<LayoutInput::Size> collapsed;
    const std::size_t jobs = parts->size() >= 20'000 ? rangeCount(2, 1) : 1;
    forRanges(jobs, 1, [&](std::size_t job, std::size_t, std::size_t) {
        if (job == 0) collapsed = collapsedBoxes(graph, parts->empty() ? nullptr : parts.get(), *tree, group);
        if (job == 1 || jobs == 1) {
            for (std::size_t i = 0; i < group.size(); ++i)
                if (g->shown_.empty() || g->shown_[i]) {
                    s.nodeGroup.push_back(group[i]);
                    g->shownIndex_.push_back(static_cast<std::uint32_t>(i));
                }
            s.collapsed.resize(s.parent.size());  // set below
            g->layout_ = std::make_unique<CompoundLayout>(GraphDrawing::layoutInput(graph, g->shown_, g->parts_.get(), &folded, false),
                                                          std::move(s));
        }
    });
    g->layout_->setCollapsed(std::move(collapsed));
    for (std::size_t i = 0; i < group.size(); ++i)
        if (!g->shown_.empty() && !g->shown_[i]) group[i] = -1;
    g->tree_ = std::move(tree);
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
            if (depth[m] == d && weight[m] > 0 && modules[m].partition < 0) next = next - 1 + items[m];
        if (next > budget) break;
        for (std::size_t m = 1; m < modules.size(); ++m)
            if (depth[m] == d && modules[m].partition < 0) state[m] = 1;  // partitions open on demand
        shown = next;
    }
    return state;
}

std::vector<char> GroupedLayout::depthState(int depth) const {
    const auto& modules = tree_->modules;
    std::vector<int> d(modules.size(), 0);
    std::vector<char> state(modules.size(), 0);
    state[0] = 1;
    for (std::size_t m = 1; m < modules.size(); ++m) {
        d[m] = d[static_cast<std::size_t>(modules[m].parent)] + 1;
        state[m] = d[m] < depth && modules[m].partition < 0 ? 1 : 0;
    }
    return state;
}

int GroupedLayout::depth() const {
    const auto& modules = tree_->modules;
    std::vector<int> d(modules.size(), 0);
    int deepest = 0;
    for (std::size_t m = 1; m < modules.size(); ++m) {
        d[m] = d[static_cast<std::size_t>(modules[m].parent)] + 1;
        deepest = std::max(deepest, d[m]);
    }
    return deepest;
}

std::shared_ptr<GraphDrawing> GroupedLayout::overviewWithin(const QSizeF& room, std::vector<char>* state, int* depth) {
    std::shared_ptr<GraphDrawing> best;
    const int deepest = this->depth();
    for (int d = 1; d <= std::max(deepest, 1); ++d) {
        std::vector<char> s = depthState(d);
        if (best && state && s == *state) break;  // no module that deep is a module (partitions only)
        auto drawing = draw(s);
        const QSizeF size = drawing->bounds().size();
        const bool fits = size.width() <= room.width() && size.height() <= room.height();
        if (best && !fits) break;
        best = std::move(drawing);
        if (state) *state = std::move(s);
        if (depth) *depth = d;
        if (!fits) break;
    }
    return best;
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
    return std::make_shared<GraphDrawing>(*graph_, result, shown_, tree_, nodeGroup_, layout_->nodeSizes(), parts_, &folded_);
}

}  // namespace atenscope
