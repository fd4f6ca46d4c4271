// SPDX-License-Identifier: MIT
#include "render/GraphPainter.h"

#include <QCoreApplication>
#include <QFont>
#include <QFontMetricsF>

#include <array>
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
    p.setBrush(styleFor(NodeClass::Remaining).border);
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

// The remaining ops of a collapsed box, by type, most frequent first ("expand ×16, cat ×6"),
// as many lines as `r` holds; what does not fit is counted ("+3 more").
void paintOpList(QPainter& p, const QFont& font, const QRectF& r, const std::vector<std::pair<std::string_view, std::uint32_t>>& ops) {
    const QFontMetricsF fm(font);
    const int lines = std::max(1, static_cast<int>(std::lround(r.height() / CollapsedBox::kOpLine)));
    std::vector<QString> rows(1);
    std::size_t placed = 0;
    for (; placed < ops.size(); ++placed) {
        const auto& [op, count] = ops[placed];
        QString item = qtext(op) + (count > 1 ? QStringLiteral(" \u00d7%1").arg(count) : QString());
        if (fm.horizontalAdvance(item) > r.width()) item = fm.elidedText(item, Qt::ElideRight, r.width());
        const QString joined = rows.back().isEmpty() ? item : rows.back() + QStringLiteral(",  ") + item;
        if (fm.horizontalAdvance(joined) <= r.width()) {
            rows.back() = joined;
            continue;
        }
        if (static_cast<int>(rows.size()) == lines) break;
        rows.emplace_back(item);
    }
    if (placed < ops.size()) {
        // Room for the tail: items off the last line until "+N more" fits.
        const auto more = [&](std::size_t left) { return QStringLiteral(",  +%1 more").arg(left); };
        QString& last = rows.back();
        while (fm.horizontalAdvance(last + more(ops.size() - placed)) > r.width() && last.contains(QStringLiteral(",  "))) {
            last.truncate(last.lastIndexOf(QStringLiteral(",  ")));
            --placed;
        }
        last += more(ops.size() - placed);
    }
    p.setFont(font);
    p.setPen(styleFor(NodeClass::Remaining).text);
    for (std::size_t k = 0; k < rows.size(); ++k)
        p.drawText(QRectF(r.left(), r.top() + static_cast<double>(k) * CollapsedBox::kOpLine, r.width(), CollapsedBox::kOpLine),
                   Qt::AlignLeft | Qt::AlignVCenter, rows[k]);
}

void paintGroups(QPainter& p, const GraphDrawing& d, const std::vector<GroupCounts>& counts, const QRectF& exposed, bool expandedOnes,
                 bool labels, bool detail, const Highlight& h) {
    const ModuleTree* tree = d.moduleTree();
    QFont titleFont;  // the application font, as the layout measured it (not whatever the painter holds)
    titleFont.setPointSizeF(9);
    titleFont.setBold(true);
    QFont smallFont;
    smallFont.setPointSizeF(7.5);
    const QFont opFont = nodeTitleFont();  // op names as the nodes print them (tracked: they read apart)
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
        const bool partition = m.partition >= 0;
        if (partition) pen.setStyle(Qt::DashLine);  // a fused partition: the backend's, not the model's
        p.setPen(pen);
        p.setBrush(groupFill(g.depth, g.expanded));
        if (partition && !hot) p.setBrush(g.expanded ? QColor(0xf3, 0xfa, 0xf3) : QColor(0xe3, 0xf2, 0xe4));
        if (!g.expanded && !detail && hot) p.setBrush(QColor(0xf8, 0xc9, 0xc7));
        // A box much larger than the view (a stack of 1,000 layers) is drawn as the part in view:
        // the rasteriser would otherwise work through the whole outline every frame.
        const QRectF near = exposed.adjusted(-16, -16, 16, 16);
        if (!near.contains(g.box)) {
            const QRectF part = g.box.intersected(near);
            const QPen border = p.pen();
            p.setPen(Qt::NoPen);
            p.drawRect(part);
            p.setPen(border);
            if (g.box.top() >= part.top()) p.drawLine(part.topLeft(), part.topRight());
            if (g.box.bottom() <= part.bottom()) p.drawLine(part.bottomLeft(), part.bottomRight());
            if (g.box.left() >= part.left()) p.drawLine(part.topLeft(), part.bottomLeft());
            if (g.box.right() <= part.right()) p.drawLine(part.topRight(), part.bottomRight());
        } else if (detail) {
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
            // Cut from the start: the end names the module ("▾ …self_attn.q_proj · Linear").
            const QFontMetricsF fm(titleFont);
            const QString arrow = QStringLiteral("\u25be ");
            p.drawText(band, Qt::AlignLeft | Qt::AlignVCenter,
                       arrow + fm.elidedText(groupTitle(m), Qt::ElideLeft, band.width() - fm.horizontalAdvance(arrow)));
            continue;
        }
        // A collapsed box: path, class and size; the remaining count in a badge, with the others.
        const double line = std::min(g.box.height(), CollapsedBox::kHeight) / 3;
        p.setPen(QColor(0x1f, 0x27, 0x3d));
        p.setFont(titleFont);
        const QRectF top(inner.left(), g.box.top() + 3, inner.width(), line);
        p.drawText(top, Qt::AlignLeft | Qt::AlignVCenter,
                   QStringLiteral("\u25b8 ") + QFontMetricsF(titleFont).elidedText(qtext(m.path), Qt::ElideLeft, top.width() - 12));
        p.setFont(smallFont);
        p.setPen(QColor(0x4a, 0x55, 0x70));
        const QRectF mid(inner.left(), top.bottom(), inner.width(), line);
        const QString kind = m.type.empty() ? QString() : qtext(m.type) + QStringLiteral(" \u00b7 ");
        // A partition says what it holds (its ops, most frequent first); a module its size.
        const QString what = partition ? kind + qtext(m.holds) : kind + QStringLiteral("%1 nodes").arg(c.nodes);
        p.drawText(mid, Qt::AlignLeft | Qt::AlignVCenter, QFontMetricsF(smallFont).elidedText(what, Qt::ElideRight, mid.width()));
        const QRectF bottom(inner.left(), mid.bottom(), inner.width(), line - 3);
        double left = bottom.left();
        if (hot) left = badge(p, badgeFont, left, bottom.center().y(), QStringLiteral("%1 remaining").arg(c.remaining)).right() + 6;
        p.setFont(smallFont);
        p.setPen(QColor(0x4a, 0x55, 0x70));
        const QRectF rest(left, bottom.top(), bottom.right() - left, bottom.height());
        const QString others = QStringLiteral("%1 converted \u00b7 %2 data movement").arg(c.converted).arg(c.dataMovement);
        p.drawText(rest, Qt::AlignLeft | Qt::AlignVCenter, QFontMetricsF(smallFont).elidedText(others, Qt::ElideRight, rest.width()));
        if (!c.ops.empty() && g.box.height() >= CollapsedBox::kHeight + CollapsedBox::kOpLine) {
            const QRectF list(inner.left(), g.box.top() + CollapsedBox::kHeight - 3, inner.width(),
                              g.box.height() - CollapsedBox::kHeight - CollapsedBox::kOpPad);
            paintOpList(p, opFont, list, c.ops);
        }
    }
}

// The picture when nodes are a pixel or two tall (a large graph at fit): what each device pixel
// shows, most telling wins (remaining ops over other nodes, nodes over group frames over edges),
// worked out in a buffer the size of the view and drawn as one image. Drawing 100,000 boxes and
// their edges one by one at that scale costs ten frames and shows the same.
void paintCoarse(QPainter& p, const GraphDrawing& d, const std::vector<NodeClass>& classes, const std::vector<GroupCounts>& counts,
                 const Highlight& h, const QRectF& exposed) {
    const QTransform toDevice = p.worldTransform();  // a scale and a shift (checked by the caller)
    const double sx = toDevice.m11(), sy = toDevice.m22(), dx = toDevice.dx(), dy = toDevice.dy();
    const QRect area = toDevice.mapRect(exposed.intersected(d.bounds())).toAlignedRect().adjusted(-2, -2, 2, 2);
    if (area.isEmpty() || area.width() > 16384 || area.height() > 16384) return;
    const int w = area.width(), hgt = area.height();
    const double left = area.left(), top = area.top();
    enum : std::uint8_t {
        Empty,
        Edge,
        Frame,
        Box,
        HotBox,
        Structural,
        Other,
        DataMovement,
        Converted,
        Remaining,
        Fresh,
        Marked,
        Chosen,
        Levels
    };
    std::vector<std::uint8_t> px(static_cast<std::size_t>(w) * static_cast<std::size_t>(hgt), Empty);
    // Buffer pixels from scene coordinates, clamped to the buffer (the pass draws only what is near the view).
    auto col = [&](double x) { return std::clamp(static_cast<int>(std::floor(x * sx + dx - left)), -1, w); };
    auto row = [&](double y) { return std::clamp(static_cast<int>(std::floor(y * sy + dy - top)), -1, hgt); };
    auto fillPx = [&](int x0, int y0, int x1, int y1, std::uint8_t v) {
        for (int y = std::max(y0, 0); y <= std::min(y1, hgt - 1); ++y) {
            std::uint8_t* line = px.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(w);
            for (int x = std::max(x0, 0); x <= std::min(x1, w - 1); ++x) line[x] = std::max(line[x], v);
        }
    };
    auto fill = [&](const QRectF& r, std::uint8_t v, int least) {
        const int x0 = col(r.left()), y0 = row(r.top());
        fillPx(x0, y0, std::max(x0 + least - 1, col(r.right())), std::max(y0 + least - 1, row(r.bottom())), v);
    };
    // Edges: vertical runs (most pieces at this scale) counted per column in a difference buffer
    // (a thousand channels side by side cost one pass), others stepped pixel by pixel.
    std::vector<int> runs;  // per pixel and one row below: runs starting minus runs ended there
    auto stroke = [&](std::uint32_t, QPointF a, QPointF b) {
        const int x0 = col(a.x()), x1 = col(b.x()), y0 = row(a.y()), y1 = row(b.y());
        if (x0 == x1) {
            if (x0 < 0 || x0 >= w) return;
            const int first = std::max(std::min(y0, y1), 0), last = std::min(std::max(y0, y1), hgt - 1);
            if (first > last) return;
            if (last - first < 8) {
                fillPx(x0, first, x0, last, Edge);
                return;
            }
            if (runs.empty()) runs.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(hgt + 1), 0);
            ++runs[static_cast<std::size_t>(first) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x0)];
            --runs[static_cast<std::size_t>(last + 1) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x0)];
            return;
        }
        const int steps = std::max(std::abs(x1 - x0), std::abs(y1 - y0));
        for (int k = 0; k <= steps; ++k) {
            const int x = x0 + (x1 - x0) * k / steps, y = y0 + (y1 - y0) * k / steps;
            if (x >= 0 && y >= 0 && x < w && y < hgt) {
                std::uint8_t& at = px[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)];
                at = std::max<std::uint8_t>(at, Edge);
            }
        }
    };
    if (d.cellSize() * std::min(sx, sy) < 1) {
        // Grid cells under a pixel (a whole large graph in view): a cell holding edges is an edge pixel.
        d.forEachPieceCellNear(
            exposed, [&](const QRectF& cell) { fill(cell, Edge, 1); }, stroke);
    } else {
        d.forEachPieceNear(exposed, stroke);
    }
    if (!runs.empty()) {
        std::vector<int> open(static_cast<std::size_t>(w), 0);
        for (int y = 0; y < hgt; ++y) {
            const int* delta = runs.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(w);
            std::uint8_t* line = px.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(w);
            for (int x = 0; x < w; ++x)
                if ((open[static_cast<std::size_t>(x)] += delta[x]) > 0) line[x] = std::max<std::uint8_t>(line[x], Edge);
        }
    }
    for (const DrawnGroup& g : d.groups()) {
        if ((g.box.width() * sx < 3 || g.box.height() * sy < 3) || !g.box.intersects(exposed)) continue;
        const int x0 = col(g.box.left()), x1 = col(g.box.right()), y0 = row(g.box.top()), y1 = row(g.box.bottom());
        if (!g.expanded) {
            const std::size_t m = static_cast<std::size_t>(g.module);
            fillPx(x0, y0, x1, y1, m < counts.size() && counts[m].remaining > 0 ? HotBox : Box);
        }
        fillPx(x0, y0, x1, y0, Frame);
        fillPx(x0, y1, x1, y1, Frame);
        fillPx(x0, y0, x0, y1, Frame);
        fillPx(x1, y0, x1, y1, Frame);
    }
    d.forEachNodeNear(exposed, [&](std::uint32_t id) {
        const NodeClass c = id < classes.size() ? classes[id] : NodeClass::Other;
        std::uint8_t v = c == NodeClass::Remaining      ? Remaining
                         : c == NodeClass::Converted    ? Converted
                         : c == NodeClass::DataMovement ? DataMovement
                         : c == NodeClass::Structural   ? Structural
                                                        : Other;
        int least = v == Remaining ? 2 : 1;                            // a remaining op stays visible among thousands
        if (id < h.fresh.size() && h.fresh[id]) v = Fresh, least = 3;  // remaining since the baseline
        if (!h.marked.empty() && id < h.marked.size() && h.marked[id]) v = Marked, least = 3;
        if (static_cast<int>(id) == h.selected || static_cast<int>(id) == h.current) v = Chosen, least = 5;
        fill(d.box(id), v, least);
    });
    QRgb palette[Levels];
    palette[Empty] = 0;
    palette[Edge] = qRgb(0xb0, 0xb0, 0xb0);
    palette[Frame] = qRgb(0x79, 0x86, 0xa8);
    palette[Box] = qRgb(0xdd, 0xe1, 0xec);
    palette[HotBox] = qRgb(0xf8, 0xc9, 0xc7);
    palette[Structural] = styleFor(NodeClass::Structural).border.rgb();
    palette[Other] = styleFor(NodeClass::Other).border.rgb();
    palette[DataMovement] = styleFor(NodeClass::DataMovement).border.rgb();
    palette[Converted] = styleFor(NodeClass::Converted).border.rgb();
    palette[Remaining] = styleFor(NodeClass::Remaining).border.rgb();  // a speck: the strong red
    palette[Fresh] = freshColor().rgb();
    palette[Marked] = qRgb(0x7f, 0x0b, 0x0b);
    palette[Chosen] = qRgb(0x15, 0x65, 0xc0);
    QImage image(w, hgt, QImage::Format_ARGB32_Premultiplied);
    for (int y = 0; y < hgt; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        const std::uint8_t* from = px.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(w);
        for (int x = 0; x < w; ++x) line[x] = palette[from[x]];
    }
    p.save();
    p.resetTransform();
    p.drawImage(area.topLeft(), image);
    p.restore();
}

// The weights a node carries (FoldedWeights), as chips in a row: name and shape, grey for a
// weight the node reads on the host, amber for one moved to the device first.
void paintChips(QPainter& p, const GraphDrawing& d, std::size_t id, const QRectF& row) {
    QFont f;
    f.setPointSizeF(6.5);
    p.setFont(f);
    const QFontMetricsF fm(f);
    const QStringList& chips = d.chips(id);
    double x = row.left();
    const double gap = 3;
    for (qsizetype k = 0; k < chips.size(); ++k) {
        const double room = row.right() - x;
        if (room < 14) break;
        const QString text = fm.elidedText(chips[k], Qt::ElideMiddle, std::max(0.0, room - 8));
        const QRectF chip(x, row.top(), std::min(room, fm.horizontalAdvance(text) + 8), row.height());
        const NodeStyle s = styleFor(d.chipMoved(id, k) ? NodeClass::DataMovement : NodeClass::Structural);
        p.setPen(QPen(s.border, 0.8));
        p.setBrush(s.fill);
        p.drawRoundedRect(chip, 3, 3);
        p.setPen(s.text);
        p.drawText(chip, Qt::AlignCenter, text);
        x = chip.right() + gap;
    }
}

}  // namespace

void paintGraph(QPainter& p, const GraphDrawing& d, const std::vector<NodeClass>& classes, const Highlight& h, const QRectF& exposed,
                bool fullDetail, const std::vector<GroupCounts>* counts) {
    const double scale = std::sqrt(std::abs(p.worldTransform().determinant()));
    const bool labels = fullDetail || scale >= 0.35;
    const bool detail = fullDetail || scale >= 0.2;
    const bool coarse = !fullDetail && scale * GraphDrawing::kNodeHeight < 2.5 && p.worldTransform().type() <= QTransform::TxScale;
    p.save();
    p.setRenderHint(QPainter::Antialiasing, detail);
    std::vector<GroupCounts> own;
    if (!counts && !d.groups().empty()) {
        own = d.groupCounts(classes);
        counts = &own;
    }
    static const std::vector<GroupCounts> none;
    const auto& groupCounts = counts ? *counts : none;
    if (coarse) {
        paintCoarse(p, d, classes, groupCounts, h, exposed);
        p.restore();
        return;
    }
    // Expanded groups' frames first, outer ones under inner ones.
    if (!d.groups().empty()) paintGroups(p, d, groupCounts, exposed, true, labels, detail, h);

    // Edges under the nodes, those touching a marked node darker: the pieces in view only,
    // stroked as one path per colour.
    const QColor edgeColor(0x90, 0x90, 0x90);
    const QColor markedEdge(0x8e, 0x0e, 0x0e);
    const auto pieces = d.edgePiecesIn(exposed);
    QPainterPath plainPath, markedPath;
    std::vector<std::uint32_t> shownEdges, ending;  // edges with a piece in view; those whose last piece is
    auto isMarked = [&](std::uint32_t edge) {
        const auto& [a, b] = d.edgeEnds()[edge];
        return !h.marked.empty() && ((a < h.marked.size() && h.marked[a]) || (b < h.marked.size() && h.marked[b]));
    };
    const QRectF clip = exposed.adjusted(-16, -16, 16, 16);
    // Straight vertical pieces (the channels that carry long edges) merged per pixel column:
    // a thousand edges running side by side to the layers of a stack are one line on screen.
    const QTransform& toDevice = p.worldTransform();
    const bool plainScale = toDevice.type() <= QTransform::TxScale;
    std::vector<std::array<double, 4>> columns[2];  // per colour: device column, scene x, top, bottom (scene)
    for (const auto& piece : pieces) {
        const bool marked = isMarked(piece.edge);
        if (shownEdges.empty() || shownEdges.back() != piece.edge) shownEdges.push_back(piece.edge);
        if (d.pieceEnd(piece) == d.edges()[piece.edge].currentPosition()) ending.push_back(piece.edge);
        if (plainScale) {
            const QRectF b = d.pieceBounds(piece);
            if ((b.width() - 4) * toDevice.m11() < 0.75 && b.height() > b.width()) {
                const double x = d.pieceStart(piece).x();
                columns[marked].push_back({std::round(toDevice.map(QPointF(x, 0)).x()), x, std::max(b.top() + 2, clip.top()),
                                           std::min(b.bottom() - 2, clip.bottom())});
                continue;
            }
        }
        d.appendPiece(marked ? markedPath : plainPath, piece, &clip);
    }
    p.setBrush(Qt::NoBrush);
    for (const bool marked : {false, true}) {
        QPen pen(marked ? markedEdge : edgeColor, marked ? 1.6 : 1.0);
        pen.setCosmetic(!detail);
        p.setPen(pen);
        p.drawPath(marked ? markedPath : plainPath);
        auto& spans = columns[marked];
        std::sort(spans.begin(), spans.end());
        QVector<QLineF> lines;
        for (std::size_t k = 0; k < spans.size();) {
            auto [column, x, top, bottom] = spans[k];
            for (++k; k < spans.size() && spans[k][0] == column && spans[k][2] <= bottom; ++k) bottom = std::max(bottom, spans[k][3]);
            lines.append(QLineF(x, top, x, bottom));
        }
        p.drawLines(lines);
    }
    if (detail)
        for (const auto id : ending) arrowHead(p, d.edges()[id], isMarked(id) ? markedEdge : edgeColor);
    if (labels && !d.groups().empty()) {
        // How many graph edges a bundled edge carries, at its middle.
        QFont countFont;
        countFont.setPointSizeF(7);
        p.setFont(countFont);
        const QFontMetricsF fm(countFont);
        for (auto id : shownEdges) {
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

    // As the layout measured them (not whatever font the painter holds).
    const QFont titleFont = nodeTitleFont();
    const QFont shapeFont = nodeShapeFont();
    for (auto id : d.nodesIn(exposed)) {
        const NodeClass c = id < classes.size() ? classes[id] : NodeClass::Other;
        const NodeStyle s = styleFor(c);
        const QRectF& r = d.box(id);
        const bool marked = id < h.marked.size() && h.marked[id];
        // A marked node (the chosen op's, a picture's place) gets a halo: a soft band of its
        // colour around it, no second line. Text inside a doubly framed box is what a reader, and
        // OCR, skip (tesseract lost "max_pool2d_with_indices" and "transpose.int" in rings).
        const bool ring = marked || static_cast<int>(id) == h.selected || static_cast<int>(id) == h.current;
        if (ring && detail) {
            QColor halo = static_cast<int>(id) == h.current    ? QColor(0xff, 0xb3, 0x00)
                          : static_cast<int>(id) == h.selected ? QColor(0x15, 0x65, 0xc0)
                                                               : s.border;
            halo.setAlpha(static_cast<int>(id) == h.current ? 150 : 80);
            p.setPen(Qt::NoPen);
            p.setBrush(halo);
            p.drawRoundedRect(r.adjusted(-6, -6, 6, 6), 10, 10);
        }
        QPen pen(s.border, c == NodeClass::Remaining ? 1.5 : 1.0);
        if (!detail) {
            pen.setCosmetic(true);
            if (marked) pen.setWidthF(3.0);
            if (static_cast<int>(id) == h.selected) pen = QPen(QColor(0x15, 0x65, 0xc0), 3.5);
            if (static_cast<int>(id) == h.current) pen = QPen(QColor(0xff, 0xb3, 0x00), 4.5);
        }
        p.setPen(pen);
        p.setBrush(s.fill);
        if (detail) {
            p.drawRoundedRect(r, 5, 5);
        } else {
            p.drawRect(r);
        }
        const bool fresh = id < h.fresh.size() && h.fresh[id];
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
        const QStringList& chips = d.chips(id);
        // A node carrying weights: title and shape above, its chips in a row below.
        const QRectF t = chips.isEmpty() ? r : QRectF(r.left(), r.top(), r.width(), GraphDrawing::kNodeHeight);
        if (!chips.isEmpty()) paintChips(p, d, id, QRectF(r.left() + 3, t.bottom() - 2, r.width() - 6, GraphDrawing::kChipRow - 1));
        p.setPen(s.text);
        if (sub.isEmpty()) {
            p.setFont(titleFont);
            p.drawText(t.adjusted(4, 0, -4, 0), Qt::AlignCenter,
                       QFontMetricsF(titleFont).elidedText(d.title(id), Qt::ElideRight, t.width() - 8));
        } else {
            p.setFont(titleFont);
            // The title's descent (an underscore) stays clear of the shape line below it.
            const QRectF top(t.left() + 4, t.top() + 1, t.width() - 8, t.height() / 2 - 1);
            p.drawText(top, Qt::AlignHCenter | Qt::AlignBottom,
                       QFontMetricsF(titleFont).elidedText(d.title(id), Qt::ElideRight, top.width()));
            p.setFont(shapeFont);
            const QRectF bottom(t.left() + 4, t.center().y() + 2, t.width() - 8, t.height() / 2 - 3);
            p.drawText(bottom, Qt::AlignHCenter | Qt::AlignTop, QFontMetricsF(shapeFont).elidedText(sub, Qt::ElideMiddle, bottom.width()));
        }
    }
    if (!d.groups().empty()) paintGroups(p, d, groupCounts, exposed, false, labels, detail, h);
    p.restore();
}

QColor freshColor() {
    return {0x6a, 0x1b, 0x9a};
}

QString legendHtml(bool fresh, const QString& since) {
    QString html;
    for (auto c : {NodeClass::Remaining, NodeClass::Converted, NodeClass::DataMovement, NodeClass::Structural, NodeClass::Other}) {
        const NodeStyle s = styleFor(c);
        html += QStringLiteral("<span style='background:%1;border:1px solid %2'>&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;%3&nbsp;&nbsp;&nbsp;")
                    .arg(s.fill.name(), s.border.name(), classLabel(c).toHtmlEscaped());
    }
    if (fresh)
        html += QStringLiteral("<span style='border:2px dashed %1;color:%1'>&nbsp;NEW&nbsp;</span>&nbsp;%2")
                    .arg(freshColor().name(), (since.isEmpty() ? QCoreApplication::translate("atenscope", "remaining since the baseline")
                                                               : QCoreApplication::translate("atenscope", "remaining since %1").arg(since))
                                                  .toHtmlEscaped());
    return html;
}

void paintLegend(QPainter& p, const QPointF& topLeft) {
    p.save();
    p.resetTransform();
    p.setRenderHint(QPainter::Antialiasing);
    QFont f;
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
