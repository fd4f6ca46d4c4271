// SPDX-License-Identifier: MIT
#pragma once
// A laid-out graph ready to paint: boxes, labels and edge paths built once
// (never in paint()), a grid index for culling and hit tests. Shared by the
// GUI's view and headless export.
#include "analysis/Classifier.h"
#include "graph/Graph.h"
#include "layout/Layout.h"

#include <QColor>
#include <QPainterPath>
#include <QRectF>
#include <QString>

#include <cstdint>
#include <vector>

namespace atenscope {

struct NodeStyle {
    QColor fill;
    QColor border;
    QColor text;
};
NodeStyle styleFor(NodeClass c);
QString classLabel(NodeClass c);

// A short label for a node: "convolution" for aten.convolution.default, "add.Tensor", "ttnn.add".
QString shortOpLabel(const Node& node);

class GraphDrawing {
public:
    GraphDrawing() = default;
    // Which nodes a drawing shows: every node, or all but weights and constants
    // (Node::isWeight), which crowd a graph's top rows. Empty means every node.
    static std::vector<char> shownNodes(const Graph& graph, bool weights);
    // Box sizes for a layout engine, from the labels: the shown nodes only, in order.
    static LayoutInput layoutInput(const Graph& graph, const std::vector<char>& shown = {});
    // `layout` is of layoutInput(graph, shown). Nodes not shown get an empty box and are
    // never found by nodesIn() or nodeAt().
    GraphDrawing(const Graph& graph, const LayoutResult& layout, const std::vector<char>& shown = {});

    std::size_t size() const { return boxes_.size(); }
    bool shown(std::size_t i) const { return !boxes_[i].isNull(); }
    std::size_t hiddenCount() const { return hidden_; }
    const QRectF& box(std::size_t i) const { return boxes_[i]; }
    const QString& title(std::size_t i) const { return titles_[i]; }
    const QString& subtitle(std::size_t i) const { return subtitles_[i]; }
    const QRectF& bounds() const { return bounds_; }
    const std::vector<QPainterPath>& edges() const { return edges_; }
    const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edgeEnds() const { return edgeEnds_; }
    const std::string& engine() const { return engine_; }

    // Nodes whose boxes meet `rect`.
    std::vector<std::uint32_t> nodesIn(const QRectF& rect) const;
    // Edges whose bounding boxes meet `rect`.
    std::vector<std::uint32_t> edgesIn(const QRectF& rect) const;
    int nodeAt(const QPointF& p) const;

private:
    void buildIndex();
    std::vector<QRectF> boxes_;
    std::vector<QString> titles_;
    std::vector<QString> subtitles_;
    std::vector<QPainterPath> edges_;
    std::vector<QRectF> edgeBounds_;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edgeEnds_;
    QRectF bounds_;
    std::string engine_;
    std::size_t hidden_ = 0;
    // Uniform grid over the bounds: cell -> node / edge indices.
    double cell_ = 400;
    int cols_ = 1;
    int rows_ = 1;
    std::vector<std::vector<std::uint32_t>> nodeCells_;
    std::vector<std::vector<std::uint32_t>> edgeCells_;
    std::vector<std::uint32_t> longEdges_;
};

}  // namespace atenscope
