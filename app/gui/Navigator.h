// SPDX-License-Identifier: MIT
#pragma once
// Where the user is in a model: the shown subgraph, the selected node, and the walk (the
// nodes of one op, or the hits of a search, across every subgraph in order, stepped through
// with F3 / Shift+F3). No widgets: the window shows what the signals say; tests drive it
// directly (as hotspot's FilterAndZoomStack drives its views).
#include "analysis/Profile.h"
#include "graph/Graph.h"

#include <QObject>
#include <QString>

#include <vector>

namespace atenscope::gui {

// A node of the model: its subgraph's index and its index there.
struct NodeRef {
    int graph = -1;
    int node = -1;
    bool valid() const { return graph >= 0 && node >= 0; }
    friend bool operator==(const NodeRef&, const NodeRef&) = default;
};

// Every node whose target is `op`, in subgraph order then node order (graph/Graph.h's
// nodesOfOp over the model).
std::vector<NodeRef> nodesOfOp(const Model& model, std::string_view op);
// Every node that comes from the model's own `file`:`line` (analysis/SourceLines.h), in the same order.
std::vector<NodeRef> nodesOfLine(const Model& model, std::string_view file, std::uint32_t line);
// What choosing a source line walks: its nodes the profile leaves remaining (as many as the Lines
// table's Remaining column says); a line converted whole, all of its nodes. Classified as the
// report does (node names do not tell: a partition's nodes keep the names of the outer graph's).
std::vector<NodeRef> walkOfLine(const Model& model, std::string_view file, std::uint32_t line, const Profile& profile, bool predict);

class Navigator : public QObject {
    Q_OBJECT
public:
    explicit Navigator(QObject* parent = nullptr);

    // The model navigated (null: none). Resets the subgraph to 0, the selection and the walk.
    void setModel(const Model* model);
    // Where the user is, by names, so that it survives a reload of the same files (following):
    // the op walked and the position in its walk, the selected node.
    struct Place {
        QString op;
        int walkAt = -1;
        QString graph, node;
    };
    Place place() const;
    void restore(const Place& place);  // in the model set since; what is gone is left out
    const Model* model() const { return model_; }

    int currentGraph() const { return graph_; }
    void setCurrentGraph(int graph);  // keeps the walk and, when it is in that subgraph, the selection
    NodeRef selected() const { return selected_; }
    // Selects a node (showing its subgraph). A node of the walk becomes its current one.
    void select(NodeRef node);
    bool selectByName(const QString& graph, const QString& node);

    // The walk.
    void walkOp(const QString& op);       // the op's nodes; starts at the first in or after the shown subgraph
    bool search(const QString& pattern);  // case-insensitive regex (else plain text) over name, target, output shape
    void walkNodes(std::vector<NodeRef> nodes, const QString& subject);  // any set (a module's nodes)
    void next();
    void previous();
    void clearWalk();
    const std::vector<NodeRef>& walk() const { return walk_; }
    int walkPosition() const { return pos_; }  // -1 when the walk is empty
    // The walk's current node when it is in the shown subgraph, else -1.
    int currentNode() const {
        return pos_ >= 0 && walk_[static_cast<std::size_t>(pos_)].graph == graph_ ? walk_[static_cast<std::size_t>(pos_)].node : -1;
    }
    QString walkSubject() const { return subject_; }  // the op or the pattern
    bool walkIsSearch() const { return isSearch_; }
    QString walkLabel() const;                // "3 of 20 (F3 / Shift+F3)", "x: no node", an error
    QString error() const { return error_; }  // the last invalid pattern's message
    // The walk's nodes in subgraph `graph`, as a mask over its nodes.
    std::vector<bool> walkMask(int graph) const;

    void goTo(int pos);  // the walk's node at `pos` (wrapping), shown and selected

signals:
    void modelChanged();
    void currentGraphChanged(int graph);
    void selectionChanged(atenscope::gui::NodeRef node);
    void walkChanged();

private:
    void setWalk(std::vector<NodeRef> nodes, const QString& subject, bool isSearch);

    const Model* model_ = nullptr;
    int graph_ = 0;
    NodeRef selected_;
    std::vector<NodeRef> walk_;
    int pos_ = -1;
    QString subject_;
    bool isSearch_ = false;
    QString error_;
    bool plainText_ = false;  // the last search's pattern was not a regular expression: searched as text
};

}  // namespace atenscope::gui
