// SPDX-License-Identifier: MIT
#include "gui/TableModels.h"

#include "render/QtText.h"

namespace atenscope::gui {

QVariant TableModelBase::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= columns()) return {};
    switch (role) {
        case Qt::DisplayRole:
            return title(section);
        case Qt::ToolTipRole:
            return toolTip(section);
        case Qt::InitialSortOrderRole:
            return QVariant::fromValue(initialSortOrder(section));
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

QString OpFrequencyModel::title(int column) const {
    switch (column) {
        case Op:
            return tr("Op");
        case Count:
            return tr("Count");
        case Share:
            return tr("Share");
        case Variations:
            return tr("Variations");
        default:
            return tr("Subgraphs");
    }
}

QString OpFrequencyModel::toolTip(int column) const {
    switch (column) {
        case Op:
            return tr("The aten op the backend left on the host");
        case Count:
            return tr("How many nodes of this op remain");
        case Share:
            return tr("This op's part of all remaining aten ops");
        case Variations:
            return tr("How many different input variations (argument types, shapes and values) its nodes have");
        default:
            return tr("The subgraphs that hold it");
    }
}

Qt::SortOrder OpFrequencyModel::initialSortOrder(int column) const {
    return column == Op || column == Where ? Qt::AscendingOrder : Qt::DescendingOrder;  // counts: largest first
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

QString RemainingNodeModel::title(int column) const {
    switch (column) {
        case Op:
            return tr("Op");
        case Node:
            return tr("Node");
        case InputShapes:
            return tr("Input shapes");
        case OutputShape:
            return tr("Output shape");
        case ModulePath:
            return tr("Module");
        default:
            return tr("Subgraph");
    }
}

QString RemainingNodeModel::toolTip(int column) const {
    switch (column) {
        case Op:
            return tr("The aten op of the node");
        case Node:
            return tr("The node's name in the graph");
        case InputShapes:
            return tr("The shapes of the graph values it takes, in order");
        case OutputShape:
            return tr("The shape of what it gives");
        case ModulePath:
            return tr("The module of the model that made it (nn_module_stack)");
        default:
            return tr("The compiled subgraph that holds it");
    }
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
