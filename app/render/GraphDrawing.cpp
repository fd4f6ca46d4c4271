// SPDX-License-Identifier: MIT
#include "render/GraphDrawing.h"

#include "render/QtText.h"

#include <algorithm>
#include <cmath>

namespace atenscope {

namespace {
constexpr double kCharWidth = 6.6;  // a 9 pt sans label, on average
constexpr double kMinWidth = 64;
constexpr double kMaxWidth = 260;
constexpr double kHeight = 34;
}  // namespace

NodeStyle styleFor(NodeClass c) {
    switch (c) {
        case NodeClass::Remaining:
            return {QColor(0xe5, 0x39, 0x35), QColor(0x8e, 0x0e, 0x0e), Qt::white};
        case NodeClass::Converted:
            return {QColor(0xc8, 0xe6, 0xc9), QColor(0x2e, 0x7d, 0x32), QColor(0x1b, 0x3d, 0x1d)};
        case NodeClass::DataMovement:
            return {QColor(0xff, 0xe0, 0xb2), QColor(0xef, 0x6c, 0x00), QColor(0x5d, 0x2e, 0x00)};
        case NodeClass::Structural:
            return {QColor(0xee, 0xee, 0xee), QColor(0x9e, 0x9e, 0x9e), QColor(0x42, 0x42, 0x42)};
        case NodeClass::Other:
            return {QColor(0xe3, 0xe8, 0xf4), QColor(0x5c, 0x6b, 0xc0), QColor(0x1a, 0x23, 0x7e)};
    }
    return {Qt::white, Qt::black, Qt::black};
}

QString classLabel(NodeClass c) {
    switch (c) {
        case NodeClass::Remaining:
            return QStringLiteral("Remaining aten");
        case NodeClass::Converted:
            return QStringLiteral("Converted");
        case NodeClass::DataMovement:
            return QStringLiteral("Data movement");
        case NodeClass::Structural:
            return QStringLiteral("Structure");
        case NodeClass::Other:
            return QStringLiteral("Other");
    }
    return {};
}

QString shortOpLabel(const Node& node) {
    if (node.op == OpKind::Placeholder || node.op == OpKind::GetAttr || node.op == OpKind::Output) return qtext(node.name);
    QString t = qtext(node.target);
    if (t.startsWith(QLatin1String("aten."))) {
        t.remove(0, 5);
        if (t.endsWith(QLatin1String(".default"))) t.chop(8);
    }
    return t;
}

namespace {
// Node index -> its index among the shown nodes (UINT32_MAX when hidden).
std::vector<std::uint32_t> compactIndex(std::size_t n, const std::vector<char>& shown) {
    std::vector<std::uint32_t> at(n, UINT32_MAX);
    std::uint32_t k = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (shown.empty() || shown[i]) at[i] = k++;
    return at;
}
}  // namespace

std::vector<char> GraphDrawing::shownNodes(const Graph& graph, bool weights) {
    if (weights) return {};
    std::vector<char> shown(graph.nodes.size(), 1);
    for (std::size_t i = 0; i < graph.nodes.size(); ++i)
        if (graph.nodes[i].isWeight()) shown[i] = 0;
    return shown;
}

LayoutInput GraphDrawing::layoutInput(const Graph& graph, const std::vector<char>& shown) {
    const auto at = compactIndex(graph.nodes.size(), shown);
    LayoutInput in;
    in.nodes.reserve(graph.nodes.size());
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        if (at[i] == UINT32_MAX) continue;
        const Node& n = graph.nodes[i];
        const double chars = static_cast<double>(std::max<std::size_t>(shortOpLabel(n).size(), n.singleShape().size()));
        in.nodes.push_back({std::clamp(chars * kCharWidth + 16, kMinWidth, kMaxWidth), kHeight});
    }
    for (std::uint32_t i = 0; i < graph.nodes.size(); ++i)
        for (auto p : graph.nodes[i].inputs)
            if (at[i] != UINT32_MAX && at[p] != UINT32_MAX) in.edges.emplace_back(at[p], at[i]);
    return in;
}

GraphDrawing::GraphDrawing(const Graph& graph, const LayoutResult& layout, const std::vector<char>& shown) : engine_(layout.engine) {
    const LayoutInput sizes = layoutInput(graph, shown);
    const auto at = compactIndex(graph.nodes.size(), shown);
    std::vector<std::uint32_t> full;  // compact index -> node index
    const std::size_t n = graph.nodes.size();
    boxes_.reserve(n);
    titles_.reserve(n);
    subtitles_.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        titles_.push_back(shortOpLabel(graph.nodes[i]));
        subtitles_.push_back(qtext(graph.nodes[i].singleShape()));
        if (at[i] == UINT32_MAX) {
            boxes_.emplace_back();
            ++hidden_;
            continue;
        }
        const auto& c = layout.centers.at(at[i]);
        const auto& s = sizes.nodes[at[i]];
        boxes_.emplace_back(c.x - s.width / 2, c.y - s.height / 2, s.width, s.height);
        full.push_back(static_cast<std::uint32_t>(i));
    }
    for (const auto& e : layout.edges) {
        if (e.points.size() < 2) continue;
        QPainterPath path(QPointF(e.points[0].x, e.points[0].y));
        if (e.spline) {
            for (std::size_t k = 1; k + 2 < e.points.size(); k += 3)
                path.cubicTo(e.points[k].x, e.points[k].y, e.points[k + 1].x, e.points[k + 1].y, e.points[k + 2].x, e.points[k + 2].y);
        } else {
            for (std::size_t k = 1; k < e.points.size(); ++k) path.lineTo(e.points[k].x, e.points[k].y);
        }
        edgeBounds_.push_back(path.boundingRect().adjusted(-2, -2, 2, 2));
        edges_.push_back(std::move(path));
        edgeEnds_.emplace_back(full.at(e.from), full.at(e.to));
    }
    bounds_ = QRectF(0, 0, std::max(layout.width, 1.0), std::max(layout.height, 1.0));
    for (const auto& b : boxes_)
        if (!b.isNull()) bounds_ = bounds_.united(b);
    buildIndex();
}

void GraphDrawing::buildIndex() {
    // About four cells a node, never smaller than 400 points: memory follows the node count.
    const double n = static_cast<double>(std::max<std::size_t>(boxes_.size(), 1));
    cell_ = std::max(400.0, std::sqrt(bounds_.width() * bounds_.height() / (4 * n)));
    cols_ = std::max(1, static_cast<int>(std::ceil(bounds_.width() / cell_)));
    rows_ = std::max(1, static_cast<int>(std::ceil(bounds_.height() / cell_)));
    nodeCells_.assign(static_cast<std::size_t>(cols_) * static_cast<std::size_t>(rows_), {});
    edgeCells_.assign(nodeCells_.size(), {});
    auto cover = [&](const QRectF& r, std::uint32_t id, std::vector<std::vector<std::uint32_t>>& cells) {
        const int c0 = std::clamp(static_cast<int>((r.left() - bounds_.left()) / cell_), 0, cols_ - 1);
        const int c1 = std::clamp(static_cast<int>((r.right() - bounds_.left()) / cell_), 0, cols_ - 1);
        const int r0 = std::clamp(static_cast<int>((r.top() - bounds_.top()) / cell_), 0, rows_ - 1);
        const int r1 = std::clamp(static_cast<int>((r.bottom() - bounds_.top()) / cell_), 0, rows_ - 1);
        for (int y = r0; y <= r1; ++y)
            for (int x = c0; x <= c1; ++x)
                cells[static_cast<std::size_t>(y) * static_cast<std::size_t>(cols_) + static_cast<std::size_t>(x)].push_back(id);
    };
    for (std::uint32_t i = 0; i < boxes_.size(); ++i)
        if (!boxes_[i].isNull()) cover(boxes_[i], i, nodeCells_);
    longEdges_.clear();
    for (std::uint32_t i = 0; i < edgeBounds_.size(); ++i) {
        const QRectF& r = edgeBounds_[i];
        // An edge spanning many cells is checked on its own instead of filling them all.
        if ((r.width() / cell_ + 1) * (r.height() / cell_ + 1) > 16) {
            longEdges_.push_back(i);
        } else {
            cover(r, i, edgeCells_);
        }
    }
}

namespace {
std::vector<std::uint32_t> query(const QRectF& rect, const QRectF& bounds, double cell, int cols, int rows,
                                 const std::vector<std::vector<std::uint32_t>>& cells, const std::vector<QRectF>& items) {
    std::vector<std::uint32_t> out;
    const QRectF r = rect.intersected(bounds);
    if (r.isEmpty()) return out;
    const int c0 = std::clamp(static_cast<int>((r.left() - bounds.left()) / cell), 0, cols - 1);
    const int c1 = std::clamp(static_cast<int>((r.right() - bounds.left()) / cell), 0, cols - 1);
    const int r0 = std::clamp(static_cast<int>((r.top() - bounds.top()) / cell), 0, rows - 1);
    const int r1 = std::clamp(static_cast<int>((r.bottom() - bounds.top()) / cell), 0, rows - 1);
    for (int y = r0; y <= r1; ++y)
        for (int x = c0; x <= c1; ++x)
            for (auto id : cells[static_cast<std::size_t>(y) * static_cast<std::size_t>(cols) + static_cast<std::size_t>(x)])
                if (items[id].intersects(rect)) out.push_back(id);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}
}  // namespace

std::vector<std::uint32_t> GraphDrawing::nodesIn(const QRectF& rect) const {
    return query(rect, bounds_, cell_, cols_, rows_, nodeCells_, boxes_);
}

std::vector<std::uint32_t> GraphDrawing::edgesIn(const QRectF& rect) const {
    auto out = query(rect, bounds_, cell_, cols_, rows_, edgeCells_, edgeBounds_);
    for (auto id : longEdges_)
        if (edgeBounds_[id].intersects(rect)) out.push_back(id);
    return out;
}

int GraphDrawing::nodeAt(const QPointF& p) const {
    for (auto id : nodesIn(QRectF(p, QSizeF(0.01, 0.01))))
        if (boxes_[id].contains(p)) return static_cast<int>(id);
    return -1;
}

}  // namespace atenscope
