// SPDX-License-Identifier: MIT
#include "gui/WindowDocks.h"

#include <QDockWidget>
#include <QMainWindow>

namespace atenscope::gui {

namespace {

QDockWidget* addDock(QMainWindow* window, const QString& title, const char* name, QWidget* content, Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, window);
    dock->setObjectName(QLatin1String(name));
    dock->setWidget(content);
    window->addDockWidget(area, dock);
    return dock;
}

}  // namespace

WindowPanels addPanels(QMainWindow* w, GraphView* view) {
    WindowPanels p;
    p.ops = new OpsPanel;
    p.nodes = new NodesPanel;
    p.modules = new ModulesPanel;  // the module outline of the shown subgraph
    p.lines = new LinesPanel;      // the model's own source lines, ranked
    QDockWidget* ops = addDock(w, QObject::tr("Remaining aten ops"), "opDock", p.ops, Qt::LeftDockWidgetArea);
    QDockWidget* nodes = addDock(w, QObject::tr("Remaining nodes"), "nodeDock", p.nodes, Qt::LeftDockWidgetArea);
    QDockWidget* modules = addDock(w, QObject::tr("Modules"), "moduleDock", p.modules, Qt::LeftDockWidgetArea);
    QDockWidget* lines = addDock(w, QObject::tr("Lines"), "linesDock", p.lines, Qt::LeftDockWidgetArea);
    w->tabifyDockWidget(nodes, modules);
    w->tabifyDockWidget(modules, lines);
    nodes->raise();

    p.overview = new OverviewWidget(view);
    p.overview->setMinimumHeight(220);
    p.details = new DetailsPanel;
    QDockWidget* overview = addDock(w, QObject::tr("Overview"), "overviewDock", p.overview, Qt::RightDockWidgetArea);
    QDockWidget* details = addDock(w, QObject::tr("Details"), "detailsDock", p.details, Qt::RightDockWidgetArea);

    // Below the graph: the run (several models, or a baseline) and the selected node's line in
    // its file, at full width for the code; shown when there is something to show.
    p.run = new RunPanel;
    p.runDock = addDock(w, QObject::tr("Run"), "runDock", p.run, Qt::BottomDockWidgetArea);
    p.runDock->hide();
    p.source = new SourcePanel;
    p.sourceDock = addDock(w, QObject::tr("Source"), "sourceDock", p.source, Qt::BottomDockWidgetArea);
    w->tabifyDockWidget(p.runDock, p.sourceDock);
    p.sourceDock->hide();
    w->resizeDocks({ops, overview}, {480, 340}, Qt::Horizontal);
    w->resizeDocks({overview, details}, {260, 500}, Qt::Vertical);
    return p;
}

void revealDock(QMainWindow* window, QDockWidget* dock, int height) {
    if (!dock->isVisible()) {
        dock->show();
        window->resizeDocks({dock}, {height}, Qt::Vertical);
    }
    dock->raise();
}

}  // namespace atenscope::gui
