// SPDX-License-Identifier: MIT
#pragma once
// The Source panel (hotspot's annotated source is the model): the line of the model's own code
// the selected node comes from, in its file when the file is on this machine, each line with the
// remaining and converted nodes that come from it; choosing a line says so (the window walks its
// nodes). Without the file: the frame as the trace gives it, said plainly.
#include "gui/Navigator.h"
#include "gui/SourceModels.h"

#include <QWidget>

class QLabel;
class QTextBrowser;
class QToolButton;

namespace atenscope::gui {

class SourcePanel : public QWidget {
    Q_OBJECT
public:
    explicit SourcePanel(QWidget* parent = nullptr);

    // The lines of the model shown (the margins' counts); kept by the caller while shown.
    void setLines(const SourceLineMap* lines);
    // Where relative paths are looked for (SourceFinder).
    void setRoots(const QStringList& roots);
    const QStringList& roots() const { return finder_.roots(); }
    // A line of the model (the selected node's, or one chosen in Lines).
    void showLine(const QString& file, quint32 line, const QString& function = {}, const QString& code = {});
    // Nothing to show, and why.
    void showNone(const QString& why);
    // The line of `model`'s own code the node comes from (the innermost frame of its stack trace
    // that is not torch's), or why there is none. Returns the file and line shown.
    std::optional<std::pair<QString, quint32>> showNode(const Model* model, NodeRef node);
    // The roots for `model`: the first ones (--source-dir), the folders added with Source folder (kept in
    // the settings), those the dump records, the folders of its files, the working folder.
    void setRootsFor(const Model* model);
    void setFirstRoots(const QStringList& folders);  // --source-dir
    QString file() const { return file_; }
    quint32 line() const { return line_; }
    QString foundAt() const { return foundAt_; }  // the file read from disk ("" when not found)
    QTextBrowser* text() const { return text_; }
    QString title() const;

signals:
    void lineChosen(const QString& file, quint32 line);
    void sourceFolderAdded(const QString& folder);  // and kept in the settings

private:
    void render();

    SourceFinder finder_;
    const SourceLineMap* lines_ = nullptr;
    QLabel* title_ = nullptr;
    QTextBrowser* text_ = nullptr;
    QToolButton* folder_ = nullptr;
    QString file_, function_, code_, foundAt_;
    quint32 line_ = 0;
    QString cachedFile_;  // the last file read, as the trace names it, and its lines
    std::optional<QStringList> cachedText_;
    QString cachedAt_;
    QStringList first_;
};

}  // namespace atenscope::gui
