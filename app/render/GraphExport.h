// SPDX-License-Identifier: MIT
#pragma once
// Whole-graph images and table text, for the GUI's export and headless use alike.
#include "render/GraphPainter.h"

#include <QAbstractItemModel>
#include <QImage>
#include <QString>

namespace atenscope {

// The whole graph at `width` pixels (the height follows, capped at `maxHeight`;
// past that the scale shrinks, and the level of detail with it).
QImage renderGraphImage(const GraphDrawing& drawing, const std::vector<NodeClass>& classes, const Highlight& highlight, int width,
                        int maxHeight = 30000);
// The part of the graph in `region` (scene coordinates), at most `maxSize` pixels, never
// enlarged: a report's picture of where a model's remaining ops are.
QImage renderGraphRegion(const GraphDrawing& drawing, const std::vector<NodeClass>& classes, const Highlight& highlight,
                         const QRectF& region, QSize maxSize);
// The area of a drawing around the nodes of class `c` (all of it when there are none).
QRectF regionAround(const GraphDrawing& drawing, const std::vector<NodeClass>& classes, NodeClass c);
// The same as SVG; false with `error` set when the file cannot be written.
bool writeGraphSvg(const QString& path, const GraphDrawing& drawing, const std::vector<NodeClass>& classes, const Highlight& highlight,
                   int width, QString* error = nullptr);

// Every file the window and the commands write goes through core's writeFileAtomically()
// (a temp file, then a rename: never a half-written file). False with `error` set on failure.
bool writeBytes(const QString& path, const QByteArray& bytes, QString* error = nullptr);
// An image as PNG (opaque RGB, deflated fast), or as the format its file name says (.jpg, .bmp, ...).
bool writeImage(const QString& path, const QImage& image, QString* error = nullptr);
QByteArray pngBytes(const QImage& image);

// A table model's rows (display text, in the model's order) as CSV (RFC 4180) or Markdown.
QString tableToCsv(const QAbstractItemModel& model);
QString tableToMarkdown(const QAbstractItemModel& model);

}  // namespace atenscope
