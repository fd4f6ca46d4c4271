// SPDX-License-Identifier: MIT
#include "gui/RunPanel.h"

#include "gui/Tables.h"

#include "render/QtText.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

namespace atenscope::gui {

namespace {
const char* const kNoBaseline =
    QT_TRANSLATE_NOOP("RunPanel", "No baseline: File > Compare with baseline... opens last night's run beside this one.");
}  // namespace

RunPanel::RunPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    runSummary_ = new QLabel(this);
    runSummary_->setObjectName(QStringLiteral("runSummary"));
    runSummary_->setTextFormat(Qt::RichText);
    layout->addWidget(runSummary_);
    runTabs_ = new QTabWidget(this);
    runTabs_->setObjectName(QStringLiteral("runTabs"));
    layout->addWidget(runTabs_, 1);

    // Models: one row each, choosing one shows it.
    auto* models = new QWidget(runTabs_);
    auto* ml = new QVBoxLayout(models);
    ml->setContentsMargins(0, 4, 0, 0);
    auto* tools = new QHBoxLayout();
    auto* filter = new QLineEdit(models);
    filter->setPlaceholderText(tr("Filter models"));
    filter->setClearButtonEnabled(true);
    statusFilter_ = new QComboBox(models);
    statusFilter_->setObjectName(QStringLiteral("statusFilter"));
    statusFilter_->addItem(tr("every status"), QString());
    statusFilter_->addItem(QIcon(QPixmap::fromImage(statusIcon(ModelStatus::Converted))), tr("converted"), QStringLiteral("converted"));
    statusFilter_->addItem(QIcon(QPixmap::fromImage(statusIcon(ModelStatus::Remaining))), tr("remaining"), QStringLiteral("remaining"));
    statusFilter_->addItem(QIcon(QPixmap::fromImage(statusIcon(ModelStatus::Failed))), tr("failed"), QStringLiteral("failed"));
    tools->addWidget(filter, 1);
    tools->addWidget(statusFilter_);
    ml->addLayout(tools);
    runTable_ = new QTableView(models);
    runTable_->setObjectName(QStringLiteral("modelsTable"));
    runProxy_ = setupTable(runTable_, &runModel_, filter, &syncing_);
    ml->addWidget(runTable_);
    runTabs_->addTab(models, tr("Models"));
    // The status filter narrows the text filter's rows: a second proxy would re-sort; the rows
    // of other statuses are hidden instead.
    auto applyStatus = [this] {
        const QString want = statusFilter_->currentData().toString();
        for (int r = 0; r < runProxy_->rowCount(); ++r)
            runTable_->setRowHidden(r, !want.isEmpty() && runProxy_->index(r, 0).data(StatusRole).toString() != want);
    };
    connect(statusFilter_, qOverload<int>(&QComboBox::currentIndexChanged), this, applyStatus);
    connect(runProxy_, &QAbstractItemModel::layoutChanged, this, applyStatus);
    connect(runProxy_, &QAbstractItemModel::modelReset, this, applyStatus);
    connect(filter, &QLineEdit::textChanged, this, applyStatus);
    connect(runTable_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (syncing_ || !current.isValid()) return;
        emit modelChosen(current.data(ModelNameRole).toString());
    });

    // Ops x models: counts coloured; a cell shows that model with that op walked.
    matrixTable_ = new QTableView(runTabs_);
    matrixTable_->setObjectName(QStringLiteral("opMatrix"));
    matrixTable_->setModel(&matrixModel_);
    matrixTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    matrixTable_->setSelectionMode(QAbstractItemView::SingleSelection);
    matrixTable_->horizontalHeader()->setDefaultSectionSize(90);
    matrixTable_->verticalHeader()->setDefaultSectionSize(matrixTable_->fontMetrics().height() + 6);
    matrixTable_->setToolTip(tr("Remaining ops (columns) by model (rows); click a cell to show that model and walk that op"));
    connect(matrixTable_, &QTableView::clicked, this, [this](const QModelIndex& index) {
        if (!index.isValid()) return;
        if (index.data(SortRole).toULongLong() > 0) {
            emit opOfModelChosen(matrixModel_.model(index.row()), matrixModel_.op(index.column()));
        } else {
            emit modelChosen(matrixModel_.model(index.row()));
        }
    });
    runTabs_->addTab(matrixTable_, tr("Ops \u00D7 models"));

    // Changes since the baseline.
    auto* changes = new QWidget(runTabs_);
    auto* cl = new QVBoxLayout(changes);
    cl->setContentsMargins(0, 4, 0, 0);
    changeSummary_ = new QLabel(tr(kNoBaseline), changes);
    changeSummary_->setObjectName(QStringLiteral("changeSummary"));
    changeSummary_->setTextFormat(Qt::RichText);
    changeSummary_->setWordWrap(true);
    cl->addWidget(changeSummary_);
    auto* changeFilter = new QLineEdit(changes);
    changeFilter->setPlaceholderText(tr("Filter changes"));
    changeFilter->setClearButtonEnabled(true);
    cl->addWidget(changeFilter);
    changeTable_ = new QTableView(changes);
    changeTable_->setObjectName(QStringLiteral("changesTable"));
    setupTable(changeTable_, &changeModel_, changeFilter, &syncing_);
    cl->addWidget(changeTable_);
    connect(changeTable_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (syncing_ || !current.isValid()) return;
        emit modelChosen(current.data(ModelNameRole).toString());
    });
    runTabs_->addTab(changes, tr("Changes"));
}

void RunPanel::setAnalysing(int models) {
    runSummary_->setText(tr("Analysing %1 models...").arg(models));
}

void RunPanel::setRun(const RunReport& run, const QString& shown) {
    syncing_ = true;
    runModel_.setRun(run);
    matrixModel_.setRun(run);
    syncing_ = false;
    fitColumns(runTable_, RunModelTable::Model);
    setSummary(run.totals);
    showModel(shown);
}

void RunPanel::showModel(const QString& name) {
    shown_ = name;
    const int row = runModel_.rowOf(name);
    if (row < 0) return;
    const bool was = std::exchange(syncing_, true);
    runTable_->setCurrentIndex(runProxy_->mapFromSource(runModel_.index(row, 0)));
    syncing_ = was;
}

void RunPanel::setSummary(const RunTotals& t) {
    // Coloured dots (in every font the window has), not emoji (which a machine may lack).
    QString text = tr("<b>%1 models</b>: <span style='color:#2e7d32'>\u25CF</span> %2 converted, <span style='color:#ef6c00'>\u25CF</span> "
                      "%3 with aten ops, <span style='color:#c62828'>\u25CF</span> %4 failed &nbsp;&middot;&nbsp; "
                      "remaining aten ops <b>%5</b> of %6 in %7 input variations")
                       .arg(t.models)
                       .arg(t.converted)
                       .arg(t.remainingModels)
                       .arg(t.failed)
                       .arg(t.remaining)
                       .arg(t.uniqueOps == 1 ? tr("1 kind") : tr("%1 kinds").arg(t.uniqueOps))
                       .arg(t.variations);
    if (t.conversion)
        text += tr(" &nbsp;&middot;&nbsp; conversion %1 % of %2 original aten ops").arg(*t.conversion, 0, 'f', 1).arg(t.opsBefore);
    runSummary_->setText(text);
}

void RunPanel::setDiff(const RunDiff* diff, const RunReport* before, const RunReport* after, const QString& baselineName) {
    syncing_ = true;
    changeModel_.setDiff(diff ? *diff : RunDiff{});
    syncing_ = false;
    if (!diff || !before || !after) {
        changeSummary_->setText(tr(kNoBaseline));
        return;
    }
    fitColumns(changeTable_, ModelChangeModel::What);
    const RunTotals& b = before->totals;
    const RunTotals& a = after->totals;
    const auto signedNumber = [](long long v) { return v > 0 ? QStringLiteral("+%1").arg(v) : QString::number(v); };
    changeSummary_->setText(
        tr("Against <b>%1</b>: <span style='color:#c62828'>%2 models worse</span>, <span style='color:#2e7d32'>%3 better</span>; "
           "remaining aten ops %4 \u2192 %5 (%6); %7 ops new to the run, %8 gone.")
            .arg(baselineName.toHtmlEscaped())
            .arg(diff->worseModels())
            .arg(diff->betterModels())
            .arg(b.remaining)
            .arg(a.remaining)
            .arg(signedNumber(static_cast<long long>(a.remaining) - static_cast<long long>(b.remaining)))
            .arg(diff->newOps.size())
            .arg(diff->convertedOps.size()));
}

void RunPanel::follow(const RunState* runs) {
    connect(runs, &RunState::runReady, this, [this, runs] { setRun(runs->run()->run, shown_); });
    connect(runs, &RunState::diffChanged, this, [this, runs](bool justOpened) {
        const RunDiff* diff = runs->diff();
        setDiff(diff, diff ? runs->baselineRun() : nullptr, diff ? &runs->run()->run : nullptr,
                runs->comparesWithLastLoad() ? tr("the last load") : runs->baselineFiles().join(QStringLiteral(", ")));
        if (diff && justOpened) showChanges();
    });
}

void RunPanel::showChanges() {
    runTabs_->setCurrentIndex(2);
}

void RunPanel::resetFilters() {
    statusFilter_->setCurrentIndex(0);
}

}  // namespace atenscope::gui
