// SPDX-License-Identifier: MIT
#include "gui/RunModels.h"

#include "render/QtText.h"

#include <QBrush>
#include <QCoreApplication>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <unordered_map>
#include <unordered_set>

namespace atenscope::gui {

std::pair<std::size_t, std::size_t> opChanges(const RunDiff& diff) {
    std::size_t added = 0, gone = 0;
    for (const CountChange& c : diff.ops) (c.delta() > 0 ? added : gone) += static_cast<std::size_t>(std::llabs(c.delta()));
    return {added, gone};
}

std::vector<bool> freshNodes(const Graph& g, const ModelReport& report, const ModelReport* base) {
    std::vector<bool> fresh(g.nodes.size(), false);
    std::unordered_map<std::string_view, std::size_t> byName;
    for (std::size_t i = 0; i < g.nodes.size(); ++i) byName.emplace(g.nodes[i].name, i);
    std::unordered_set<std::string> before;
    const bool byNode = base && base->graphCount > 0 && modelFailure(*base).empty();
    if (byNode)
        for (const RemainingNode& d : base->total.details) before.insert(std::string(d.graph) + '\x1f' + std::string(d.nodeName));
    const RunModel baseRow = base ? runModel(*base, 0) : RunModel{};
    for (const RemainingNode& d : report.total.details) {
        if (d.graph != g.name) continue;
        bool isNew = true;
        if (byNode) {
            isNew = !before.count(std::string(d.graph) + '\x1f' + std::string(d.nodeName));
        } else if (base && baseRow.status != ModelStatus::Failed) {
            auto op = baseRow.variations.find(d.opName);
            isNew = op == baseRow.variations.end() || !op->second.count(d.variation);
        }
        if (auto it = byName.find(d.nodeName); it != byName.end() && isNew) fresh[it->second] = true;
    }
    return fresh;
}

namespace {

QString percent(const std::optional<double>& v) {
    return v ? QStringLiteral("%1 %").arg(*v, 0, 'f', 1) : QString();
}

QVariant rightAligned() {
    return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
}

QString statusText(ModelStatus s) {
    return QCoreApplication::translate("TableModels", statusName(s));
}

}  // namespace

QImage statusIcon(ModelStatus s) {
    constexpr int kSize = 28;  // drawn at twice its 14 px, for high-density screens
    QImage image(kSize, kSize, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(2);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(2, 2);
    const QColor fill = s == ModelStatus::Converted   ? QColor(0x2e, 0x7d, 0x32)
                        : s == ModelStatus::Remaining ? QColor(0xef, 0x6c, 0x00)
                                                      : QColor(0xc6, 0x28, 0x28);
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    p.drawEllipse(QRectF(1, 1, 12, 12));
    QPen mark(Qt::white, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(mark);
    if (s == ModelStatus::Converted) {
        const QPointF tick[] = {{4.2, 7.2}, {6.2, 9.2}, {9.8, 5.0}};
        p.drawPolyline(tick, 3);
    } else if (s == ModelStatus::Remaining) {
        p.drawLine(QPointF(4.2, 7), QPointF(9.8, 7));  // work left: a bar
    } else {
        p.drawLine(QPointF(4.6, 4.6), QPointF(9.4, 9.4));
        p.drawLine(QPointF(9.4, 4.6), QPointF(4.6, 9.4));
    }
    p.end();
    return image;
}

void RunModelTable::setRun(const RunReport& run) {
    setRows(run.models);
}

int RunModelTable::rowOf(const QString& model) const {
    const std::string name = model.toStdString();
    for (std::size_t i = 0; i < rows().size(); ++i)
        if (rows()[i].name == name) return static_cast<int>(i);
    return -1;
}

const ColumnInfo& RunModelTable::column(int c) const {
    static const ColumnInfo columns[ColumnCount] = {
        {QT_TRANSLATE_NOOP("TableModels", "Model"), QT_TRANSLATE_NOOP("TableModels", "The model (its folder in a metrics root)"),
         Qt::AscendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Status"),
         QT_TRANSLATE_NOOP("TableModels", "converted: nothing remains; remaining: aten ops remain; failed: the recorded run failed"),
         Qt::DescendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Ops before"),
         QT_TRANSLATE_NOOP("TableModels", "Aten ops of the original graph (distinct ones in brackets)"), Qt::DescendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Remaining"), QT_TRANSLATE_NOOP("TableModels", "Aten ops the backend left on the host"),
         Qt::DescendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Unique"), QT_TRANSLATE_NOOP("TableModels", "Distinct remaining aten ops"), Qt::DescendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "To/From Device"), QT_TRANSLATE_NOOP("TableModels", "Host/device data movement ops"),
         Qt::DescendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Conversion"), QT_TRANSLATE_NOOP("TableModels", "Share of the original aten ops converted"),
         Qt::AscendingOrder},
    };
    return columns[c];
}

QVariant RunModelTable::cell(const RunModel& m, int column, int role) const {
    const bool failed = m.status == ModelStatus::Failed;
    if (role == ModelNameRole) return qtext(m.name);
    if (role == StatusRole) return QString::fromLatin1(statusName(m.status));
    if (role == Qt::TextAlignmentRole && column != Model && column != Status) return rightAligned();
    if (role == Qt::ToolTipRole) {
        if (failed) return qtext(m.failure);
        if (column == Status && m.predicted)
            return QCoreApplication::translate("TableModels", "Predicted: the model has no compiled graph");
        return {};
    }
    if (role == Qt::ForegroundRole && column == Status)
        return QBrush(failed                               ? QColor(0xc6, 0x28, 0x28)
                      : m.status == ModelStatus::Remaining ? QColor(0xb2, 0x6a, 0x00)
                                                           : QColor(0x2e, 0x7d, 0x32));
    if (role == SortRole) {
        switch (column) {
            case Model:
                return qtext(m.name);
            case Status:
                return statusRank(m.status);
            case Before:
                return m.opsBefore ? static_cast<qlonglong>(*m.opsBefore) : -1LL;
            case Remaining:
                return failed ? -1LL : static_cast<qlonglong>(m.remaining);
            case Unique:
                return failed ? -1LL : static_cast<qlonglong>(m.remainingUnique);
            case DataMovement:
                return failed ? -1LL : static_cast<qlonglong>(m.dataMovement);
            default:
                return m.conversion.value_or(-1.0);
        }
    }
    if (role == Qt::DecorationRole && column == Status) return statusIcon(m.status);
    if (role != Qt::DisplayRole) return {};
    switch (column) {
        case Model:
            return qtext(m.name);
        case Status:
            return statusText(m.status) + (m.predicted && !failed ? QCoreApplication::translate("TableModels", " (predicted)") : QString());
        case Before:
            return m.opsBefore ? (m.opsBeforeUnique ? qtext(totalUnique(*m.opsBefore, *m.opsBeforeUnique)) : QString::number(*m.opsBefore))
                               : QString();
        case Remaining:
            return failed ? QVariant() : QVariant::fromValue(m.remaining);
        case Unique:
            return failed ? QVariant() : QVariant::fromValue(m.remainingUnique);
        case DataMovement:
            return failed ? QVariant() : QVariant::fromValue(m.dataMovement);
        default:
            return percent(m.conversion);
    }
}

void OpMatrixModel::setRun(const RunReport& run) {
    beginResetModel();
    ops_.clear();
    models_.clear();
    failed_.clear();
    for (const RunOp& op : run.ops) ops_.push_back(qtext(op.op));
    counts_.assign(run.models.size() * run.ops.size(), 0);
    max_ = 0;
    for (std::size_t r = 0; r < run.models.size(); ++r) {
        const RunModel& m = run.models[r];
        models_.push_back(qtext(m.name));
        failed_.push_back(m.status == ModelStatus::Failed);
        for (std::size_t c = 0; c < run.ops.size(); ++c) {
            auto it = m.ops.find(run.ops[c].op);
            const std::uint64_t n = it == m.ops.end() ? 0 : it->second;
            counts_[r * run.ops.size() + c] = n;
            max_ = std::max(max_, n);
        }
    }
    endResetModel();
}

int OpMatrixModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(models_.size());
}

int OpMatrixModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(ops_.size());
}

QColor OpMatrixModel::colorFor(std::uint64_t count, std::uint64_t max) {
    if (count == 0 || max == 0) return Qt::white;
    // Log scale: one node already shows, the most frequent is full red.
    const double t = 0.2 + 0.8 * std::log1p(static_cast<double>(count)) / std::log1p(static_cast<double>(max));
    const auto mix = [t](int from, int to) { return static_cast<int>(std::lround(from + (to - from) * t)); };
    return {mix(0xff, 0xc6), mix(0xff, 0x28), mix(0xff, 0x28)};
}

QVariant OpMatrixModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const std::uint64_t n = counts_[static_cast<std::size_t>(index.row()) * ops_.size() + static_cast<std::size_t>(index.column())];
    switch (role) {
        case Qt::DisplayRole:
            if (failed_[static_cast<std::size_t>(index.row())]) return QStringLiteral("\u2013");  // unknown, not none
            return n ? QVariant::fromValue(n) : QVariant();
        case SortRole:
            return QVariant::fromValue(n);
        case Qt::BackgroundRole:
            return failed_[static_cast<std::size_t>(index.row())] ? QBrush(QColor(0xee, 0xee, 0xee)) : QBrush(colorFor(n, max_));
        case Qt::ForegroundRole: {
            const QColor bg = colorFor(n, max_);
            return QBrush(bg.lightness() < 150 ? Qt::white : Qt::black);
        }
        case Qt::TextAlignmentRole:
            return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
        case Qt::ToolTipRole:
            if (failed_[static_cast<std::size_t>(index.row())])
                return QCoreApplication::translate("TableModels", "%1 failed: its remaining ops are unknown")
                    .arg(models_[static_cast<std::size_t>(index.row())]);
            return QCoreApplication::translate("TableModels", "%1: %2 nodes of %3")
                .arg(models_[static_cast<std::size_t>(index.row())])
                .arg(n)
                .arg(ops_[static_cast<std::size_t>(index.column())]);
        case ModelNameRole:
            return models_[static_cast<std::size_t>(index.row())];
        case OpNameRole:
            return ops_[static_cast<std::size_t>(index.column())];
        default:
            return {};
    }
}

QVariant OpMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && section >= 0 && section < columnCount()) {
        QString op = ops_[static_cast<std::size_t>(section)];
        if (role == Qt::ToolTipRole) return op;
        if (role == Qt::DisplayRole) {
            // aten.native_batch_norm.default -> native_batch_norm
            if (op.startsWith(QLatin1String("aten."))) op = op.mid(5);
            if (op.endsWith(QLatin1String(".default"))) op.chop(8);
            return op;
        }
    }
    if (orientation == Qt::Vertical && section >= 0 && section < rowCount()) {
        const bool failed = failed_[static_cast<std::size_t>(section)];
        if (role == Qt::DisplayRole)
            return failed ? QCoreApplication::translate("TableModels", "%1 (failed)").arg(models_[static_cast<std::size_t>(section)])
                          : models_[static_cast<std::size_t>(section)];
        if (role == Qt::ForegroundRole && failed) return QBrush(QColor(0xc6, 0x28, 0x28));
    }
    return {};
}

QString OpMatrixModel::op(int column) const {
    return column >= 0 && column < columnCount() ? ops_[static_cast<std::size_t>(column)] : QString();
}

QString OpMatrixModel::model(int row) const {
    return row >= 0 && row < rowCount() ? models_[static_cast<std::size_t>(row)] : QString();
}

void ModelChangeModel::setDiff(const RunDiff& diff) {
    std::vector<ModelDiff> rows;
    for (const ModelDiff& m : diff.models)
        if (m.changed() || !m.before || !m.after) rows.push_back(m);
    setRows(std::move(rows));
}

const ColumnInfo& ModelChangeModel::column(int c) const {
    static const ColumnInfo columns[ColumnCount] = {
        {QT_TRANSLATE_NOOP("TableModels", "Model"), QT_TRANSLATE_NOOP("TableModels", "The model"), Qt::AscendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Verdict"), QT_TRANSLATE_NOOP("TableModels", "worse, better, or changed counts only"),
         Qt::DescendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Before"), QT_TRANSLATE_NOOP("TableModels", "Status and remaining aten ops in the baseline"),
         Qt::DescendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Now"), QT_TRANSLATE_NOOP("TableModels", "Status and remaining aten ops now"),
         Qt::DescendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Change"), QT_TRANSLATE_NOOP("TableModels", "Remaining aten ops now minus before"),
         Qt::DescendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "What changed"), QT_TRANSLATE_NOOP("TableModels", "Why it is worse or better"),
         Qt::AscendingOrder},
    };
    return columns[c];
}

QVariant ModelChangeModel::cell(const ModelDiff& m, int column, int role) const {
    auto side = [](const RunModel* r) {
        if (!r) return QCoreApplication::translate("TableModels", "absent");
        if (r->status == ModelStatus::Remaining) return qtext(totalUnique(r->remaining, r->remainingUnique));
        return statusText(r->status);
    };
    const std::int64_t before = m.before && m.before->status != ModelStatus::Failed ? static_cast<std::int64_t>(m.before->remaining) : 0;
    const std::int64_t after = m.after && m.after->status != ModelStatus::Failed ? static_cast<std::int64_t>(m.after->remaining) : 0;
    const int verdict = !m.worse.empty() ? 2 : !m.better.empty() ? 0 : 1;
    if (role == ModelNameRole) return qtext(m.model);
    if (role == Qt::TextAlignmentRole && column == Change) return rightAligned();
    if (role == Qt::ForegroundRole && column == Verdict)
        return QBrush(verdict == 2 ? QColor(0xc6, 0x28, 0x28) : verdict == 0 ? QColor(0x2e, 0x7d, 0x32) : QColor(0x5f, 0x63, 0x68));
    QStringList what;
    for (const auto& w : m.worse) what << QStringLiteral("\u25B2 ") + qtext(w);
    for (const auto& b : m.better) what << QStringLiteral("\u25BC ") + qtext(b);
    if (role == Qt::ToolTipRole && column == What) return what.join(QLatin1Char('\n'));
    if (role == SortRole) {
        switch (column) {
            case Model:
                return qtext(m.model);
            case Verdict:
                return verdict;
            case Before:
                return static_cast<qlonglong>(before);
            case After:
                return static_cast<qlonglong>(after);
            case Change:
                return static_cast<qlonglong>(after - before);
            default:
                return what.join(QStringLiteral("; "));
        }
    }
    if (role != Qt::DisplayRole) return {};
    switch (column) {
        case Model:
            return qtext(m.model);
        case Verdict:
            return verdict == 2   ? QCoreApplication::translate("TableModels", "worse")
                   : verdict == 0 ? QCoreApplication::translate("TableModels", "better")
                                  : QCoreApplication::translate("TableModels", "counts changed");
        case Before:
            return side(m.before);
        case After:
            return side(m.after);
        case Change:
            return after - before > 0 ? QStringLiteral("+%1").arg(after - before) : QString::number(after - before);
        default:
            return what.join(QStringLiteral("; "));
    }
}

}  // namespace atenscope::gui
