// SPDX-License-Identifier: MIT
#pragma once
// Table models over a Summary, in the manner of hotspot's and heaptrack's: a shared base
// answers the boilerplate (row and column counts, headers with tooltips and their initial
// sort order); each model declares its columns and its cells. Raw numbers under SortRole,
// formatted text for display.
#include "analysis/Summary.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <string>
#include <vector>

namespace atenscope::gui {

inline constexpr int SortRole = Qt::UserRole;
inline constexpr int OpNameRole = Qt::UserRole + 1;    // both models: the op of the row
inline constexpr int NodeNameRole = Qt::UserRole + 2;  // node model: the node of the row
inline constexpr int GraphRole = Qt::UserRole + 3;     // node model: its subgraph

// A column as the header shows it: title, what it holds (tooltip), the direction a first click
// sorts it. The texts are marked for translation and translated when shown.
struct ColumnInfo {
    const char* title;
    const char* toolTip;
    Qt::SortOrder initialOrder;
};

// What a table needs to know of a model before it has rows: its columns, and how to sort.
class TableModelBase : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : columns(); }
    // Title (DisplayRole), what the column holds (ToolTipRole), the direction a first click
    // sorts it (Qt::InitialSortOrderRole: counts largest first, names A to Z).
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // The column a table sorts by when it opens, in that column's initial order.
    virtual int defaultSortColumn() const = 0;
    // True when the model sorts its rows itself (sort()): a table of 500,000 rows sorted by a
    // proxy through QVariant takes seconds; by typed keys, a tenth of that.
    virtual bool sortsItself() const { return false; }
    // True when the model matches rows to a filter itself (rowHas): a case-insensitive substring
    // of the shown texts, without a QString a cell.
    virtual bool filtersItself() const { return false; }
    virtual bool rowHas(int /*row*/, const QString& /*text*/) const { return true; }

protected:
    virtual int columns() const = 0;
    virtual const ColumnInfo& column(int column) const = 0;  // 0 <= column < columns()
};

// The rows, kept and reset as one.
template <typename Row>
class RowTableModel : public TableModelBase {
public:
    using TableModelBase::TableModelBase;

    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : static_cast<int>(rows_.size()); }
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override {
        if (!index.isValid() || index.row() >= rowCount() || index.column() >= columns()) return {};
        return cell(rows_[static_cast<std::size_t>(index.row())], index.column(), role);
    }

protected:
    void setRows(std::vector<Row> rows) {
        beginResetModel();
        rows_ = std::move(rows);
        endResetModel();
    }
    const std::vector<Row>& rows() const { return rows_; }
    virtual QVariant cell(const Row& row, int column, int role) const = 0;

private:
    std::vector<Row> rows_;
};

struct OpRow {
    QString op;
    quint64 count = 0;
    double share = 0;
    int variations = 0;
    QStringList where;
};

class OpFrequencyModel : public RowTableModel<OpRow> {
    Q_OBJECT
public:
    enum Column { Op, Count, Share, Variations, Where, ColumnCount };
    using RowTableModel::RowTableModel;

    void setSummary(const Summary& summary);
    int rowOf(const QString& op) const;
    int defaultSortColumn() const override { return Count; }
    // The last column's title when it lists something else than subgraphs (the models of a run).
    void setWhereTitle(const QString& title);
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    int columns() const override { return ColumnCount; }
    const ColumnInfo& column(int column) const override;
    QVariant cell(const OpRow& row, int column, int role) const override;

private:
    QString whereTitle_;
};

// The remaining nodes: the summary's details, shared (not copied), their text made when shown.
// Sorts itself (sortsItself()).
class RemainingNodeModel : public TableModelBase {
    Q_OBJECT
public:
    // The subgraph beside the node's name: two nodes of one name in two subgraphs told apart at a glance.
    enum Column { Op, Node, Subgraph, InputShapes, OutputShape, ModulePath, ColumnCount };
    using TableModelBase::TableModelBase;

    void setSummary(const Summary& summary);
    int rowOf(const QString& graph, const QString& node) const;
    int defaultSortColumn() const override { return Op; }
    bool sortsItself() const override { return true; }
    bool filtersItself() const override { return true; }
    bool rowHas(int row, const QString& text) const override;
    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : static_cast<int>(order_.size()); }
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    // By the column's text (input shapes one after another), ties in the summary's order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    int columns() const override { return ColumnCount; }
    const ColumnInfo& column(int column) const override;

private:
    void arrange();               // order_ by the sort column (kept across setSummary)
    mutable QString needleOf_;    // the filter text the needle below is made from
    mutable std::string needle_;  // it in UTF-8, lower case (ASCII)
    mutable bool asciiNeedle_ = true;
    DetailList details_;
    std::vector<std::uint32_t> order_;  // row -> detail
    int sortColumn_ = -1;
    Qt::SortOrder sortOrder_ = Qt::AscendingOrder;
};

}  // namespace atenscope::gui
