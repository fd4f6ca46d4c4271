// SPDX-License-Identifier: MIT
#include "gui/MainWindow.h"

#include "gui/NodeText.h"
#include "gui/RecentFiles.h"
#include "gui/Tables.h"

#include "analysis/ProfileChoice.h"
#include "analysis/SourceLines.h"
#include "analysis/Variation.h"
#include "base/SafeName.h"
#include "base/Versions.h"
#include "render/GraphExport.h"
#include "render/Picture.h"
#include "render/QtText.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSvgGenerator>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdlib>
#include <functional>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace atenscope::gui {

namespace {}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), schemas_(makeSchemaSource()) {
    setWindowTitle(QStringLiteral("AtenScope"));
    setAcceptDrops(true);
    QSettings settings;
    // Each open starts automatic: a profile chosen by hand belongs to its model (profileOfModel).
    profile_ = loadProfile("ttnn");
    // Off at first: weights and constants are chips of the nodes that use them (FoldedWeights).
    weights_ = settings.value(QStringLiteral("showWeightsApart"), false).toBool();
    buildUi();
    buildMenus();
    connect(&loader_, &Loader::progress, this, [this](int done, int total, const QString& what) {
        progress_->setMaximum(std::max(total, 1));
        progress_->setValue(done);
        progress_->setFormat(what);
    });
    connect(&loader_, &Loader::loaded, this, &MainWindow::onLoaded);
    connect(&loader_, &Loader::failed, this, &MainWindow::onFailed);
    connect(&follower_, &FileFollower::changed, this, &MainWindow::reloadFollowed);
    connect(&baselineLoader_, &Loader::loaded, this, [this](std::shared_ptr<Session> session) {
        statusBar()->showMessage(tr("Baseline read: %1 models; comparing").arg(session->models.size()), 5000);
        baselinePending_ = true;
        baselineAnalyzer_.start(session, profileChoices(session.get()));
    });
    connect(&baselineLoader_, &Loader::failed, this, [this](const QString& message) {
        baselinePending_ = false;
        baselineFiles_.clear();
        showError(tr("Cannot open the baseline"), message);
    });
    connect(&runAnalyzer_, &RunAnalyzer::finished, this, &MainWindow::onRunAnalyzed);
    connect(&baselineAnalyzer_, &RunAnalyzer::finished, this, &MainWindow::onBaselineAnalyzed);
    connect(&loader_, &Loader::canceled, this, [this] {
        restoreAfterLoad_.reset();
        progress_->hide();
        cancel_->hide();
        statusBar()->showMessage(tr("Loading canceled"), 5000);
    });
    resize(1400, 900);
    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("windowState")).toByteArray());
    ops_->table()->horizontalHeader()->restoreState(settings.value(QStringLiteral("opTableHeader")).toByteArray());
    nodes_->table()->horizontalHeader()->restoreState(settings.value(QStringLiteral("nodeTableHeader2")).toByteArray());
}

MainWindow::~MainWindow() {
    disconnect(&loader_, nullptr, this, nullptr);  // the loader drops its load quietly as it goes
    disconnect(&baselineLoader_, nullptr, this, nullptr);
    disconnect(&runAnalyzer_, nullptr, this, nullptr);
    disconnect(&baselineAnalyzer_, nullptr, this, nullptr);
}

void MainWindow::buildUi() {
    view_ = new GraphView(this);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    summary_ = new QLabel(tr("No graph loaded"), central);
    summary_->setObjectName(QStringLiteral("summary"));
    summary_->setTextFormat(Qt::RichText);
    summary_->setWordWrap(true);
    summary_->setContentsMargins(10, 6, 10, 6);
    summary_->setStyleSheet(QStringLiteral("QLabel { background: #fafafa; border-bottom: 1px solid #e0e0e0; }"));
    // The colour legend: a strip above the graph, never over it.
    legend_ = new QLabel(legendHtml(), central);
    legend_->setObjectName(QStringLiteral("legendStrip"));
    legend_->setTextFormat(Qt::RichText);
    legend_->setContentsMargins(10, 3, 10, 3);
    // Its width never widens the window (a baseline adds its NEW mark to it): a narrow window
    // shows its start.
    legend_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    legend_->setStyleSheet(QStringLiteral("QLabel { background: #ffffff; border-bottom: 1px solid #eeeeee; font-size: 8.5pt; }"));
    layout->addWidget(summary_);
    layout->addWidget(legend_);
    layout->addWidget(view_, 1);
    setCentralWidget(central);
    connect(view_, &GraphView::nodeClicked, this, [this](int node) {
        if (node < 0) return;
        clicked_ = true;  // the user points at it: the view stays where it is
        selectNode(node);
        clicked_ = false;
    });
    view_->setToolTipProvider([this](int node) { return nodeToolTip(node); });
    connect(view_, &GraphView::groupActivated, this, &MainWindow::toggleGroup);
    connect(view_, &GraphView::note, this, [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(view_, &GraphView::groupClicked, this, [this](int module) {
        const ModuleTree& tree = modules_->model().tree();
        if (module < 0 || module >= static_cast<int>(tree.modules.size())) return;
        const ModuleNode& m = tree.modules[static_cast<std::size_t>(module)];
        const auto& c = view_->groupCounts();
        const GroupCounts n = static_cast<std::size_t>(module) < c.size() ? c[static_cast<std::size_t>(module)] : GroupCounts{};
        const GroupedLayout* g = grouped();
        const bool open = g && static_cast<std::size_t>(module) < g->current.size() && g->current[static_cast<std::size_t>(module)];
        statusBar()->showMessage(tr("%1 (%2): %3 nodes, %4 remaining, %5 converted, %6 data movement. Double-click or Space: %7")
                                     .arg(qtext(m.path), qtext(m.type))
                                     .arg(n.nodes)
                                     .arg(n.remaining)
                                     .arg(n.converted)
                                     .arg(n.dataMovement)
                                     .arg(open ? tr("collapse") : tr("expand")),
                                 8000);
    });
    connect(view_, &GraphView::foldToFit, this, [this](QSizeF room) {
        if (!grouped()) {
            view_->fitLegibly();
            return;
        }
        fold({}, -1, -1, room);
    });
    connect(&folder_, &GroupFolder::drawn, this, &MainWindow::onFolded);
    connect(&nav_, &Navigator::currentGraphChanged, this, &MainWindow::showGraph);
    connect(&nav_, &Navigator::walkChanged, this, &MainWindow::applyHighlight);
    connect(&nav_, &Navigator::walkChanged, this, &MainWindow::syncOpTable);
    connect(&nav_, &Navigator::selectionChanged, this, &MainWindow::onSelectionChanged);

    // Toolbar: choosers, zoom, search.
    auto* tb = addToolBar(tr("Main"));
    tb->setObjectName(QStringLiteral("mainToolbar"));
    tb->addWidget(new QLabel(tr(" Model "), tb));
    modelBox_ = new QComboBox(tb);
    modelBox_->setObjectName(QStringLiteral("modelBox"));
    modelBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    tb->addWidget(modelBox_);
    tb->addWidget(new QLabel(tr("  Subgraph "), tb));
    graphBox_ = new QComboBox(tb);
    graphBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    tb->addWidget(graphBox_);
    tb->addWidget(new QLabel(tr("  Profile "), tb));
    profileBox_ = new QComboBox(tb);
    profileBox_->addItem(tr("automatic"), QStringLiteral(":auto"));
    profileBox_->setItemData(0,
                             tr("Chosen per model from its graphs: TT-NN nodes: ttnn; fused partitions: partitioned; original graphs only: "
                                "a ttnn prediction; else generic"),
                             Qt::ToolTipRole);
    for (const auto& n : profileNames()) profileBox_->addItem(qtext(n));
    profileBox_->addItem(tr("ttnn (predict)"), QStringLiteral("ttnn:predict"));
    profileBox_->addItem(tr("Profile file..."), QStringLiteral(":file"));
    profileBox_->setObjectName(QStringLiteral("profileBox"));
    profileBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    profileBox_->setCurrentIndex(0);
    tb->addWidget(profileBox_);
    tb->addSeparator();
    connect(modelBox_, qOverload<int>(&QComboBox::activated), this, &MainWindow::setModel);
    connect(graphBox_, qOverload<int>(&QComboBox::activated), this, &MainWindow::setSubgraph);
    connect(profileBox_, qOverload<int>(&QComboBox::activated), this, [this](int i) {
        const QString choice = profileBox_->itemData(i).toString();
        if (choice == QLatin1String(":file")) {
            const QString file = QFileDialog::getOpenFileName(this, tr("Profile"), {}, tr("Profiles (*.json)"));
            if (!file.isEmpty()) setProfile(file);
            return;
        }
        setProfile(choice.isEmpty() ? profileBox_->itemText(i) : choice);
    });
    search_ = new QLineEdit(tb);
    search_->setObjectName(QStringLiteral("search"));
    search_->setPlaceholderText(tr("Find nodes: name, op or shape (regex)  Ctrl+F"));
    search_->setClearButtonEnabled(true);
    search_->setMinimumWidth(300);
    tb->addWidget(search_);
    connect(search_, &QLineEdit::returnPressed, this, [this] { search(search_->text()); });
    walkLabel_ = new QLabel(tb);
    walkLabel_->setContentsMargins(8, 0, 8, 0);
    tb->addWidget(walkLabel_);

    // Docks: op frequency, remaining nodes, modules, lines, source, details, overview.
    auto* opDock = new QDockWidget(tr("Remaining aten ops"), this);
    opDock->setObjectName(QStringLiteral("opDock"));
    ops_ = new OpsPanel(opDock);
    opDock->setWidget(ops_);
    connect(ops_, &OpsPanel::scopeChosen, this, &MainWindow::setRunScope);
    connect(ops_, &OpsPanel::opChosen, this, &MainWindow::selectOp);
    connect(ops_, &OpsPanel::opClicked, this, [this](const QString& op) {
        // Clicking the walked op's row again starts its walk again.
        if (nav_.walkIsSearch() || nav_.walkSubject() != op || nav_.walkPosition() < 0) selectOp(op);
    });
    auto* nodeDock = new QDockWidget(tr("Remaining nodes"), this);
    nodeDock->setObjectName(QStringLiteral("nodeDock"));
    nodes_ = new NodesPanel(nodeDock);
    nodeDock->setWidget(nodes_);
    connect(nodes_, &NodesPanel::nodeChosen, this, &MainWindow::selectNodeByName);
    // The module outline of the shown subgraph.
    auto* moduleDock = new QDockWidget(tr("Modules"), this);
    moduleDock->setObjectName(QStringLiteral("moduleDock"));
    modules_ = new ModulesPanel(moduleDock);
    moduleDock->setWidget(modules_);
    connect(modules_, &ModulesPanel::moduleChosen, this, &MainWindow::revealModule);
    // The model's own source lines, ranked; and the Source panel, the selected node's line in its file.
    auto* linesDock = new QDockWidget(tr("Lines"), this);
    linesDock->setObjectName(QStringLiteral("linesDock"));
    lines_ = new LinesPanel(linesDock);
    linesDock->setWidget(lines_);
    connect(lines_, &LinesPanel::lineChosen, this, &MainWindow::chooseLine);
    sourceDock_ = new QDockWidget(tr("Source"), this);
    sourceDock_->setObjectName(QStringLiteral("sourceDock"));
    source_ = new SourcePanel(sourceDock_);
    source_->setLines(&report_.total.lines);
    sourceDock_->setWidget(source_);
    connect(source_, &SourcePanel::lineChosen, this, &MainWindow::chooseLine);
    connect(source_, &SourcePanel::sourceFolderAdded, this, [this](const QString& folder) {
        QSettings settings;
        QStringList kept = settings.value(QStringLiteral("sourceFolders")).toStringList();
        kept.removeAll(folder);
        kept.prepend(folder);
        settings.setValue(QStringLiteral("sourceFolders"), kept.mid(0, 20));
        updateSourceRoots();
    });

    auto* detailsDock = new QDockWidget(tr("Details"), this);
    detailsDock->setObjectName(QStringLiteral("detailsDock"));
    details_ = new QTextBrowser(detailsDock);
    details_->setObjectName(QStringLiteral("details"));
    details_->setOpenLinks(false);
    details_->setMinimumWidth(380);
    // Inputs and users are links: following one selects that node and goes to it.
    connect(details_, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == QLatin1String("source")) {  // the node's line, in the Source panel
            showSourcePanel();
            return;
        }
        if (url.scheme() != QLatin1String("node")) return;
        bool ok = false;
        const int node = url.path().toInt(&ok);
        if (!ok) return;
        nav_.select({nav_.currentGraph(), node});
    });
    detailsDock->setWidget(details_);
    auto* overviewDock = new QDockWidget(tr("Overview"), this);
    overviewDock->setObjectName(QStringLiteral("overviewDock"));
    overview_ = new OverviewWidget(view_, overviewDock);
    overview_->setMinimumHeight(220);
    overviewDock->setWidget(overview_);

    runDock_ = new QDockWidget(tr("Run"), this);
    runDock_->setObjectName(QStringLiteral("runDock"));
    runPanel_ = new RunPanel(runDock_);
    runDock_->setWidget(runPanel_);
    connect(runPanel_, &RunPanel::modelChosen, this, &MainWindow::setModelByName);
    connect(runPanel_, &RunPanel::opOfModelChosen, this, [this](const QString& model, const QString& op) {
        if (setModelByName(model)) selectOp(op);
    });
    addDockWidget(Qt::BottomDockWidgetArea, runDock_);
    runDock_->hide();
    addDockWidget(Qt::LeftDockWidgetArea, opDock);
    addDockWidget(Qt::LeftDockWidgetArea, nodeDock);
    tabifyDockWidget(nodeDock, moduleDock);
    tabifyDockWidget(moduleDock, linesDock);
    nodeDock->raise();
    // Below the graph, at full width for the code; shown when asked for (a line chosen in Lines,
    // the Details' Source link, View > Source): by default the graph keeps its height.
    addDockWidget(Qt::BottomDockWidgetArea, sourceDock_);
    tabifyDockWidget(runDock_, sourceDock_);
    sourceDock_->hide();
    addDockWidget(Qt::RightDockWidgetArea, overviewDock);
    addDockWidget(Qt::RightDockWidgetArea, detailsDock);
    resizeDocks({opDock, overviewDock}, {480, 340}, Qt::Horizontal);
    resizeDocks({overviewDock, detailsDock}, {260, 500}, Qt::Vertical);

    progress_ = new QProgressBar(this);
    progress_->setMaximumWidth(360);
    progress_->setTextVisible(true);
    progress_->hide();
    cancel_ = new QToolButton(this);
    cancel_->setText(tr("Cancel"));
    cancel_->hide();
    connect(cancel_, &QToolButton::clicked, &loader_, &Loader::cancel);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(cancel_);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open..."), QKeySequence::Open, this, [this] {
        const QStringList files =
            QFileDialog::getOpenFileNames(this, tr("Open graphs"), {},
                                          tr("Graphs (*.json *.pt2 *.pt *.log *.pickle);;AtenScope graph dumps (*.json);;torch.export "
                                             "archives (*.pt2);;TorchScript archives (*.pt);;TORCH_TRACE logs (*.log);;torch_ttnn "
                                             "metrics files (*.pickle);;All files (*)"));
        if (!files.isEmpty()) openFiles(files);
    });
    file->addAction(tr("Open &folder..."), this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Open a folder (graph dumps, a metrics root, a TORCH_TRACE folder)"));
        if (!dir.isEmpty()) openFiles({dir});
    });
    file->addAction(tr("Compare with &baseline..."), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("The baseline run to compare with (a metrics root or a folder of graphs, e.g. last night's)"), baselineStartFolder());
        if (!dir.isEmpty()) openBaseline({dir});
    });
    file->addAction(tr("Clear baseline"), this, [this] { openBaseline({}); });
    recentMenu_ = file->addMenu(tr("Open &recent"));
    rebuildRecentMenu();
    file->addSeparator();
    // Each export proposes a file name (the model, the subgraph, what it is) and says where it wrote.
    auto exportTo = [this](const QString& title, const QString& what, const QString& suffix, const QString& filter, auto fn) {
        const QString path = QFileDialog::getSaveFileName(this, title, defaultExportPath(what, suffix), filter);
        if (!path.isEmpty() && !fn(path)) showError(tr("Export failed"), lastError_);
    };
    QMenu* ex = file->addMenu(tr("&Export"));
    ex->addAction(tr("View as PNG or SVG..."), this, [=, this] {
        exportTo(tr("Export view"), QStringLiteral("view"), QStringLiteral("png"), tr("Images (*.png *.svg)"),
                 [this](const QString& p) { return exportView(p); });
    });
    ex->addAction(tr("Picture of the graph as PNG or SVG..."), this, [=, this] {
        exportTo(tr("Export a picture of the graph"), QStringLiteral("graph"), QStringLiteral("png"), tr("Images (*.png *.svg)"),
                 [this](const QString& p) { return exportWholeGraph(p); });
    });
    ex->addAction(tr("Op table as CSV or Markdown..."), this, [=, this] {
        exportTo(tr("Export op table"), QStringLiteral("ops"), QStringLiteral("csv"), tr("Tables (*.csv *.md)"),
                 [this](const QString& p) { return exportOpTable(p); });
    });
    ex->addAction(tr("Node table as CSV or Markdown..."), this, [=, this] {
        exportTo(tr("Export node table"), QStringLiteral("nodes"), QStringLiteral("csv"), tr("Tables (*.csv *.md)"),
                 [this](const QString& p) { return exportNodeTable(p); });
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("Zoom &in"), QKeySequence::ZoomIn, view_, &GraphView::zoomIn);
    view->addAction(tr("Zoom &out"), QKeySequence::ZoomOut, view_, &GraphView::zoomOut);
    view->addAction(tr("&Fit"), QKeySequence(Qt::CTRL | Qt::Key_0), view_, &GraphView::fitToView);
    view->addSeparator();
    view->addAction(tr("&Find..."), QKeySequence::Find, this, [this] {
        search_->setFocus();
        search_->selectAll();
    });
    view->addAction(tr("Find &next"), QKeySequence(Qt::Key_F3), this, &MainWindow::findNext);
    view->addAction(tr("Find &previous"), QKeySequence(Qt::SHIFT | Qt::Key_F3), this, &MainWindow::findPrevious);
    view->addSeparator();
    view->addAction(tr("&Expand groups with remaining ops"), QKeySequence(Qt::CTRL | Qt::Key_E), this, &MainWindow::expandRemainingGroups);
    view->addAction(tr("&Collapse all groups"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), this, &MainWindow::collapseAllGroups);
    view->addAction(tr("Expand &all groups"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_E), this, &MainWindow::expandAllGroups);
    view->addSeparator();
    weightsAction_ = view->addAction(tr("Show &weights and constants"), this, &MainWindow::setShowWeights);
    weightsAction_->setCheckable(true);
    weightsAction_->setChecked(weights_);
    weightsAction_->setToolTip(
        tr("Weights, buffers and constants (and the chains moving them to the device) as nodes of their own; off, each is a chip "
           "(name, shape) of the nodes that use it"));
    followAction_ = view->addAction(tr("F&ollow changes"), this, [this](bool on) { setFollow(on); });
    followAction_->setCheckable(true);
    followAction_->setToolTip(tr("Read the files again as a run rewrites them; the nodes remaining since the last load are marked NEW"));
    QAction* legend = view->addAction(tr("&Legend"), this, [this](bool on) {
        legend_->setVisible(on);
        QSettings().setValue(QStringLiteral("legend"), on);
    });
    legend->setCheckable(true);
    legend->setChecked(QSettings().value(QStringLiteral("legend"), true).toBool());
    legend_->setVisible(legend->isChecked());
    view->addSeparator();
    for (auto* dock : findChildren<QDockWidget*>()) view->addAction(dock->toggleViewAction());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), QKeySequence::HelpContents, this, [this] {
        auto* box = new QMessageBox(QMessageBox::NoIcon, tr("Keyboard shortcuts"), shortcutsHtml(), QMessageBox::Close, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    help->addAction(tr("&About AtenScope"), this, [this] {
        auto* box = new QMessageBox(QMessageBox::NoIcon, tr("About AtenScope"), aboutHtml(), QMessageBox::Close, this);
        box->setIconPixmap(windowIcon().pixmap(64, 64));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

QString MainWindow::shortcutsHtml() const {
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
    for (const QAction* a : menuBar()->actions())
        if (a->menu()) walk(a->menu());
    add(QStringLiteral("+  /  -  /  0"), tr("In the graph: zoom in, zoom out, fit the whole graph"));
    add(tr("Wheel, drag"), tr("Zoom at the pointer, pan"));
    add(tr("Enter"), tr("In the find field: find, then the next hit"));
    add(tr("Click"), tr("A node: select it; an op row: walk its nodes again"));
    add(tr("Double-click, Space, Return"), tr("A module or partition box (or an open one's title): open or close it in place"));
    return QStringLiteral("<table>%1</table>").arg(rows);
}

QString MainWindow::aboutHtml() const {
    QString libraries = QStringLiteral("<tr><td>Qt</td><td>%1 (built with %2)</td></tr>")
                            .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR));
    for (const auto& [name, version] : libraryVersions())
        libraries += QStringLiteral("<tr><td style='padding-right:16px'>%1</td><td>%2</td></tr>")
                         .arg(qtext(name).toHtmlEscaped(), qtext(version).toHtmlEscaped());
    return tr("<h3>AtenScope %1</h3><p>What did my backend fail to convert? The aten ops a PyTorch compiler backend left behind, "
              "in the graph and in tables.</p><p>MIT licence.</p><p><b>Libraries</b></p><table>%2</table>")
        .arg(QApplication::applicationVersion(), libraries);
}

QString MainWindow::baselineStartFolder() const {
    // Beside the run shown: last night's run is its sibling (runs/2026-12-06 next to runs/2026-12-07).
    if (!baselineFiles_.isEmpty()) return QFileInfo(baselineFiles_.front()).absolutePath();
    return openedFiles_.isEmpty() ? QString() : QFileInfo(openedFiles_.front()).absolutePath();
}

int MainWindow::modelCount() const {
    return session_ ? static_cast<int>(session_->models.size()) : 0;
}

QString MainWindow::modelName(int index) const {
    return index >= 0 && index < modelCount() ? qtext(session_->models[static_cast<std::size_t>(index)].model.name) : QString();
}

void MainWindow::addFiles(const QStringList& files) {
    QStringList all = openedFiles_;
    for (const QString& f : files)
        if (!all.contains(f)) all << f;
    QStringList names;
    if (session_)
        for (const auto& m : session_->models) names << qtext(m.model.name);
    showNewModel_ = names;
    restoreAfterLoad_.reset();
    openFiles(all);
    raise();
    activateWindow();
}

void MainWindow::openFiles(const QStringList& files) {
    if (files.isEmpty()) return;
    openedFiles_ = files;
    lastError_.clear();
    progress_->setValue(0);
    progress_->setFormat(tr("Reading"));
    progress_->show();
    cancel_->show();
    statusBar()->showMessage(tr("Loading %1").arg(files.join(QStringLiteral(", "))));
    LoadOptions options;
    options.weights = weights_;
    loader_.start(files, options);
}

void MainWindow::onLoaded(std::shared_ptr<Session> session) {
    progress_->hide();
    cancel_->hide();
    const bool followed = std::exchange(followReload_, false);
    if (followed) followRetries_ = 0;
    // Following: the walk and the selection come back after the reload, by op and by name.
    const QString walked = followed && !nav_.walkIsSearch() ? nav_.walkSubject() : QString();
    const int walkAt = nav_.walkPosition();
    QString selectedGraph, selectedNode;
    if (followed && nav_.selected().valid() && nav_.model()) {
        const Graph& g = nav_.model()->graphs[static_cast<std::size_t>(nav_.selected().graph)];
        selectedGraph = qtext(g.name);
        selectedNode = qtext(PartitionIndex(g).node(static_cast<std::size_t>(nav_.selected().node)).name);
    }
    if (!followed) lastLoad_.reset();
    session_ = std::move(session);
    addRecent(session_->files);
    modelBox_->clear();
    for (const auto& m : session_->models) modelBox_->addItem(qtext(m.model.name));
    statusBar()->showMessage(tr("Loaded %1").arg(session_->files.join(QStringLiteral(", "))), 5000);
    const auto back = std::exchange(restoreAfterLoad_, std::nullopt);
    int first = back ? back->first : 0;
    const auto before = std::exchange(showNewModel_, std::nullopt);
    if (before)  // files added: the first new model
        for (int i = static_cast<int>(session_->models.size()); i-- > 0;)
            if (!before->contains(qtext(session_->models[static_cast<std::size_t>(i)].model.name))) first = i;
    if (!back && !before) {  // other files, not the same ones again: the last ones' search and filters go
        for (QLineEdit* field : findChildren<QLineEdit*>()) field->clear();
        runPanel_->resetFilters();
    }
    run_.reset();
    diff_.reset();
    setModel(first);
    if (back) setSubgraph(back->second);
    if (!walked.isEmpty()) {
        nav_.walkOp(walked);
        if (walkAt >= 0 && !nav_.walk().empty()) nav_.goTo(std::min(walkAt, static_cast<int>(nav_.walk().size()) - 1));
        syncOpTable();  // the walked op's row, or none when it no longer remains
    }
    if (!selectedNode.isEmpty()) selectNodeByName(selectedGraph, selectedNode);
    if (lastLoad_ && baselineFiles_.isEmpty()) {
        // Compared with the last load, as with a baseline: NEW marks, the Changes table.
        baseline_.reset();
        baselinePending_ = true;
        baselineAnalyzer_.start(lastLoad_, profileChoices(lastLoad_.get()));
    }
    followWhatIsShown();
    startRunAnalysis();
    if (!session_->failures.isEmpty())
        showError(tr("Some files were not opened"), tr("Opened %1 of %2 files. Not opened:\n%3")
                                                        .arg(session_->files.size() - session_->failures.size())
                                                        .arg(session_->files.size())
                                                        .arg(session_->failures.join(QLatin1Char('\n'))));
}

void MainWindow::setShowWeights(bool show) {
    if (weightsAction_ && weightsAction_->isChecked() != show) weightsAction_->setChecked(show);
    if (show == weights_) return;
    weights_ = show;
    QSettings().setValue(QStringLiteral("showWeightsApart"), show);
    if (!session_) return;
    // Lay the same files out again, and come back to the same model and subgraph.
    restoreAfterLoad_ = std::make_pair(model_, nav_.currentGraph());
    openFiles(session_->files);
}

void MainWindow::onFailed(const QString& message) {
    restoreAfterLoad_.reset();
    progress_->hide();
    cancel_->hide();
    if (std::exchange(followReload_, false) && session_) {
        // A file the run is still writing (not every writer renames a whole file into place):
        // the window keeps what it shows and tries again, a few times, without a dialog.
        if (++followRetries_ <= 3) {
            statusBar()->showMessage(tr("Following: not readable yet (%1); trying again").arg(message.section(QLatin1Char('\n'), 0, 0)));
            QTimer::singleShot(1000, this, &MainWindow::reloadFollowed);
        } else {
            statusBar()->showMessage(tr("Following: %1").arg(message.section(QLatin1Char('\n'), 0, 0)));
        }
        return;
    }
    showError(tr("Cannot open"), message);
}

void MainWindow::setFollow(std::optional<bool> follow) {
    follow_ = follow;
    followWhatIsShown();
}

void MainWindow::followWhatIsShown() {
    bool on = false;
    if (session_) {
        on = follow_.value_or(
            std::any_of(session_->files.begin(), session_->files.end(), [](const QString& f) { return QFileInfo(f).isDir(); }));
    }
    if (followAction_) followAction_->setChecked(on);
    if (on) {
        follower_.follow(session_->files);
    } else {
        follower_.stop();
    }
}

void MainWindow::reloadFollowed() {
    if (!session_ || !follower_.following()) return;
    if (loader_.busy()) {  // after the load running
        QTimer::singleShot(300, this, &MainWindow::reloadFollowed);
        return;
    }
    lastLoad_ = session_;
    followReload_ = true;
    restoreAfterLoad_ = std::make_pair(model_, nav_.currentGraph());
    openFiles(session_->files);
}

void MainWindow::showError(const QString& title, const QString& message) {
    lastError_ = message;
    statusBar()->showMessage(message, 10000);
    // Not exec(): the window stays usable and nothing blocks.
    auto* box = new QMessageBox(QMessageBox::Critical, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::setModel(int index) {
    if (!session_ || index < 0 || static_cast<std::size_t>(index) >= session_->models.size()) return;
    model_ = index;
    modelBox_->setCurrentIndex(index);
    graphBox_->clear();
    const auto& m = session_->models[static_cast<std::size_t>(index)].model;
    for (const auto& g : m.graphs) graphBox_->addItem(qtext(g.name) + QStringLiteral("  (%1 nodes)").arg(g.nodes.size()));
    // The title names what is shown: the model, and the file it came from.
    // A run's title names the run too: the folder (or file) opened, else how many were.
    const QString file = QFileInfo(qtext(m.graphs.empty() ? std::string() : m.graphs.front().source)).fileName();
    if (session_->models.size() > 1) {
        const QString run =
            session_->files.size() == 1 ? QFileInfo(session_->files.front()).fileName() : tr("%1 files").arg(session_->files.size());
        setWindowTitle(tr("%1 - %2 (%3 models) - AtenScope").arg(qtext(m.name), run).arg(session_->models.size()));
    } else {
        setWindowTitle(file.isEmpty() ? QStringLiteral("%1 - AtenScope").arg(qtext(m.name))
                                      : QStringLiteral("%1 (%2) - AtenScope").arg(qtext(m.name), file));
    }
    applyProfileOf(qtext(m.name));
    reanalyze();
    runPanel_->showModel(qtext(m.name));
    nav_.setModel(&m);  // shows subgraph 0
    updateSourceRoots();
    if (m.graphs.empty()) showGraph(0);  // no graph: the pane says why and how to get one
    // Start where the user would: the most frequent remaining op, its first node.
    if (const QString top = ops_->firstOp(); !top.isEmpty()) selectOp(top);
}

void MainWindow::setSubgraph(int index) {
    if (!session_ || index < 0 || index >= graphBox_->count()) return;
    nav_.setCurrentGraph(index);
}

namespace {

// A profile as the chooser names it ("ttnn", "ttnn:predict", a file), loaded; throws when bad.
ProfileInForce loadChoice(const QString& nameOrFile) {
    QString name = nameOrFile;
    const bool predict = name.endsWith(QLatin1String(":predict"));
    if (predict) name.chop(8);
    return {loadProfile(name.toStdString()), predict};
}

QString settingsKeyOf(const QString& model) {
    return QStringLiteral("profileOfModel/") + QString::fromLatin1(QUrl::toPercentEncoding(model));
}

}  // namespace

QString MainWindow::handProfileOf(const QString& model) const {
    return QSettings().value(settingsKeyOf(model)).toString();
}

ProfileChoices MainWindow::profileChoices(const Session* session) const {
    ProfileChoices choices;
    if (sessionProfile_) choices.all = sessionProfile_->second;
    if (!session) return choices;
    for (const auto& lm : session->models) {
        const QString hand = handProfileOf(qtext(lm.model.name));
        if (hand.isEmpty()) continue;
        try {
            choices.byModel.emplace(lm.model.name, loadChoice(hand));
        } catch (const std::exception&) {  // a profile file gone since: that model is automatic
        }
    }
    return choices;
}

void MainWindow::applyProfileOf(const QString& model) {
    // A hand choice for this model, else the one for every model (--profile), else automatic.
    const QString hand = handProfileOf(model);
    QString inForce = hand;
    if (!hand.isEmpty()) {
        try {
            const ProfileInForce p = loadChoice(hand);
            profile_ = p.profile;
            predict_ = p.predict;
            autoProfile_ = false;
            autoReason_.clear();
        } catch (const std::exception&) {
            QSettings().remove(settingsKeyOf(model));
            inForce.clear();
        }
    }
    if (inForce.isEmpty() && sessionProfile_) {
        profile_ = sessionProfile_->second.profile;
        predict_ = sessionProfile_->second.predict;
        autoProfile_ = false;
        autoReason_.clear();
        inForce = sessionProfile_->first;
    }
    if (inForce.isEmpty()) {
        autoProfile_ = true;
        chooseProfileForModel();
    }
    // The chooser says what is in force, and why.
    const QString shown = qtext(profile_.name) + (predict_ ? tr(" (predict)") : QString());
    profileBox_->setItemText(0, autoProfile_ ? tr("automatic: %1").arg(shown) : tr("automatic"));
    int item = 0;
    if (!autoProfile_) {
        QString name = inForce;
        if (name.endsWith(QLatin1String(":predict"))) name.chop(8);
        item = inForce.endsWith(QLatin1String(":predict")) ? profileBox_->findData(QStringLiteral("ttnn:predict"))
                                                           : profileBox_->findText(name);
        if (item < 0) item = profileBox_->findData(name);
        if (item < 0) {
            profileBox_->insertItem(profileBox_->count() - 1, QFileInfo(name).fileName(), name);
            item = profileBox_->count() - 2;
        }
    }
    profileBox_->setCurrentIndex(item);
    profileBox_->setToolTip(autoProfile_      ? tr("Chosen from the graphs of %1: %2").arg(model, autoReason_)
                            : !hand.isEmpty() ? tr("Chosen by hand for %1 (automatic again: choose \"automatic\")").arg(model)
                                              : tr("For every model (--profile)"));
}

QString MainWindow::profileInForce() const {
    return profileBox_->currentText();
}

void MainWindow::setProfile(const QString& nameOrFile) {
    const bool automatic = nameOrFile == QLatin1String(":auto");
    std::optional<ProfileInForce> chosen;
    if (!automatic) {
        try {
            chosen = loadChoice(nameOrFile);
        } catch (const std::exception& e) {
            showError(tr("Cannot use the profile"), qtext(e.what()));
            return;
        }
    }
    if (!session_) {
        // Before any file (the command line's --profile): for every model of this window, not kept.
        sessionProfile_.reset();
        if (chosen) sessionProfile_.emplace(nameOrFile, *chosen);
        profileBox_->setCurrentIndex(automatic ? 0 : std::max(0, profileBox_->findText(qtext(chosen->profile.name))));
        return;
    }
    // By hand: for the model shown, remembered for it (the others keep theirs).
    const QString model = qtext(session_->models[static_cast<std::size_t>(model_)].model.name);
    if (automatic) {
        QSettings().remove(settingsKeyOf(model));
    } else {
        QSettings().setValue(settingsKeyOf(model), nameOrFile);
    }
    applyProfileOf(model);
    if (baseline_) {
        baselinePending_ = true;
        baselineAnalyzer_.start(baseline_->session, profileChoices(baseline_->session.get()));
    }
    if (!session_) return;
    startRunAnalysis();
    reanalyze();
    if (const Graph* g = currentGraph()) view_->setClasses(viewClasses(*g, profile_, predict_));
    refreshModules();
    overview_->invalidate();
    // The walk and the selection stay; what the profile says of the node is shown anew.
    onSelectionChanged(nav_.selected());
}

void MainWindow::chooseProfileForModel() {
    const ProfileChoice choice = chooseProfile(session_->models[static_cast<std::size_t>(model_)].model);
    profile_ = loadProfile(choice.profile);
    predict_ = choice.predict;
    autoReason_ = qtext(choice.reason);
}

const Graph* MainWindow::currentGraph() const {
    if (!session_) return nullptr;
    const auto& m = session_->models[static_cast<std::size_t>(model_)].model;
    const int graph = nav_.currentGraph();
    return graph < static_cast<int>(m.graphs.size()) ? &m.graphs[static_cast<std::size_t>(graph)] : nullptr;
}

int MainWindow::currentNode() const {
    const int pos = nav_.walkPosition();
    if (pos < 0) return -1;
    const NodeRef r = nav_.walk()[static_cast<std::size_t>(pos)];
    return r.graph == nav_.currentGraph() ? r.node : -1;
}

void MainWindow::reanalyze() {
    report_ = analyzeLoaded(session_->models[static_cast<std::size_t>(model_)], profile_, predict_, schemas_.get());
    refreshTables();
    updateSummary();
}

void MainWindow::showGraph(int graph) {
    const Graph* g = currentGraph();
    if (!g) {
        modules_->setTree({});
        view_->setDrawing(nullptr, {});
        view_->setEmptyMessage(session_ ? noGraphText(session_->models[static_cast<std::size_t>(model_)].model) : QString());
        overview_->invalidate();
        updateSummary();
        return;
    }
    view_->setEmptyMessage({});
    graphBox_->setCurrentIndex(graph);
    const auto& lm = session_->models[static_cast<std::size_t>(model_)];
    view_->setDrawing(lm.drawings[static_cast<std::size_t>(graph)], viewClasses(*g, profile_, predict_));
    view_->setFoldsToFit(grouped() != nullptr);
    refreshModules();
    overview_->invalidate();
    applyHighlight();
    updateSummary();
}

void MainWindow::applyHighlight() {
    Highlight h;
    const int graph = nav_.currentGraph();
    h.marked = nav_.walkMask(graph);
    h.fresh = freshMask(graph);
    h.current = currentNode();
    if (nav_.selected().graph == graph) h.selected = nav_.selected().node;
    view_->setHighlight(h);
    overview_->invalidate();
    const QString label = nav_.walkLabel();
    walkLabel_->setText(nav_.error().isEmpty() ? label.toHtmlEscaped()
                                               : QStringLiteral("<span style='color:#c62828'>%1</span>").arg(label.toHtmlEscaped()));
}

void MainWindow::onSelectionChanged(NodeRef node) {
    applyHighlight();
    showSourceOf(node);
    if (!node.valid() || node.graph != nav_.currentGraph()) {
        details_->clear();
        return;
    }
    if (GroupedLayout* g = grouped(); g && !clicked_) {
        // Inside a collapsed group: expanded first (off the GUI thread), then gone to.
        std::vector<char> state = g->current;
        if (g->reveal(state, static_cast<std::size_t>(node.node))) {
            fold(std::move(state), -1, node.node);
            showDetails(node.node);
            syncNodeTable(node.node);
            return;
        }
    }
    if (!clicked_) view_->centerOn(node.node);
    if (const GraphDrawing* d = view_->drawing(); d && !d->shown(static_cast<std::size_t>(node.node))) {
        const PartitionIndex parts(*currentGraph());
        const Node& n = parts.node(static_cast<std::size_t>(node.node));
        const auto in = parts.inner(static_cast<std::size_t>(node.node));
        if (in && (n.op == OpKind::Placeholder || n.op == OpKind::Output)) {
            statusBar()->showMessage(tr("%1 is a partition's input or output: drawn as the edges into and out of it").arg(qtext(n.name)),
                                     5000);
        } else if (in && d->shown(in->partition)) {
            // Partitions drawn as nodes (the flat drawing): the node that holds it.
            if (!clicked_) view_->centerOn(static_cast<int>(in->partition));
            statusBar()->showMessage(tr("%1 is inside partition %2, drawn as one node here")
                                         .arg(qtext(n.name), qtext(currentGraph()->nodes[in->partition].name)),
                                     5000);
        } else {
            statusBar()->showMessage(
                tr("%1 is a weight or constant, drawn as a chip of its users: View > Show weights and constants draws it apart")
                    .arg(qtext(n.name)),
                5000);
        }
    }
    showDetails(node.node);
    syncNodeTable(node.node);
}

void MainWindow::refreshTables() {
    const bool whole = runScope_ && run_;
    ops_->setSummary(whole ? run_->total : report_.total, whole);
    nodes_->setSummary(report_.total);
    lines_->setLines(whole ? run_->total.lines : report_.total.lines, whole);
    showSourceOf(nav_.selected());
}

void MainWindow::updateSummary() {
    if (!session_) return;
    const int graph = nav_.currentGraph();
    const Summary* sub = report_.subgraphs.size() > 1 && graph < static_cast<int>(report_.subgraphs.size())
                             ? &report_.subgraphs[static_cast<std::size_t>(graph)]
                             : nullptr;
    QString text = summaryHtml(report_.total, sub, autoProfile_ ? autoReason_ : QString());
    // A model whose recorded run failed: its figures are what the graphs or lists predict.
    if (const std::string failure = modelFailure(report_); !failure.empty() && report_.recorded)
        text = QStringLiteral("<span style='color:#c62828'><b>\u274C %1</b> (%2)</span><br>")
                   .arg(tr("failed"), qtext(failure).toHtmlEscaped()) +
               text;
    summary_->setText(text);
}

void MainWindow::selectOp(const QString& op) {
    if (!session_) return;
    // No graph to walk (a metrics folder alone): the details say what is known of the op.
    if (!currentGraph()) details_->setHtml(opDetailsHtml(report_.total, op.toStdString()));
    nav_.walkOp(op);
    syncOpTable();  // also when the walk was of this op already (no walkChanged)
}

void MainWindow::syncOpTable() {
    // The op table's current row is the op the walk steps through; none when the walk is of
    // something else (a search, a module, a source line) or the op is filtered out.
    ops_->showOp(nav_.walkIsSearch() ? QString() : nav_.walkSubject());
}

void MainWindow::findNext() {
    nav_.next();
}
void MainWindow::findPrevious() {
    nav_.previous();
}

bool MainWindow::search(const QString& pattern) {
    if (!session_) return false;
    const bool ok = nav_.search(pattern);
    if (!ok) lastError_ = nav_.error();
    return ok;
}

void MainWindow::selectNode(int node) {
    nav_.select({nav_.currentGraph(), node});
}

bool MainWindow::selectNodeByName(const QString& graph, const QString& node) {
    return nav_.selectByName(graph, node);
}

void MainWindow::syncNodeTable(int node) {
    const Graph* g = currentGraph();
    if (!g) return;
    const PartitionIndex parts(*g);
    if (node < 0 || static_cast<std::size_t>(node) >= parts.size()) return;
    nodes_->showNode(qtext(g->name), qtext(parts.node(static_cast<std::size_t>(node)).name));
}

QString MainWindow::nodeToolTip(int index) const {
    const Graph* g = currentGraph();
    if (!g || index < 0) return {};
    const PartitionIndex parts(*g);
    if (static_cast<std::size_t>(index) >= parts.size()) return {};
    if (const auto in = parts.inner(static_cast<std::size_t>(index)))
        return nodeToolTipHtml(parts.graphOf(static_cast<std::size_t>(index)), in->node, classOf(index)) +
               tr("<br>in partition %1").arg(qtext(g->nodes[in->partition].name).toHtmlEscaped());
    return nodeToolTipHtml(*g, static_cast<std::size_t>(index), classOf(index));
}

NodeClass MainWindow::classOf(int index) const {
    const auto& classes = view_->classes();
    return index >= 0 && static_cast<std::size_t>(index) < classes.size() ? classes[static_cast<std::size_t>(index)] : NodeClass::Other;
}

const Model* MainWindow::shownModel() const {
    // While another session comes in, the navigator still points at the last one's model.
    const Model* m = nav_.model();
    if (!m || !session_) return nullptr;
    const bool loaded = std::any_of(session_->models.begin(), session_->models.end(), [m](const auto& lm) { return &lm.model == m; });
    return loaded ? m : nullptr;
}

void MainWindow::showSourceOf(NodeRef node) {
    const Model* m = shownModel();
    if (!m || !node.valid() || node.graph >= static_cast<int>(m->graphs.size())) {
        source_->showNone(m ? tr("Select a node to see the line of the model's code it comes from.") : tr("No model open."));
        return;
    }
    const Graph& g = m->graphs[static_cast<std::size_t>(node.graph)];
    const PartitionIndex parts(g);
    if (node.node >= static_cast<int>(parts.size())) return;
    const Node& n = parts.node(static_cast<std::size_t>(node.node));
    const std::string_view trace = n.more().stackTrace;
    const auto frame = trace.empty() ? std::nullopt : modelFrame(trace);
    if (!frame) {
        source_->showNone(trace.empty()
                              ? tr("%1 has no stack trace: the front end that made the graph recorded none for it.").arg(qtext(n.name))
                              : tr("%1's stack trace names no line of the model's own code, only torch's.").arg(qtext(n.name)));
        return;
    }
    const QString file = qtext(frame->file);
    source_->showLine(file, frame->line, qtext(frame->function), qtext(frame->code));
    lines_->showLine(file, frame->line, false);  // the table stays where the user left it
}

void MainWindow::chooseLine(const QString& file, quint32 line) {
    const Model* m = shownModel();
    if (!m) return;
    source_->showLine(file, line);
    lines_->showLine(file, line);
    showSourcePanel();
    auto nodes = nodesOfLine(*m, file.toStdString(), line);
    if (nodes.empty()) {
        statusBar()->showMessage(tr("No node of %1 comes from %2:%3").arg(qtext(m->name), QFileInfo(file).fileName()).arg(line), 5000);
        return;
    }
    // The walk steps through the line's remaining nodes (as many as its Remaining column says);
    // a line the backend converted whole, through all of its nodes. Classified as the report
    // does (node names do not tell: a partition's nodes keep the names of the graph's).
    std::vector<NodeRef> left;
    std::optional<PartitionIndex> parts;  // of the graph of the node before (nodes come graph by graph)
    int partsOf = -1;
    for (const NodeRef& r : nodes) {
        const Graph& g = m->graphs[static_cast<std::size_t>(r.graph)];
        if (partsOf != r.graph) parts.emplace(g), partsOf = r.graph;
        const auto at = static_cast<std::size_t>(r.node);
        const auto in = parts->inner(at);
        ClassifyOptions co;
        co.predict = predict_;
        co.insideConverted = in && convertsSubgraph(g.nodes[in->partition], profile_);
        if (classify(parts->graphOf(at), parts->node(at), profile_, co) == NodeClass::Remaining) left.push_back(r);
    }
    const QString place = QStringLiteral("%1:%2").arg(QFileInfo(file).fileName()).arg(line);
    if (left.empty()) {
        nav_.walkNodes(std::move(nodes), place);
    } else {
        nav_.walkNodes(std::move(left), place);
    }
}

void MainWindow::showSourcePanel() {
    if (sourceDock_->isVisible()) {
        sourceDock_->raise();
        return;
    }
    sourceDock_->show();
    sourceDock_->raise();
    // Tall enough for the line and what leads to it; the graph keeps the rest.
    resizeDocks({sourceDock_}, {std::max(260, height() / 3)}, Qt::Vertical);
}

void MainWindow::setSourceFolders(const QStringList& folders) {
    sourceFolders_.clear();
    for (const QString& f : folders) sourceFolders_ << QFileInfo(f).absoluteFilePath();
    updateSourceRoots();
}

void MainWindow::updateSourceRoots() {
    // --source-dir, then the folders the user added, then what the dump records, then the
    // folders of the files opened and the working folder.
    QStringList roots = sourceFolders_;
    roots += QSettings().value(QStringLiteral("sourceFolders")).toStringList();
    if (const Model* m = shownModel()) {
        for (const auto& r : m->sourceRoots) roots << qtext(r);
        for (const auto& f : m->sources) roots << QFileInfo(qtext(f)).absolutePath();
    }
    roots << QDir::currentPath();
    roots.removeDuplicates();
    source_->setRoots(roots);
    showSourceOf(nav_.selected());
}

void MainWindow::showDetails(int index) {
    const Graph* g = currentGraph();
    if (!g || index < 0) return;
    const PartitionIndex parts(*g);
    if (const auto in = parts.inner(static_cast<std::size_t>(index))) {
        // A node inside a fused partition: its own text, links within the partition, and where it is.
        const std::size_t base = static_cast<std::size_t>(index) - in->node;
        const Node& n = parts.node(static_cast<std::size_t>(index));
        QString html = nodeDetailsHtml(parts.graphOf(static_cast<std::size_t>(index)), in->node, classOf(index), schemas_.get(), base);
        // An input that is the partition's placeholder, a user that is its output: links to what
        // they stand for outside (the argument, the call node), which are drawn.
        for (const auto& ends : {n.inputs, n.users})
            for (const auto j : ends)
                if (const auto outer = parts.outside(base + j))
                    html.replace(QStringLiteral("href='node:%1'").arg(base + j), QStringLiteral("href='node:%1'").arg(*outer));
        details_->setHtml(tr("<p style='margin:2px 0'>Inside partition <a href='node:%1'>%2</a></p>")
                              .arg(in->partition)
                              .arg(qtext(g->nodes[in->partition].name).toHtmlEscaped()) +
                          html);
        return;
    }
    details_->setHtml(nodeDetailsHtml(*g, static_cast<std::size_t>(index), classOf(index), schemas_.get()));
}

bool MainWindow::exportView(const QString& path) {
    bool ok = false;
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(view_->viewport()->size());
        svg.setViewBox(view_->viewport()->rect());
        QPainter p(&svg);
        p.fillRect(view_->viewport()->rect(), Qt::white);
        p.scale(view_->zoom(), view_->zoom());
        p.translate(-view_->visibleSceneRect().topLeft());
        if (view_->drawing()) paintGraph(p, *view_->drawing(), view_->classes(), view_->highlight(), view_->visibleSceneRect());
        p.end();
        ok = writeBytes(path, bytes, &lastError_);
    } else {
        ok = writeImage(path, view_->renderView(), &lastError_);
    }
    return wrote(path, ok);
}

bool MainWindow::exportWholeGraph(const QString& path, int width) {
    if (!view_->drawing()) {
        lastError_ = tr("no graph to export");
        return false;
    }
    // The same picture `render` writes (docs/pictures.md): whole when it reads, else an overview
    // and the places ops remain; the nodes marked in the view stay marked.
    const Graph* g = currentGraph();
    const LoadedModel& lm = session_->models[static_cast<std::size_t>(model_)];
    const auto gi = static_cast<std::size_t>(nav_.currentGraph());
    PictureRequest request;
    request.width = width;
    request.weights = weights_;
    const QString heading = pictureHeading(lm.model, gi, profile_.name + (predict_ ? " (predicted)" : ""), view_->classes());
    Picture picture = planPicture({*g, view_->classes(), gi < lm.grouped.size() ? lm.grouped[gi].get() : nullptr, heading}, request);
    const Highlight& h = view_->highlight();
    for (PicturePanel& panel : picture.panels)
        for (std::size_t k = 0; k < h.marked.size(); ++k)
            if (h.marked[k]) {
                if (panel.highlight.marked.size() < h.marked.size()) panel.highlight.marked.resize(h.marked.size(), false);
                panel.highlight.marked[k] = true;
            }
    const bool ok = path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)
                        ? writeSheetSvg(path, picture, view_->classes(), width, &lastError_)
                        : writeImage(path, renderSheet(picture, view_->classes(), width), &lastError_);
    return wrote(path, ok);
}

bool MainWindow::exportTable(const QAbstractItemModel& model, const QString& path) {
    const QString text = path.endsWith(QLatin1String(".md"), Qt::CaseInsensitive) ? tableToMarkdown(model) : tableToCsv(model);
    return wrote(path, writeBytes(path, text.toUtf8(), &lastError_));
}

bool MainWindow::wrote(const QString& path, bool ok) {
    if (ok) {
        lastError_.clear();
        QSettings().setValue(QStringLiteral("exportFolder"), QFileInfo(path).absolutePath());
        statusBar()->showMessage(tr("Wrote %1").arg(QDir::toNativeSeparators(path)), 8000);
    }
    return ok;
}

QString MainWindow::defaultExportPath(const QString& what, const QString& suffix) const {
    // MODEL[-SUBGRAPH]-WHAT.SUFFIX in the folder of the last export (else the documents folder).
    QString name = QStringLiteral("atenscope");
    if (session_) {
        const auto& m = session_->models[static_cast<std::size_t>(model_)].model;
        name = qtext(m.name);
        if (const Graph* g = currentGraph(); g && m.graphs.size() > 1 && what != QLatin1String("ops") && what != QLatin1String("nodes"))
            name += QLatin1Char('-') + qtext(g->name);
    }
    name += QLatin1Char('-') + what;
    // The model's and subgraph's names come from the files: one safe file name, never a path.
    name = qtext(safeFileName(name.toStdString()));
    const QString folder =
        QSettings().value(QStringLiteral("exportFolder"), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).toString();
    return QDir(folder).filePath(name + QLatin1Char('.') + suffix);
}

bool MainWindow::exportOpTable(const QString& path) {
    return exportTable(*ops_->proxy(), path);
}
bool MainWindow::exportNodeTable(const QString& path) {
    return exportTable(*nodes_->proxy(), path);
}

void MainWindow::addRecent(const QStringList& files) {
    rememberSelection(files);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    const auto recent = recentSelections();
    for (const QStringList& files : recent)
        recentMenu_->addAction(files.size() == 1 ? files.front() : tr("%1 and %2 more").arg(files.front()).arg(files.size() - 1), this,
                               [this, files] { openFiles(files); });
    recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::closeEvent(QCloseEvent* e) {
    QSettings settings;
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("windowState"), saveState());
    settings.setValue(QStringLiteral("opTableHeader"), ops_->table()->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("nodeTableHeader2"), nodes_->table()->horizontalHeader()->saveState());
    QMainWindow::closeEvent(e);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
    if (e->mimeData()->hasUrls()) e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
    QStringList files;
    for (const QUrl& url : e->mimeData()->urls())
        if (url.isLocalFile()) files << url.toLocalFile();
    openFiles(files);
}

bool MainWindow::setModelByName(const QString& name) {
    if (!session_) return false;
    for (std::size_t i = 0; i < session_->models.size(); ++i)
        if (qtext(session_->models[i].model.name) == name) {
            if (static_cast<int>(i) != model_) setModel(static_cast<int>(i));
            return true;
        }
    return false;
}

void MainWindow::startRunAnalysis() {
    if (!session_) return;
    const bool several = session_->models.size() > 1;
    ops_->setScopeEnabled(several);
    if (!several && !baseline_ && baselineFiles_.isEmpty() && !lastLoad_) {
        // One model, nothing to compare with: no run panel.
        run_.reset();
        runPending_ = false;
        if (runScope_) setRunScope(false);
        runDock_->hide();
        return;
    }
    runPending_ = true;
    runPanel_->setAnalysing(static_cast<int>(session_->models.size()));
    runDock_->show();
    // The graph keeps most of the height: sized once the dock is laid out in the window.
    if (!std::exchange(runDockSized_, true)) QTimer::singleShot(0, this, [this] { resizeDocks({runDock_}, {260}, Qt::Vertical); });
    runAnalyzer_.start(session_, profileChoices(session_.get()));
}

void MainWindow::onRunAnalyzed(std::shared_ptr<const RunAnalysis> analysis) {
    if (!session_ || analysis->session != session_) return;  // of files since closed
    runPending_ = false;
    run_ = std::move(analysis);
    runPanel_->setRun(run_->run, qtext(session_->models[static_cast<std::size_t>(model_)].model.name));
    recomputeDiff();
    if (runScope_) refreshTables();
}

void MainWindow::openBaseline(const QStringList& files) {
    baselineFiles_ = files;
    baseline_.reset();
    baselineRun_.reset();
    diff_.reset();
    if (files.isEmpty()) {
        baselineLoader_.cancel();
        baselinePending_ = false;
        runPanel_->setDiff(nullptr, nullptr, nullptr, {});
        legend_->setText(legendHtml());
        applyHighlight();
        startRunAnalysis();
        return;
    }
    baselinePending_ = true;
    showChanges_ = true;
    statusBar()->showMessage(tr("Reading the baseline %1").arg(files.join(QStringLiteral(", "))));
    LoadOptions options;
    options.weights = false;  // its graphs are compared, never drawn
    baselineLoader_.start(files, options);
    if (session_ && !run_ && !runPending_) startRunAnalysis();
}

void MainWindow::onBaselineAnalyzed(std::shared_ptr<const RunAnalysis> analysis) {
    baselinePending_ = false;
    baseline_ = std::move(analysis);
    recomputeDiff();
}

void MainWindow::recomputeDiff() {
    diff_.reset();
    if (!run_ || !baseline_) return;
    baselineRun_ = std::make_unique<RunReport>(baseline_->run);
    // One model a side: the same model, whatever the files call it.
    if (baselineRun_->models.size() == 1 && run_->run.models.size() == 1) baselineRun_->models[0].name = run_->run.models[0].name;
    diff_ = std::make_unique<RunDiff>(diffRuns(*baselineRun_, run_->run));
    runPanel_->setDiff(diff_.get(), baselineRun_.get(), &run_->run,
                       baselineFiles_.isEmpty() ? tr("the last load") : baselineFiles_.join(QStringLiteral(", ")));
    legend_->setText(legendHtml(true, lastLoad_ && baselineFiles_.isEmpty() ? tr("the last load") : QString()));
    applyHighlight();
    if (std::exchange(showChanges_, false)) runPanel_->showChanges();
    if (lastLoad_ && baselineFiles_.isEmpty()) {
        std::size_t added = 0, gone = 0;
        for (const CountChange& c : diff_->ops) (c.delta() > 0 ? added : gone) += static_cast<std::size_t>(std::llabs(c.delta()));
        statusBar()->showMessage(tr("Read again: since the last load +%1 / -%2 remaining aten ops").arg(added).arg(gone));
    }
}

std::vector<bool> MainWindow::freshMask(int graph) const {
    if (!diff_ || !session_ || !baseline_) return {};
    const auto& m = session_->models[static_cast<std::size_t>(model_)].model;
    if (graph < 0 || graph >= static_cast<int>(m.graphs.size())) return {};
    const Graph& g = m.graphs[static_cast<std::size_t>(graph)];
    // The baseline's report of this model: by name, or the one model of each side.
    const ModelReport* base = nullptr;
    for (const auto& r : baseline_->reports)
        if (r.total.model == m.name) base = &r;
    if (!base && baseline_->reports.size() == 1 && session_->models.size() == 1) base = &baseline_->reports.front();
    std::vector<bool> fresh(g.nodes.size(), false);
    std::unordered_map<std::string_view, std::size_t> byName;
    for (std::size_t i = 0; i < g.nodes.size(); ++i) byName.emplace(g.nodes[i].name, i);
    // With the baseline's graph: nodes by name; with only its op lists: by op and input variation.
    std::unordered_set<std::string> before;
    const bool byNode = base && base->graphCount > 0 && modelFailure(*base).empty();
    if (byNode)
        for (const RemainingNode& d : base->total.details) before.insert(std::string(d.graph) + '\x1f' + std::string(d.nodeName));
    const RunModel baseRow = base ? runModel(*base, 0) : RunModel{};
    for (const RemainingNode& d : report_.total.details) {
        if (d.graph != g.name) continue;
        bool isNew = true;
        if (byNode) {
            isNew = !before.count(std::string(d.graph) + '\x1f' + std::string(d.nodeName));
        } else if (base && baseRow.status != ModelStatus::Failed) {
            auto op = baseRow.variations.find(d.opName);
            isNew = op == baseRow.variations.end() || !op->second.count(d.variation);
        }
        if (auto it = byName.find(d.nodeName); it != byName.end() && isNew) fresh[it->second] = true;
    }
    return fresh;
}

void MainWindow::setRunScope(bool run) {
    runScope_ = run && session_ && session_->models.size() > 1;
    ops_->setScopeRun(runScope_);
    if (!session_) return;
    refreshTables();
    syncOpTable();  // the op being walked stays the table's current row in either scope
}

bool MainWindow::busy() const {
    return loader_.busy() || baselineLoader_.busy() || runPending_ || baselinePending_ || folder_.busy();
}

GroupedLayout* MainWindow::grouped() const {
    if (!session_ || !currentGraph()) return nullptr;
    const auto& lm = session_->models[static_cast<std::size_t>(model_)];
    const auto graph = static_cast<std::size_t>(nav_.currentGraph());
    return graph < lm.grouped.size() ? lm.grouped[graph].get() : nullptr;
}

void MainWindow::fold(std::vector<char> state, int anchorModule, int revealNode, QSizeF fitRoom) {
    const auto& lm = session_->models[static_cast<std::size_t>(model_)];
    const auto graph = static_cast<std::size_t>(nav_.currentGraph());
    FoldRequest r;
    r.model = model_;
    r.graph = nav_.currentGraph();
    r.state = std::move(state);
    r.anchorModule = anchorModule;
    r.revealNode = revealNode;
    r.fitRoom = fitRoom;
    folder_.start(lm.grouped[graph], std::move(r));
    statusBar()->showMessage(tr("Laying out..."));
}

void MainWindow::onFolded(std::shared_ptr<const GraphDrawing> drawing, const FoldRequest& r) {
    if (!session_ || r.model != model_ || r.graph != nav_.currentGraph()) return;  // another graph since
    auto& lm = session_->models[static_cast<std::size_t>(model_)];
    lm.grouped[static_cast<std::size_t>(r.graph)]->current = r.state;
    lm.drawings[static_cast<std::size_t>(r.graph)] = drawing;
    view_->replaceDrawing(drawing, r.anchorModule);
    overview_->invalidate();
    statusBar()->showMessage(
        tr("%1 groups shown, %2 expanded")
            .arg(drawing->groups().size())
            .arg(std::count_if(drawing->groups().begin(), drawing->groups().end(), [](const DrawnGroup& g) { return g.expanded; })),
        4000);
    if (!r.fitRoom.isEmpty()) {
        const QSizeF size = drawing->bounds().size();
        if (size.width() <= r.fitRoom.width() && size.height() <= r.fitRoom.height())
            statusBar()->showMessage(tr("Fit: the modules to depth %1, so that every label reads. Double-click a box to open it, "
                                        "Ctrl+Alt+E expands all.")
                                         .arg(r.depth),
                                     8000);
        view_->fitLegibly();  // says so when even the outermost modules do not fit
    } else if (r.revealNode >= 0) {
        view_->centerOn(r.revealNode);
    } else if (r.anchorModule < 0) {
        view_->startView();
    }
}

void MainWindow::toggleGroup(int module) {
    GroupedLayout* g = grouped();
    if (!g || module <= 0 || module >= static_cast<int>(g->groupCount())) return;
    std::vector<char> state = g->current;
    state.resize(g->groupCount(), 0);
    state[static_cast<std::size_t>(module)] = !state[static_cast<std::size_t>(module)];
    fold(std::move(state), module);
}

void MainWindow::expandRemainingGroups() {
    GroupedLayout* g = grouped();
    if (!g) return;
    const auto& counts = view_->groupCounts();
    std::vector<char> want(g->groupCount(), 0);
    for (std::size_t m = 0; m < want.size() && m < counts.size(); ++m) want[m] = counts[m].remaining > 0;
    fold(g->expandedWhere(want), -1);
}

void MainWindow::collapseAllGroups() {
    if (GroupedLayout* g = grouped()) fold(std::vector<char>(g->groupCount(), 0), -1);
}

void MainWindow::expandAllGroups() {
    if (GroupedLayout* g = grouped()) fold(std::vector<char>(g->groupCount(), 1), -1);
}

void MainWindow::waitForRun() {
    QElapsedTimer timer;
    timer.start();
    while (busy() && timer.elapsed() < 60000) {
        loader_.wait();
        baselineLoader_.wait();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
}

void MainWindow::refreshModules() {
    const Graph* g = currentGraph();
    // As the view colours them; the groups' tree, when the graph has one, counted anew.
    ModuleTree tree;
    if (const GroupedLayout* groups = grouped()) {
        tree = groups->tree();
        countClasses(tree, view_->classes());
    } else if (g) {
        tree = buildModuleTree(*g, view_->classes());
    }
    modules_->setTree(std::move(tree));
}

bool MainWindow::revealModule(const QString& path) {
    const ModuleTree& tree = modules_->model().tree();
    const int id = tree.find(path.toStdString());
    if (id < 0 || tree.modules.empty()) return false;
    // The root stands for the nodes outside every module: only those.
    std::vector<std::uint32_t> nodes = id == 0 ? tree.modules[0].own : tree.nodesUnder(id);
    std::vector<NodeRef> walk;
    walk.reserve(nodes.size());
    for (const auto n : nodes) walk.push_back({nav_.currentGraph(), static_cast<int>(n)});
    nav_.walkNodes(std::move(walk), path.isEmpty() ? tr("(no module)") : path);
    modules_->showModule(id);
    return true;
}

}  // namespace atenscope::gui
