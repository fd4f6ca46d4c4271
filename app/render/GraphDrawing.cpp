// SPDX-License-Identifier: MIT
#include "render/GraphDrawing.h"

#include "analysis/ViewChoice.h"
#include "render/QtText.h"

#include <QFont>
#include <QFontMetricsF>

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

namespace atenscope {

namespace {
constexpr double kMinWidth = 64;
constexpr double kMaxWidth = 400;  // the longest aten op names fit: a picture that cuts a label cannot be read

// How wide a label is in the painter's fonts (9 pt titles, 7.5 pt shapes).
double textWidth(std::string_view text, bool title) {
    // Summed per character from a table of the font's advances (printable ASCII, measured once
    // per thread): a 500,000-node graph asks a million times, and a hash of each text cost the
    // window 5 % of its first frame. Kerning is left out (a pixel or two); other text is measured.
    thread_local std::array<double, 128> advance[2] = {};
    thread_local bool measured[2] = {false, false};
    const int k = title ? 1 : 0;
    if (!measured[k]) {
        const QFont font = title ? nodeTitleFont() : nodeShapeFont();
        const QFontMetricsF metrics(font);
        // A lone character's advance leaves out the letter spacing the text gets after each one.
        for (int c = 32; c < 127; ++c) advance[k][static_cast<std::size_t>(c)] = metrics.horizontalAdvance(QChar(c)) + font.letterSpacing();
        measured[k] = true;
    }
    double w = 0;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 32 || u >= 127) return QFontMetricsF(title ? nodeTitleFont() : nodeShapeFont()).horizontalAdvance(qtext(text));
        w += advance[k][u];
    }
    return w;
}
constexpr double kMaxChipWidth = 340;

// The folded weights a drawing step uses: none when `none` (weights drawn apart, or every node
// shown), the caller's when it has them (made once per graph), else made here into `made`.
const FoldedWeights& foldedFor(const Graph& graph, bool none, const FoldedWeights* known, FoldedWeights& made) {
    if (none) return made;
    if (known) return *known;
    made = FoldedWeights(graph);
    return made;
}

}  // namespace

QFont nodeTitleFont() {
    QFont f;
    f.setPointSizeF(9);
    f.setLetterSpacing(QFont::AbsoluteSpacing, 1.0);
    return f;
}

QFont nodeShapeFont() {
    QFont f;
    f.setPointSizeF(7.5);
    f.setLetterSpacing(QFont::AbsoluteSpacing, 0.4);
    return f;
}

NodeStyle styleFor(NodeClass c) {
    switch (c) {
        case NodeClass::Remaining:
            // Dark red on a light red, framed in red: white on a saturated red (our first choice) is
            // the text OCR and tired eyes read worst at 12 px (docs/pictures.md); this is 8.9:1.
            return {QColor(0xff, 0xe4, 0xe6), QColor(0xc6, 0x28, 0x28), QColor(0x8a, 0x0c, 0x0c)};
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

std::string_view shortTargetText(std::string_view t) {
    if (t.starts_with("aten.")) {
        t.remove_prefix(5);
        if (t.ends_with(".default")) t.remove_suffix(8);
    }
    return t;
}

std::string_view shortOpText(const Node& node) {
    if (node.op == OpKind::Placeholder || node.op == OpKind::GetAttr || node.op == OpKind::Output) return node.name;
    return shortTargetText(node.target);
}

QString shortOpLabel(const Node& node) {
    return qtext(shortOpText(node));
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
    return shownNodes(graph, FoldedWeights(graph));
}

std::vector<char> GraphDrawing::shownNodes(const Graph& graph, const FoldedWeights& folded) {
    if (folded.empty()) return {};
    std::vector<char> shown(graph.nodes.size(), 1);
    for (std::size_t i = 0; i < graph.nodes.size(); ++i)
        if (folded.folded(i)) shown[i] = 0;
    return shown;
}

namespace {

// "arg3_1 [768, 2304]": what a chip says of a weight.
QString chipText(const Node& weight) {
    const std::string_view shape = weight.singleShape();
    return shape.empty() ? qtext(weight.name) : qtext(weight.name) + QLatin1Char(' ') + qtext(shape);
}

constexpr int kChipsShown = 2;  // then "+N"

// The chips a node's row shows.
QStringList chipRow(const Graph& graph, const FoldedWeights& folded, std::size_t i, const std::vector<char>& shown) {
    QStringList row;
    int hiddenChips = 0;
    for (const std::uint32_t w : folded.chips(i)) {
        if (!shown.empty() && shown[w]) continue;  // drawn apart: an edge, not a chip
        if (row.size() < kChipsShown) {
            row << chipText(graph.nodes[w]);
        } else {
            ++hiddenChips;
        }
    }
    if (hiddenChips) row << QStringLiteral("+%1").arg(hiddenChips);
    return row;
}

// UTF-16 units of UTF-8 text (QString::size of it), without making the QString.
std::size_t utf16Size(std::string_view text) {
    std::size_t units = 0;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        units += (u & 0xC0) != 0x80;  // a character's first byte
        units += u >= 0xF0;           // four bytes: a surrogate pair
    }
    return units;
}

// The width the chips of chipRow take (5.4 px a character, 3 between chips), without making
// the strings: every node of a large graph asks. 0: no chips shown.
double chipRowWidth(const Graph& graph, const FoldedWeights& folded, std::size_t i, const std::vector<char>& shown) {
    double chars = 0;
    int chips = 0, hiddenChips = 0;
    for (const std::uint32_t w : folded.chips(i)) {
        if (!shown.empty() && shown[w]) continue;
        if (chips++ < kChipsShown) {
            const Node& n = graph.nodes[w];
            const std::string_view shape = n.singleShape();
            chars += static_cast<double>(utf16Size(n.name) + (shape.empty() ? 0 : 1 + utf16Size(shape))) + 3;
        } else {
            ++hiddenChips;
        }
    }
    if (hiddenChips) chars += static_cast<double>(QString::number(hiddenChips).size() + 1) + 3;
    return chips == 0 ? 0.0 : chars * 5.4 + 12;
}

}  // namespace

std::vector<char> GraphDrawing::shownNodes(const Graph& graph, const PartitionIndex& parts, bool weights, const FoldedWeights* known) {
    std::vector<char> shown(parts.size(), 1);
    FoldedWeights made;
    const FoldedWeights& folded = foldedFor(graph, weights, known, made);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const Node& n = parts.node(i);
        if (!weights && (n.isWeight() || folded.folded(i))) shown[i] = 0;
        if (i >= graph.nodes.size() && (n.op == OpKind::Placeholder || n.op == OpKind::Output)) shown[i] = 0;
    }
    return shown;
}

LayoutInput::Size GraphDrawing::nodeSize(const Graph& graph, const std::vector<char>& shown, const PartitionIndex* parts,
                                         const FoldedWeights& folded, std::size_t i) {
    const Node& n = parts ? parts->node(i) : graph.nodes[i];
    const double text = std::max(textWidth(shortOpText(n), true), textWidth(n.singleShape(), false));
    double width = std::clamp(text + 24, kMinWidth, kMaxWidth), height = GraphDrawing::kNodeHeight;
    if (i < graph.nodes.size() && !folded.empty() && !folded.chips(i).empty()) {
        if (const double chips = chipRowWidth(graph, folded, i, shown); chips > 0) {
            width = std::max(width, std::min(chips, kMaxChipWidth));
            height += GraphDrawing::kChipRow;
        }
    }
    return {width, height};
}

LayoutInput GraphDrawing::layoutInput(const Graph& graph, const std::vector<char>& shown, const PartitionIndex* parts,
                                      const FoldedWeights* known, bool sizes) {
    const std::size_t total = parts ? parts->size() : graph.nodes.size();
    const auto at = compactIndex(total, shown);
    LayoutInput in;
    FoldedWeights made;
    const FoldedWeights& folded = sizes ? foldedFor(graph, shown.empty(), known, made) : made;
    if (sizes) {
        in.nodes.reserve(total);
        for (std::size_t i = 0; i < total; ++i)
            if (at[i] != UINT32_MAX) in.nodes.push_back(nodeSize(graph, shown, parts, folded, i));
    } else {
        in.nodes.resize(total - static_cast<std::size_t>(std::count(at.begin(), at.end(), UINT32_MAX)));
    }
    auto edge = [&](std::size_t from, std::size_t to) {
        if (at[from] != UINT32_MAX && at[to] != UINT32_MAX) in.edges.emplace_back(at[from], at[to]);
    };
    const bool inside = parts && !parts->empty();
    for (std::uint32_t i = 0; i < graph.nodes.size(); ++i) {
        const Node& n = graph.nodes[i];
        if (inside && n.op == OpKind::CallModule && n.subgraph) continue;  // fed through the nodes inside it
        for (auto p : n.inputs) edge(p, i);
    }
    if (!inside) return in;
    for (std::size_t k = 0; k < parts->partitions().size(); ++k) {
        const std::uint32_t call = parts->partitions()[k];
        const Graph& sub = *graph.nodes[call].subgraph;
        const std::size_t base = parts->base(k);
        // A placeholder stands for the call's argument in its place, when that is a node.
        std::vector<std::size_t> source(sub.nodes.size(), SIZE_MAX);
        for (std::size_t j = 0; j < sub.nodes.size(); ++j) {
            if (sub.nodes[j].op != OpKind::Placeholder) {
                source[j] = base + j;
            } else if (const auto outer = parts->outside(base + j)) {
                source[j] = *outer;
            }
        }
        for (std::size_t j = 0; j < sub.nodes.size(); ++j)
            for (auto q : sub.nodes[j].inputs)
                if (source[q] != SIZE_MAX) edge(source[q], sub.nodes[j].op == OpKind::Output ? call : base + j);
    }
    return in;
}

void GraphDrawing::label(const Graph& graph, const std::vector<char>& shown, const FoldedWeights* known) {
    titles_.resize(boxes_.size());
    subtitles_.resize(boxes_.size());
    FoldedWeights made;
    const FoldedWeights& folded = foldedFor(graph, shown.empty(), known, made);
    for (std::size_t i = 0; i < boxes_.size(); ++i) {
        if (boxes_[i].isNull()) continue;
        const Node& n = parts_ ? parts_->node(i) : graph.nodes[i];
        titles_[i] = shortOpLabel(n);
        subtitles_[i] = qtext(n.singleShape());
        if (i >= graph.nodes.size() || folded.empty() || folded.chips(i).empty()) continue;
        QStringList row = chipRow(graph, folded, i, shown);
        if (row.isEmpty()) continue;
        if (chips_.empty()) {
            chips_.resize(boxes_.size());
            chipMoved_.resize(boxes_.size(), 0);
        }
        qsizetype k = 0;
        for (const std::uint32_t w : folded.chips(i))
            if (!shown[w] && k < kChipsShown) chipMoved_[i] |= (folded.moved(w) ? 1u : 0u) << k++;
        chips_[i] = std::move(row);
    }
}

GraphDrawing::GraphDrawing(const Graph& graph, const LayoutResult& layout, const std::vector<char>& shown) : engine_(layout.engine) {
    const LayoutInput sizes = layoutInput(graph, shown);
    const auto at = compactIndex(graph.nodes.size(), shown);
    std::vector<std::uint32_t> full;  // compact index -> node index
    const std::size_t n = graph.nodes.size();
    boxes_.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
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
    label(graph, shown);
    for (const auto& e : layout.edges) addEdge(e.points, e.spline, full.at(e.from), full.at(e.to), 1);
    bounds_ = QRectF(0, 0, std::max(layout.width, 1.0), std::max(layout.height, 1.0));
    for (const auto& b : boxes_)
        if (!b.isNull()) bounds_ = bounds_.united(b);
    buildIndex();
}

void GraphDrawing::addEdge(const std::vector<Point>& points, bool spline, std::uint32_t from, std::uint32_t to, std::uint32_t count) {
    if (points.size() < 2) return;
    QPainterPath path(QPointF(points[0].x, points[0].y));
    if (spline) {
        for (std::size_t k = 1; k + 2 < points.size(); k += 3)
            path.cubicTo(points[k].x, points[k].y, points[k + 1].x, points[k + 1].y, points[k + 2].x, points[k + 2].y);
    } else {
        for (std::size_t k = 1; k < points.size(); ++k) path.lineTo(points[k].x, points[k].y);
    }
    edges_.push_back(std::move(path));
    edgeEnds_.emplace_back(from, to);
    edgeCounts_.push_back(count);
}

GraphDrawing::GraphDrawing(const Graph& graph, const CompoundResult& layout, const std::vector<char>& shown,
                           std::shared_ptr<const ModuleTree> tree, std::vector<int> nodeGroup, const std::vector<LayoutInput::Size>& sizes,
                           std::shared_ptr<const PartitionIndex> parts, const FoldedWeights* folded)
    : tree_(std::move(tree)), parts_(std::move(parts)), graph_(&graph), nodeGroup_(std::move(nodeGroup)), engine_(layout.engine) {
    const std::size_t n = parts_ ? parts_->size() : graph.nodes.size();
    const auto at = compactIndex(n, shown);
    std::vector<std::uint32_t> full;  // compact index -> node index
    boxes_.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (at[i] != UINT32_MAX) full.push_back(static_cast<std::uint32_t>(i));
        if (at[i] == UINT32_MAX || !layout.shown.at(at[i])) {
            boxes_.emplace_back();
            if (at[i] != UINT32_MAX) {
                ++folded_;
            } else if (i < graph.nodes.size() || (parts_->node(i).op != OpKind::Placeholder && parts_->node(i).op != OpKind::Output)) {
                ++hidden_;  // a weight or constant (a partition's placeholders and output: drawn as its edges)
            }
            continue;
        }
        const auto& c = layout.centers[at[i]];
        const auto& s = sizes[at[i]];
        boxes_.emplace_back(c.x - s.width / 2, c.y - s.height / 2, s.width, s.height);
    }
    label(graph, shown, folded);
    for (const auto& e : layout.edges) {
        auto end = [&](const CompoundItem& item) { return item.kind == CompoundItem::Node ? full.at(item.id) : UINT32_MAX; };
        addEdge(e.points, true, end(e.from), end(e.to), e.count);
    }
    std::vector<int> depth(layout.groups.size(), 0);
    for (std::size_t g = 1; g < layout.groups.size(); ++g) {
        depth[g] = depth[static_cast<std::size_t>(tree_->modules[g].parent)] + 1;
        const auto& b = layout.groups[g];
        if (b.shown) groups_.push_back({QRectF(b.x, b.y, b.width, b.height), static_cast<int>(g), depth[g], b.expanded});
    }
    std::stable_sort(groups_.begin(), groups_.end(), [](const DrawnGroup& a, const DrawnGroup& b) { return a.depth < b.depth; });
    bounds_ = QRectF(0, 0, std::max(layout.width, 1.0), std::max(layout.height, 1.0));
    for (const auto& b : boxes_)
        if (!b.isNull()) bounds_ = bounds_.united(b);
    buildIndex();
}

int GraphDrawing::groupAt(const QPointF& p) const {
    for (std::size_t k = groups_.size(); k-- > 0;) {
        const DrawnGroup& g = groups_[k];
        const QRectF hit = g.expanded ? QRectF(g.box.left(), g.box.top(), g.box.width(), CompoundLayout::kHeader) : g.box;
        if (hit.contains(p)) return static_cast<int>(k);
    }
    return -1;
}

int GraphDrawing::drawnGroup(int module) const {
    for (std::size_t k = 0; k < groups_.size(); ++k)
        if (groups_[k].module == module) return static_cast<int>(k);
    return -1;
}

std::vector<GroupCounts> GraphDrawing::groupCounts(const std::vector<NodeClass>& classes) const {
    std::vector<GroupCounts> out(tree_ ? tree_->modules.size() : 0);
    if (out.empty()) return out;
    for (std::size_t i = 0; i < nodeGroup_.size(); ++i) {
        if (nodeGroup_[i] < 0) continue;
        GroupCounts& c = out[static_cast<std::size_t>(nodeGroup_[i])];
        ++c.nodes;
        const NodeClass k = i < classes.size() ? classes[i] : NodeClass::Other;
        c.remaining += k == NodeClass::Remaining;
        c.converted += k == NodeClass::Converted;
        c.dataMovement += k == NodeClass::DataMovement;
    }
    for (std::size_t m = out.size(); m-- > 1;) {
        GroupCounts& p = out[static_cast<std::size_t>(tree_->modules[m].parent)];
        p.nodes += out[m].nodes;
        p.remaining += out[m].remaining;
        p.converted += out[m].converted;
        p.dataMovement += out[m].dataMovement;
    }
    if (!graph_) return out;
    // The remaining ops of each collapsed box, by type: each module's nearest collapsed one
    // (itself or around it; parents come before their modules in the tree).
    std::vector<int> box(out.size(), -1);
    for (const DrawnGroup& g : groups_)
        if (!g.expanded) box[static_cast<std::size_t>(g.module)] = g.module;
    for (std::size_t m = 1; m < box.size(); ++m)
        if (box[m] < 0) box[m] = box[static_cast<std::size_t>(tree_->modules[m].parent)];
    // Each remaining node's op as a small integer: by its schema when it has one (the nodes of an
    // op share it: one lookup of a pointer), else by its target's text. Then per box: (type,
    // nodes), found by a linear search over integers (a box holds a few types; comparing the
    // texts node by node cost the window's first frame 25 ms at 100,000 nodes).
    std::unordered_map<const OpSchema*, std::uint32_t> bySchema;
    std::unordered_map<std::string_view, std::uint32_t> byText;
    std::vector<std::string_view> typeText;
    auto typeOf = [&](const Node& n) {
        const auto text = [&] {
            const auto [it, added] = byText.emplace(n.target, static_cast<std::uint32_t>(typeText.size()));
            if (added) typeText.push_back(n.target);
            return it->second;
        };
        if (!n.schema) return text();
        const auto it = bySchema.find(n.schema);
        return it != bySchema.end() ? it->second : bySchema.emplace(n.schema, text()).first->second;
    };
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> ops(out.size());
    for (std::size_t i = 0; i < nodeGroup_.size() && i < classes.size(); ++i) {
        if (nodeGroup_[i] < 0 || classes[i] != NodeClass::Remaining) continue;
        const int b = box[static_cast<std::size_t>(nodeGroup_[i])];
        if (b < 0) continue;
        const std::uint32_t type = typeOf(parts_ ? parts_->node(i) : graph_->nodes[i]);
        auto& list = ops[static_cast<std::size_t>(b)];
        const auto it = std::find_if(list.begin(), list.end(), [type](const auto& e) { return e.first == type; });
        if (it == list.end()) {
            list.emplace_back(type, 1);
        } else {
            ++it->second;
        }
    }
    for (std::size_t m = 0; m < ops.size(); ++m) {
        if (ops[m].empty()) continue;
        auto& list = out[m].ops;
        for (const auto& [type, count] : ops[m]) list.emplace_back(shortTargetText(typeText[type]), count);
        std::sort(list.begin(), list.end(),
                  [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    }
    return out;
}

std::array<int, 4> GraphDrawing::cellsOf(const QRectF& r) const {
    return {std::clamp(static_cast<int>((r.left() - bounds_.left()) / cell_), 0, cols_ - 1),
            std::clamp(static_cast<int>((r.right() - bounds_.left()) / cell_), 0, cols_ - 1),
            std::clamp(static_cast<int>((r.top() - bounds_.top()) / cell_), 0, rows_ - 1),
            std::clamp(static_cast<int>((r.bottom() - bounds_.top()) / cell_), 0, rows_ - 1)};
}

QPointF GraphDrawing::pieceEnd(const EdgePiece& e) const {
    const QPainterPath& path = edges_[e.edge];
    const int k = static_cast<int>(e.element);
    return path.elementAt(path.elementAt(k).type == QPainterPath::CurveToElement ? k + 2 : k);
}

QRectF GraphDrawing::pieceBounds(const EdgePiece& e) const {
    const QPainterPath& path = edges_[e.edge];
    const int k = static_cast<int>(e.element);
    const int last = path.elementAt(k).type == QPainterPath::CurveToElement ? k + 2 : k;
    double x0 = path.elementAt(k - 1).x, x1 = x0, y0 = path.elementAt(k - 1).y, y1 = y0;
    for (int i = k; i <= last; ++i) {
        const auto& el = path.elementAt(i);
        x0 = std::min(x0, el.x), x1 = std::max(x1, el.x), y0 = std::min(y0, el.y), y1 = std::max(y1, el.y);
    }
    return QRectF(x0 - 2, y0 - 2, x1 - x0 + 4, y1 - y0 + 4);  // the arrow head and the pen's width
}

namespace {
// Appends the cubic p0..p3, or the parts of it that meet `clip`: a curve much larger than the
// view is halved (de Casteljau) until its parts are about the view's size, and the parts that
// miss it are dropped. The rasteriser would otherwise flatten all of a curve a million points
// long to draw the few hundred in view.
void appendCubic(QPainterPath& path, QPointF p0, QPointF c1, QPointF c2, QPointF p3, const QRectF* clip, int depth = 0) {
    if (clip) {
        const double x0 = std::min({p0.x(), c1.x(), c2.x(), p3.x()}), x1 = std::max({p0.x(), c1.x(), c2.x(), p3.x()});
        const double y0 = std::min({p0.y(), c1.y(), c2.y(), p3.y()}), y1 = std::max({p0.y(), c1.y(), c2.y(), p3.y()});
        const QRectF r(x0 - 2, y0 - 2, x1 - x0 + 4, y1 - y0 + 4);
        if (!r.intersects(*clip)) return;
        if (depth < 40 && (r.width() > 2 * clip->width() + 64 || r.height() > 2 * clip->height() + 64)) {
            const QPointF a = (p0 + c1) / 2, b = (c1 + c2) / 2, c = (c2 + p3) / 2;
            const QPointF ab = (a + b) / 2, bc = (b + c) / 2, mid = (ab + bc) / 2;
            appendCubic(path, p0, a, ab, mid, clip, depth + 1);
            appendCubic(path, mid, bc, c, p3, clip, depth + 1);
            return;
        }
    }
    if (path.elementCount() == 0 || path.currentPosition() != p0) path.moveTo(p0);
    path.cubicTo(c1, c2, p3);
}
}  // namespace

void GraphDrawing::appendPiece(QPainterPath& path, const EdgePiece& e, const QRectF* clip) const {
    const QPainterPath& from = edges_[e.edge];
    const int k = static_cast<int>(e.element);
    const QPointF start = from.elementAt(k - 1);
    if (from.elementAt(k).type == QPainterPath::CurveToElement) {
        appendCubic(path, start, from.elementAt(k), from.elementAt(k + 1), from.elementAt(k + 2), clip);
    } else {
        // A line as the cubic along it, so that a long one is cut to the view alike.
        const QPointF end = from.elementAt(k);
        appendCubic(path, start, start + (end - start) / 3, start + (end - start) * 2 / 3, end, clip);
    }
}

void GraphDrawing::buildIndex() {
    // About four cells a node, never smaller than 400 points: memory follows the node count.
    const double n = static_cast<double>(std::max<std::size_t>(boxes_.size(), 1));
    cell_ = std::max(400.0, std::sqrt(bounds_.width() * bounds_.height() / (4 * n)));
    cols_ = std::max(1, static_cast<int>(std::ceil(bounds_.width() / cell_)));
    rows_ = std::max(1, static_cast<int>(std::ceil(bounds_.height() / cell_)));
    nodeCells_.assign(static_cast<std::size_t>(cols_) * static_cast<std::size_t>(rows_), {});
    pieceCells_.assign(nodeCells_.size(), {});
    auto cover = [&](const QRectF& r, auto id, auto& cells) {
        const auto [c0, c1, r0, r1] = cellsOf(r);
        for (int y = r0; y <= r1; ++y)
            for (int x = c0; x <= c1; ++x)
                cells[static_cast<std::size_t>(y) * static_cast<std::size_t>(cols_) + static_cast<std::size_t>(x)].push_back(id);
    };
    for (std::uint32_t i = 0; i < boxes_.size(); ++i)
        if (!boxes_[i].isNull()) cover(boxes_[i], i, nodeCells_);
    // Edges by their pieces: a route down the side of the drawing, or into every layer of a
    // stack, has bounds that hold most views while its pieces meet few.
    longPieces_.clear();
    for (std::uint32_t i = 0; i < edges_.size(); ++i) {
        const QPainterPath& path = edges_[i];
        for (int k = 1; k < path.elementCount();) {
            const EdgePiece piece{i, static_cast<std::uint32_t>(k)};
            const QRectF r = pieceBounds(piece);
            if ((r.width() / cell_ + 1) * (r.height() / cell_ + 1) > 16) {
                longPieces_.push_back(piece);
            } else {
                cover(r, piece, pieceCells_);
            }
            k += path.elementAt(k).type == QPainterPath::CurveToElement ? 3 : 1;
        }
    }
}

std::vector<std::uint32_t> GraphDrawing::nodesIn(const QRectF& rect) const {
    std::vector<std::uint32_t> out;
    const QRectF r = rect.intersected(bounds_);
    if (r.isEmpty()) return out;
    const auto [c0, c1, r0, r1] = cellsOf(r);
    for (int y = r0; y <= r1; ++y)
        for (int x = c0; x <= c1; ++x)
            for (auto id : nodeCells_[static_cast<std::size_t>(y) * static_cast<std::size_t>(cols_) + static_cast<std::size_t>(x)])
                if (boxes_[id].intersects(rect)) out.push_back(id);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<GraphDrawing::EdgePiece> GraphDrawing::edgePiecesIn(const QRectF& rect) const {
    std::vector<EdgePiece> out;
    const QRectF r = rect.intersected(bounds_);
    if (r.isEmpty()) return out;
    const auto [c0, c1, r0, r1] = cellsOf(r);
    for (int y = r0; y <= r1; ++y)
        for (int x = c0; x <= c1; ++x)
            for (const EdgePiece& e :
                 pieceCells_[static_cast<std::size_t>(y) * static_cast<std::size_t>(cols_) + static_cast<std::size_t>(x)])
                if (pieceBounds(e).intersects(rect)) out.push_back(e);
    for (const EdgePiece& e : longPieces_)
        if (pieceBounds(e).intersects(rect)) out.push_back(e);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

int GraphDrawing::nodeAt(const QPointF& p) const {
    for (auto id : nodesIn(QRectF(p, QSizeF(0.01, 0.01))))
        if (boxes_[id].contains(p)) return static_cast<int>(id);
    return -1;
}

}  // namespace atenscope
