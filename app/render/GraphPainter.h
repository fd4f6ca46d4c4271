// SPDX-License-Identifier: MIT
#pragma once
#include "render/GraphDrawing.h"

#include <QPainter>

#include <vector>

namespace atenscope {

// What to emphasise: the nodes of a chosen op, the current one of them, the selected node.
struct Highlight {
    std::vector<bool> marked;  // per node; empty: none
    std::vector<bool> fresh;   // per node: remaining now, not in the baseline run (a diff); empty: none
    int current = -1;
    int selected = -1;
    int group = -1;  // the selected module group (its module index)
};

// Paints the part of a drawing that meets `exposed` (scene coordinates) with
// the painter's current transform. Level of detail comes from that transform:
// zoomed out, labels hide and colours stay.
// `fullDetail` keeps labels at any scale (vector output, which is zoomed later).
// `counts`: drawing.groupCounts(classes), when the caller keeps them (else worked out here).
void paintGraph(QPainter& painter, const GraphDrawing& drawing, const std::vector<NodeClass>& classes, const Highlight& highlight,
                const QRectF& exposed, bool fullDetail = false, const std::vector<GroupCounts>* counts = nullptr);

// The legend (class colours), drawn at `topLeft` in device coordinates.
// The colour legend as one line of rich text (swatches and labels), for a strip beside
// the graph rather than over it.
// `fresh`: with the newly remaining mark of a diff, said to be since `since` (the baseline)
QString legendHtml(bool fresh = false, const QString& since = {});
void paintLegend(QPainter& painter, const QPointF& topLeft);

// The mark of a node that became remaining since the baseline run.
QColor freshColor();

}  // namespace atenscope
