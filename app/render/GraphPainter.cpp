// SPDX-License-Identifier: MIT
#include "render/GraphPainter.h"

#include <QCoreApplication>
#include <QFont>
#include <QFontMetricsF>

#include <cmath>

namespace atenscope {

namespace {

void arrowHead(QPainter& p, const QPainterPath& path, const QColor& color) {
    const int n = path.elementCount();
    if (n < 2) return;
    const QPointF tip = path.elementAt(n - 1);
    QPointF from = path.elementAt(n - 2);
    for (int k = n - 2; k >= 0 && QLineF(from, tip).length() < 0.5; --k) from = path.elementAt(k);
    QLineF line(tip, from);
    if (line.length() < 0.5) return;
    line.setLength(7);
    const QLineF left = QLineF::fromPolar(7, line.angle() + 25).translated(tip);
    const QLineF right = QLineF::fromPolar(7, line.angle() - 25).translated(tip);
    QPolygonF head;
    head << tip << left.p2() << right.p2();
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawPolygon(head);
}

}  // namespace

void paintGraph(QPainter& p, const GraphDrawing& d, const std::vector<NodeClass>& classes, const Highlight& h, const QRectF& exposed,
                bool fullDetail) {
    const double scale = std::sqrt(std::abs(p.worldTransform().determinant()));
    const bool labels = fullDetail || scale >= 0.35;
    const bool detail = fullDetail || scale >= 0.2;
    p.save();
    p.setRenderHint(QPainter::Antialiasing, detail);

    // Edges under the nodes; those touching a marked node darker.
    const QColor edgeColor(0x90, 0x90, 0x90);
    const QColor markedEdge(0x8e, 0x0e, 0x0e);
    for (auto id : d.edgesIn(exposed)) {
        const auto& [a, b] = d.edgeEnds()[id];
        const bool marked = !h.marked.empty() && (h.marked[a] || h.marked[b]);
        QPen pen(marked ? markedEdge : edgeColor, marked ? 1.6 : 1.0);
        pen.setCosmetic(!detail);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPath(d.edges()[id]);
        if (detail) arrowHead(p, d.edges()[id], marked ? markedEdge : edgeColor);
    }

    QFont titleFont = p.font();
    titleFont.setPointSizeF(9);
    QFont shapeFont = titleFont;
    shapeFont.setPointSizeF(7.5);
    for (auto id : d.nodesIn(exposed)) {
        const NodeClass c = id < classes.size() ? classes[id] : NodeClass::Other;
        const NodeStyle s = styleFor(c);
        const QRectF& r = d.box(id);
        const bool marked = !h.marked.empty() && h.marked[id];
        QPen pen(s.border, marked ? 3.0 : 1.0);
        if (!detail) pen.setCosmetic(true);
        if (static_cast<int>(id) == h.selected) pen = QPen(QColor(0x15, 0x65, 0xc0), 3.5);
        if (static_cast<int>(id) == h.current) pen = QPen(QColor(0xff, 0xb3, 0x00), 4.5);
        p.setPen(pen);
        p.setBrush(s.fill);
        if (detail) {
            p.drawRoundedRect(r, 5, 5);
        } else {
            p.drawRect(r);
        }
        const bool fresh = !h.fresh.empty() && h.fresh[id];
        if (fresh) {
            // Remaining now, not in the baseline: a second, dashed frame, and a tag when readable.
            QPen mark(freshColor(), detail ? 2.5 : 2.0, Qt::DashLine);
            mark.setCosmetic(!detail);
            p.setPen(mark);
            p.setBrush(Qt::NoBrush);
            p.drawRoundedRect(r.adjusted(-5, -5, 5, 5), 7, 7);
        }
        if (!labels) continue;
        if (fresh) {
            QFont tagFont = titleFont;
            tagFont.setPointSizeF(6.5);
            tagFont.setBold(true);
            const QString tag = QStringLiteral("NEW");
            const QFontMetricsF fm(tagFont);
            const QRectF tagBox(r.right() - fm.horizontalAdvance(tag) - 6, r.top() - fm.height() - 2, fm.horizontalAdvance(tag) + 8,
                                fm.height() + 1);
            p.setPen(Qt::NoPen);
            p.setBrush(freshColor());
            p.drawRoundedRect(tagBox, 3, 3);
            p.setPen(Qt::white);
            p.setFont(tagFont);
            p.drawText(tagBox, Qt::AlignCenter, tag);
        }
        p.setPen(s.text);
        const QString& sub = d.subtitle(id);
        if (sub.isEmpty()) {
            p.setFont(titleFont);
            p.drawText(r.adjusted(4, 0, -4, 0), Qt::AlignCenter,
                       QFontMetricsF(titleFont).elidedText(d.title(id), Qt::ElideRight, r.width() - 8));
        } else {
            p.setFont(titleFont);
            const QRectF top(r.left() + 4, r.top() + 2, r.width() - 8, r.height() / 2);
            p.drawText(top, Qt::AlignHCenter | Qt::AlignBottom,
                       QFontMetricsF(titleFont).elidedText(d.title(id), Qt::ElideRight, top.width()));
            p.setFont(shapeFont);
            const QRectF bottom(r.left() + 4, r.center().y() + 1, r.width() - 8, r.height() / 2 - 3);
            p.drawText(bottom, Qt::AlignHCenter | Qt::AlignTop, QFontMetricsF(shapeFont).elidedText(sub, Qt::ElideMiddle, bottom.width()));
        }
    }
    p.restore();
}

QColor freshColor() {
    return {0x6a, 0x1b, 0x9a};
}

QString legendHtml(bool fresh) {
    QString html;
    for (auto c : {NodeClass::Remaining, NodeClass::Converted, NodeClass::DataMovement, NodeClass::Structural, NodeClass::Other}) {
        const NodeStyle s = styleFor(c);
        html += QStringLiteral("<span style='background:%1;border:1px solid %2'>&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;%3&nbsp;&nbsp;&nbsp;")
                    .arg(s.fill.name(), s.border.name(), classLabel(c).toHtmlEscaped());
    }
    if (fresh)
        html += QStringLiteral("<span style='border:2px dashed %1;color:%1'>&nbsp;NEW&nbsp;</span>&nbsp;%2")
                    .arg(freshColor().name(), QCoreApplication::translate("atenscope", "remaining since the baseline").toHtmlEscaped());
    return html;
}

void paintLegend(QPainter& p, const QPointF& topLeft) {
    p.save();
    p.resetTransform();
    p.setRenderHint(QPainter::Antialiasing);
    QFont f = p.font();
    f.setPointSizeF(8.5);
    p.setFont(f);
    const QFontMetricsF fm(f);
    const NodeClass order[] = {NodeClass::Remaining, NodeClass::Converted, NodeClass::DataMovement, NodeClass::Structural,
                               NodeClass::Other};
    double w = 0;
    for (auto c : order) w = std::max(w, fm.horizontalAdvance(classLabel(c)));
    const double row = fm.height() + 6;
    const QRectF frame(topLeft, QSizeF(w + 40, row * 5 + 10));
    p.setPen(QColor(0xbd, 0xbd, 0xbd));
    p.setBrush(QColor(255, 255, 255, 230));
    p.drawRoundedRect(frame, 4, 4);
    double y = topLeft.y() + 6;
    for (auto c : order) {
        const NodeStyle s = styleFor(c);
        p.setPen(s.border);
        p.setBrush(s.fill);
        p.drawRoundedRect(QRectF(topLeft.x() + 8, y + 2, 18, row - 8), 3, 3);
        p.setPen(Qt::black);
        p.drawText(QPointF(topLeft.x() + 32, y + fm.ascent() + 2), classLabel(c));
        y += row;
    }
    p.restore();
}

}  // namespace atenscope
