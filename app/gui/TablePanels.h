// SPDX-License-Identifier: MIT
#pragma once
// The window's table panels, each its own widget over its model (as hotspot's pages are): the
// remaining ops (this model or the whole run), the remaining nodes, the module outline. Each shows
// what the window hands it, keeps its current row on what the window says is walked or selected
// (without saying it back), and says what the user chose.
#include "gui/ModuleModel.h"
#include "gui/TableModels.h"

#include <optional>

#include <QWidget>

class QComboBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTreeView;

namespace atenscope {
class GroupedLayout;
}

namespace atenscope::gui {

class OpsPanel : public QWidget {
    Q_OBJECT
public:
    explicit OpsPanel(QWidget* parent = nullptr);
    ~OpsPanel() override;  // keeps the header's last change

    void setSummary(const Summary& summary, bool run);  // run: the whole run's ops, "Models" column
    void setScopeEnabled(bool enabled);                 // the "Ops of" chooser: several models to count over
    void setScopeRun(bool run);
    // The current row is `op` (none: empty, or filtered out), without saying opChosen.
    void showOp(const QString& op);
    QString firstOp() const;  // the top row as sorted and filtered
    const OpFrequencyModel& model() const { return model_; }
    QSortFilterProxyModel* proxy() const { return proxy_; }
    QTableView* table() const { return table_; }

signals:
    void opChosen(const QString& op);
    void opClicked(const QString& op);  // also the current row again (starts its walk again)
    void scopeChosen(bool run);

private:
    OpFrequencyModel model_;
    QComboBox* scope_ = nullptr;
    QTableView* table_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QString shown_;
    bool syncing_ = false;
};

class NodesPanel : public QWidget {
    Q_OBJECT
public:
    explicit NodesPanel(QWidget* parent = nullptr);
    ~NodesPanel() override;

    void setSummary(const Summary& summary);
    // The current row is that node's (none: empty name, or no row), without saying nodeChosen.
    void showNode(const QString& graph, const QString& node);
    void showNode(const Graph& graph, int index);  // by its PartitionIndex index
    QSortFilterProxyModel* proxy() const { return proxy_; }
    QTableView* table() const { return table_; }

signals:
    void nodeChosen(const QString& graph, const QString& node);

private:
    RemainingNodeModel model_;
    QTableView* table_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QString graph_, node_;
    bool syncing_ = false;
};

class ModulesPanel : public QWidget {
    Q_OBJECT
public:
    explicit ModulesPanel(QWidget* parent = nullptr);

    void setTree(ModuleTree tree);
    // The outline of a graph as the view colours it: its groups' tree when it has one (counted
    // anew), else built from its nodes' module paths; none for no graph.
    void showGraph(const Graph* graph, const GroupedLayout* groups, const std::vector<NodeClass>& classes);
    // A module chosen (its row current): the nodes under it (the root: the nodes outside every
    // module); nullopt when the outline has no such module.
    std::optional<std::vector<std::uint32_t>> choose(const QString& path);
    void showModule(int id);  // its row current, without saying moduleChosen
    const ModuleTreeModel& model() const { return model_; }

signals:
    void moduleChosen(const QString& path);

private:
    ModuleTreeModel model_;
    QTreeView* tree_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    bool syncing_ = false;
};

}  // namespace atenscope::gui
