// SPDX-License-Identifier: MIT
#include "render/GraphPainter.h"

#include <QCoreApplication>
#include <QFont>
#include <QFontMetricsF>

#include <cmath>

#include "render/QtText.h"

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

QString groupTitle(const ModuleNode& m) {
    return m.type.empty() ? qtext(m.path) : QStringLiteral("%1 \u00b7 %2").arg(qtext(m.path), qtext(m.type));
}

// A red pill with `text`, its left edge at `left` (or its right edge at -left when negative),
// its vertical centre at `y`.
QRectF badge(QPainter& p, const QFont& font, double left, double y, const QString& text) {
    const QFontMetricsF fm(font);
    const double w = std::max(fm.horizontalAdvance(text) + 10, fm.height() + 2);
    const QRectF r(left < 0 ? -left - w : left, y - fm.height() / 2 - 1, w, fm.height() + 2);
    p.setPen(Qt::NoPen);
    p.setBrush(styleFor(NodeClass::Remaining).fill);
    p.drawRoundedRect(r, r.height() / 2, r.height() / 2);
    p.setPen(Qt::white);
    p.setFont(font);
    p.drawText(r, Qt::AlignCenter, text);
    return r;
}

QColor groupFill(int depth, bool expanded) {
    if (!expanded) return {0xf5, 0xf6, 0xfa};
    static const QColor tints[] = {QColor(0xf7, 0xf9, 0xfc), QColor(0xef, 0xf3, 0xf9), QColor(0xe8, 0xee, 0xf6)};
    return tints[static_cast<std::size_t>(depth - 1) % 3];
}

void paintGroups(QPainter& p, const GraphDrawing& d, const std::vector<GroupCounts>& counts, const QRectF& exposed, bool expandedOnes,
                 bool labels, bool detail, const Highlight& h) {
    const ModuleTree* tree = d.moduleTree();
    QFont titleFont = p.font();
    titleFont.setPointSizeF(9);
    titleFont.setBold(true);
    QFont smallFont = p.font();
    smallFont.setPointSizeF(7.5);
    QFont badgeFont = smallFont;
    badgeFont.setBold(true);
    const QColor frame(0x79, 0x86, 0xa8);
    for (const DrawnGroup& g : d.groups()) {
        if (g.expanded != expandedOnes || !g.box.intersects(exposed)) continue;
        const ModuleNode& m = tree->modules[static_cast<std::size_t>(g.module)];
        const GroupCounts c =
            static_cast<std::size_t>(g.module) < counts.size() ? counts[static_cast<std::size_t>(g.module)] : GroupCounts{};
        const bool hot = c.remaining > 0;
        const bool selected = h.group == g.module;
        QPen pen(selected             ? QColor(0x15, 0x65, 0xc0)
                 : hot && !g.expanded ? styleFor(NodeClass::Remaining).border
                                      : frame,
                 selected     ? 3.0
                 : g.expanded ? 1.0
                              : 1.6);
        pen.setCosmetic(!detail);
        p.setPen(pen);
        p.setBrush(groupFill(g.depth, g.expanded));
        if (!g.expanded && !detail && hot) p.setBrush(QColor(0xf8, 0xc9, 0xc7));
        if (detail) {
            p.drawRoundedRect(g.box, 8, 8);
        } else {
            p.drawRect(g.box);
        }
        if (!labels) continue;
        const QRectF inner = g.box.adjusted(10, 0, -10, 0);
        if (g.expanded) {
            // The title band: path and class on the left, the badge on the right.
            double right = inner.right();
            if (hot)
                right = badge(p, badgeFont, -right, g.box.top() + CompoundLayout::kHeader / 2, QString::number(c.remaining)).left() - 6;
            p.setPen(QColor(0x33, 0x3f, 0x5c));
            p.setFont(titleFont);
            const QRectF band(inner.left(), g.box.top(), right - inner.left(), CompoundLayout::kHeader);
            const QString text = QStringLiteral("\u25be ") + groupTitle(m);
            p.drawText(band, Qt::AlignLeft | Qt::AlignVCenter, QFontMetricsF(titleFont).elidedText(text, Qt::ElideMiddle, band.width()));
            continue;
        }
        // A collapsed box: path, class and size; the remaining count in a badge, with the others.
        const double line = g.box.height() / 3;
        p.setPen(QColor(0x1f, 0x27, 0x3d));
        p.setFont(titleFont);
        const QRectF top(inner.left(), g.box.top() + 3, inner.width(), line);
        p.drawText(top, Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetricsF(titleFont).elidedText(QStringLiteral("\u25b8 ") + qtext(m.path), Qt::ElideMiddle, top.width()));
        p.setFont(smallFont);
        p.setPen(QColor(0x4a, 0x55, 0x70));
        const QRectF mid(inner.left(), top.bottom(), inner.width(), line);
        const QString kind = m.type.empty() ? QString() : qtext(m.type) + QStringLiteral(" \u00b7 ");
        p.drawText(mid, Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetricsF(smallFont).elidedText(kind + QStringLiteral("%1 nodes").arg(c.nodes), Qt::ElideRight, mid.width()));
        const QRectF bottom(inner.left(), mid.bottom(), inner.width(), line - 3);
        double left = bottom.left();
        if (hot) left = badge(p, badgeFont, left, bottom.center().y(), QStringLiteral("%1 remaining").arg(c.remaining)).right() + 6;
        p.setFont(smallFont);
        p.setPen(QColor(0x4a, 0x55, 0x70));
        const QRectF rest(left, bottom.top(), bottom.right() - left, bottom.height());
        const QString others = QStringLiteral("%1 converted \u00b7 %2 data movement").arg(c.converted).arg(c.dataMovement);
        p.drawText(rest, Qt::AlignLeft | Qt::AlignVCenter, QFontMetricsF(smallFont).elidedText(others, Qt::ElideRight, rest.width()));
    }
}

}  // namespace

void paintGraph(QPainter& p, const GraphDrawing& d, const std::vector<NodeClass>& classes, const Highlight& h, const QRectF& exposed,
                bool fullDetail, const std::vector<GroupCounts>* counts) {
    const double scale = std::sqrt(std::abs(p.worldTransform().determinant()));
    const bool labels = fullDetail || scale >= 0.35;
    const bool detail = fullDetail || scale >= 0.2;
    p.save();
    p.setRenderHint(QPainter::Antialiasing, detail);
    std::vector<GroupCounts> own;
    if (!counts && !d.groups().empty()) {
        own = d.groupCounts(classes);
        counts = &own;
    }
    static const std::vector<GroupCounts> none;
    const auto& groupCounts = counts ? *counts : none;
    // Expanded groups' frames first, outer ones under inner ones.
    if (!d.groups().empty()) paintGroups(p, d, groupCounts, exposed, true, labels, detail, h);

    // Edges under the nodes; those touching a marked node darker.
    const QColor edgeColor(0x90, 0x90, 0x90);
    const QColor markedEdge(0x8e, 0x0e, 0x0e);
    for (auto id : d.edgesIn(exposed)) {
        const auto& [a, b] = d.edgeEnds()[id];
        const bool marked = !h.marked.empty() && ((a < h.marked.size() && h.marked[a]) || (b < h.marked.size() && h.marked[b]));
        QPen pen(marked ? markedEdge : edgeColor, marked ? 1.6 : 1.0);
        pen.setCosmetic(!detail);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPath(d.edges()[id]);
        if (detail) arrowHead(p, d.edges()[id], marked ? markedEdge : edgeColor);
    }
    if (labels && !d.groups().empty()) {
        // How many graph edges a bundled edge carries, at its middle.
        QFont countFont = p.font();
        countFont.setPointSizeF(7);
        p.setFont(countFont);
        const QFontMetricsF fm(countFont);
        for (auto id : d.edgesIn(exposed)) {
            const std::uint32_t count = d.edgeCounts()[id];
            if (count < 2) continue;
            const QString text = QStringLiteral("\u00d7%1").arg(count);
            const QPointF at = d.edges()[id].pointAtPercent(0.5);
            const QRectF r(at.x() - fm.horizontalAdvance(text) / 2 - 3, at.y() - fm.height() / 2, fm.horizontalAdvance(text) + 6,
                           fm.height());
            p.setPen(QColor(0xb0, 0xb0, 0xb0));
            p.setBrush(Qt::white);
            p.drawRoundedRect(r, 3, 3);
            p.setPen(QColor(0x42, 0x42, 0x42));
            p.drawText(r, Qt::AlignCenter, text);
        }
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
    if (!d.groups().empty()) paintGroups(p, d, groupCounts, exposed, false, labels, detail, h);
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
