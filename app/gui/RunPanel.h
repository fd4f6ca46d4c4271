// SPDX-License-Identifier: MIT
#pragma once
// The Run panel: every model of the session (the Models table, filterable by text and status),
// the Ops x models matrix, and the Changes since a baseline (or since the last load). It shows
// what the window hands it and says what the user chose; the window decides what follows.
#include "gui/RunModels.h"
#include "gui/RunState.h"

#include "analysis/RunDiff.h"
#include "analysis/RunReport.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace atenscope::gui {

class RunPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunPanel(QWidget* parent = nullptr);

    void setAnalysing(int models);                            // the summary says so until setRun
    void setRun(const RunReport& run, const QString& shown);  // `shown`: the model whose row is current
    void showModel(const QString& name);                      // its row current (no modelChosen)
    // The changes against `baselineName` (the baseline's files, or "the last load"); none: none.
    void setDiff(const RunDiff* diff, const RunReport* before, const RunReport* after, const QString& baselineName);
    void showChanges();  // the Changes tab
    // Shows what `runs` reports as it comes: the run when analysed, the changes (and, for a
    // baseline just opened, the Changes tab).
    void follow(const RunState* runs);
    void resetFilters();
    QTableView* modelsTable() const { return runTable_; }

signals:
    void modelChosen(const QString& model);
    void opOfModelChosen(const QString& model, const QString& op);  // a matrix cell with that op

private:
    void setSummary(const RunTotals& t);

    bool syncing_ = false;
    QString shown_;  // the model shown in the window
    QLabel* runSummary_ = nullptr;
    QTabWidget* runTabs_ = nullptr;
    RunModelTable runModel_;
    QSortFilterProxyModel* runProxy_ = nullptr;
    QTableView* runTable_ = nullptr;
    QComboBox* statusFilter_ = nullptr;
    OpMatrixModel matrixModel_;
    QTableView* matrixTable_ = nullptr;
    ModelChangeModel changeModel_;
    QTableView* changeTable_ = nullptr;
    QLabel* changeSummary_ = nullptr;
};

}  // namespace atenscope::gui
