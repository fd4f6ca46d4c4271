// SPDX-License-Identifier: MIT
#include "gui/SourcePanel.h"

#include "analysis/SourceLines.h"
#include "render/QtText.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QTextBrowser>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace atenscope::gui {

SourcePanel::SourcePanel(QWidget* parent) : QWidget(parent) {
    auto* l = new QVBoxLayout(this);
    l->setContentsMargins(4, 4, 4, 4);
    auto* row = new QHBoxLayout();
    title_ = new QLabel(this);
    title_->setObjectName(QStringLiteral("sourceTitle"));
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    title_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);  // a long path never widens the window
    folder_ = new QToolButton(this);
    folder_->setText(tr("Source folder\u2026"));
    folder_->setToolTip(tr("Add a folder where the model's files are looked for (a venv's site-packages, a checkout)"));
    row->addWidget(title_, 1);
    row->addWidget(folder_);
    l->addLayout(row);
    text_ = new QTextBrowser(this);
    text_->setObjectName(QStringLiteral("sourceText"));
    text_->setOpenLinks(false);
    text_->setLineWrapMode(QTextEdit::NoWrap);
    l->addWidget(text_);
    connect(text_, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() != QLatin1String("line")) return;
        bool ok = false;
        const quint32 line = url.path().toUInt(&ok);
        if (ok && !file_.isEmpty()) emit lineChosen(file_, line);
    });
    connect(folder_, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder that holds the model's source files"));
        if (dir.isEmpty()) return;
        QStringList roots = finder_.roots();
        roots.prepend(dir);
        setRoots(roots);
        QSettings settings;
        QStringList kept = settings.value(QStringLiteral("sourceFolders")).toStringList();
        kept.removeAll(dir);
        kept.prepend(dir);
        settings.setValue(QStringLiteral("sourceFolders"), kept.mid(0, 20));
        emit sourceFolderAdded(dir);
        render();
    });
    showNone(tr("Select a node to see the line of the model's code it comes from."));
}

void SourcePanel::setLines(const SourceLineMap* lines) {
    lines_ = lines;
}

void SourcePanel::setRoots(const QStringList& roots) {
    if (roots == finder_.roots()) return;
    finder_.setRoots(roots);
    cachedFile_.clear();  // a file not found before may be found now
}

void SourcePanel::showLine(const QString& file, quint32 line, const QString& function, const QString& code) {
    file_ = file;
    line_ = line;
    function_ = function;
    code_ = code;
    if (lines_ && (function_.isEmpty() || code_.isEmpty())) {
        if (auto it = lines_->find(SourceLineKey{file.toStdString(), line}); it != lines_->end()) {
            if (function_.isEmpty()) function_ = qtext(it->second.function);
            if (code_.isEmpty()) code_ = qtext(it->second.code);
        }
    }
    render();
}

void SourcePanel::showNone(const QString& why) {
    file_.clear();
    line_ = 0;
    foundAt_.clear();
    title_->setText(tr("Source"));
    text_->setHtml(QStringLiteral("<p style='color:#666'>%1</p>").arg(why.toHtmlEscaped()));
}

std::optional<std::pair<QString, quint32>> SourcePanel::showNode(const Model* m, NodeRef node) {
    if (!m || !node.valid() || node.graph >= static_cast<int>(m->graphs.size())) {
        showNone(m ? tr("Select a node to see the line of the model's code it comes from.") : tr("No model open."));
        return std::nullopt;
    }
    const PartitionIndex parts(m->graphs[static_cast<std::size_t>(node.graph)]);
    if (node.node >= static_cast<int>(parts.size())) return std::nullopt;
    const Node& n = parts.node(static_cast<std::size_t>(node.node));
    const std::string_view trace = n.more().stackTrace;
    const auto frame = trace.empty() ? std::nullopt : modelFrame(trace);
    if (!frame) {
        showNone(trace.empty() ? tr("%1 has no stack trace: the front end that made the graph recorded none for it.").arg(qtext(n.name))
                               : tr("%1's stack trace names no line of the model's own code, only torch's.").arg(qtext(n.name)));
        return std::nullopt;
    }
    showLine(qtext(frame->file), frame->line, qtext(frame->function), qtext(frame->code));
    return std::make_pair(qtext(frame->file), frame->line);
}

void SourcePanel::setFirstRoots(const QStringList& folders) {
    first_.clear();
    for (const QString& f : folders) first_ << QFileInfo(f).absoluteFilePath();
}

void SourcePanel::setRootsFor(const Model* m) {
    QStringList roots = first_;
    roots += QSettings().value(QStringLiteral("sourceFolders")).toStringList();
    if (m) {
        for (const auto& r : m->sourceRoots) roots << qtext(r);
        for (const auto& f : m->sources) roots << QFileInfo(qtext(f)).absolutePath();
    }
    roots << QDir::currentPath();
    roots.removeDuplicates();
    setRoots(roots);
}

QString SourcePanel::title() const {
    return title_->text();
}

void SourcePanel::render() {
    if (file_.isEmpty()) return;
    if (file_ != cachedFile_) {
        cachedFile_ = file_;
        cachedAt_.clear();
        cachedText_ = finder_.read(file_, &cachedAt_);
    }
    foundAt_ = cachedText_ ? cachedAt_ : QString();
    const QString where = QStringLiteral("%1:%2").arg(file_).arg(line_);
    QString head = QStringLiteral("<b>%1</b>").arg(where.toHtmlEscaped());
    if (!function_.isEmpty()) head += tr(" in %1").arg(function_.toHtmlEscaped());
    const SourceLineMap empty;
    const SourceLineMap& lines = lines_ ? *lines_ : empty;
    if (auto it = lines.find(SourceLineKey{file_.toStdString(), line_}); it != lines.end())
        head += tr(" &middot; <span style='color:#c5221f'>%1 remaining</span>, %2 converted")
                    .arg(it->second.remaining)
                    .arg(it->second.converted);
    title_->setText(head);
    title_->setToolTip(foundAt_.isEmpty() ? tr("Not found on this machine") : foundAt_);
    if (cachedText_) {
        text_->setHtml(annotatedSourceHtml(*cachedText_, countsOfFile(lines, file_), line_));
    } else {
        SourceFrame frame;
        const std::string file = file_.toStdString(), function = function_.toStdString(), code = code_.toStdString();
        frame.file = file;
        frame.line = line_;
        frame.function = function;
        frame.code = code;
        QString html = frameOnlyHtml(frame, lines, finder_.roots());
        if (!code_.isEmpty())
            html.prepend(QStringLiteral("<p>") + tr("Line %1 in %2:").arg(line_).arg(function_.toHtmlEscaped()) +
                         QStringLiteral("</p><pre>%1</pre>").arg(code_.toHtmlEscaped()));
        text_->setHtml(html);
    }
    text_->scrollToAnchor(QStringLiteral("current"));
}

}  // namespace atenscope::gui
