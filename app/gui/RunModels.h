// SPDX-License-Identifier: MIT
#pragma once
// The window's tables over a whole run (several models): the models with their status and
// counts, the op-by-model matrix, and the changes since a baseline run.
#include "gui/TableModels.h"

#include "analysis/RunDiff.h"

#include <QImage>
#include "analysis/RunReport.h"

#include <QColor>

namespace atenscope::gui {

inline constexpr int ModelNameRole = Qt::UserRole + 4;  // run tables: the model of the row
inline constexpr int StatusRole = Qt::UserRole + 5;     // models table: "converted", "remaining", "failed"

// The nodes of `graph` (of the model `report` analyses) remaining now and not in `baseline` (its
// report of the same model: by name, or the one model of each side): with the baseline's graphs,
// nodes by name; with only its op lists (a metrics file), by op and input variation.
std::vector<bool> freshNodes(const Graph& graph, const ModelReport& report, const ModelReport* baseline);

// The remaining aten ops a diff adds and removes over the run (each op's count change summed).
std::pair<std::size_t, std::size_t> opChanges(const RunDiff& diff);

// A model's status drawn (a green tick, an orange bar, a red cross), 14 px: no emoji font needed.
QImage statusIcon(ModelStatus s);

class RunModelTable : public RowTableModel<RunModel> {
    Q_OBJECT
public:
    enum Column { Model, Status, Before, Remaining, Unique, DataMovement, Conversion, ColumnCount };
    using RowTableModel::RowTableModel;

    void setRun(const RunReport& run);
    int rowOf(const QString& model) const;
    int defaultSortColumn() const override { return Remaining; }

protected:
    int columns() const override { return ColumnCount; }
    const ColumnInfo& column(int column) const override;
    QVariant cell(const RunModel& row, int column, int role) const override;
};

// Rows: models; columns: the run's remaining ops, most frequent first; a cell: that op's nodes
// in that model, coloured by count (log scale, white to red).
class OpMatrixModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;
    void setRun(const RunReport& run);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QString op(int column) const;
    QString model(int row) const;
    static QColor colorFor(std::uint64_t count, std::uint64_t max);

private:
    std::vector<QString> ops_;
    std::vector<QString> models_;
    std::vector<bool> failed_;
    std::vector<std::uint64_t> counts_;  // row-major
    std::uint64_t max_ = 0;
};

// One row per model of either run that changed (or is new or gone).
class ModelChangeModel : public RowTableModel<ModelDiff> {
    Q_OBJECT
public:
    enum Column { Model, Verdict, Before, After, Change, What, ColumnCount };
    using RowTableModel::RowTableModel;

    void setDiff(const RunDiff& diff);  // the diff's runs must outlive the rows
    int defaultSortColumn() const override { return Verdict; }

protected:
    int columns() const override { return ColumnCount; }
    const ColumnInfo& column(int column) const override;
    QVariant cell(const ModelDiff& row, int column, int role) const override;
};

}  // namespace atenscope::gui
