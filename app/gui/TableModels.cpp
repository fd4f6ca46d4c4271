// SPDX-License-Identifier: MIT
#include "gui/TableModels.h"

#include "render/QtText.h"

#include <QCoreApplication>

namespace atenscope::gui {

QVariant TableModelBase::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= columns()) return {};
    const ColumnInfo& c = column(section);
    switch (role) {
        case Qt::DisplayRole:
            return QCoreApplication::translate("TableModels", c.title);
        case Qt::ToolTipRole:
            return QCoreApplication::translate("TableModels", c.toolTip);
        case Qt::InitialSortOrderRole:
            return QVariant::fromValue(c.initialOrder);
        default:
            return {};
    }
}

void OpFrequencyModel::setSummary(const Summary& s) {
    std::vector<OpRow> rows;
    rows.reserve(s.ops.size());
    for (const auto& [op, stats] : s.ops) {
        OpRow r;
        r.op = qtext(op);
        r.count = stats.count;
        r.share = s.sharePercent(stats.count);
        r.variations = static_cast<int>(stats.variations.size());
        for (const auto& g : stats.graphs) r.where << qtext(g);
        rows.push_back(std::move(r));
    }
    setRows(std::move(rows));
}

void OpFrequencyModel::setWhereTitle(const QString& title) {
    if (title == whereTitle_) return;
    whereTitle_ = title;
    emit headerDataChanged(Qt::Horizontal, Where, Where);
}

QVariant OpFrequencyModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && section == Where && !whereTitle_.isEmpty()) {
        if (role == Qt::DisplayRole) return whereTitle_;
        if (role == Qt::ToolTipRole) return QCoreApplication::translate("TableModels", "The models that hold it");
    }
    return RowTableModel::headerData(section, orientation, role);
}

const ColumnInfo& OpFrequencyModel::column(int c) const {
    // Counts sort largest first, names A to Z.
    static const ColumnInfo columns[ColumnCount] = {
        {QT_TRANSLATE_NOOP("TableModels", "Op"), QT_TRANSLATE_NOOP("TableModels", "The aten op the backend left on the host"),
         Qt::AscendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Count"), QT_TRANSLATE_NOOP("TableModels", "How many nodes of this op remain"),
         Qt::DescendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Share"), QT_TRANSLATE_NOOP("TableModels", "This op's part of all remaining aten ops"),
         Qt::DescendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Variations"),
         QT_TRANSLATE_NOOP("TableModels", "How many different input variations (argument types, shapes and values) its nodes have"),
         Qt::DescendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Subgraphs"), QT_TRANSLATE_NOOP("TableModels", "The subgraphs that hold it"), Qt::AscendingOrder},
    };
    return columns[c];
}

QVariant OpFrequencyModel::cell(const OpRow& r, int column, int role) const {
    if (role == OpNameRole) return r.op;
    if (role == Qt::TextAlignmentRole && column != Op && column != Where)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    if (role == SortRole) {
        switch (column) {
            case Op:
                return r.op;
            case Count:
                return r.count;
            case Share:
                return r.share;
            case Variations:
                return r.variations;
            default:
                return static_cast<int>(r.where.size());
        }
    }
    if (role == Qt::DisplayRole) {
        switch (column) {
            case Op:
                return r.op;
            case Count:
                return r.count;
            case Share:
                return QString::number(r.share, 'f', 1) + QLatin1Char('%');
            case Variations:
                return r.variations;
            default:
                return r.where.join(QStringLiteral(", "));
        }
    }
    if (role == Qt::ToolTipRole) return column == Where ? r.where.join(QLatin1Char('\n')) : r.op;
    return {};
}

int OpFrequencyModel::rowOf(const QString& op) const {
    for (std::size_t i = 0; i < rows().size(); ++i)
        if (rows()[i].op == op) return static_cast<int>(i);
    return -1;
}

void RemainingNodeModel::setSummary(const Summary& s) {
    std::vector<NodeRow> rows;
    rows.reserve(s.details.size());
    for (const auto& d : s.details) {
        NodeRow r;
        r.op = qtext(d.opName);
        r.node = qtext(d.nodeName);
        QStringList ins;
        for (const auto& in : d.inputShapes) ins << (in.empty() ? QStringLiteral("?") : qtext(in));
        r.inputs = ins.join(QStringLiteral(", "));
        r.output = qtext(d.outputShape);
        r.module = qtext(d.modulePath);
        r.graph = qtext(d.graph);
        r.variation = qtext(d.variation);
        rows.push_back(std::move(r));
    }
    setRows(std::move(rows));
}

const ColumnInfo& RemainingNodeModel::column(int c) const {
    static const ColumnInfo columns[ColumnCount] = {
        {QT_TRANSLATE_NOOP("TableModels", "Op"), QT_TRANSLATE_NOOP("TableModels", "The aten op of the node"), Qt::AscendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Node"), QT_TRANSLATE_NOOP("TableModels", "The node's name in the graph"), Qt::AscendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Input shapes"),
         QT_TRANSLATE_NOOP("TableModels", "The shapes of the graph values it takes, in order"), Qt::AscendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Output shape"), QT_TRANSLATE_NOOP("TableModels", "The shape of what it gives"),
         Qt::AscendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Module"),
         QT_TRANSLATE_NOOP("TableModels", "The module of the model that made it (nn_module_stack)"), Qt::AscendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Subgraph"), QT_TRANSLATE_NOOP("TableModels", "The compiled subgraph that holds it"),
         Qt::AscendingOrder},
    };
    return columns[c];
}

QVariant RemainingNodeModel::cell(const NodeRow& r, int column, int role) const {
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
            switch (column) {
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
                default:
                    return r.graph;
            }
        default:
            return {};
    }
}

int RemainingNodeModel::rowOf(const QString& graph, const QString& node) const {
    for (std::size_t i = 0; i < rows().size(); ++i)
        if (rows()[i].node == node && rows()[i].graph == graph) return static_cast<int>(i);
    return -1;
}

}  // namespace atenscope::gui
