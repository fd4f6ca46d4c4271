// SPDX-License-Identifier: MIT
#pragma once
// The Lines panel: the model's (or the run's) own source lines ranked by the remaining nodes
// they make; choosing one says so (the window walks its nodes and shows it in Source).
#include "gui/SourceModels.h"

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace atenscope::gui {

class LinesPanel : public QWidget {
    Q_OBJECT
public:
    explicit LinesPanel(QWidget* parent = nullptr);

    void setLines(const SourceLineMap& lines, bool run);
    // Makes the line's row current (none when it has no row), without saying lineChosen;
    // `scroll`: and scrolls to it.
    void showLine(const QString& file, quint32 line, bool scroll = true);
    const SourceLineModel& model() const { return model_; }
    QTableView* table() const { return table_; }
    QLineEdit* filter() const { return filter_; }

signals:
    void lineChosen(const QString& file, quint32 line);

private:
    SourceLineModel model_;
    QLineEdit* filter_ = nullptr;
    QTableView* table_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    bool syncing_ = false;
    QString file_;
    quint32 line_ = 0;
};

}  // namespace atenscope::gui
