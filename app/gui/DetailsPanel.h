// SPDX-License-Identifier: MIT
#pragma once
// The Details panel: everything about the selected node (NodeText), its inputs and users as
// links that select them, and a link to its line in the Source panel; or, with no graph to walk
// (a metrics folder alone), what is known of the chosen op.
#include "analysis/Classifier.h"
#include "analysis/SchemaSource.h"
#include "analysis/Summary.h"
#include "graph/Graph.h"

#include <QTextBrowser>

namespace atenscope::gui {

class DetailsPanel : public QTextBrowser {
    Q_OBJECT
public:
    explicit DetailsPanel(QWidget* parent = nullptr);
    // A node of the shown graph, by its PartitionIndex index.
    void showNode(const Graph& graph, int index, NodeClass cls, const SchemaSource* schemas);
    void showOp(const Summary& summary, const QString& op);

signals:
    void nodeChosen(int index);  // a link followed
    void sourceAsked();          // the Source link
};

}  // namespace atenscope::gui
