// SPDX-License-Identifier: MIT
#include "gui/FileFollower.h"

#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>

#include <algorithm>

namespace atenscope::gui {

namespace {
constexpr int kDepth = 2;  // a metrics root: root/MODEL/files
constexpr int kMaxWatched = 4096;

void collect(const QString& path, int depth, QStringList& out) {
    if (out.size() >= kMaxWatched) return;
    const QFileInfo info(path);
    if (!info.exists()) return;
    out << info.absoluteFilePath();
    if (!info.isDir() || depth == 0) return;
    const QDir dir(info.absoluteFilePath());
    for (const QFileInfo& e : dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        if (!e.fileName().startsWith(QLatin1String(".atenscope-"))) collect(e.absoluteFilePath(), depth - 1, out);
}
}  // namespace

FileFollower::FileFollower(QObject* parent) : QObject(parent), watcher_(new QFileSystemWatcher(this)) {
    quiet_.setSingleShot(true);
    quiet_.setInterval(700);
    connect(&quiet_, &QTimer::timeout, this, [this] {
        rewatch();  // a new file or folder (a new model's) is followed from now on
        emit changed();
    });
    connect(watcher_, &QFileSystemWatcher::fileChanged, this, &FileFollower::touched);
    connect(watcher_, &QFileSystemWatcher::directoryChanged, this, &FileFollower::touched);
}

void FileFollower::follow(const QStringList& paths) {
    paths_ = paths;
    quiet_.stop();
    rewatch();
}

bool FileFollower::followIfChosen(const QStringList& paths) {
    const bool on = choice_.value_or(std::any_of(paths.begin(), paths.end(), [](const QString& f) { return QFileInfo(f).isDir(); }));
    follow(on ? paths : QStringList());
    return on;
}

void FileFollower::rewatch() {
    const QStringList old = watcher_->files() + watcher_->directories();
    if (!old.isEmpty()) watcher_->removePaths(old);
    QStringList watched;
    for (const QString& p : paths_) collect(p, kDepth, watched);
    if (!watched.isEmpty()) watcher_->addPaths(watched);
}

void FileFollower::touched(const QString& path) {
    if (QFileInfo(path).fileName().startsWith(QLatin1String(".atenscope-"))) return;
    quiet_.start();  // again: the changes of one write come together
}

}  // namespace atenscope::gui
