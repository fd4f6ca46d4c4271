// SPDX-License-Identifier: MIT
#pragma once
// Follows what the window shows as a run writes it (View > Follow changes): the files opened
// and, for a folder, the files and folders in it (a metrics root: one folder a model), watched by
// the file system; changes come together (a run writes several files at once) into one
// changed() a quiet moment after the last. Files the companion is still writing (its temporary
// ".atenscope-*" files, renamed into place when whole) are not changes.
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <optional>

class QFileSystemWatcher;

namespace atenscope::gui {

class FileFollower : public QObject {
    Q_OBJECT
public:
    explicit FileFollower(QObject* parent = nullptr);
    // Follows these (files or folders); empty: nothing.
    void follow(const QStringList& paths);
    void stop() { follow({}); }
    bool following() const { return !paths_.isEmpty(); }
    // The user's choice (View > Follow changes, --no-follow); unset: folders are followed, files not.
    void setChoice(std::optional<bool> choice) { choice_ = choice; }
    // Follows `paths` when the choice (or, unset, a folder among them) says so; returns whether.
    bool followIfChosen(const QStringList& paths);
    // A reload that failed (a file still being written): true while it is worth trying again
    // (three times); a reload that worked starts the count again.
    bool retry() { return ++retries_ <= 3; }
    void reloaded() { retries_ = 0; }
    void setQuietMs(int ms) { quiet_.setInterval(ms); }

signals:
    void changed();

private:
    void rewatch();
    void touched(const QString& path);
    QFileSystemWatcher* watcher_;
    QStringList paths_;
    QTimer quiet_;
    std::optional<bool> choice_;
    int retries_ = 0;
};

}  // namespace atenscope::gui
