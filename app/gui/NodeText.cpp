// SPDX-License-Identifier: MIT
#include "gui/NodeText.h"

#include "analysis/RunReport.h"
#include "analysis/SourceLines.h"

#include "analysis/Variation.h"
#include "graph/Recorded.h"
#include "render/GraphDrawing.h"
#include "render/QtText.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QObject>
#include <QStringList>

#include <algorithm>

namespace atenscope::gui {

namespace {

QString esc(std::string_view s) {
    return qtext(s).toHtmlEscaped();
}

QString row(const QString& key, const QString& value) {
    return QStringLiteral("<tr><td style='color:#616161;padding-right:8px;vertical-align:top'>%1</td><td>%2</td></tr>").arg(key, value);
}

QString mono(const QString& s) {
    return QStringLiteral("<code>%1</code>").arg(s);
}

}  // namespace

QString nodeDetailsHtml(const Graph& graph, std::size_t index, NodeClass c, const SchemaSource* schemas, std::size_t linkBase) {
    const Graph* g = &graph;
    const Node& n = g->nodes[index];
    const NodeStyle s = styleFor(c);
    QString html = QStringLiteral("<h3 style='margin:2px 0'>%1</h3>").arg(esc(n.name));
    html += QStringLiteral("<p><span style='background:%1;color:%2;padding:2px 6px;border:1px solid %3'>&nbsp;%4&nbsp;</span></p>")
                .arg(s.fill.name(), s.text.name(), s.border.name(), classLabel(c));
    html += QStringLiteral("<table>");
    html += row(QObject::tr("Op"), QString::fromLatin1(opKindName(n.op)));
    html += row(QObject::tr("Target"), mono(esc(n.target)));
    if (!n.targetRaw.empty()) html += row(QObject::tr("Raw target"), mono(esc(n.targetRaw)));
    html += row(QObject::tr("Args"), mono(qtext(argsRepr(*g, n)).toHtmlEscaped()));
    if (!n.kwargs.empty()) html += row(QObject::tr("Kwargs"), mono(qtext(kwargsRepr(*g, n)).toHtmlEscaped()));
    auto link = [&](std::uint32_t i) {
        const Node& p = g->nodes[i];
        return QStringLiteral("<a href='node:%1'>%2</a> %3 %4")
            .arg(linkBase + i)
            .arg(esc(p.name), esc(p.singleShape()), p.outputs.empty() ? QString() : esc(p.outputs[0].dtype));
    };
    QStringList ins;
    for (auto in : n.inputs) ins << link(in);
    if (!ins.isEmpty()) html += row(QObject::tr("Inputs"), ins.join(QStringLiteral("<br>")));
    QStringList outs;
    for (const auto& o : n.outputs) outs << (o.isTensor ? esc(o.shape) + QLatin1Char(' ') + esc(o.dtype) : esc(o.dtype));
    if (!outs.isEmpty()) html += row(QObject::tr("Outputs"), outs.join(QStringLiteral("<br>")));
    // The model's own line it comes from: the link shows it in the Source panel.
    if (const auto line = modelFrame(n.more().stackTrace))
        html += row(QObject::tr("Source"), QStringLiteral("<a href='source:'>%1:%2</a>%3")
                                               .arg(esc(std::string_view(line->file).substr(line->file.rfind('/') + 1)))
                                               .arg(line->line)
                                               .arg(line->function.empty() ? QString() : QObject::tr(" in %1").arg(esc(line->function))));
    if (const ModuleFrame* frame = n.innermostModule())
        html += row(QObject::tr("Module"),
                    mono(esc(frame->path)) + (frame->type.empty() ? QString() : QStringLiteral(" (%1)").arg(esc(frame->type))));
    QStringList users;
    constexpr std::size_t kShownUsers = 40;
    for (std::size_t k = 0; k < std::min(n.users.size(), kShownUsers); ++k)
        users << QStringLiteral("<a href='node:%1'>%2</a> %3")
                     .arg(linkBase + n.users[k])
                     .arg(esc(g->nodes[n.users[k]].name), esc(g->nodes[n.users[k]].target));
    if (n.users.size() > kShownUsers) users << QObject::tr("... and %1 more").arg(n.users.size() - kShownUsers);
    html += row(QObject::tr("Users"), users.isEmpty() ? QObject::tr("none") : users.join(QStringLiteral("<br>")));
    if (n.isAten()) {
        const OpSchema* schema = n.schema;
        std::shared_ptr<const OpSchema> fallback;
        if (!schema && schemas) schema = (fallback = schemas->find(std::string(n.target))).get();
        html += row(QObject::tr("Input variation"), mono(qtext(inputVariation(*g, n, schema)).toHtmlEscaped()));
    }
    html += QStringLiteral("</table>");
    if (!n.more().stackTrace.empty()) html += QStringLiteral("<p><b>Stack trace</b></p><pre>%1</pre>").arg(esc(n.more().stackTrace));
    return html;
}

QString nodeToolTipHtml(const Graph& graph, std::size_t index, NodeClass c) {
    const Node& n = graph.nodes[index];
    QString text = QStringLiteral("<b>%1</b> &nbsp;<i>%2</i><br><code>%3</code>").arg(esc(n.name), classLabel(c), esc(n.target));
    QStringList outs;
    for (const auto& o : n.outputs) outs << (o.isTensor ? esc(o.shape) + QLatin1Char(' ') + esc(o.dtype) : esc(o.dtype));
    if (!outs.isEmpty()) text += QStringLiteral("<br>") + outs.join(QStringLiteral(", "));
    if (const ModuleFrame* frame = n.innermostModule()) text += QStringLiteral("<br>%1").arg(esc(frame->path));
    return text;
}

QString summaryHtml(const Summary& t, const Summary* subgraph, const QString& automaticReason) {
    const auto pct = t.conversionPercentage();
    QString text = QStringLiteral(
                       "<b>%1</b> &nbsp; Remaining aten ops: <b style='color:#c62828'>%2</b> &nbsp;&nbsp; Conversion: <b>%3</b> "
                       "&nbsp;&nbsp; Converted ops: <b style='color:#2e7d32'>%4</b> &nbsp;&nbsp; To/From Device ops: "
                       "<b style='color:#ef6c00'>%5</b> &nbsp;&nbsp; Profile: %6")
                       .arg(esc(t.model), qtext(totalUnique(t.remaining, t.uniqueOpTypes())),
                            pct ? QString::number(*pct, 'f', 1) + QStringLiteral(" %") : QObject::tr("n/a (no original graph)"))
                       .arg(t.converted)
                       .arg(t.dataMovement)
                       .arg(esc(t.profile) + (t.predicted ? QObject::tr(" (predicted)") : QString()) +
                            (!automaticReason.isEmpty() ? QStringLiteral(" <span style='color:#616161'>%1</span>")
                                                              .arg(QObject::tr("(automatic: %1)").arg(automaticReason.toHtmlEscaped()))
                                                        : QString()));
    if (subgraph)
        text += QStringLiteral(" &nbsp;&nbsp;|&nbsp; subgraph %1: %2 remaining")
                    .arg(esc(subgraph->graph), qtext(totalUnique(subgraph->remaining, subgraph->uniqueOpTypes())));
    return text;
}

QString opDetailsHtml(const Summary& summary, const std::string& op) {
    const auto it = summary.ops.find(op);
    if (it == summary.ops.end()) return {};
    const OpStats& stats = it->second;
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p>")
                       .arg(esc(op), QObject::tr("%1 remaining (%2 % of the remaining ops), %3 input variations")
                                         .arg(stats.count)
                                         .arg(QString::number(summary.sharePercent(stats.count), 'f', 1))
                                         .arg(stats.variations.size()));
    std::vector<std::pair<std::uint64_t, const std::string*>> rows;
    for (const auto& [text, n] : stats.variations) rows.emplace_back(n, &text);
    std::sort(rows.begin(), rows.end(),
              [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : *a.second < *b.second; });
    if (!rows.empty()) {
        html += QStringLiteral("<table cellspacing='0' cellpadding='3'><tr><th align='right'>%1</th><th align='left'>%2</th></tr>")
                    .arg(QObject::tr("Count"), QObject::tr("Input variation"));
        for (const auto& [n, text] : rows)
            html += QStringLiteral("<tr><td align='right' valign='top'>%1</td><td><code>%2</code></td></tr>")
                        .arg(n)
                        .arg(text->empty() ? QObject::tr("(not recorded)") : esc(*text));
        html += QStringLiteral("</table>");
    }
    return html;
}

QString noGraphText(const Model& model) {
    QString text = QObject::tr("%1 has no graph here.").arg(qtext(model.name));
    if (model.recorded) {
        const Recorded& r = *model.recorded;
        QStringList files;
        for (const auto& f : r.files) files << QFileInfo(qtext(f)).fileName();
        text +=
            QLatin1Char(' ') + QObject::tr("Its tables come from torch_ttnn's metrics files: %1.").arg(files.join(QStringLiteral(", ")));
        auto run = [](const RecordedRun& record, const QString& which) -> QString {
            if (!record.success) return {};
            QString t = *record.success ? QObject::tr("the %1 run succeeded").arg(which) : QObject::tr("the %1 run failed").arg(which);
            if (record.averageRunTime || record.runTime)
                t += QObject::tr(" (%1 s)").arg(QString::number(record.averageRunTime.value_or(record.runTime.value_or(0)), 'g', 3));
            if (record.accuracy) t += QObject::tr(", accuracy %1 %").arg(QString::number(*record.accuracy * 100.0, 'f', 2));
            return t;
        };
        QStringList runs;
        for (const QString& t : {run(r.originalRun, QObject::tr("original")), run(r.compiledRun, QObject::tr("compiled"))})
            if (!t.isEmpty()) runs << t;
        if (!runs.isEmpty()) {
            QString sentence = runs.join(QStringLiteral("; ")) + QLatin1Char('.');
            sentence[0] = sentence[0].toUpper();
            text += QLatin1Char(' ') + sentence;
        }
    }
    text += QStringLiteral("\n\n") +
            QObject::tr(
                "To see the graph, dump it from the backend with python/atenscope_dump.py (two lines in the compiler "
                "function: docs/integrating.md) into this folder, or save the model with torch.export.save and open the .pt2.");
    return text;
}

QString shownNodeDetailsHtml(const Graph& g, std::size_t index, NodeClass cls, const SchemaSource* schemas) {
    const PartitionIndex parts(g);
    const auto in = parts.inner(index);
    if (!in) return nodeDetailsHtml(g, index, cls, schemas);
    // A node inside a fused partition: its own text, links within the partition, and where it is.
    const std::size_t base = index - in->node;
    const Node& n = parts.node(index);
    QString html = nodeDetailsHtml(parts.graphOf(index), in->node, cls, schemas, base);
    // An input that is the partition's placeholder, a user that is its output: links to what
    // they stand for outside (the argument, the call node), which are drawn.
    for (const auto& ends : {n.inputs, n.users})
        for (const auto j : ends)
            if (const auto outer = parts.outside(base + j))
                html.replace(QStringLiteral("href='node:%1'").arg(base + j), QStringLiteral("href='node:%1'").arg(*outer));
    return QCoreApplication::translate("NodeText", "<p style='margin:2px 0'>Inside partition <a href='node:%1'>%2</a></p>")
               .arg(in->partition)
               .arg(qtext(g.nodes[in->partition].name).toHtmlEscaped()) +
           html;
}

QString shownNodeToolTipHtml(const Graph& g, std::size_t index, NodeClass cls) {
    const PartitionIndex parts(g);
    if (index >= parts.size()) return {};
    const auto in = parts.inner(index);
    if (!in) return nodeToolTipHtml(g, index, cls);
    return nodeToolTipHtml(parts.graphOf(index), in->node, cls) +
           QCoreApplication::translate("NodeText", "<br>in partition %1").arg(qtext(g.nodes[in->partition].name).toHtmlEscaped());
}

QString hiddenNodeNote(const Graph& g, const GraphDrawing& drawing, std::size_t index, int* standsFor) {
    *standsFor = -1;
    const PartitionIndex parts(g);
    const Node& n = parts.node(index);
    const auto in = parts.inner(index);
    if (in && (n.op == OpKind::Placeholder || n.op == OpKind::Output))
        return QCoreApplication::translate("NodeText", "%1 is a partition's input or output: drawn as the edges into and out of it")
            .arg(qtext(n.name));
    if (in && drawing.shown(in->partition)) {  // partitions drawn as nodes (the flat drawing): the node that holds it
        *standsFor = static_cast<int>(in->partition);
        return QCoreApplication::translate("NodeText", "%1 is inside partition %2, drawn as one node here")
            .arg(qtext(n.name), qtext(g.nodes[in->partition].name));
    }
    return QCoreApplication::translate(
               "NodeText", "%1 is a weight or constant, drawn as a chip of its users: View > Show weights and constants draws it apart")
        .arg(qtext(n.name));
}

QString modelSummaryHtml(const ModelReport& report, int graph, const QString& automaticReason) {
    const Summary* sub = report.subgraphs.size() > 1 && graph >= 0 && graph < static_cast<int>(report.subgraphs.size())
                             ? &report.subgraphs[static_cast<std::size_t>(graph)]
                             : nullptr;
    QString text = summaryHtml(report.total, sub, automaticReason);
    // A model whose recorded run failed: its figures are what the graphs or lists predict.
    if (const std::string failure = modelFailure(report); !failure.empty() && report.recorded)
        text = QStringLiteral("<span style='color:#c62828'><b>%1</b> (%2)</span><br>")
                   .arg(QCoreApplication::translate("NodeText", "Run failed"), qtext(failure).toHtmlEscaped()) +
               text;
    return text;
}

QString windowTitleOf(const Model& m, const QStringList& files, int models) {
    const QString name = qtext(m.name);
    if (models > 1) {
        const QString run =
            files.size() == 1 ? QFileInfo(files.front()).fileName() : QCoreApplication::translate("NodeText", "%1 files").arg(files.size());
        return QCoreApplication::translate("NodeText", "%1 - %2 (%3 models) - AtenScope").arg(name, run).arg(models);
    }
    const QString file = QFileInfo(qtext(m.graphs.empty() ? std::string() : m.graphs.front().source)).fileName();
    return file.isEmpty() ? QStringLiteral("%1 - AtenScope").arg(name) : QStringLiteral("%1 (%2) - AtenScope").arg(name, file);
}

}  // namespace atenscope::gui
