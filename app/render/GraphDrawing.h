// SPDX-License-Identifier: MIT
#pragma once
// A laid-out graph ready to paint: boxes, labels and edge paths built once
// (never in paint()), a grid index for culling and hit tests. Shared by the
// GUI's view and headless export.
#include "analysis/Classifier.h"
#include "analysis/ModuleTree.h"
#include "analysis/ViewChoice.h"
#include "graph/Graph.h"
#include "layout/CompoundLayout.h"
#include "layout/Layout.h"

#include <QColor>
#include <QPainterPath>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace atenscope {

// A module group as drawn: a collapsed box, or the frame of an expanded one.
struct DrawnGroup {
    QRectF box;
    int module = 0;  // in the drawing's module tree
    int depth = 1;   // 1 for a top-level module
    bool expanded = false;
};

// What a group holds, per class, for its badge; for a collapsed box, its remaining ops by type
// (short labels as the graph holds them, most frequent first), which the box lists.
struct GroupCounts {
    std::uint32_t nodes = 0, remaining = 0, converted = 0, dataMovement = 0;
    std::vector<std::pair<std::string_view, std::uint32_t>> ops;
};

// A collapsed module's box: three lines (path; class and size; badge and counts), then up to
// kOpLines lines naming the remaining ops inside it (as many as its aten op types could need).
struct CollapsedBox {
    static constexpr double kHeight = 62;  // the three lines
    static constexpr double kOpLine = 18;
    static constexpr int kOpLines = 8;
    static constexpr double kOpPad = 6;  // under the list
};

struct NodeStyle {
    QColor fill;
    QColor border;
    QColor text;
};
NodeStyle styleFor(NodeClass c);
// The fonts of a node's title (its op) and shape, as the layout measures them and the painter
// draws them: the application's font, tracked (+1 px a letter), which keeps small labels apart
// for a reader and for OCR alike ("lift_fresh_copy", not "lit fresh copy": docs/pictures.md).
QFont nodeTitleFont();
QFont nodeShapeFont();
QString classLabel(NodeClass c);

// A short label for a node: "convolution" for aten.convolution.default, "add.Tensor", "ttnn.add".
QString shortOpLabel(const Node& node);
std::string_view shortOpText(const Node& node);             // the same, as the graph holds it
std::string_view shortTargetText(std::string_view target);  // an op's target so shortened ("add.Tensor")

class GraphDrawing {
public:
    static constexpr double kNodeHeight = 34;  // every node's box (without chips)
    static constexpr double kChipRow = 16;     // the row of chips under a node that carries weights
    GraphDrawing() = default;
    // Which nodes a drawing shows: every node (`weights`: weights and constants drawn apart), or
    // all but the folded ones (FoldedWeights: weights, constants and the chains moving them to
    // the device), drawn as chips of the nodes that use them. Empty means every node.
    static std::vector<char> shownNodes(const Graph& graph, bool weights);
    static std::vector<char> shownNodes(const Graph& graph, const FoldedWeights& folded);
    // The same over a graph's nodes and its partitions' (PartitionIndex): inside a partition its
    // placeholders and output are not drawn (edges run from the values they stand for, and to
    // the partition's node), nor its weights and constants unless `weights`.
    // `folded`, when given, is FoldedWeights(graph), made once by the caller.
    static std::vector<char> shownNodes(const Graph& graph, const PartitionIndex& parts, bool weights,
                                        const FoldedWeights* folded = nullptr);
    // Box sizes for a layout engine, from the labels: the shown nodes only, in order. With
    // `parts`, over the graph's and its partitions' nodes: a partition's inputs feed the nodes
    // inside it that use them, and what it returns feeds its call_module node.
    // `sizes` false: the nodes' boxes left empty (asked for one by one with nodeSize).
    static LayoutInput layoutInput(const Graph& graph, const std::vector<char>& shown = {}, const PartitionIndex* parts = nullptr,
                                   const FoldedWeights* folded = nullptr, bool sizes = true);
    // The box of node `i` (PartitionIndex's index with `parts`) as layoutInput sizes it;
    // `folded`: the graph's folded weights (empty: none).
    static LayoutInput::Size nodeSize(const Graph& graph, const std::vector<char>& shown, const PartitionIndex* parts,
                                      const FoldedWeights& folded, std::size_t i);
    // `layout` is of layoutInput(graph, shown). Nodes not shown get an empty box and are
    // never found by nodesIn() or nodeAt().
    GraphDrawing(const Graph& graph, const LayoutResult& layout, const std::vector<char>& shown = {});
    // A compound layout of the shown nodes grouped by `tree`'s modules: `nodeGroup` per node of
    // `graph` (the module it is drawn in; -1 for nodes not shown); `sizes`, the boxes the layout
    // had (layoutInput(graph, shown).nodes). Only the nodes it shows are labelled.
    // With `parts`, the nodes are those of PartitionIndex (the graph's, then its partitions').
    GraphDrawing(const Graph& graph, const CompoundResult& layout, const std::vector<char>& shown, std::shared_ptr<const ModuleTree> tree,
                 std::vector<int> nodeGroup, const std::vector<LayoutInput::Size>& sizes,
                 std::shared_ptr<const PartitionIndex> parts = nullptr, const FoldedWeights* folded = nullptr);

    std::size_t size() const { return boxes_.size(); }
    bool shown(std::size_t i) const { return i < boxes_.size() && !boxes_[i].isNull(); }
    std::size_t hiddenCount() const { return hidden_; }  // weights and constants left out
    std::size_t shownCount() const {
        return static_cast<std::size_t>(std::count_if(boxes_.begin(), boxes_.end(), [](const QRectF& b) { return !b.isNull(); }));
    }
    std::size_t foldedCount() const { return folded_; }  // inside collapsed groups
    const QRectF& box(std::size_t i) const { return boxes_[i]; }
    const QString& title(std::size_t i) const { return titles_[i]; }
    const QString& subtitle(std::size_t i) const { return subtitles_[i]; }
    // The weights a node carries, drawn under its title ("arg3_1 [768, 2304]"); empty when none
    // are folded into it. `chipMoved`: which of them reach it moved to the device.
    const QStringList& chips(std::size_t i) const { return i < chips_.size() ? chips_[i] : kNoChips; }
    bool chipMoved(std::size_t i, qsizetype chip) const { return i < chipMoved_.size() && chip < 32 && (chipMoved_[i] >> chip) & 1u; }
    const QRectF& bounds() const { return bounds_; }
    const std::vector<QPainterPath>& edges() const { return edges_; }
    const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edgeEnds() const { return edgeEnds_; }
    const std::string& engine() const { return engine_; }
    // Graph edges each drawn edge carries (1 but between groups).
    const std::vector<std::uint32_t>& edgeCounts() const { return edgeCounts_; }

    // Module groups (none for a drawing without them): outer ones before those inside them.
    const std::vector<DrawnGroup>& groups() const { return groups_; }
    const ModuleTree* moduleTree() const { return tree_.get(); }
    // The nodes past the graph's (inside partitions), when the drawing has any; else null.
    const PartitionIndex* partitions() const { return parts_.get(); }
    // The module a node is drawn in (0: no group), -1 when not shown or without groups.
    int groupOf(std::size_t node) const { return node < nodeGroup_.size() ? nodeGroup_[node] : -1; }
    // The innermost group whose collapsed box or expanded title band holds `p`: an index in groups(), or -1.
    int groupAt(const QPointF& p) const;
    // Where the module is drawn: an index in groups(), or -1.
    int drawnGroup(int module) const;
    // Per module of the tree: what it holds, with its descendants.
    std::vector<GroupCounts> groupCounts(const std::vector<NodeClass>& classes) const;

    // Nodes whose boxes meet `rect`.
    std::vector<std::uint32_t> nodesIn(const QRectF& rect) const;
    // Every shown node whose grid cells meet `rect`, some more than once: for a coarse pass.
    template <class F>
    void forEachNodeNear(const QRectF& rect, F&& f) const;
    // A piece of a drawn edge: one curve (or line) of its path, from the point before path
    // element `element` to the end of the command that element starts.
    struct EdgePiece {
        std::uint32_t edge = 0;
        std::uint32_t element = 0;
        bool operator<(const EdgePiece& o) const { return edge != o.edge ? edge < o.edge : element < o.element; }
        bool operator==(const EdgePiece&) const = default;
    };
    // The pieces of edges whose control points' bounds meet `rect`, each once, by edge. A frame
    // draws these, not whole edges: a long edge whose bounds hold the view seldom passes through it.
    std::vector<EdgePiece> edgePiecesIn(const QRectF& rect) const;
    // Every piece that may meet `rect` (its grid cells do), some more than once: for a coarse
    // pass that does not mind repeats. `f(edge, start, end)`, the piece's end points.
    template <class F>
    void forEachPieceNear(const QRectF& rect, F&& f) const;
    // The same when a grid cell is smaller than a pixel: `cell(rect)` for each cell near `rect`
    // that holds pieces, `piece(edge, start, end)` for pieces too long for the grid.
    template <class C, class F>
    void forEachPieceCellNear(const QRectF& rect, C&& cell, F&& piece) const;
    double cellSize() const { return cell_; }
    // The start and end points of a piece; its bounds (of its control points).
    QPointF pieceStart(const EdgePiece& e) const { return edges_[e.edge].elementAt(static_cast<int>(e.element) - 1); }
    QPointF pieceEnd(const EdgePiece& e) const;
    QRectF pieceBounds(const EdgePiece& e) const;
    // Appends the piece to `path` (moving to its start first unless `path` ends there); with
    // `clip`, only the parts of a piece much longer than `clip` that meet it.
    void appendPiece(QPainterPath& path, const EdgePiece& e, const QRectF* clip = nullptr) const;
    int nodeAt(const QPointF& p) const;

private:
    void buildIndex();
    // Titles, subtitles and chips of the nodes with boxes (parts_' nodes when set); `folded` is
    // FoldedWeights(graph) when the caller has it (made again per drawing, it costs a walk of
    // every node: 50 ms at 500,000 nodes, for each expand or collapse).
    void label(const Graph& graph, const std::vector<char>& shown, const FoldedWeights* folded = nullptr);
    static inline const QStringList kNoChips;
    void addEdge(const std::vector<Point>& points, bool spline, std::uint32_t from, std::uint32_t to, std::uint32_t count);
    std::vector<QRectF> boxes_;
    std::vector<QString> titles_;
    std::vector<QString> subtitles_;
    std::vector<QStringList> chips_;        // per node; empty when no node carries chips
    std::vector<std::uint32_t> chipMoved_;  // per node: bit k, chip k was moved to the device
    std::vector<QPainterPath> edges_;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edgeEnds_;  // nodes; UINT32_MAX for a group's end
    std::vector<std::uint32_t> edgeCounts_;
    std::vector<DrawnGroup> groups_;
    std::shared_ptr<const ModuleTree> tree_;
    std::shared_ptr<const PartitionIndex> parts_;
    const Graph* graph_ = nullptr;  // with groups: for the ops a collapsed box names
    std::vector<int> nodeGroup_;
    QRectF bounds_;
    std::string engine_;
    std::size_t hidden_ = 0;
    std::size_t folded_ = 0;
    // Uniform grid over the bounds: cell -> node / edge indices.
    double cell_ = 400;
    int cols_ = 1;
    int rows_ = 1;
    std::vector<std::vector<std::uint32_t>> nodeCells_;
    std::vector<std::vector<EdgePiece>> pieceCells_;
    std::vector<EdgePiece> longPieces_;  // pieces over more than 16 cells, checked one by one
    // The grid cells meeting `r` (clamped): first and last column, first and last row.
    std::array<int, 4> cellsOf(const QRectF& r) const;
};

template <class C, class F>
void GraphDrawing::forEachPieceCellNear(const QRectF& rect, C&& cell, F&& piece) const {
    const QRectF r = rect.intersected(bounds_);
    if (r.isEmpty()) return;
    const auto [c0, c1, r0, r1] = cellsOf(r);
    for (int y = r0; y <= r1; ++y)
        for (int x = c0; x <= c1; ++x)
            if (!pieceCells_[static_cast<std::size_t>(y) * static_cast<std::size_t>(cols_) + static_cast<std::size_t>(x)].empty())
                cell(QRectF(bounds_.left() + x * cell_, bounds_.top() + y * cell_, cell_, cell_));
    for (const EdgePiece& e : longPieces_)
        if (pieceBounds(e).intersects(r)) piece(e.edge, pieceStart(e), pieceEnd(e));
}

template <class F>
void GraphDrawing::forEachNodeNear(const QRectF& rect, F&& f) const {
    const QRectF r = rect.intersected(bounds_);
    if (r.isEmpty()) return;
    const auto [c0, c1, r0, r1] = cellsOf(r);
    for (int y = r0; y <= r1; ++y)
        for (int x = c0; x <= c1; ++x)
            for (const auto id : nodeCells_[static_cast<std::size_t>(y) * static_cast<std::size_t>(cols_) + static_cast<std::size_t>(x)])
                f(id);
}

template <class F>
void GraphDrawing::forEachPieceNear(const QRectF& rect, F&& f) const {
    const QRectF r = rect.intersected(bounds_);
    if (r.isEmpty()) return;
    const auto [c0, c1, r0, r1] = cellsOf(r);
    auto visit = [&](const EdgePiece& e) { f(e.edge, pieceStart(e), pieceEnd(e)); };
    for (int y = r0; y <= r1; ++y)
        for (int x = c0; x <= c1; ++x)
            for (const EdgePiece& e :
                 pieceCells_[static_cast<std::size_t>(y) * static_cast<std::size_t>(cols_) + static_cast<std::size_t>(x)])
                visit(e);
    for (const EdgePiece& e : longPieces_)
        if (pieceBounds(e).intersects(r)) visit(e);
}

}  // namespace atenscope
