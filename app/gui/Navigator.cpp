// SPDX-License-Identifier: MIT
#include "gui/Navigator.h"

#include "analysis/Classifier.h"
#include "analysis/SourceLines.h"

#include "render/QtText.h"

#include <QRegularExpression>

#include <algorithm>
#include <optional>

namespace atenscope::gui {

std::vector<NodeRef> nodesOfOp(const Model& model, std::string_view op) {
    std::vector<NodeRef> out;
    for (std::size_t g = 0; g < model.graphs.size(); ++g)
        for (const auto i : nodesOfOp(model.graphs[g], op)) out.push_back({static_cast<int>(g), static_cast<int>(i)});
    return out;
}

std::vector<NodeRef> nodesOfLine(const Model& model, std::string_view file, std::uint32_t line) {
    std::vector<NodeRef> out;
    for (std::size_t g = 0; g < model.graphs.size(); ++g)
        for (const auto i : nodesOfLine(model.graphs[g], file, line)) out.push_back({static_cast<int>(g), static_cast<int>(i)});
    return out;
}

std::vector<NodeRef> walkOfLine(const Model& m, std::string_view file, std::uint32_t line, const Profile& profile, bool predict) {
    std::vector<NodeRef> nodes = nodesOfLine(m, file, line), left;
    std::optional<PartitionIndex> parts;  // of the graph of the node before (nodes come graph by graph)
    int partsOf = -1;
    for (const NodeRef& r : nodes) {
        const Graph& g = m.graphs[static_cast<std::size_t>(r.graph)];
        if (partsOf != r.graph) parts.emplace(g), partsOf = r.graph;
        const auto at = static_cast<std::size_t>(r.node);
        const auto in = parts->inner(at);
        ClassifyOptions co;
        co.predict = predict;
        co.insideConverted = in && convertsSubgraph(g.nodes[in->partition], profile);
        if (classify(parts->graphOf(at), parts->node(at), profile, co) == NodeClass::Remaining) left.push_back(r);
    }
    return left.empty() ? nodes : left;
}

Navigator::Navigator(QObject* parent) : QObject(parent) {}

void Navigator::setModel(const Model* model) {
    model_ = model;
    graph_ = 0;
    selected_ = {};
    walk_.clear();
    pos_ = -1;
    subject_.clear();
    error_.clear();
    emit modelChanged();
    emit currentGraphChanged(graph_);
    emit walkChanged();
    emit selectionChanged(selected_);
}

Navigator::Place Navigator::place() const {
    Place p;
    if (!walkIsSearch()) p.op = walkSubject();
    p.walkAt = pos_;
    if (model_ && selected_.valid()) {
        const Graph& g = model_->graphs[static_cast<std::size_t>(selected_.graph)];
        p.graph = qtext(g.name);
        p.node = qtext(PartitionIndex(g).node(static_cast<std::size_t>(selected_.node)).name);
    }
    return p;
}

void Navigator::restore(const Place& p) {
    if (!p.op.isEmpty()) {
        walkOp(p.op);
        if (p.walkAt >= 0 && !walk_.empty()) goTo(std::min(p.walkAt, static_cast<int>(walk_.size()) - 1));
    }
    if (!p.node.isEmpty()) selectByName(p.graph, p.node);
}

void Navigator::setCurrentGraph(int graph) {
    if (!model_ || graph < 0 || static_cast<std::size_t>(graph) >= model_->graphs.size() || graph == graph_) return;
    graph_ = graph;
    emit currentGraphChanged(graph_);
    if (selected_.valid() && selected_.graph != graph_) {
        selected_ = {};
        emit selectionChanged(selected_);
    }
    emit walkChanged();  // its marks in the shown subgraph
}

void Navigator::select(NodeRef node) {
    // A node of the graph, or one inside its partitions (PartitionIndex).
    if (!model_ || node.graph < 0 || static_cast<std::size_t>(node.graph) >= model_->graphs.size() || node.node < 0 ||
        static_cast<std::size_t>(node.node) >= PartitionIndex(model_->graphs[static_cast<std::size_t>(node.graph)]).size())
        return;
    setCurrentGraph(node.graph);
    selected_ = node;
    // A node of the walk, clicked or chosen in a table, is where F3 goes on from.
    if (const auto it = std::find(walk_.begin(), walk_.end(), node); it != walk_.end()) {
        const int at = static_cast<int>(it - walk_.begin());
        if (at != pos_) {
            pos_ = at;
            emit walkChanged();
        }
    }
    emit selectionChanged(selected_);
}

bool Navigator::selectByName(const QString& graph, const QString& node) {
    if (!model_) return false;
    for (std::size_t g = 0; g < model_->graphs.size(); ++g) {
        if (qtext(model_->graphs[g].name) != graph) continue;
        const std::string name = node.toStdString();
        if (const auto at = model_->graphs[g].indexOf(name)) {
            select({static_cast<int>(g), static_cast<int>(*at)});
            return true;
        }
        // A node inside a partition (the remaining-nodes table lists those under the graph's name).
        const PartitionIndex parts(model_->graphs[g]);
        for (std::size_t k = 0; k < parts.partitions().size(); ++k)
            if (const auto at = model_->graphs[g].nodes[parts.partitions()[k]].subgraph->indexOf(name)) {
                select({static_cast<int>(g), static_cast<int>(parts.base(k) + *at)});
                return true;
            }
        return false;
    }
    return false;
}

void Navigator::walkOp(const QString& op) {
    if (!model_) return;
    setWalk(nodesOfOp(*model_, op.toStdString()), op, false);
}

void Navigator::walkNodes(std::vector<NodeRef> nodes, const QString& subject) {
    setWalk(std::move(nodes), subject, true);
}

bool Navigator::search(const QString& pattern) {
    if (!model_) return false;
    // Enter again on the same pattern goes to the next hit.
    if (isSearch_ && pattern == subject_ && !walk_.empty() && error_.isEmpty()) {
        next();
        return true;
    }
    QRegularExpression re(pattern, QRegularExpression::CaseInsensitiveOption);
    error_.clear();
    plainText_ = !re.isValid();
    if (plainText_) {  // "[1, 512": not a regular expression, so the text itself is searched for
        re = QRegularExpression(QRegularExpression::escape(pattern), QRegularExpression::CaseInsensitiveOption);
        if (!re.isValid()) {
            error_ = re.errorString();
            setWalk({}, pattern, true);  // the old hits are no longer marked
            return false;
        }
    }
    std::vector<NodeRef> hits;
    for (std::size_t g = 0; g < model_->graphs.size(); ++g) {
        const PartitionIndex parts(model_->graphs[g]);  // the graph's nodes, then its partitions'
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const Node& n = parts.node(i);
            if (re.match(qtext(n.name)).hasMatch() || re.match(qtext(n.target)).hasMatch() || re.match(qtext(n.singleShape())).hasMatch())
                hits.push_back({static_cast<int>(g), static_cast<int>(i)});
        }
    }
    setWalk(std::move(hits), pattern, true);
    return true;
}

void Navigator::setWalk(std::vector<NodeRef> nodes, const QString& subject, bool isSearch) {
    walk_ = std::move(nodes);
    subject_ = subject;
    isSearch_ = isSearch;
    pos_ = -1;
    if (walk_.empty()) {
        emit walkChanged();
        return;
    }
    // An op's walk starts at its first node ("1 of 20"), whatever subgraph is shown; a search's
    // in the shown subgraph when it holds some hits, else at the first subgraph after it.
    if (!isSearch) {
        goTo(0);
        return;
    }
    const auto here = std::find_if(walk_.begin(), walk_.end(), [&](const NodeRef& r) { return r.graph >= graph_; });
    goTo(here == walk_.end() ? 0 : static_cast<int>(here - walk_.begin()));
}

void Navigator::goTo(int pos) {
    if (walk_.empty()) return;
    const int n = static_cast<int>(walk_.size());
    pos_ = ((pos % n) + n) % n;
    const NodeRef target = walk_[static_cast<std::size_t>(pos_)];
    setCurrentGraph(target.graph);
    selected_ = target;
    emit walkChanged();
    emit selectionChanged(selected_);
}

void Navigator::next() {
    goTo(pos_ + 1);
}

void Navigator::previous() {
    goTo(pos_ < 0 ? -1 : pos_ - 1);
}

void Navigator::clearWalk() {
    if (walk_.empty() && subject_.isEmpty() && error_.isEmpty()) return;
    walk_.clear();
    pos_ = -1;
    subject_.clear();
    error_.clear();
    emit walkChanged();
}

QString Navigator::walkLabel() const {
    if (!error_.isEmpty()) return tr("invalid pattern: %1").arg(error_);
    if (subject_.isEmpty()) return {};
    if (walk_.empty() && model_ && model_->graphs.empty()) return tr("%1: no graph to walk").arg(subject_);
    if (walk_.empty())
        return isSearch_ ? tr("%1: no match%2").arg(subject_, plainText_ ? tr(" (as plain text)") : QString())
                         : tr("%1: no node").arg(subject_);
    QString where;
    if (model_ && model_->graphs.size() > 1 && pos_ >= 0)
        where = tr(", subgraph %1").arg(qtext(model_->graphs[static_cast<std::size_t>(walk_[static_cast<std::size_t>(pos_)].graph)].name));
    const QString plain = isSearch_ && plainText_ ? tr(" (as plain text: not a regular expression)") : QString();
    return tr("%1 of %2%3%4  (F3 / Shift+F3)").arg(pos_ + 1).arg(walk_.size()).arg(where, plain);
}

std::vector<bool> Navigator::walkMask(int graph) const {
    std::vector<bool> mask;
    if (!model_ || graph < 0 || static_cast<std::size_t>(graph) >= model_->graphs.size() || walk_.empty()) return mask;
    mask.assign(PartitionIndex(model_->graphs[static_cast<std::size_t>(graph)]).size(), false);  // partitions' nodes too
    for (const NodeRef& r : walk_)
        if (r.graph == graph) mask[static_cast<std::size_t>(r.node)] = true;
    return mask;
}

}  // namespace atenscope::gui
