// SPDX-License-Identifier: MIT
#include "gui/TableModels.h"

#include "render/QtText.h"

#include <QCoreApplication>

#include <algorithm>
#include <numeric>
#include <string>
#include <unordered_map>

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
    beginResetModel();
    details_ = DetailList{};
    details_.append(s.details);
    order_.resize(details_.size());
    arrange();  // in the order the table was sorted by
    endResetModel();
}

void RemainingNodeModel::sort(int column, Qt::SortOrder order) {
    if (column < 0 || column >= ColumnCount) return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<std::uint32_t> detailOf;
    detailOf.reserve(static_cast<std::size_t>(before.size()));
    for (const QModelIndex& i : before) detailOf.push_back(order_[static_cast<std::size_t>(i.row())]);
    sortColumn_ = column;
    sortOrder_ = order;
    arrange();
    std::vector<int> rowOfDetail(order_.size());
    for (std::size_t r = 0; r < order_.size(); ++r) rowOfDetail[order_[r]] = static_cast<int>(r);
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype k = 0; k < before.size(); ++k) after << index(rowOfDetail[detailOf[static_cast<std::size_t>(k)]], before[k].column());
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void RemainingNodeModel::arrange() {
    std::iota(order_.begin(), order_.end(), 0U);
    if (sortColumn_ < 0) return;
    // Each row's text ranked among the column's distinct texts (an op name repeats 100,000
    // times: compared once), then the rows sorted by (rank, position): ties keep the
    // summary's order either way.
    std::vector<std::string> joined;  // input shapes, as the column shows them
    auto text = [&](std::uint32_t i) -> std::string_view {
        const RemainingNode& n = details_[i];
        switch (sortColumn_) {
            case Op:
                return n.opName;
            case Node:
                return n.nodeName;
            case InputShapes:
                return joined[i];
            case OutputShape:
                return n.outputShape;
            case ModulePath:
                return n.modulePath;
            default:
                return n.graph;
        }
    };
    if (sortColumn_ == InputShapes) {
        joined.resize(order_.size());
        for (std::uint32_t i = 0; i < order_.size(); ++i)
            for (const auto& in : details_[i].inputShapes) {
                if (!joined[i].empty()) joined[i] += ", ";
                joined[i] += in.empty() ? std::string_view("?") : in;
            }
    }
    std::unordered_map<std::string_view, std::uint32_t> idOf;
    std::vector<std::string_view> distinct;
    std::vector<std::uint32_t> id(order_.size());
    for (std::uint32_t i = 0; i < order_.size(); ++i) {
        const auto [it, added] = idOf.try_emplace(text(i), static_cast<std::uint32_t>(distinct.size()));
        if (added) distinct.push_back(it->first);
        id[i] = it->second;
    }
    std::vector<std::uint32_t> byText(distinct.size()), rank(distinct.size());
    std::iota(byText.begin(), byText.end(), 0U);
    std::sort(byText.begin(), byText.end(), [&](std::uint32_t a, std::uint32_t b) { return distinct[a] < distinct[b]; });
    for (std::uint32_t r = 0; r < byText.size(); ++r)
        rank[byText[r]] = sortOrder_ == Qt::AscendingOrder ? r : static_cast<std::uint32_t>(byText.size()) - 1 - r;
    std::vector<std::uint64_t> keys(order_.size());
    for (std::uint32_t i = 0; i < order_.size(); ++i) keys[i] = std::uint64_t{rank[id[i]]} << 32 | i;
    std::sort(keys.begin(), keys.end());
    for (std::size_t r = 0; r < keys.size(); ++r) order_[r] = static_cast<std::uint32_t>(keys[r]);
}

const ColumnInfo& RemainingNodeModel::column(int c) const {
    static const ColumnInfo columns[ColumnCount] = {
        {QT_TRANSLATE_NOOP("TableModels", "Op"), QT_TRANSLATE_NOOP("TableModels", "The aten op of the node"), Qt::AscendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Node"), QT_TRANSLATE_NOOP("TableModels", "The node's name in the graph"), Qt::AscendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Subgraph"), QT_TRANSLATE_NOOP("TableModels", "The compiled subgraph that holds it"),
         Qt::AscendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Input shapes"),
         QT_TRANSLATE_NOOP("TableModels", "The shapes of the graph values it takes, in order"), Qt::AscendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Output shape"), QT_TRANSLATE_NOOP("TableModels", "The shape of what it gives"),
         Qt::AscendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Module"),
         QT_TRANSLATE_NOOP("TableModels", "The module of the model that made it (nn_module_stack)"), Qt::AscendingOrder},
    };
    return columns[c];
}

QVariant RemainingNodeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const RemainingNode& r = details_[order_[static_cast<std::size_t>(index.row())]];
    auto inputs = [&] {
        QStringList ins;
        for (const auto& in : r.inputShapes) ins << (in.empty() ? QStringLiteral("?") : qtext(in));
        return ins.join(QStringLiteral(", "));
    };
    switch (role) {
        case OpNameRole:
            return qtext(r.opName);
        case NodeNameRole:
            return qtext(r.nodeName);
        case GraphRole:
            return qtext(r.graph);
        case Qt::ToolTipRole:
            // Rich text, so that the tooltip wraps: a variation string runs to 1,500 px on one line.
            return QStringLiteral("<qt><b>%1</b> %2<br><code>%3</code></qt>")
                .arg(qtext(r.nodeName).toHtmlEscaped(), qtext(r.opName).toHtmlEscaped(), qtext(r.variation).toHtmlEscaped());
        case SortRole:
        case Qt::DisplayRole:
            switch (index.column()) {
                case Op:
                    return qtext(r.opName);
                case Node:
                    return qtext(r.nodeName);
                case InputShapes:
                    return inputs();
                case OutputShape:
                    return qtext(r.outputShape);
                case ModulePath:
                    return qtext(r.modulePath);
                default:
                    return qtext(r.graph);
            }
        default:
            return {};
    }
}

bool RemainingNodeModel::rowHas(int row, const QString& text) const {
    if (text.isEmpty()) return true;
    if (row < 0 || row >= rowCount()) return false;
    if (text != needleOf_) {
        needleOf_ = text;
        needle_ = text.toLower().toStdString();
        asciiNeedle_ = std::all_of(needle_.begin(), needle_.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    }
    const RemainingNode& r = details_[order_[static_cast<std::size_t>(row)]];
    thread_local std::string hay;
    auto has = [&](std::string_view field) {
        if (!asciiNeedle_) return qtext(field).contains(needleOf_, Qt::CaseInsensitive);
        hay.assign(field);
        for (char& c : hay)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return hay.find(needle_) != std::string::npos;
    };
    if (has(r.opName) || has(r.nodeName) || has(r.outputShape) || has(r.modulePath) || has(r.graph)) return true;
    std::string inputs;  // as the column shows them
    for (const auto& in : r.inputShapes) {
        if (!inputs.empty()) inputs += ", ";
        inputs += in.empty() ? std::string_view("?") : in;
    }
    return has(inputs);
}

int RemainingNodeModel::rowOf(const QString& graph, const QString& node) const {
    const std::string g = graph.toStdString(), n = node.toStdString();
    for (std::size_t i = 0; i < order_.size(); ++i) {
        const RemainingNode& r = details_[order_[i]];
        if (r.nodeName == n && r.graph == g) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace atenscope::gui
