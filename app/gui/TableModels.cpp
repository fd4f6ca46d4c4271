// SPDX-License-Identifier: MIT
#include "gui/TableModels.h"

#include "render/QtText.h"

namespace atenscope::gui {

void OpFrequencyModel::setSummary(const Summary& s) {
    beginResetModel();
    rows_.clear();
    for (const auto& [op, stats] : s.ops) {
        Row r;
        r.op = qtext(op);
        r.count = stats.count;
        r.share = s.sharePercent(stats.count);
        r.variations = static_cast<int>(stats.variations.size());
        for (const auto& g : stats.graphs) r.where << qtext(g);
        rows_.push_back(std::move(r));
    }
    endResetModel();
}

int OpFrequencyModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}
int OpFrequencyModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OpFrequencyModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Row& r = rows_[static_cast<std::size_t>(index.row())];
    if (role == OpNameRole) return r.op;
    if (role == Qt::TextAlignmentRole && index.column() != Op && index.column() != Where)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    if (role == SortRole) {
        switch (index.column()) {
            case Op:
                return r.op;
            case Count:
                return r.count;
            case Share:
                return r.share;
            case Variations:
                return r.variations;
            case Where:
                return static_cast<int>(r.where.size());
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
            case Op:
                return r.op;
            case Count:
                return r.count;
            case Share:
                return QString::number(r.share, 'f', 1) + QLatin1Char('%');
            case Variations:
                return r.variations;
            case Where:
                return r.where.join(QStringLiteral(", "));
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Where) return r.where.join(QLatin1Char('\n'));
    return {};
}

QVariant OpFrequencyModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* names[] = {"Op", "Count", "Share", "Variations", "Subgraphs"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

int OpFrequencyModel::rowOf(const QString& op) const {
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].op == op) return static_cast<int>(i);
    return -1;
}

void RemainingNodeModel::setSummary(const Summary& s) {
    beginResetModel();
    rows_.clear();
    rows_.reserve(s.details.size());
    for (const auto& d : s.details) {
        Row r;
        r.op = qtext(d.opName);
        r.node = qtext(d.nodeName);
        QStringList ins;
        for (const auto& in : d.inputShapes) ins << (in.empty() ? QStringLiteral("?") : qtext(in));
        r.inputs = ins.join(QStringLiteral(", "));
        r.output = qtext(d.outputShape);
        r.module = qtext(d.modulePath);
        r.graph = qtext(d.graph);
        r.variation = qtext(d.variation);
        rows_.push_back(std::move(r));
    }
    endResetModel();
}

int RemainingNodeModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}
int RemainingNodeModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RemainingNodeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Row& r = rows_[static_cast<std::size_t>(index.row())];
    switch (role) {
        case OpNameRole:
            return r.op;
        case NodeNameRole:
            return r.node;
        case GraphRole:
            return r.graph;
        case Qt::ToolTipRole:
            // Rich text, so that the tooltip wraps: a variation string runs to 1,500 px on one line.
            return QStringLiteral("<qt><b>%1</b> %2<br><code>%3</code></qt>")
                .arg(r.node.toHtmlEscaped(), r.op.toHtmlEscaped(), r.variation.toHtmlEscaped());
        case SortRole:
        case Qt::DisplayRole:
            switch (index.column()) {
                case Op:
                    return r.op;
                case Node:
                    return r.node;
                case InputShapes:
                    return r.inputs;
                case OutputShape:
                    return r.output;
                case ModulePath:
                    return r.module;
                case Subgraph:
                    return r.graph;
            }
    }
    return {};
}

QVariant RemainingNodeModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* names[] = {"Op", "Node", "Input shapes", "Output shape", "Module", "Subgraph"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

int RemainingNodeModel::rowOf(const QString& graph, const QString& node) const {
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].node == node && rows_[i].graph == graph) return static_cast<int>(i);
    return -1;
}

}  // namespace atenscope::gui
