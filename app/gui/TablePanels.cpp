// SPDX-License-Identifier: MIT
#include "gui/TablePanels.h"

#include "gui/Tables.h"

#include "render/GroupedLayout.h"
#include "render/QtText.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

#include <utility>

namespace atenscope::gui {

namespace {

// A filter field above a table: what the ops and nodes panels share.
QLineEdit* filterAbove(QWidget* panel, QVBoxLayout* layout, QTableView*& table, const QString& name) {
    layout->setContentsMargins(4, 4, 4, 4);
    auto* filter = new QLineEdit(panel);
    filter->setPlaceholderText(QObject::tr("Filter"));
    filter->setClearButtonEnabled(true);
    table = new QTableView(panel);
    table->setObjectName(name);
    layout->addWidget(filter);
    layout->addWidget(table);
    panel->setMinimumWidth(440);
    return filter;
}

// Column widths follow the content (fitColumns); what the user drags stays for the session, and
// the headers' order, sort and widths come back at the next start (kept under `key`).
void movableColumns(QTableView* table, const QString& key) {
    table->horizontalHeader()->setSectionsMovable(true);
    table->horizontalHeader()->setStretchLastSection(false);
    keepHeaderState(table, key);
}

}  // namespace

OpsPanel::OpsPanel(QWidget* parent) : QWidget(parent) {
    auto* l = new QVBoxLayout(this);
    // The op table over this model or over every model of the run.
    auto* row = new QHBoxLayout();
    row->addWidget(new QLabel(tr("Ops of"), this));
    scope_ = new QComboBox(this);
    scope_->setObjectName(QStringLiteral("scopeBox"));
    scope_->addItem(tr("this model"));
    scope_->addItem(tr("the whole run"));
    scope_->setToolTip(tr("Count the remaining ops of the shown model, or of every model opened (a metrics root, a run)"));
    scope_->setEnabled(false);
    row->addWidget(scope_, 1);
    l->addLayout(row);
    connect(scope_, qOverload<int>(&QComboBox::activated), this, [this](int i) { emit scopeChosen(i == 1); });
    QLineEdit* filter = filterAbove(this, l, table_, QStringLiteral("opTable"));
    proxy_ = setupTable(table_, &model_, filter, &syncing_, [this] { showOp(shown_); });
    movableColumns(table_, QStringLiteral("opTableHeader"));
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (syncing_ || !current.isValid()) return;
        shown_ = current.data(OpNameRole).toString();
        emit opChosen(shown_);
    });
    // Clicking the op's row again starts its walk again (the row stays current: no signal above).
    connect(table_, &QTableView::clicked, this, [this](const QModelIndex& index) {
        const QString op = index.data(OpNameRole).toString();
        if (!op.isEmpty()) emit opClicked(op);
    });
}

void OpsPanel::setSummary(const Summary& summary, bool run) {
    syncing_ = true;  // new rows move the current row by themselves: not the user's choice
    model_.setSummary(summary);
    model_.setWhereTitle(run ? tr("Models") : QString());
    syncing_ = false;
    fitColumns(table_, OpFrequencyModel::Op);
}

void OpsPanel::setScopeEnabled(bool enabled) {
    scope_->setEnabled(enabled);
}

void OpsPanel::setScopeRun(bool run) {
    scope_->setCurrentIndex(run ? 1 : 0);
}

void OpsPanel::showOp(const QString& op) {
    shown_ = op;
    const int row = op.isEmpty() ? -1 : model_.rowOf(op);
    const QModelIndex at = row >= 0 ? proxy_->mapFromSource(model_.index(row, 0)) : QModelIndex();
    const bool was = std::exchange(syncing_, true);
    if (at.isValid()) {
        if (table_->currentIndex().row() != at.row()) table_->setCurrentIndex(at);
    } else {
        table_->selectionModel()->clear();
    }
    syncing_ = was;
}

QString OpsPanel::firstOp() const {
    const QModelIndex top = proxy_->index(0, 0);
    return top.isValid() ? top.data(OpNameRole).toString() : QString();
}

NodesPanel::NodesPanel(QWidget* parent) : QWidget(parent) {
    auto* l = new QVBoxLayout(this);
    QLineEdit* filter = filterAbove(this, l, table_, QStringLiteral("nodeTable"));
    proxy_ = setupTable(table_, &model_, filter, &syncing_, [this] { showNode(graph_, node_); });
    movableColumns(table_, QStringLiteral("nodeTableHeader2"));
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (syncing_ || !current.isValid()) return;
        emit nodeChosen(current.data(GraphRole).toString(), current.data(NodeNameRole).toString());
    });
}

void NodesPanel::setSummary(const Summary& summary) {
    syncing_ = true;
    model_.setSummary(summary);
    syncing_ = false;
    fitColumns(table_, -1);
}

void NodesPanel::showNode(const QString& graph, const QString& node) {
    graph_ = graph;
    node_ = node;
    const int row = node.isEmpty() ? -1 : model_.rowOf(graph, node);
    const bool was = std::exchange(syncing_, true);
    if (row >= 0) {
        const QModelIndex idx = proxy_->mapFromSource(model_.index(row, 0));
        table_->setCurrentIndex(idx);
        table_->scrollTo(idx);
    } else {
        table_->selectionModel()->clear();
    }
    syncing_ = was;
}

ModulesPanel::ModulesPanel(QWidget* parent) : QWidget(parent) {
    auto* l = new QVBoxLayout(this);
    l->setContentsMargins(4, 4, 4, 4);
    auto* filter = new QLineEdit(this);
    filter->setPlaceholderText(tr("Filter modules (name or class)"));
    filter->setClearButtonEnabled(true);
    tree_ = new QTreeView(this);
    tree_->setObjectName(QStringLiteral("moduleTree"));
    proxy_ = new QSortFilterProxyModel(tree_);
    proxy_->setSourceModel(&model_);
    proxy_->setSortRole(SortRole);
    proxy_->setFilterKeyColumn(-1);
    proxy_->setRecursiveFilteringEnabled(true);  // the matches' parents stay
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    tree_->setModel(proxy_);
    tree_->setSortingEnabled(true);
    tree_->sortByColumn(-1, Qt::AscendingOrder);  // the graph's order until a header is clicked
    tree_->setUniformRowHeights(true);
    tree_->setAlternatingRowColors(true);
    tree_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(filter, &QLineEdit::textChanged, proxy_, [this](const QString& text) {
        proxy_->setFilterRegularExpression(QRegularExpression(QRegularExpression::escape(text), QRegularExpression::CaseInsensitiveOption));
        if (!text.isEmpty()) tree_->expandAll();
    });
    connect(tree_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (syncing_ || !current.isValid()) return;
        emit moduleChosen(current.data(ModulePathRole).toString());
    });
    l->addWidget(filter);
    l->addWidget(tree_);
}

void ModulesPanel::setTree(ModuleTree tree) {
    syncing_ = true;
    model_.setTree(std::move(tree));
    syncing_ = false;
    // The first levels open: a model, its blocks (layers), their parts.
    tree_->expandToDepth(1);
    for (int c = ModuleTreeModel::Class; c < ModuleTreeModel::ColumnCount; ++c) tree_->resizeColumnToContents(c);
    tree_->setColumnWidth(ModuleTreeModel::Module, 170);  // names nest: the counts beside them must show
}

void ModulesPanel::showModule(int id) {
    const QModelIndex source = model_.indexOf(id);
    if (!source.isValid()) return;
    const bool was = std::exchange(syncing_, true);
    tree_->setCurrentIndex(proxy_->mapFromSource(source));
    syncing_ = was;
}

OpsPanel::~OpsPanel() {
    flushHeaderState(table_);
}

NodesPanel::~NodesPanel() {
    flushHeaderState(table_);
}

void NodesPanel::showNode(const Graph& g, int index) {
    const PartitionIndex parts(g);
    if (index >= 0 && static_cast<std::size_t>(index) < parts.size())
        showNode(qtext(g.name), qtext(parts.node(static_cast<std::size_t>(index)).name));
}

void ModulesPanel::showGraph(const Graph* g, const GroupedLayout* groups, const std::vector<NodeClass>& classes) {
    ModuleTree tree;
    if (groups) {
        tree = groups->tree();
        countClasses(tree, classes);
    } else if (g) {
        tree = buildModuleTree(*g, classes);
    }
    setTree(std::move(tree));
}

std::optional<std::vector<std::uint32_t>> ModulesPanel::choose(const QString& path) {
    const ModuleTree& tree = model_.tree();
    const int id = tree.find(path.toStdString());
    if (id < 0 || tree.modules.empty()) return std::nullopt;
    showModule(id);
    return id == 0 ? tree.modules[0].own : tree.nodesUnder(id);
}

}  // namespace atenscope::gui
