// SPDX-License-Identifier: MIT
#include "gui/ModuleModel.h"

#include "render/QtText.h"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>

namespace atenscope::gui {

void ModuleTreeModel::setTree(ModuleTree tree) {
    beginResetModel();
    tree_ = std::move(tree);
    rowInParent_.assign(tree_.modules.size(), 0);
    for (const auto& m : tree_.modules)
        for (std::size_t r = 0; r < m.children.size(); ++r) rowInParent_[static_cast<std::size_t>(m.children[r])] = static_cast<int>(r);
    const auto top = topLevel();
    for (std::size_t r = 0; r < top.size(); ++r) rowInParent_[static_cast<std::size_t>(top[r])] = static_cast<int>(r);
    endResetModel();
}

std::vector<int> ModuleTreeModel::topLevel() const {
    if (tree_.modules.empty()) return {};
    std::vector<int> top = tree_.modules[0].children;
    if (!tree_.modules[0].own.empty()) top.push_back(0);
    return top;
}

QModelIndex ModuleTreeModel::indexOf(int module) const {
    if (module < 0 || module >= static_cast<int>(tree_.modules.size())) return {};
    return createIndex(rowInParent_[static_cast<std::size_t>(module)], 0, static_cast<quintptr>(module));
}

int ModuleTreeModel::moduleOf(const QModelIndex& index) const {
    return index.isValid() ? static_cast<int>(index.internalId()) : -1;
}

QModelIndex ModuleTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount) return {};
    if (!parent.isValid()) {
        const auto top = topLevel();
        return row < static_cast<int>(top.size()) ? createIndex(row, column, static_cast<quintptr>(top[static_cast<std::size_t>(row)]))
                                                  : QModelIndex();
    }
    const int p = moduleOf(parent);
    if (p == 0) return {};  // "(no module)" has no children shown
    const auto& children = tree_.modules[static_cast<std::size_t>(p)].children;
    return row < static_cast<int>(children.size())
               ? createIndex(row, column, static_cast<quintptr>(children[static_cast<std::size_t>(row)]))
               : QModelIndex();
}

QModelIndex ModuleTreeModel::parent(const QModelIndex& child) const {
    const int m = moduleOf(child);
    if (m <= 0) return {};
    const int p = tree_.modules[static_cast<std::size_t>(m)].parent;
    if (p <= 0) return {};
    return createIndex(rowInParent_[static_cast<std::size_t>(p)], 0, static_cast<quintptr>(p));
}

int ModuleTreeModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return static_cast<int>(topLevel().size());
    if (parent.column() != 0) return 0;
    const int m = moduleOf(parent);
    return m <= 0 ? 0 : static_cast<int>(tree_.modules[static_cast<std::size_t>(m)].children.size());
}

int ModuleTreeModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant ModuleTreeModel::data(const QModelIndex& index, int role) const {
    const int id = moduleOf(index);
    if (id < 0) return {};
    const ModuleNode& m = tree_.modules[static_cast<std::size_t>(id)];
    // The root, shown as "(no module)", counts only the nodes outside every module.
    const bool root = id == 0;
    const std::uint64_t nodes = root ? m.own.size() : m.nodes;
    if (role == ModulePathRole) return qtext(m.path);
    if (role == Qt::ToolTipRole) return root ? QCoreApplication::translate("TableModels", "Nodes outside every module") : qtext(m.path);
    if (role == Qt::TextAlignmentRole && index.column() >= Nodes)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    if (role == Qt::ForegroundRole && index.column() == Remaining && m.remaining) return QBrush(QColor(0xc6, 0x28, 0x28));
    if (role != Qt::DisplayRole && role != SortRole) return {};
    switch (index.column()) {
        case Module:
            return root ? QCoreApplication::translate("TableModels", "(no module)") : qtext(m.name);
        case Class:
            return qtext(m.type);
        case Nodes:
            return QVariant::fromValue(nodes);
        case Remaining:
            return root ? QVariant() : QVariant::fromValue(m.remaining);
        case Converted:
            return root ? QVariant() : QVariant::fromValue(m.converted);
        default:
            return root ? QVariant() : QVariant::fromValue(m.dataMovement);
    }
}

QVariant ModuleTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) return {};
    static const char* const titles[ColumnCount] = {
        QT_TRANSLATE_NOOP("TableModels", "Module"),    QT_TRANSLATE_NOOP("TableModels", "Class"),
        QT_TRANSLATE_NOOP("TableModels", "Nodes"),     QT_TRANSLATE_NOOP("TableModels", "Remaining"),
        QT_TRANSLATE_NOOP("TableModels", "Converted"), QT_TRANSLATE_NOOP("TableModels", "To/From Device"),
    };
    static const char* const tips[ColumnCount] = {
        QT_TRANSLATE_NOOP("TableModels", "The module, below its parent (its path in the tooltip)"),
        QT_TRANSLATE_NOOP("TableModels", "The module's class"),
        QT_TRANSLATE_NOOP("TableModels", "Nodes in it and its submodules"),
        QT_TRANSLATE_NOOP("TableModels", "Aten ops the backend left, in it and its submodules"),
        QT_TRANSLATE_NOOP("TableModels", "Ops the backend converted"),
        QT_TRANSLATE_NOOP("TableModels", "Host/device data movement"),
    };
    if (role == Qt::DisplayRole) return QCoreApplication::translate("TableModels", titles[section]);
    if (role == Qt::ToolTipRole) return QCoreApplication::translate("TableModels", tips[section]);
    if (role == Qt::InitialSortOrderRole) return QVariant::fromValue(section <= Class ? Qt::AscendingOrder : Qt::DescendingOrder);
    return {};
}

}  // namespace atenscope::gui
