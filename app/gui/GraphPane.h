// SPDX-License-Identifier: MIT
#pragma once
// The centre of the window: the summary strip, the colour legend (above the graph, never over
// it) and the graph view, with its module groups opened and closed in place (laid out off the
// GUI thread by GroupFolder).
#include "gui/GraphView.h"
#include "gui/GroupFolder.h"

#include "render/Session.h"

#include <QWidget>

#include <memory>

class QLabel;

namespace atenscope::gui {

class GraphPane : public QWidget {
    Q_OBJECT
public:
    explicit GraphPane(QWidget* parent = nullptr);

    GraphView* view() const { return view_; }
    QLabel* summary() const { return summary_; }
    QLabel* legend() const { return legend_; }
    GroupFolder& folder() { return folder_; }
    // View > Legend (kept in the settings).
    void setLegendShown(bool on);
    bool legendShown() const;

    // Shows subgraph `graph` of the session's model `model` (its drawing as laid out so far).
    void showGraph(std::shared_ptr<Session> session, int model, int graph, std::vector<NodeClass> classes);
    // No graph: the view says why.
    void showNothing(const QString& why);
    // The shown subgraph's module groups (null: it has none).
    GroupedLayout* grouped() const;
    // A node inside a collapsed group: its groups expanded, then gone to. False when it is drawn.
    bool revealNode(int node);
    void toggleGroup(int module);
    void expandRemainingGroups();
    void collapseAllGroups();
    void expandAllGroups();

signals:
    void note(const QString& text, int milliseconds);  // for the status bar
    void redrawn();                                    // a fold drew anew (the overview follows)

private:
    void fold(std::vector<char> state, int anchorModule, int revealNode = -1, QSizeF fitRoom = {});
    void onFolded(std::shared_ptr<const GraphDrawing> drawing, const FoldRequest& request);
    void describeGroup(int module);

    GraphView* view_ = nullptr;
    QLabel* summary_ = nullptr;
    QLabel* legend_ = nullptr;
    GroupFolder folder_;
    std::shared_ptr<Session> session_;
    int model_ = -1, graph_ = -1;
};

}  // namespace atenscope::gui
