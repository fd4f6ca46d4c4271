// SPDX-License-Identifier: MIT
#include "gui/Exports.h"

#include "gui/GraphView.h"
#include "gui/Tables.h"

#include "base/SafeName.h"
#include "render/GraphExport.h"
#include "render/Picture.h"
#include "render/QtText.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QPainter>
#include <QSettings>
#include <QStandardPaths>
#include <QSvgGenerator>

namespace atenscope::gui {

namespace {

// The visible part of the view, as PNG or (by the suffix) SVG.
bool exportViewTo(const GraphView& view, const QString& path, QString* error) {
    if (!path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) return writeImage(path, view.renderView(), error);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    const QRect area = view.viewport()->rect();
    svg.setSize(area.size());
    svg.setViewBox(area);
    QPainter p(&svg);
    p.fillRect(area, Qt::white);
    p.scale(view.zoom(), view.zoom());
    p.translate(-view.visibleSceneRect().topLeft());
    if (view.drawing()) paintGraph(p, *view.drawing(), view.classes(), view.highlight(), view.visibleSceneRect());
    p.end();
    return writeBytes(path, bytes, error);
}

// The same picture `render` writes: whole when it reads, else an overview and the places ops
// remain; the nodes marked in the view stay marked.
bool exportGraphPicture(const GraphView& view, const LoadedModel& lm, std::size_t gi, const std::string& profileLabel, bool weights,
                        int width, const QString& path, QString* error) {
    if (!view.drawing() || gi >= lm.model.graphs.size()) {
        if (error) *error = QObject::tr("no graph to export");
        return false;
    }
    PictureRequest request;
    request.width = width;
    request.weights = weights;
    const QString heading = pictureHeading(lm.model, gi, profileLabel, view.classes());
    Picture picture =
        planPicture({lm.model.graphs[gi], view.classes(), gi < lm.grouped.size() ? lm.grouped[gi].get() : nullptr, heading}, request);
    const Highlight& h = view.highlight();
    for (PicturePanel& panel : picture.panels) {
        if (panel.highlight.marked.size() < h.marked.size()) panel.highlight.marked.resize(h.marked.size(), false);
        for (std::size_t k = 0; k < h.marked.size(); ++k)
            if (h.marked[k]) panel.highlight.marked[k] = true;
    }
    return path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive) ? writeSheetSvg(path, picture, view.classes(), width, error)
                                                                     : writeImage(path, renderSheet(picture, view.classes(), width), error);
}

// CSV, or Markdown for a .md path.
bool exportTableTo(const QAbstractItemModel& table, const QString& path, QString* error) {
    const QString text = path.endsWith(QLatin1String(".md"), Qt::CaseInsensitive) ? tableToMarkdown(table) : tableToCsv(table);
    return writeBytes(path, text.toUtf8(), error);
}

// MODEL[-SUBGRAPH]-WHAT.SUFFIX, one safe file name (the names come from the files), in `folder`.
QString exportFileName(const QString& folder, const QString& model, const QString& subgraph, const QString& what, const QString& suffix) {
    QString name = model.isEmpty() ? QStringLiteral("atenscope") : model;
    if (!subgraph.isEmpty()) name += QLatin1Char('-') + subgraph;
    name += QLatin1Char('-') + what;
    name = qtext(safeFileName(name.toStdString()));
    return QDir(folder).filePath(name + QLatin1Char('.') + suffix);
}

}  // namespace

Exporter::Exporter(const GraphView* view, const QAbstractItemModel* ops, const QAbstractItemModel* nodes, std::function<Shown()> shown,
                   QObject* parent)
    : QObject(parent), view_(view), ops_(ops), nodes_(nodes), shown_(std::move(shown)) {}

bool Exporter::done(const QString& path, bool ok) {
    if (ok) {
        error_.clear();
        QSettings().setValue(QStringLiteral("exportFolder"), QFileInfo(path).absolutePath());
        emit wrote(path);
    }
    return ok;
}

bool Exporter::view(const QString& path) {
    return done(path, exportViewTo(*view_, path, &error_));
}

bool Exporter::picture(const QString& path, int width) {
    const Shown s = shown_();
    if (!s.model) {
        error_ = tr("no graph to export");
        return false;
    }
    return done(path, exportGraphPicture(*view_, *s.model, s.graph, s.profile, s.weights, width, path, &error_));
}

bool Exporter::opTable(const QString& path) {
    return done(path, exportTableTo(*ops_, path, &error_));
}

bool Exporter::nodeTable(const QString& path) {
    return done(path, exportTableTo(*nodes_, path, &error_));
}

QString Exporter::defaultPath(const QString& what, const QString& suffix) const {
    const Shown s = shown_();
    const bool perGraph = s.model && s.model->model.graphs.size() > 1 && what != QLatin1String("ops") && what != QLatin1String("nodes");
    const QString folder =
        QSettings().value(QStringLiteral("exportFolder"), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).toString();
    return exportFileName(folder, s.model ? qtext(s.model->model.name) : QString(),
                          perGraph ? qtext(s.model->model.graphs[s.graph].name) : QString(), what, suffix);
}

}  // namespace atenscope::gui
