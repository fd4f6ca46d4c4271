// SPDX-License-Identifier: MIT
#pragma once
// The window's exports (File > Export): the view as it is, a picture of the graph as `render`
// writes it (docs/pictures.md), a table as CSV or Markdown.
#include "render/Session.h"

#include <QObject>
#include <QString>

#include <functional>

class QAbstractItemModel;

namespace atenscope::gui {

class GraphView;

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
