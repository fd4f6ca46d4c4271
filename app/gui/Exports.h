// SPDX-License-Identifier: MIT
#pragma once
// The window's exports (File > Export): the view as it is, a picture of the graph as `render`
// writes it, a table; each false with `error` set when it cannot write.
#include "render/Session.h"

#include <QObject>
#include <QString>

#include <functional>

class QAbstractItemModel;

namespace atenscope::gui {

class GraphView;

// The visible part of the view, as PNG or (by the suffix) SVG.
bool exportViewTo(const GraphView& view, const QString& path, QString* error);
// The same picture `render` writes (docs/pictures.md): whole when it reads, else an overview and
// the places ops remain; the nodes marked in the view stay marked.
bool exportGraphPicture(const GraphView& view, const LoadedModel& model, std::size_t graph, const std::string& profileLabel, bool weights,
                        int width, const QString& path, QString* error);
// CSV, or Markdown for a .md path.
bool exportTableTo(const QAbstractItemModel& table, const QString& path, QString* error);
// MODEL[-SUBGRAPH]-WHAT.SUFFIX, one safe file name (the names come from the files), in `folder`.
QString exportFileName(const QString& folder, const QString& model, const QString& subgraph, const QString& what, const QString& suffix);

// What the window exports: the view and the graph it shows, and its two tables. Each export
// proposes a file name (the model, the subgraph, what it is) in the folder of the last one
// (kept in the settings), and says where it wrote.
class Exporter : public QObject {
    Q_OBJECT
public:
    struct Shown {
        const LoadedModel* model = nullptr;  // null: no graph shown
        std::size_t graph = 0;
        std::string profile;  // as the picture's caption names it
        bool weights = false;
    };
    Exporter(const GraphView* view, const QAbstractItemModel* ops, const QAbstractItemModel* nodes, std::function<Shown()> shown,
             QObject* parent = nullptr);

    bool view(const QString& path);
    bool picture(const QString& path, int width);
    bool picture(const QString& path) { return picture(path, 1600); }
    bool opTable(const QString& path);
    bool nodeTable(const QString& path);
    // MODEL[-SUBGRAPH]-WHAT.SUFFIX in the last export's folder (the subgraph for a model of
    // several graphs, for the view and the picture).
    QString defaultPath(const QString& what, const QString& suffix) const;
    QString lastError() const { return error_; }

signals:
    void wrote(const QString& path);

private:
    bool done(const QString& path, bool ok);
    const GraphView* view_;
    const QAbstractItemModel *ops_, *nodes_;
    std::function<Shown()> shown_;
    QString error_;
};

}  // namespace atenscope::gui
