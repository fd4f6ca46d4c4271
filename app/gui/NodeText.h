// SPDX-License-Identifier: MIT
#pragma once
// The window's text about nodes and reports, as rich text: the Details panel, a node's
// tooltip, the summary strip. No widgets: tested on their own.
#include "analysis/Classifier.h"
#include "analysis/SchemaSource.h"
#include "analysis/Summary.h"
#include "graph/Graph.h"

#include <QString>

namespace atenscope {
class GraphDrawing;
}

namespace atenscope::gui {

// Everything about one node: class, op, target, args, inputs and users (as node: links),
// outputs, module and class, input variation (schema from the graph, else `schemas`), stack trace.
// `linkBase` is added to the node indices its input and user links carry (a node inside a
// partition: PartitionIndex::base of its partition).
QString nodeDetailsHtml(const Graph& graph, std::size_t node, NodeClass cls, const SchemaSource* schemas, std::size_t linkBase = 0);
// Name, class, target, output shapes, module.
QString nodeToolTipHtml(const Graph& graph, std::size_t node, NodeClass cls);
// The same for a node of the shown graph by its PartitionIndex index: a node inside a fused
// partition says which partition, and its links (inputs, users) lead to what is drawn.
QString shownNodeDetailsHtml(const Graph& graph, std::size_t index, NodeClass cls, const SchemaSource* schemas);
QString shownNodeToolTipHtml(const Graph& graph, std::size_t index, NodeClass cls);
// Why a node of the shown graph is not drawn, and the drawn node that stands for it (-1: none):
// a partition's input or output (its edges), a node inside a partition drawn as one node, a
// weight drawn as a chip of its users.
QString hiddenNodeNote(const Graph& graph, const GraphDrawing& drawing, std::size_t index, int* standsFor);
// The model's totals, the shown subgraph's remaining ops (when there are several), the profile
// and, when it was chosen from the graph, why.
QString summaryHtml(const Summary& total, const Summary* subgraph, const QString& automaticReason);
// The summary strip of a model: summaryHtml of its report (the subgraph's when it has several),
// led by the failure of its recorded run when it failed.
QString modelSummaryHtml(const ModelReport& report, int graph, const QString& automaticReason);
// The window's title: the model and the file it came from; in a run, the run too (the folder or
// file opened, else how many).
QString windowTitleOf(const Model& model, const QStringList& files, int models);

// An op of the report: its count and share, its input variations with their counts (what the
// details show when there is no graph to walk).
QString opDetailsHtml(const Summary& summary, const std::string& op);
// What the graph pane says of a model that has no graph (a metrics folder's files alone): where
// its tables come from, how its runs went, and how to get a graph.
QString noGraphText(const Model& model);

}  // namespace atenscope::gui
