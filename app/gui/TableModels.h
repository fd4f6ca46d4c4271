// SPDX-License-Identifier: MIT
#pragma once
// Table models over a Summary: raw numbers under Qt::UserRole (the sort role),
// formatted text for display.
#include "analysis/Summary.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace atenscope::gui {

inline constexpr int SortRole = Qt::UserRole;
inline constexpr int OpNameRole = Qt::UserRole + 1;    // both models: the op of the row
inline constexpr int NodeNameRole = Qt::UserRole + 2;  // node model: the node of the row
inline constexpr int GraphRole = Qt::UserRole + 3;     // node model: its subgraph

class OpFrequencyModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Op, Count, Share, Variations, Where, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setSummary(const Summary& summary);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    int rowOf(const QString& op) const;

private:
    struct Row {
        QString op;
        quint64 count = 0;
        double share = 0;
        int variations = 0;
        QStringList where;
    };
    std::vector<Row> rows_;
};

class RemainingNodeModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Op, Node, InputShapes, OutputShape, ModulePath, Subgraph, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setSummary(const Summary& summary);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    int rowOf(const QString& graph, const QString& node) const;

private:
    struct Row {
        QString op, node, inputs, output, module, graph, variation;
    };
    std::vector<Row> rows_;
};

}  // namespace atenscope::gui
