// SPDX-License-Identifier: MIT
#include "gui/MainMenus.h"

#include "gui/MainWindow.h"
#include "gui/RecentFiles.h"

#include "base/Versions.h"
#include "render/QtText.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>

namespace atenscope::gui {

namespace {

void showText(MainWindow& w, const QString& title, const QString& html, bool icon) {
    auto* box = new QMessageBox(QMessageBox::NoIcon, title, html, QMessageBox::Close, &w);
    if (icon) box->setIconPixmap(w.windowIcon().pixmap(64, 64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

}  // namespace

MainMenus buildMainMenus(MainWindow& w) {
    MainMenus out;
    QMenuBar* bar = w.menuBar();
    QMenu* file = bar->addMenu(QObject::tr("&File"));
    file->addAction(QObject::tr("&Open..."), QKeySequence::Open, &w, [&w] {
        const QStringList files = QFileDialog::getOpenFileNames(
            &w, QObject::tr("Open graphs"), {},
            QObject::tr("Graphs (*.json *.pt2 *.pt *.log *.pickle);;AtenScope graph dumps (*.json);;torch.export archives (*.pt2);;"
                        "TorchScript archives (*.pt);;TORCH_TRACE logs (*.log);;torch_ttnn metrics files (*.pickle);;All files (*)"));
        if (!files.isEmpty()) w.openFiles(files);
    });
    file->addAction(QObject::tr("Open &folder..."), &w, [&w] {
        const QString dir =
            QFileDialog::getExistingDirectory(&w, QObject::tr("Open a folder (graph dumps, a metrics root, a TORCH_TRACE folder)"));
        if (!dir.isEmpty()) w.openFiles({dir});
    });
    file->addAction(QObject::tr("Compare with &baseline..."), &w, [&w] {
        const QString dir = QFileDialog::getExistingDirectory(
            &w, QObject::tr("The baseline run to compare with (a metrics root or a folder of graphs, e.g. last night's)"),
            w.baselineStartFolder());
        if (!dir.isEmpty()) w.openBaseline({dir});
    });
    file->addAction(QObject::tr("Clear baseline"), &w, [&w] { w.openBaseline({}); });
    out.recent = file->addMenu(QObject::tr("Open &recent"));
    file->addSeparator();
    // Each export proposes a file name (the model, the subgraph, what it is) and says where it wrote.
    QMenu* ex = file->addMenu(QObject::tr("&Export"));
    struct Export {
        const char *title, *what, *suffix, *filter;
        bool (Exporter::*write)(const QString&);
    };
    const Export exports[] = {
        {QT_TR_NOOP("View as PNG or SVG..."), "view", "png", QT_TR_NOOP("Images (*.png *.svg)"), &Exporter::view},
        {QT_TR_NOOP("Picture of the graph as PNG or SVG..."), "graph", "png", QT_TR_NOOP("Images (*.png *.svg)"), &Exporter::picture},
        {QT_TR_NOOP("Op table as CSV or Markdown..."), "ops", "csv", QT_TR_NOOP("Tables (*.csv *.md)"), &Exporter::opTable},
        {QT_TR_NOOP("Node table as CSV or Markdown..."), "nodes", "csv", QT_TR_NOOP("Tables (*.csv *.md)"), &Exporter::nodeTable},
    };
    for (const Export& e : exports)
        ex->addAction(QObject::tr(e.title), &w, [&w, e] {
            Exporter* x = w.exporter();
            const QString path =
                QFileDialog::getSaveFileName(&w, QObject::tr(e.title).remove(QStringLiteral("...")),
                                             x->defaultPath(QLatin1String(e.what), QLatin1String(e.suffix)), QObject::tr(e.filter));
            if (!path.isEmpty() && !(x->*e.write)(path)) w.showError(QObject::tr("Export failed"), x->lastError());
        });
    file->addSeparator();
    file->addAction(QObject::tr("&Quit"), QKeySequence::Quit, &w, &QWidget::close);

    QMenu* view = bar->addMenu(QObject::tr("&View"));
    GraphView* graph = w.graphView();
    view->addAction(QObject::tr("Zoom &in"), QKeySequence::ZoomIn, graph, &GraphView::zoomIn);
    view->addAction(QObject::tr("Zoom &out"), QKeySequence::ZoomOut, graph, &GraphView::zoomOut);
    view->addAction(QObject::tr("&Fit"), QKeySequence(Qt::CTRL | Qt::Key_0), graph, &GraphView::fitToView);
    view->addSeparator();
    view->addAction(QObject::tr("&Find..."), QKeySequence::Find, &w, [&w] { w.chooserBar()->focusSearch(); });
    view->addAction(QObject::tr("Find &next"), QKeySequence(Qt::Key_F3), &w, &MainWindow::findNext);
    view->addAction(QObject::tr("Find &previous"), QKeySequence(Qt::SHIFT | Qt::Key_F3), &w, &MainWindow::findPrevious);
    view->addSeparator();
    view->addAction(QObject::tr("&Expand groups with remaining ops"), QKeySequence(Qt::CTRL | Qt::Key_E), &w,
                    &MainWindow::expandRemainingGroups);
    view->addAction(QObject::tr("&Collapse all groups"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), &w,
                    &MainWindow::collapseAllGroups);
    view->addAction(QObject::tr("Expand &all groups"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_E), &w, &MainWindow::expandAllGroups);
    view->addSeparator();
    out.weights = view->addAction(QObject::tr("Show &weights and constants"), &w, &MainWindow::setShowWeights);
    out.weights->setCheckable(true);
    out.weights->setChecked(w.showWeights());
    out.weights->setToolTip(
        QObject::tr("Weights, buffers and constants (and the chains moving them to the device) as nodes of their own; off, each is a "
                    "chip (name, shape) of the nodes that use it"));
    out.follow = view->addAction(QObject::tr("F&ollow changes"), &w, [&w](bool on) { w.setFollow(on); });
    out.follow->setCheckable(true);
    out.follow->setToolTip(
        QObject::tr("Read the files again as a run rewrites them; the nodes remaining since the last load are marked NEW"));
    out.legend = view->addAction(QObject::tr("&Legend"), w.graphPane(), &GraphPane::setLegendShown);
    out.legend->setCheckable(true);
    out.legend->setChecked(w.graphPane()->legendShown());
    view->addSeparator();
    for (auto* dock : w.findChildren<QDockWidget*>()) view->addAction(dock->toggleViewAction());

    QMenu* help = bar->addMenu(QObject::tr("&Help"));
    help->addAction(QObject::tr("&Keyboard shortcuts"), QKeySequence::HelpContents, &w,
                    [&w] { showText(w, QObject::tr("Keyboard shortcuts"), shortcutsHtml(w.menuBar()), false); });
    help->addAction(QObject::tr("&About AtenScope"), &w, [&w] { showText(w, QObject::tr("About AtenScope"), aboutHtml(), true); });
    return out;
}

void fillRecentMenu(QMenu* menu, const std::function<void(const QStringList&)>& open) {
    menu->clear();
    const auto recent = recentSelections();
    for (const QStringList& files : recent)
        menu->addAction(files.size() == 1 ? files.front() : QObject::tr("%1 and %2 more").arg(files.front()).arg(files.size() - 1),
                        [open, files] { open(files); });
    menu->setEnabled(!recent.isEmpty());
}

QString shortcutsHtml(const QMenuBar* menus) {
    // From the menus themselves, so that the list never drifts from what the keys do.
    QString rows;
    auto add = [&](const QString& keys, const QString& what) {
        rows += QStringLiteral("<tr><td style='padding-right:16px'><b>%1</b></td><td>%2</td></tr>")
                    .arg(keys.toHtmlEscaped(), what.toHtmlEscaped());
    };
    std::function<void(const QMenu*)> walk = [&](const QMenu* menu) {
        for (const QAction* a : menu->actions()) {
            if (a->menu()) walk(a->menu());
            if (!a->shortcut().isEmpty())
                add(a->shortcut().toString(QKeySequence::NativeText), a->text().remove(QLatin1Char('&')).remove(QStringLiteral("...")));
        }
    };
    for (const QAction* a : menus->actions())
        if (a->menu()) walk(a->menu());
    add(QStringLiteral("+  /  -  /  0"), QObject::tr("In the graph: zoom in, zoom out, fit the whole graph"));
    add(QObject::tr("Wheel, drag"), QObject::tr("Zoom at the pointer, pan"));
    add(QObject::tr("Enter"), QObject::tr("In the find field: find, then the next hit"));
    add(QObject::tr("Click"), QObject::tr("A node: select it; an op row: walk its nodes again"));
    add(QObject::tr("Double-click, Space, Return"),
        QObject::tr("A module or partition box (or an open one's title): open or close it in place"));
    return QStringLiteral("<table>%1</table>").arg(rows);
}

QString aboutHtml() {
    QString libraries = QStringLiteral("<tr><td>Qt</td><td>%1 (built with %2)</td></tr>")
                            .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR));
    for (const auto& [name, version] : libraryVersions())
        libraries += QStringLiteral("<tr><td style='padding-right:16px'>%1</td><td>%2</td></tr>")
                         .arg(qtext(name).toHtmlEscaped(), qtext(version).toHtmlEscaped());
    return QObject::tr(
               "<h3>AtenScope %1</h3><p>What did my backend fail to convert? The aten ops a PyTorch compiler backend left behind, "
               "in the graph and in tables.</p><p>MIT licence.</p><p><b>Libraries</b></p><table>%2</table>")
        .arg(QApplication::applicationVersion(), libraries);
}

}  // namespace atenscope::gui
