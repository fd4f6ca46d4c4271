// SPDX-License-Identifier: MIT
#include "gui/MainWindow.h"

#include "gui/Exports.h"
#include "gui/NodeText.h"
#include "gui/RecentFiles.h"

#include "render/QtText.h"

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTimer>
#include <QUrl>

#include <tuple>

namespace atenscope::gui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), schemas_(makeSchemaSource()), runs_([this](const Session* s) { return profiles_.choices(s); }) {
    setWindowTitle(QStringLiteral("AtenScope"));
    setAcceptDrops(true);
    QSettings settings;
    // Off at first: weights and constants are chips of the nodes that use them (FoldedWeights).
    weights_ = settings.value(QStringLiteral("showWeightsApart"), false).toBool();
    buildUi();
    menus_ = buildMainMenus(*this);
    fillRecentMenu(menus_.recent, [this](const QStringList& files) { openFiles(files); });
    connect(&sessions_, &SessionLoader::loaded, this, &MainWindow::onLoaded);
    connect(&sessions_, &SessionLoader::failed, this, [this](const QString& message) { showError(tr("Cannot open"), message); });
    connect(&sessions_, &SessionLoader::note, this, [this](const QString& text, int ms) { statusBar()->showMessage(text, ms); });
    connect(&sessions_, &SessionLoader::followedChanged, this, [this] {
        // Read again, and back to the same model, subgraph, walk and selection; compared with this load.
        if (session_) sessions_.reload({std::pair(model_, nav_.currentGraph()), {}, nav_.place(), session_});
    });
    connect(&runs_, &RunState::baselineRead, this,
            [this](int models) { statusBar()->showMessage(tr("Baseline read: %1 models; comparing").arg(models), 5000); });
    connect(&runs_, &RunState::baselineFailed, this,
            [this](const QString& message) { showError(tr("Cannot open the baseline"), message); });
    connect(&runs_, &RunState::runReady, this, [this] {
        if (runScope_) refreshTables();
    });
    connect(&runs_, &RunState::diffChanged, this, &MainWindow::onDiffChanged);
    resize(1400, 900);
    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("windowState")).toByteArray());
}

MainWindow::~MainWindow() {
    disconnect(&sessions_, nullptr, this, nullptr);  // the loader drops its load quietly as it goes
    disconnect(&runs_, nullptr, this, nullptr);
}

void MainWindow::buildUi() {
    pane_ = new GraphPane(this);
    setCentralWidget(pane_);
    GraphView* view = pane_->view();
    connect(view, &GraphView::nodeClicked, this, [this](int node) {
        if (node < 0) return;
        clicked_ = true;  // the user points at it: the view stays where it is
        selectNode(node);
        clicked_ = false;
    });
    view->setToolTipProvider([this](int node) {
        const Graph* g = currentGraph();
        return g && node >= 0 ? shownNodeToolTipHtml(*g, static_cast<std::size_t>(node), pane_->view()->classOf(node)) : QString();
    });
    connect(pane_, &GraphPane::note, this, [this](const QString& text, int ms) { statusBar()->showMessage(text, ms); });
    connect(pane_, &GraphPane::redrawn, this, [this] { overview_->invalidate(); });
    connect(&nav_, &Navigator::currentGraphChanged, this, &MainWindow::showGraph);
    connect(&nav_, &Navigator::walkChanged, this, &MainWindow::applyHighlight);
    connect(&nav_, &Navigator::walkChanged, this, &MainWindow::syncOpTable);
    connect(&nav_, &Navigator::selectionChanged, this, &MainWindow::onSelectionChanged);

    chooser_ = new ChooserBar(this);
    addToolBar(chooser_);
    connect(chooser_, &ChooserBar::modelChosen, this, &MainWindow::setModel);
    connect(chooser_, &ChooserBar::subgraphChosen, this, &MainWindow::setSubgraph);
    connect(chooser_, &ChooserBar::profileChosen, this, &MainWindow::setProfile);
    connect(chooser_, &ChooserBar::searchAsked, this, &MainWindow::search);

    // The panels, in their docks; each says what the user chose, the window says what follows.
    const WindowPanels p = addPanels(this, view);
    std::tie(ops_, nodes_, modules_, lines_, details_, overview_) = std::tie(p.ops, p.nodes, p.modules, p.lines, p.details, p.overview);
    std::tie(runPanel_, runDock_, source_, sourceDock_) = std::tie(p.run, p.runDock, p.source, p.sourceDock);
    connect(ops_, &OpsPanel::scopeChosen, this, &MainWindow::setRunScope);
    connect(ops_, &OpsPanel::opChosen, this, &MainWindow::selectOp);
    connect(ops_, &OpsPanel::opClicked, this, [this](const QString& op) {
        // Clicking the walked op's row again starts its walk again.
        if (nav_.walkIsSearch() || nav_.walkSubject() != op || nav_.walkPosition() < 0) selectOp(op);
    });
    connect(nodes_, &NodesPanel::nodeChosen, this, &MainWindow::selectNodeByName);
    connect(modules_, &ModulesPanel::moduleChosen, this, &MainWindow::revealModule);
    connect(lines_, &LinesPanel::lineChosen, this, &MainWindow::chooseLine);
    connect(details_, &DetailsPanel::nodeChosen, this, &MainWindow::selectNode);
    connect(details_, &DetailsPanel::sourceAsked, this, &MainWindow::showSourcePanel);
    runPanel_->follow(&runs_);
    connect(runPanel_, &RunPanel::modelChosen, this, &MainWindow::setModelByName);
    connect(runPanel_, &RunPanel::opOfModelChosen, this, [this](const QString& model, const QString& op) {
        if (setModelByName(model)) selectOp(op);
    });
    source_->setLines(&report_.total.lines);
    connect(source_, &SourcePanel::lineChosen, this, &MainWindow::chooseLine);
    connect(source_, &SourcePanel::sourceFolderAdded, this, &MainWindow::updateSourceRoots);

    exporter_ = new Exporter(
        view, ops_->proxy(), nodes_->proxy(),
        [this] {
            // The subgraph shown, under the profile in force (a model without graphs: its tables only).
            const std::string profile = profiles_.profile().name + (profiles_.predict() ? " (predicted)" : "");
            return session_ ? Exporter::Shown{&shown(), static_cast<std::size_t>(nav_.currentGraph()), profile, weights_}
                            : Exporter::Shown{};
        },
        this);
    connect(exporter_, &Exporter::wrote, this,
            [this](const QString& path) { statusBar()->showMessage(tr("Wrote %1").arg(QDir::toNativeSeparators(path)), 8000); });
    progress_ = new LoadProgress(sessions_.loader(), this);
    connect(&sessions_, &SessionLoader::started, progress_, &LoadProgress::begin);
    statusBar()->addPermanentWidget(progress_);
}

QString MainWindow::baselineStartFolder() const {
    // Beside the run shown: last night's run is its sibling (runs/2026-12-06 next to runs/2026-12-07).
    if (!runs_.baselineFiles().isEmpty()) return QFileInfo(runs_.baselineFiles().front()).absolutePath();
    return openedFiles().isEmpty() ? QString() : QFileInfo(openedFiles().front()).absolutePath();
}

QString MainWindow::modelName(int index) const {
    return index >= 0 && index < modelCount() ? qtext(session_->models[static_cast<std::size_t>(index)].model.name) : QString();
}

void MainWindow::addFiles(const QStringList& files) {
    QStringList all = openedFiles();
    for (const QString& f : files)
        if (!all.contains(f)) all << f;
    LoadIntent intent;
    intent.namesBefore.emplace();
    for (int i = 0; i < modelCount(); ++i) *intent.namesBefore << modelName(i);
    sessions_.open(all, weights_, std::move(intent));
    raise();
    activateWindow();
}

void MainWindow::openFiles(const QStringList& files) {
    lastError_.clear();
    sessions_.open(files, weights_);
}

void MainWindow::onLoaded(std::shared_ptr<Session> session, const LoadIntent& intent) {
    session_ = std::move(session);
    addRecent(session_->files);
    chooser_->setModels(*session_);
    statusBar()->showMessage(tr("Loaded %1").arg(session_->files.join(QStringLiteral(", "))), 5000);
    int first = intent.back ? intent.back->first : 0;
    if (intent.namesBefore) {  // files added: the first new model
        for (int i = modelCount(); i-- > 0;)
            if (!intent.namesBefore->contains(modelName(i))) first = i;
    } else if (!intent.back) {  // other files, not the same ones again: the last ones' search and filters go
        for (QLineEdit* field : findChildren<QLineEdit*>()) field->clear();
        runPanel_->resetFilters();
    }
    runs_.dropRun();
    setModel(first);
    if (intent.back) setSubgraph(intent.back->second);
    if (intent.place) {  // following: the walk and the selection come back, by op and by name
        nav_.restore(*intent.place);
        syncOpTable();  // the walked op's row, or none when it no longer remains
    }
    // Compared with the last load, as with a baseline: NEW marks, the Changes table.
    runs_.setLastLoad(intent.followedFrom);
    followWhatIsShown();
    startRunAnalysis();
    if (!session_->failures.isEmpty())
        showError(tr("Some files were not opened"), tr("Opened %1 of %2 files. Not opened:\n%3")
                                                        .arg(session_->files.size() - session_->failures.size())
                                                        .arg(session_->files.size())
                                                        .arg(session_->failures.join(QLatin1Char('\n'))));
}

void MainWindow::setShowWeights(bool show) {
    if (menus_.weights && menus_.weights->isChecked() != show) menus_.weights->setChecked(show);
    if (show == weights_) return;
    weights_ = show;
    QSettings().setValue(QStringLiteral("showWeightsApart"), show);
    // Lay the same files out again, and come back to the same model and subgraph.
    if (session_) sessions_.open(session_->files, weights_, {std::pair(model_, nav_.currentGraph()), {}, {}, {}});
}

void MainWindow::setFollow(std::optional<bool> follow) {
    follower().setChoice(follow);
    followWhatIsShown();
}

void MainWindow::followWhatIsShown() {
    menus_.follow->setChecked(follower().followIfChosen(session_ ? session_->files : QStringList()));
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
    if (index < 0 || index >= modelCount()) return;
    model_ = index;
    chooser_->setCurrentModel(index);
    const auto& m = session_->models[static_cast<std::size_t>(index)].model;
    chooser_->setSubgraphs(m);
    setWindowTitle(windowTitleOf(m, session_->files, modelCount()));
    profiles_.apply(m);
    chooser_->showProfile(profiles_);
    reanalyze();
    runPanel_->showModel(qtext(m.name));
    nav_.setModel(&m);  // shows subgraph 0
    updateSourceRoots();
    if (m.graphs.empty()) showGraph(0);  // no graph: the pane says why and how to get one
    // Start where the user would: the most frequent remaining op, its first node.
    if (const QString top = ops_->firstOp(); !top.isEmpty()) selectOp(top);
}

void MainWindow::setSubgraph(int index) {
    if (session_ && index >= 0 && index < chooser_->subgraphCount()) nav_.setCurrentGraph(index);
}

void MainWindow::setProfile(const QString& nameOrFile) {
    try {
        if (!session_) {
            // Before any file (the command line's --profile): for every model of this window, not kept.
            profiles_.setForWindow(nameOrFile);
            const auto& forAll = profiles_.forWindow();
            chooser_->showWindowProfile(forAll ? qtext(forAll->second.profile.name) : QString());
            return;
        }
        // By hand: for the model shown, remembered for it (the others keep theirs).
        ProfileState::choose(modelName(model_), nameOrFile);
    } catch (const std::exception& e) {
        showError(tr("Cannot use the profile"), qtext(e.what()));
        return;
    }
    profiles_.apply(shown().model);
    chooser_->showProfile(profiles_);
    runs_.reanalyseBaseline();
    startRunAnalysis();
    reanalyze();
    if (const Graph* g = currentGraph()) pane_->view()->setClasses(viewClasses(*g, profiles_.profile(), profiles_.predict()));
    refreshModules();
    overview_->invalidate();
    // The walk and the selection stay; what the profile says of the node is shown anew.
    onSelectionChanged(nav_.selected());
}

const Graph* MainWindow::currentGraph() const {
    if (!session_) return nullptr;
    const auto& m = shown().model;
    const int graph = nav_.currentGraph();
    return graph < static_cast<int>(m.graphs.size()) ? &m.graphs[static_cast<std::size_t>(graph)] : nullptr;
}

void MainWindow::reanalyze() {
    report_ = analyzeLoaded(shown(), profiles_.profile(), profiles_.predict(), schemas_.get());
    refreshTables();
    updateSummary();
}

void MainWindow::showGraph(int graph) {
    if (const Graph* g = currentGraph()) {
        chooser_->setCurrentSubgraph(graph);
        pane_->showGraph(session_, model_, graph, viewClasses(*g, profiles_.profile(), profiles_.predict()));
    } else {
        pane_->showNothing(session_ ? noGraphText(shown().model) : QString());
    }
    refreshModules();
    overview_->invalidate();
    applyHighlight();
    updateSummary();
}

void MainWindow::applyHighlight() {
    Highlight h;
    const int graph = nav_.currentGraph();
    h.marked = nav_.walkMask(graph);
    if (session_) h.fresh = runs_.freshMask(shown().model, report_, graph, modelCount() == 1);
    h.current = nav_.currentNode();
    if (nav_.selected().graph == graph) h.selected = nav_.selected().node;
    pane_->view()->setHighlight(h);
    overview_->invalidate();
    chooser_->setWalkText(nav_.walkLabel(), !nav_.error().isEmpty());
}

void MainWindow::onSelectionChanged(NodeRef node) {
    applyHighlight();
    showSourceOf(node);
    const Graph* g = currentGraph();
    if (!g || !node.valid() || node.graph != nav_.currentGraph()) {
        details_->clear();
        return;
    }
    const auto at = static_cast<std::size_t>(node.node);
    // Inside a collapsed group: expanded first (off the GUI thread), then gone to.
    if (clicked_ || !pane_->revealNode(node.node)) {
        int standsFor = node.node;
        if (const GraphDrawing* d = pane_->view()->drawing(); d && !d->shown(at))
            statusBar()->showMessage(hiddenNodeNote(*g, *d, at, &standsFor), 5000);
        if (!clicked_ && standsFor >= 0) pane_->view()->centerOn(standsFor);
    }
    details_->showNode(*g, node.node, pane_->view()->classOf(node.node), schemas_.get());
    nodes_->showNode(*g, node.node);
}

void MainWindow::refreshTables() {
    const RunAnalysis* run = runScope_ ? runs_.run() : nullptr;
    ops_->setSummary(run ? run->total : report_.total, run != nullptr);
    nodes_->setSummary(report_.total);
    lines_->setLines(run ? run->total.lines : report_.total.lines, run != nullptr);
    showSourceOf(nav_.selected());
}

void MainWindow::updateSummary() {
    if (!session_) return;
    pane_->summary()->setText(modelSummaryHtml(report_, nav_.currentGraph(), profiles_.automatic() ? profiles_.reason() : QString()));
}

void MainWindow::selectOp(const QString& op) {
    if (!session_) return;
    // No graph to walk (a metrics folder alone): the details say what is known of the op.
    if (!currentGraph()) details_->showOp(report_.total, op);
    nav_.walkOp(op);
    syncOpTable();  // also when the walk was of this op already (no walkChanged)
}

void MainWindow::syncOpTable() {
    // The op table's current row is the op the walk steps through; none when the walk is of
    // something else (a search, a module, a source line) or the op is filtered out.
    ops_->showOp(nav_.walkIsSearch() ? QString() : nav_.walkSubject());
}

bool MainWindow::search(const QString& pattern) {
    if (session_ && nav_.search(pattern)) return true;
    lastError_ = nav_.error();
    return false;
}

const Model* MainWindow::shownModel() const {
    // While another session comes in, the navigator still points at the last one's model.
    const Model* m = nav_.model();
    if (!m || !session_) return nullptr;
    const bool loaded = std::any_of(session_->models.begin(), session_->models.end(), [m](const auto& lm) { return &lm.model == m; });
    return loaded ? m : nullptr;
}

void MainWindow::showSourceOf(NodeRef node) {
    if (const auto line = source_->showNode(shownModel(), node))
        lines_->showLine(line->first, line->second, false);  // the table stays where the user left it
}

void MainWindow::chooseLine(const QString& file, quint32 line) {
    const Model* m = shownModel();
    if (!m) return;
    source_->showLine(file, line);
    lines_->showLine(file, line);
    showSourcePanel();
    auto nodes = walkOfLine(*m, file.toStdString(), line, profiles_.profile(), profiles_.predict());
    if (nodes.empty()) {
        statusBar()->showMessage(tr("No node of %1 comes from %2:%3").arg(qtext(m->name), QFileInfo(file).fileName()).arg(line), 5000);
        return;
    }
    nav_.walkNodes(std::move(nodes), QStringLiteral("%1:%2").arg(QFileInfo(file).fileName()).arg(line));
}

void MainWindow::showSourcePanel() {
    revealDock(this, sourceDock_, std::max(260, height() / 3));  // the line and what leads to it
}

void MainWindow::setSourceFolders(const QStringList& folders) {
    source_->setFirstRoots(folders);
    updateSourceRoots();
}

void MainWindow::updateSourceRoots() {
    source_->setRootsFor(shownModel());
    showSourceOf(nav_.selected());
}

void MainWindow::addRecent(const QStringList& files) {
    rememberSelection(files);
    fillRecentMenu(menus_.recent, [this](const QStringList& f) { openFiles(f); });
}

void MainWindow::closeEvent(QCloseEvent* e) {
    QSettings settings;
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("windowState"), saveState());
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
    for (int i = 0; i < modelCount(); ++i)
        if (modelName(i) == name) {
            if (i != model_) setModel(i);
            return true;
        }
    return false;
}

void MainWindow::startRunAnalysis() {
    if (!session_) return;
    const bool several = modelCount() > 1;
    ops_->setScopeEnabled(several);
    if (!several && !runs_.hasBaseline() && !runs_.hasLastLoad()) {
        // One model, nothing to compare with: no run panel.
        runs_.dropRun();
        if (runScope_) setRunScope(false);
        runDock_->hide();
        return;
    }
    runPanel_->setAnalysing(modelCount());
    runDock_->show();
    // The graph keeps most of the height: sized once the dock is laid out in the window.
    if (!std::exchange(runDockSized_, true)) QTimer::singleShot(0, this, [this] { resizeDocks({runDock_}, {260}, Qt::Vertical); });
    runs_.analyse(session_);
}

void MainWindow::openBaseline(const QStringList& files) {
    if (!files.isEmpty()) statusBar()->showMessage(tr("Reading the baseline %1").arg(files.join(QStringLiteral(", "))));
    runs_.openBaseline(files);
    if (session_ && (files.isEmpty() || (!runs_.run() && !runs_.runPending()))) startRunAnalysis();
}

void MainWindow::onDiffChanged() {
    // The NEW marks in the graph and the legend; following, what the reload changed.
    const RunDiff* diff = runs_.diff();
    const QString since = diff && runs_.comparesWithLastLoad() ? tr("the last load") : QString();
    pane_->legend()->setText(legendHtml(diff != nullptr, since));
    applyHighlight();
    if (diff && !since.isEmpty()) {
        const auto [added, gone] = opChanges(*diff);
        statusBar()->showMessage(tr("Read again: since the last load +%1 / -%2 remaining aten ops").arg(added).arg(gone));
    }
}

void MainWindow::setRunScope(bool run) {
    runScope_ = run && modelCount() > 1;
    ops_->setScopeRun(runScope_);
    if (!session_) return;
    refreshTables();
    syncOpTable();  // the op being walked stays the table's current row in either scope
}

void MainWindow::waitForRun() {
    QElapsedTimer timer;
    timer.start();
    while (busy() && timer.elapsed() < 60000) {
        sessions_.loader()->wait();
        runs_.baselineLoader()->wait();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
}

void MainWindow::refreshModules() {
    modules_->showGraph(currentGraph(), grouped(), pane_->view()->classes());
}

bool MainWindow::revealModule(const QString& path) {
    const auto nodes = modules_->choose(path);
    if (!nodes) return false;
    std::vector<NodeRef> walk;
    for (const auto n : *nodes) walk.push_back({nav_.currentGraph(), static_cast<int>(n)});
    nav_.walkNodes(std::move(walk), path.isEmpty() ? tr("(no module)") : path);
    return true;
}

}  // namespace atenscope::gui
