// SPDX-License-Identifier: MIT
#pragma once
// The module outline of the shown subgraph: modules nested as the model nests them, with how
// many nodes each holds and how many of them remain, are converted or move data.
#include "gui/TableModels.h"

#include "analysis/ModuleTree.h"

#include <QAbstractItemModel>

namespace atenscope::gui {

inline constexpr int ModulePathRole = Qt::UserRole + 6;  // the module's path ("" for the root)

class ModuleTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Module, Class, Nodes, Remaining, Converted, DataMovement, ColumnCount };
    using QAbstractItemModel::QAbstractItemModel;

    void setTree(ModuleTree tree);
    const ModuleTree& tree() const { return tree_; }
    QModelIndex indexOf(int module) const;
    int moduleOf(const QModelIndex& index) const;  // -1 when invalid

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // The top level shows the root's children and, when some nodes sit outside every module,
    // the root itself as "(no module)".
    std::vector<int> topLevel() const;
    ModuleTree tree_;
    std::vector<int> rowInParent_;  // per module
};

}  // namespace atenscope::gui
