// SPDX-License-Identifier: MIT
#pragma once
// How the window's tables are wired: a proxy over a TableModelBase that filters and sorts (or
// lets the model do either), the filter field, the initial sort.
#include "gui/TableModels.h"

#include <QSortFilterProxyModel>

#include <functional>

class QLineEdit;
class QTableView;

namespace atenscope::gui {

// Proxy over `model` shown in `view`, filtered by `filter`. While the filter applies,
// `*filtering` is true (the current row moves by itself: not the user's choice) and `resync`
// puts the current row back on what the window walks or shows.
QSortFilterProxyModel* setupTable(QTableView* view, TableModelBase* model, QLineEdit* filter, bool* filtering,
                                  std::function<void()> resync = {});

// Each column as wide as its header and its widest cell among the first rows (capped); the
// `stretch` column (-1: none) takes what the others leave.
void fitColumns(QTableView* table, int stretch);

// The header's column widths, order and sort as the user left them: restored from the settings
// under `key` now, kept there as they change (a moment after; flushHeaderState: at once).
void keepHeaderState(QTableView* table, const QString& key);
void flushHeaderState(QTableView* table);

}  // namespace atenscope::gui
