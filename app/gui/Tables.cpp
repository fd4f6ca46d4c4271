// SPDX-License-Identifier: MIT
#include "gui/Tables.h"

#include <QFontMetrics>
#include <QHeaderView>
#include <QLineEdit>
#include <QSettings>
#include <QTableView>
#include <QTimer>

namespace atenscope::gui {

namespace {

// A table's proxy: filters, and sorts unless the model sorts itself (then the proxy keeps the
// model's order and hands it the sort).
class TableProxy : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void sort(int column, Qt::SortOrder order) override {
        if (auto* m = model(); m && m->sortsItself()) {
            m->sort(column, order);
            return;
        }
        QSortFilterProxyModel::sort(column, order);
    }
    // The filter field's text: matched by the model when it can (every row of 500,000 as
    // QStrings through a regular expression takes a second a keystroke), else as a
    // case-insensitive substring by the proxy.
    void setFilterText(const QString& text) {
        text_ = text;
        setFilterFixedString(text);  // filters again (case-insensitive: setupTable)
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
        if (auto* m = model(); m && m->filtersItself()) return m->rowHas(row, text_);
        return QSortFilterProxyModel::filterAcceptsRow(row, parent);
    }

private:
    TableModelBase* model() const { return static_cast<TableModelBase*>(sourceModel()); }
    QString text_;
};

}  // namespace

// One helper wires a table: proxy over the model, sort role, filter field, initial sort.

QSortFilterProxyModel* setupTable(QTableView* view, TableModelBase* model, QLineEdit* filter, bool* filtering,
                                  std::function<void()> resync) {
    auto* proxy = new TableProxy(view);
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
    // window that this is not the user choosing a row, and `resync` puts the current row back
    // on what the window walks or shows (or on none, when that row is filtered out), so the
    // highlighted row is never another op than the one F3 walks.
    QObject::connect(filter, &QLineEdit::textChanged, proxy, [proxy, filtering, resync = std::move(resync)](const QString& text) {
        *filtering = true;
        proxy->setFilterText(text);
        if (resync) resync();
        *filtering = false;
    });
    return proxy;
}

void fitColumns(QTableView* table, int stretch) {
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

void keepHeaderState(QTableView* table, const QString& key) {
    QHeaderView* header = table->horizontalHeader();
    header->restoreState(QSettings().value(key).toByteArray());
    // Kept a moment after the last change (fitting the columns resizes each one: one write),
    // and when the table goes (flushHeaderState).
    auto* later = new QTimer(header);
    later->setObjectName(QStringLiteral("keepHeaderState"));
    later->setProperty("key", key);
    later->setSingleShot(true);
    later->setInterval(400);
    QObject::connect(later, &QTimer::timeout, header, [header, key] { QSettings().setValue(key, header->saveState()); });
    const auto keep = [later] { later->start(); };
    QObject::connect(header, &QHeaderView::sectionResized, later, keep);
    QObject::connect(header, &QHeaderView::sectionMoved, later, keep);
    QObject::connect(header, &QHeaderView::sortIndicatorChanged, later, keep);
}

void flushHeaderState(QTableView* table) {
    QHeaderView* header = table->horizontalHeader();
    auto* later = header->findChild<QTimer*>(QStringLiteral("keepHeaderState"), Qt::FindDirectChildrenOnly);
    if (!later || !later->isActive()) return;
    later->stop();
    QSettings().setValue(later->property("key").toString(), header->saveState());
}

}  // namespace atenscope::gui
