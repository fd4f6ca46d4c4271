// SPDX-License-Identifier: MIT
#include "gui/LinesPanel.h"

#include "gui/Tables.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace atenscope::gui {

LinesPanel::LinesPanel(QWidget* parent) : QWidget(parent) {
    auto* l = new QVBoxLayout(this);
    l->setContentsMargins(4, 4, 4, 4);
    filter_ = new QLineEdit(this);
    filter_->setPlaceholderText(tr("Filter lines (file, function, code, op)"));
    filter_->setClearButtonEnabled(true);
    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("linesTable"));
    l->addWidget(filter_);
    l->addWidget(table_);
    proxy_ = setupTable(table_, &model_, filter_, &syncing_, [this] { showLine(file_, line_, false); });
    table_->horizontalHeader()->setStretchLastSection(false);
    table_->setWordWrap(false);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (syncing_ || !current.isValid()) return;
        file_ = current.data(FileRole).toString();
        line_ = current.data(LineRole).toUInt();
        emit lineChosen(file_, line_);
    });
    // Choosing the current row again walks its nodes again.
    connect(table_, &QTableView::clicked, this, [this](const QModelIndex& index) {
        if (index.isValid()) emit lineChosen(index.data(FileRole).toString(), index.data(LineRole).toUInt());
    });
}

void LinesPanel::setLines(const SourceLineMap& lines, bool run) {
    syncing_ = true;
    model_.setLines(lines);
    table_->setColumnHidden(SourceLineModel::Models, !run);
    syncing_ = false;
    QHeaderView* h = table_->horizontalHeader();
    const QFontMetrics fm(table_->font());
    for (int c = 0; c < SourceLineModel::ColumnCount; ++c) {
        int width = fm.horizontalAdvance(model_.headerData(c, Qt::Horizontal).toString()) + 28;
        for (int r = 0; r < std::min(model_.rowCount(), 100); ++r)
            width = std::max(width, fm.horizontalAdvance(model_.index(r, c).data().toString()) + 16);
        h->resizeSection(c, std::min(width, c == SourceLineModel::Code ? 320 : 220));
    }
    showLine(file_, line_, false);
}

void LinesPanel::showLine(const QString& file, quint32 line, bool scroll) {
    file_ = file;
    line_ = line;
    syncing_ = true;
    const int row = model_.rowOf(file, line);
    const QModelIndex at = row >= 0 ? proxy_->mapFromSource(model_.index(row, 0)) : QModelIndex();
    if (at.isValid()) {
        table_->setCurrentIndex(at);
        if (scroll) table_->scrollTo(at);
    } else {
        table_->selectionModel()->clear();
    }
    syncing_ = false;
}

}  // namespace atenscope::gui
