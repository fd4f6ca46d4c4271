// SPDX-License-Identifier: MIT
#pragma once
// The model's own source lines, for the window: the Lines table's rows, where a trace's file
// lies on this machine, and the Source panel's annotated text. No widgets: tested on their own.
#include "gui/TableModels.h"

#include "analysis/SourceLines.h"

#include <QStringList>

#include <map>
#include <optional>

namespace atenscope::gui {

inline constexpr int FileRole = Qt::UserRole + 4;  // lines model: the row's file (as the trace gives it)
inline constexpr int LineRole = Qt::UserRole + 5;  // lines model: the row's line

struct LineRow {
    QString file;
    quint32 line = 0;
    QString function;
    QString code;
    quint64 remaining = 0;
    quint64 converted = 0;
    QString ops;     // "aten.add.Tensor (5), aten.rsqrt.default (5)": most first
    QString models;  // the run's models that use it ("" for one model)
};

// The Lines table: the model's (or run's) own lines, ranked by the remaining nodes they make.
class SourceLineModel : public RowTableModel<LineRow> {
    Q_OBJECT
public:
    enum Column { Line, Remaining, Converted, Function, Code, Ops, Models, ColumnCount };
    using RowTableModel::RowTableModel;

    void setLines(const SourceLineMap& lines);
    int rowOf(const QString& file, quint32 line) const;
    int defaultSortColumn() const override { return Remaining; }

protected:
    int columns() const override { return ColumnCount; }
    const ColumnInfo& column(int column) const override;
    QVariant cell(const LineRow& row, int column, int role) const override;
};

// Where a file a stack trace names lies on this machine: an absolute path as it is, a relative
// one (a fixture's "transformers/models/...", a trace made elsewhere) under each root in turn.
// Only a regular file of Python source below the size cap is taken: a dump names the path, and
// a dump can be hostile (/dev/zero, a device, a huge file).
class SourceFinder {
public:
    static constexpr qint64 kMaxBytes = 8 << 20;
    void setRoots(const QStringList& roots) { roots_ = roots; }
    const QStringList& roots() const { return roots_; }
    // The file's absolute path, or empty.
    QString find(const QString& file) const;
    // The file's lines, if it is found and readable (within the cap).
    std::optional<QStringList> read(const QString& file, QString* foundAt = nullptr) const;

private:
    QStringList roots_;
};

struct LineCounts {
    quint64 remaining = 0;
    quint64 converted = 0;
};

// The lines of one file that nodes come from, with their counts.
std::map<quint32, LineCounts> countsOfFile(const SourceLineMap& lines, const QString& file);

// The Source panel's text: every line of the file, numbered, the remaining and converted nodes
// that come from each in the margin (lines with remaining ones marked), `current` marked and
// findable by the anchor "current" (a few lines above it); line numbers with nodes link as "line:N".
QString annotatedSourceHtml(const QStringList& text, const std::map<quint32, LineCounts>& counts, quint32 current);
// Without the file: the frame as the trace gives it, and the file's other lines the model's
// nodes come from (linked), said plainly.
QString frameOnlyHtml(const SourceFrame& frame, const SourceLineMap& lines, const QStringList& searched);

}  // namespace atenscope::gui
