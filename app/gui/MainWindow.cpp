// SPDX-License-Identifier: MIT
#include "gui/MainWindow.h"

#include "gui/NodeText.h"
#include "gui/RecentFiles.h"

#include "analysis/ProfileChoice.h"
#include "analysis/Variation.h"
#include "base/Versions.h"
#include "render/GraphExport.h"
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
#include <QTableView>
#include <QTextBrowser>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <functional>

namespace atenscope::gui {

namespace {

// One helper wires a table: proxy over the model, sort role, filter field, initial sort.
QSortFilterProxyModel* setupTable(QTableView* view, TableModelBase* model, QLineEdit* filter, bool* filtering) {
    auto* proxy = new QSortFilterProxyModel(view);
    proxy->setSourceModel(model);
    proxy->setSortRole(SortRole);
    proxy->setFilterKeyColumn(-1);
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    // The model says which column and which way (counts largest first); a click on another
    // header sorts it the way that column's Qt::InitialSortOrderRole says.
    const int sortColumn = model->defaultSortColumn();
    view->sortByColumn(sortColumn, model->headerData(sortColumn, Qt::Horizontal, Qt::InitialSortOrderRole).value<Qt::SortOrder>());
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    // While the filter applies, the current row moves by itself: `filtering` tells the
    // window that this is not the user choosing a row.
    QObject::connect(filter, &QLineEdit::textChanged, proxy, [proxy, filtering](const QString& text) {
        *filtering = true;
        proxy->setFilterRegularExpression(QRegularExpression(QRegularExpression::escape(text), QRegularExpression::CaseInsensitiveOption));
        *filtering = false;
    });
    return proxy;
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), schemas_(makeSchemaSource()) {
    setWindowTitle(QStringLiteral("AtenScope"));
    setAcceptDrops(true);
    QSettings settings;
    const QString profile = settings.value(QStringLiteral("profile"), QStringLiteral(":auto")).toString();
    profile_ = loadProfile("ttnn");
    try {
        if (profile != QLatin1String(":auto")) {
            QString name = profile;
            predict_ = name.endsWith(QLatin1String(":predict"));
            if (predict_) name.chop(8);
            profile_ = loadProfile(name.toStdString());
            autoProfile_ = false;
        }
    } catch (const std::exception&) {
        predict_ = false;  // a profile file gone since: automatic
    }
    weights_ = settings.value(QStringLiteral("showWeights"), true).toBool();
    buildUi();
    buildMenus();
    connect(&loader_, &Loader::progress, this, [this](int done, int total, const QString& what) {
        progress_->setMaximum(std::max(total, 1));
        progress_->setValue(done);
        progress_->setFormat(what);
    });
    connect(&loader_, &Loader::loaded, this, &MainWindow::onLoaded);
    connect(&loader_, &Loader::failed, this, &MainWindow::onFailed);
    connect(&loader_, &Loader::canceled, this, [this] {
        restoreAfterLoad_.reset();
        progress_->hide();
        cancel_->hide();
        statusBar()->showMessage(tr("Loading canceled"), 5000);
    });
    resize(1400, 900);
    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("windowState")).toByteArray());
    opTable_->horizontalHeader()->restoreState(settings.value(QStringLiteral("opTableHeader")).toByteArray());
    nodeTable_->horizontalHeader()->restoreState(settings.value(QStringLiteral("nodeTableHeader")).toByteArray());
}

MainWindow::~MainWindow() {
    disconnect(&loader_, nullptr, this, nullptr);  // the loader drops its load quietly as it goes
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
    connect(&nav_, &Navigator::currentGraphChanged, this, &MainWindow::showGraph);
    connect(&nav_, &Navigator::walkChanged, this, &MainWindow::applyHighlight);
    connect(&nav_, &Navigator::selectionChanged, this, &MainWindow::onSelectionChanged);

    // Toolbar: choosers, zoom, search.
    auto* tb = addToolBar(tr("Main"));
    tb->setObjectName(QStringLiteral("mainToolbar"));
    tb->addWidget(new QLabel(tr(" Model "), tb));
    modelBox_ = new QComboBox(tb);
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
    if (autoProfile_)
        profileBox_->setCurrentIndex(0);
    else if (predict_)
        profileBox_->setCurrentIndex(profileBox_->findData(QStringLiteral("ttnn:predict")));
    else
        profileBox_->setCurrentText(qtext(profile_.name));
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

    // Docks: op frequency, remaining nodes, details, overview.
    auto makeTableDock = [this](const QString& title, const QString& name, QTableView*& table, QLineEdit*& filter) {
        auto* dock = new QDockWidget(title, this);
        dock->setObjectName(name);
        auto* w = new QWidget(dock);
        auto* l = new QVBoxLayout(w);
        l->setContentsMargins(4, 4, 4, 4);
        filter = new QLineEdit(w);
        filter->setPlaceholderText(tr("Filter"));
        filter->setClearButtonEnabled(true);
        table = new QTableView(w);
        l->addWidget(filter);
        l->addWidget(table);
        dock->setWidget(w);
        w->setMinimumWidth(440);
        return dock;
    };
    QLineEdit* opFilter = nullptr;
    QLineEdit* nodeFilter = nullptr;
    auto* opDock = makeTableDock(tr("Remaining aten ops"), QStringLiteral("opDock"), opTable_, opFilter);
    auto* nodeDock = makeTableDock(tr("Remaining nodes"), QStringLiteral("nodeDock"), nodeTable_, nodeFilter);
    opTable_->setObjectName(QStringLiteral("opTable"));
    nodeTable_->setObjectName(QStringLiteral("nodeTable"));
    opProxy_ = setupTable(opTable_, &opModel_, opFilter, &syncing_);
    nodeProxy_ = setupTable(nodeTable_, &nodeModel_, nodeFilter, &syncing_);
    // Column widths follow the content (fitColumns); what the user drags stays for the session,
    // and the headers' order, sort and widths come back at the next start.
    for (QTableView* table : {opTable_, nodeTable_}) {
        table->horizontalHeader()->setSectionsMovable(true);
        table->horizontalHeader()->setStretchLastSection(false);
    }
    connect(opTable_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (syncing_ || !current.isValid()) return;
        selectOp(current.data(OpNameRole).toString());
    });
    // Clicking the op's row again starts its walk again (the row stays current: no signal above).
    connect(opTable_, &QTableView::clicked, this, [this](const QModelIndex& index) {
        const QString op = index.data(OpNameRole).toString();
        if (!op.isEmpty() && (nav_.walkIsSearch() || nav_.walkSubject() != op || nav_.walkPosition() < 0)) selectOp(op);
    });
    connect(nodeTable_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (syncing_ || !current.isValid()) return;
        selectNodeByName(current.data(GraphRole).toString(), current.data(NodeNameRole).toString());
    });

    auto* detailsDock = new QDockWidget(tr("Details"), this);
    detailsDock->setObjectName(QStringLiteral("detailsDock"));
    details_ = new QTextBrowser(detailsDock);
    details_->setObjectName(QStringLiteral("details"));
    details_->setOpenLinks(false);
    details_->setMinimumWidth(380);
    // Inputs and users are links: following one selects that node and goes to it.
    connect(details_, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
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

    addDockWidget(Qt::LeftDockWidgetArea, opDock);
    addDockWidget(Qt::LeftDockWidgetArea, nodeDock);
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
    ex->addAction(tr("Whole graph as PNG or SVG..."), this, [=, this] {
        exportTo(tr("Export whole graph"), QStringLiteral("graph"), QStringLiteral("png"), tr("Images (*.png *.svg)"),
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
    weightsAction_ = view->addAction(tr("Show &weights and constants"), this, &MainWindow::setShowWeights);
    weightsAction_->setCheckable(true);
    weightsAction_->setChecked(weights_);
    weightsAction_->setToolTip(tr("Weights, buffers and constants: hiding them lays the graph out without rows of parameters"));
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

void MainWindow::openFiles(const QStringList& files) {
    if (files.isEmpty()) return;
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
    session_ = std::move(session);
    addRecent(session_->files);
    modelBox_->clear();
    for (const auto& m : session_->models) modelBox_->addItem(qtext(m.model.name));
    statusBar()->showMessage(tr("Loaded %1").arg(session_->files.join(QStringLiteral(", "))), 5000);
    const auto back = std::exchange(restoreAfterLoad_, std::nullopt);
    setModel(back ? back->first : 0);
    if (back) setSubgraph(back->second);
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
    QSettings().setValue(QStringLiteral("showWeights"), show);
    if (!session_) return;
    // Lay the same files out again, and come back to the same model and subgraph.
    restoreAfterLoad_ = std::make_pair(model_, nav_.currentGraph());
    openFiles(session_->files);
}

void MainWindow::onFailed(const QString& message) {
    restoreAfterLoad_.reset();
    progress_->hide();
    cancel_->hide();
    showError(tr("Cannot open"), message);
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
    const QString file = QFileInfo(qtext(m.graphs.empty() ? std::string() : m.graphs.front().source)).fileName();
    setWindowTitle(session_->models.size() > 1 || file.isEmpty() ? QStringLiteral("%1 - AtenScope").arg(qtext(m.name))
                                                                 : QStringLiteral("%1 (%2) - AtenScope").arg(qtext(m.name), file));
    if (autoProfile_) chooseProfileForModel();
    reanalyze();
    nav_.setModel(&m);                   // shows subgraph 0
    if (m.graphs.empty()) showGraph(0);  // no graph: the pane says why and how to get one
    // Start where the user would: the most frequent remaining op, its first node.
    const QModelIndex top = opProxy_->index(0, 0);
    if (top.isValid()) selectOp(top.data(OpNameRole).toString());
}

void MainWindow::setSubgraph(int index) {
    if (!session_ || index < 0 || index >= graphBox_->count()) return;
    nav_.setCurrentGraph(index);
}

void MainWindow::setProfile(const QString& nameOrFile) {
    if (nameOrFile == QLatin1String(":auto")) {
        autoProfile_ = true;
        QSettings().setValue(QStringLiteral("profile"), nameOrFile);
        profileBox_->setCurrentIndex(0);
        if (!session_) return;
        chooseProfileForModel();
    } else {
        QString name = nameOrFile;
        const bool predict = name.endsWith(QLatin1String(":predict"));
        if (predict) name.chop(8);
        try {
            profile_ = loadProfile(name.toStdString());
        } catch (const std::exception& e) {
            showError(tr("Cannot use the profile"), qtext(e.what()));
            return;
        }
        predict_ = predict;
        autoProfile_ = false;
        autoReason_.clear();
        QSettings().setValue(QStringLiteral("profile"), nameOrFile);
        // The chooser shows what is in force: a builtin, its prediction, or the file.
        int item = predict ? profileBox_->findData(QStringLiteral("ttnn:predict")) : profileBox_->findText(name);
        if (item < 0) {
            profileBox_->insertItem(profileBox_->count() - 1, QFileInfo(name).fileName(), name);
            item = profileBox_->count() - 2;
        }
        profileBox_->setCurrentIndex(item);
    }
    if (!session_) return;
    reanalyze();
    if (const Graph* g = currentGraph()) view_->setClasses(viewClasses(*g, profile_, predict_));
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
    overview_->invalidate();
    applyHighlight();
    updateSummary();
}

void MainWindow::applyHighlight() {
    Highlight h;
    const int graph = nav_.currentGraph();
    h.marked = nav_.walkMask(graph);
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
    if (!node.valid() || node.graph != nav_.currentGraph()) {
        details_->clear();
        return;
    }
    if (!clicked_) view_->centerOn(node.node);
    if (const GraphDrawing* d = view_->drawing(); d && !d->shown(static_cast<std::size_t>(node.node)))
        statusBar()->showMessage(tr("%1 is a weight or constant, hidden: View > Show weights and constants")
                                     .arg(qtext(currentGraph()->nodes[static_cast<std::size_t>(node.node)].name)),
                                 5000);
    showDetails(node.node);
    syncNodeTable(node.node);
}

void MainWindow::refreshTables() {
    // New rows move the tables' current rows by themselves: not the user's choice.
    syncing_ = true;
    opModel_.setSummary(report_.total);
    nodeModel_.setSummary(report_.total);
    syncing_ = false;
    fitColumns(opTable_, OpFrequencyModel::Op);
    fitColumns(nodeTable_, -1);
}

void MainWindow::fitColumns(QTableView* table, int stretch) {
    // Each column as wide as its header and its widest cell among the first rows, capped so
    // that one long op name or shape list cannot push the others out of the dock; the full
    // text is in the cell's tooltip.
    QHeaderView* header = table->horizontalHeader();
    // With a stretched column (the op names), the others leave it at least half the width: long
    // subgraph lists ("[0/0] aot_backward_graph, [0/0] aot_forward_graph") must not squeeze it.
    const int cap = stretch >= 0 ? std::max(90, table->viewport()->width() / 5) : std::max(160, table->viewport()->width() / 2);
    const QFontMetrics fm(table->font());
    const auto* model = table->model();
    const int rows = std::min(model->rowCount(), 200);
    for (int c = 0; c < model->columnCount(); ++c) {
        int width = QFontMetrics(header->font()).horizontalAdvance(model->headerData(c, Qt::Horizontal).toString()) + 28;
        for (int r = 0; r < rows; ++r) width = std::max(width, fm.horizontalAdvance(model->index(r, c).data().toString()) + 16);
        header->resizeSection(c, std::min(width, cap));
    }
    // The stretched column (the op names) takes what the others leave, eliding what it must:
    // the counts beside it always show.
    if (stretch >= 0) header->setSectionResizeMode(stretch, QHeaderView::Stretch);
}

void MainWindow::updateSummary() {
    if (!session_) return;
    const int graph = nav_.currentGraph();
    const Summary* sub = report_.subgraphs.size() > 1 && graph < static_cast<int>(report_.subgraphs.size())
                             ? &report_.subgraphs[static_cast<std::size_t>(graph)]
                             : nullptr;
    summary_->setText(summaryHtml(report_.total, sub, autoProfile_ ? autoReason_ : QString()));
}

void MainWindow::selectOp(const QString& op) {
    if (!session_) return;
    // No graph to walk (a metrics folder alone): the details say what is known of the op.
    if (!currentGraph()) details_->setHtml(opDetailsHtml(report_.total, op.toStdString()));
    nav_.walkOp(op);
    const int row = opModel_.rowOf(op);
    if (row >= 0) {
        syncing_ = true;
        opTable_->setCurrentIndex(opProxy_->mapFromSource(opModel_.index(row, 0)));
        syncing_ = false;
    }
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
    const int row = nodeModel_.rowOf(qtext(g->name), qtext(g->nodes[static_cast<std::size_t>(node)].name));
    syncing_ = true;
    if (row >= 0) {
        const QModelIndex idx = nodeProxy_->mapFromSource(nodeModel_.index(row, 0));
        nodeTable_->setCurrentIndex(idx);
        nodeTable_->scrollTo(idx);
    } else {
        nodeTable_->clearSelection();
    }
    syncing_ = false;
}

QString MainWindow::nodeToolTip(int index) const {
    const Graph* g = currentGraph();
    if (!g || index < 0 || static_cast<std::size_t>(index) >= g->nodes.size()) return {};
    return nodeToolTipHtml(*g, static_cast<std::size_t>(index), classOf(index));
}

NodeClass MainWindow::classOf(int index) const {
    const auto& classes = view_->classes();
    return index >= 0 && static_cast<std::size_t>(index) < classes.size() ? classes[static_cast<std::size_t>(index)] : NodeClass::Other;
}

void MainWindow::showDetails(int index) {
    const Graph* g = currentGraph();
    if (!g || index < 0) return;
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
    const bool ok = path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)
                        ? writeGraphSvg(path, *view_->drawing(), view_->classes(), view_->highlight(), width, &lastError_)
                        : writeImage(path, renderGraphImage(*view_->drawing(), view_->classes(), view_->highlight(), width), &lastError_);
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
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("_"));
    const QString folder =
        QSettings().value(QStringLiteral("exportFolder"), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).toString();
    return QDir(folder).filePath(name + QLatin1Char('.') + suffix);
}

bool MainWindow::exportOpTable(const QString& path) {
    return exportTable(*opProxy_, path);
}
bool MainWindow::exportNodeTable(const QString& path) {
    return exportTable(*nodeProxy_, path);
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
    settings.setValue(QStringLiteral("opTableHeader"), opTable_->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("nodeTableHeader"), nodeTable_->horizontalHeader()->saveState());
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

}  // namespace atenscope::gui
