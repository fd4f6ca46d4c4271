// SPDX-License-Identifier: MIT
#include "gui/SourceModels.h"

#include "render/QtText.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace atenscope::gui {

namespace {

QString opsText(const SourceLineStats& s) {
    std::vector<std::pair<std::string, std::uint64_t>> ops(s.ops.begin(), s.ops.end());
    std::stable_sort(ops.begin(), ops.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    QStringList parts;
    for (const auto& [op, n] : ops) parts << QStringLiteral("%1 (%2)").arg(qtext(op)).arg(n);
    return parts.join(QStringLiteral(", "));
}

QString tr(const char* text) {
    return QCoreApplication::translate("SourceModels", text);
}

}  // namespace

void SourceLineModel::setLines(const SourceLineMap& lines) {
    std::vector<LineRow> rows;
    rows.reserve(lines.size());
    for (const auto& [key, stats] : rankedLines(lines)) {
        LineRow r;
        r.file = qtext(key->file);
        r.line = key->line;
        r.function = qtext(stats->function);
        r.code = qtext(stats->code);
        r.remaining = stats->remaining;
        r.converted = stats->converted;
        r.ops = opsText(*stats);
        QStringList models;
        for (const auto& [m, n] : stats->models) models << QStringLiteral("%1 (%2)").arg(qtext(m)).arg(n);
        r.models = models.join(QStringLiteral(", "));
        rows.push_back(std::move(r));
    }
    setRows(std::move(rows));
}

int SourceLineModel::rowOf(const QString& file, quint32 line) const {
    for (std::size_t i = 0; i < rows().size(); ++i)
        if (rows()[i].line == line && rows()[i].file == file) return static_cast<int>(i);
    return -1;
}

const ColumnInfo& SourceLineModel::column(int c) const {
    static const ColumnInfo columns[ColumnCount] = {
        {QT_TRANSLATE_NOOP("TableModels", "Line"),
         QT_TRANSLATE_NOOP("TableModels",
                           "The model's own line (file:line) its nodes come from: the innermost frame of their stack "
                           "trace that is not torch's"),
         Qt::AscendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Remaining"), QT_TRANSLATE_NOOP("TableModels", "Nodes of this line the backend left as aten ops"),
         Qt::DescendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Converted"), QT_TRANSLATE_NOOP("TableModels", "Nodes of this line the backend converted"),
         Qt::DescendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Function"), QT_TRANSLATE_NOOP("TableModels", "The function the line is in"), Qt::AscendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Code"), QT_TRANSLATE_NOOP("TableModels", "The line's code, as the stack trace quotes it"),
         Qt::AscendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Ops"), QT_TRANSLATE_NOOP("TableModels", "The remaining ops the line makes, most first"),
         Qt::AscendingOrder},
        {QT_TRANSLATE_NOOP("TableModels", "Models"), QT_TRANSLATE_NOOP("TableModels", "The run's models whose nodes come from it"),
         Qt::AscendingOrder},
    };
    return columns[c];
}

QVariant SourceLineModel::cell(const LineRow& r, int column, int role) const {
    if (role == FileRole) return r.file;
    if (role == LineRole) return r.line;
    if (role == Qt::TextAlignmentRole && (column == Remaining || column == Converted))
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    const QString place = QStringLiteral("%1:%2").arg(QFileInfo(r.file).fileName()).arg(r.line);
    if (role == SortRole) {
        switch (column) {
            case Line:
                return QStringLiteral("%1:%2").arg(r.file).arg(r.line, 8, 10, QLatin1Char('0'));
            case Remaining:
                return r.remaining;
            case Converted:
                return r.converted;
            default:
                break;
        }
    }
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (column) {
            case Line:
                return place;
            case Function:
                return r.function;
            case Code:
                return r.code;
            case Remaining:
                return r.remaining;
            case Converted:
                return r.converted;
            case Ops:
                return r.ops;
            case Models:
                return r.models;
            default:
                return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (column) {
            case Line:
                return QStringLiteral("%1:%2").arg(r.file).arg(r.line);
            case Code:
                return r.code;
            case Ops:
                return r.ops;
            case Models:
                return r.models;
            default:
                return {};
        }
    }
    return {};
}

QString SourceFinder::find(const QString& file) const {
    if (file.isEmpty()) return {};
    auto usable = [](const QFileInfo& fi) {
        return fi.isFile() && fi.suffix() == QLatin1String("py") && fi.size() <= kMaxBytes && fi.isReadable();
    };
    if (QDir::isAbsolutePath(file)) {
        const QFileInfo fi(file);
        if (usable(fi)) return fi.absoluteFilePath();
    }
    // A relative path, or an absolute one from another machine: under each root, the path as it
    // is, then (for another machine's absolute path) from each "site-packages"/"dist-packages" on.
    QStringList tails;
    if (!QDir::isAbsolutePath(file)) tails << file;
    for (const QString& marker : {QStringLiteral("/site-packages/"), QStringLiteral("/dist-packages/")})
        if (const int at = file.lastIndexOf(marker); at >= 0) tails << file.mid(at + marker.size());
    for (const QString& root : roots_)
        for (const QString& tail : tails) {
            const QFileInfo fi(QDir(root).filePath(tail));
            if (usable(fi)) return fi.absoluteFilePath();
        }
    return {};
}

std::optional<QStringList> SourceFinder::read(const QString& file, QString* foundAt) const {
    const QString path = find(file);
    if (path.isEmpty()) return std::nullopt;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return std::nullopt;
    const QByteArray bytes = f.read(kMaxBytes + 1);
    if (bytes.size() > kMaxBytes) return std::nullopt;
    if (foundAt) *foundAt = path;
    QString text = QString::fromUtf8(bytes);
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    QStringList lines = text.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.back().isEmpty()) lines.removeLast();
    return lines;
}

std::map<quint32, LineCounts> countsOfFile(const SourceLineMap& lines, const QString& file) {
    std::map<quint32, LineCounts> out;
    const std::string f = file.toStdString();
    for (auto it = lines.lower_bound(SourceLineKey{f, 0}); it != lines.end() && it->first.file == f; ++it)
        out[it->first.line] = {it->second.remaining, it->second.converted};
    return out;
}

QString annotatedSourceHtml(const QStringList& text, const std::map<quint32, LineCounts>& counts, quint32 current) {
    QString html;
    html.reserve(text.size() * 80);
    html += QStringLiteral(
        "<table cellspacing='0' cellpadding='1' width='100%' style='font-family:monospace;white-space:pre'>"
        "<tr><th width='44' align='right'>left</th><th width='44' align='right'>conv</th><th width='48' align='right'>line</th>"
        "<th></th></tr>");
    // The anchor a few lines above the current one: scrolled to, the line shows with what leads to it.
    const quint32 anchor = current > 2 ? current - 2 : 1;
    for (int i = 0; i < text.size(); ++i) {
        const quint32 n = static_cast<quint32>(i + 1);
        const auto c = counts.find(n);
        const bool has = c != counts.end();
        const bool remaining = has && c->second.remaining > 0;
        QString style;
        if (n == current)
            style = QStringLiteral(" style='background:#ffe9a8'");
        else if (remaining)
            style = QStringLiteral(" style='background:#fde4e1'");
        html += QStringLiteral("<tr%1>").arg(style);
        html += remaining
                    ? QStringLiteral("<td align='right' style='color:#fff;background:#c5221f'><b>%1</b></td>").arg(c->second.remaining)
                    : QStringLiteral("<td></td>");
        html += has && c->second.converted ? QStringLiteral("<td align='right' style='color:#137333'>%1</td>").arg(c->second.converted)
                                           : QStringLiteral("<td></td>");
        const QString number = n == anchor ? QStringLiteral("<a name='current'></a>%1").arg(n) : QString::number(n);
        html += has ? QStringLiteral("<td align='right'><a href='line:%1'>%2</a></td>").arg(n).arg(number)
                    : QStringLiteral("<td align='right' style='color:#888'>%1</td>").arg(number);
        html += QStringLiteral("<td>&nbsp;&nbsp;%1</td></tr>").arg(text[i].toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    return html;
}

QString frameOnlyHtml(const SourceFrame& frame, const SourceLineMap& lines, const QStringList& searched) {
    const QString file = qtext(frame.file);
    QString html = QStringLiteral("<p>") +
                   tr("<b>%1</b> is not on this machine, so only what the stack trace says is shown.").arg(file.toHtmlEscaped()) +
                   QStringLiteral("</p>");
    if (!searched.isEmpty())
        html += QStringLiteral("<p style='color:#666'>") +
                tr("Searched under: %1. Add the folder that holds it with Source folder.")
                    .arg(searched.join(QStringLiteral(", ")).toHtmlEscaped()) +
                QStringLiteral("</p>");
    html += QStringLiteral(
        "<table cellspacing='0' cellpadding='2' style='font-family:monospace'>"
        "<tr><th align='right'>left</th><th align='right'>conv</th><th align='right'>line</th><th "
        "align='left'>function</th><th align='left'>code</th></tr>");
    const std::string f(frame.file);
    for (auto it = lines.lower_bound(SourceLineKey{f, 0}); it != lines.end() && it->first.file == f; ++it) {
        const bool current = it->first.line == frame.line;
        html += QStringLiteral("<tr%1>").arg(current                ? QStringLiteral(" style='background:#ffe9a8'")
                                             : it->second.remaining ? QStringLiteral(" style='background:#fde4e1'")
                                                                    : QString());
        html += QStringLiteral("<td align='right'>%1</td><td align='right'>%2</td><td align='right'>%3<a href='line:%4'>%4</a></td>")
                    .arg(it->second.remaining ? QString::number(it->second.remaining) : QString())
                    .arg(it->second.converted ? QString::number(it->second.converted) : QString())
                    .arg(current ? QStringLiteral("<a name='current'></a>") : QString())
                    .arg(it->first.line);
        html += QStringLiteral("<td>%1</td><td>%2</td></tr>")
                    .arg(qtext(it->second.function).toHtmlEscaped(), qtext(it->second.code).toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    return html;
}

}  // namespace atenscope::gui
