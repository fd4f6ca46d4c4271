// SPDX-License-Identifier: MIT
#pragma once
// A picture of a graph that a person can read (docs/pictures.md): every label at no smaller
// scale than kLegibleScale. A graph that fits that way is drawn whole; one that does not gets an
// overview (its module hierarchy collapsed to the depth that fits, each box named, with its
// remaining badge) and a gallery of the places its ops remain (each with its inputs and users,
// captioned with its module; places alike shown once). `render`, `report` and the window's
// export all draw through this, and the heading, legend and captions are drawn beside the
// drawings by the same painter, never over them.
#include "analysis/ViewChoice.h"
#include "render/GraphPainter.h"
#include "render/GroupedLayout.h"

#include <QImage>
#include <QPainter>
#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace atenscope {

struct PictureRequest {
    enum class Show { Auto, Whole, Overview, Around };
    Show show = Show::Auto;
    std::string around;  // Around: an op (aten.add.Tensor, add.Tensor, add) or a node's name
    int hops = 1;        // Around and the gallery: how far from the remaining nodes
    int width = 1600;    // the picture is at most this wide (pixels)
    std::size_t maxPixels = 16'000'000;
    std::size_t maxPlaces = 24;
    // The gallery stops once every remaining op type is shown (a report, where each op's section
    // links to its pictures, needs no more); else it goes on with the places holding most nodes.
    bool newOpsOnly = false;
    bool weights = false;  // weights and constants drawn apart (else chips)
};

struct PicturePanel {
    enum class Kind { Whole, Overview, Map, Place };
    Kind kind = Kind::Whole;
    QString title;    // "Overview: modules to depth 2", "model.layers.0.self_attn · LlamaAttention"
    QString caption;  // what it shows, in a sentence or two
    std::shared_ptr<const GraphDrawing> drawing;
    Highlight highlight;
    QRectF region;  // the part of the drawing shown (scene coordinates)
    double scale = 1;
    bool legible = true;           // labels at kLegibleScale or more (a map is not)
    std::vector<std::string> ops;  // the remaining ops this panel shows by name (full targets)
    QSizeF drawnSize() const { return region.size() * scale; }
};

struct Picture {
    QString heading;  // "llama · subgraph 0 of 1 · profile partitioned · 47 remaining aten ops (31 kinds)"
    std::vector<PicturePanel> panels;
    QString note;  // what was left out, and how to see it
};

// What a picture is of: a graph, its classes as the view colours them, its module groups when it
// has any (may be null; its cached layouts are reused), and the heading to print.
struct PictureSubject {
    const Graph& graph;
    const std::vector<NodeClass>& classes;
    GroupedLayout* grouped = nullptr;
    QString heading;
};

// Chooses and lays out what to show. Throws std::invalid_argument for an Around request that
// matches no node.
Picture planPicture(const PictureSubject& subject, const PictureRequest& request);
// One drawing as it is (a state of the groups chosen by the caller), fitted to the width.
Picture pictureOf(std::shared_ptr<const GraphDrawing> drawing, const PictureRequest& request, const QString& heading);

// "llama · subgraph 0 (1 of 2) · profile partitioned · 47 remaining aten ops (31 kinds)":
// `classes` per node of the subgraph and its partitions.
QString pictureHeading(const Model& model, std::size_t subgraph, const std::string& profile, const std::vector<NodeClass>& classes);

// The picture as one sheet: heading, legend, then the panels in rows, each with its title and
// caption above it. `width`: the sheet's width (the request's); the height follows.
QSize sheetSize(const Picture& picture, int width);
// `vector`: for SVG, every label is drawn whatever the scale (the reader zooms).
void paintSheet(QPainter& painter, const Picture& picture, const std::vector<NodeClass>& classes, int width, bool vector = false);
QImage renderSheet(const Picture& picture, const std::vector<NodeClass>& classes, int width);
bool writeSheetSvg(const QString& path, const Picture& picture, const std::vector<NodeClass>& classes, int width, QString* error);

// One panel alone, its title and caption above it (a report's pictures, each its own file).
QImage renderPanel(const PicturePanel& panel, const std::vector<NodeClass>& classes);

}  // namespace atenscope
