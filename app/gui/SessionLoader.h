// SPDX-License-Identifier: MIT
#pragma once
// The window's loads: files opened, added, read again (weights shown apart, a run followed),
// each with what the window returns to once loaded. Following (View > Follow changes), a change
// on disk asks the window where it is and reads the same files again; a reload that fails (a file
// still being written) is tried again quietly, a few times.
#include "gui/FileFollower.h"
#include "gui/Loader.h"
#include "gui/Navigator.h"

#include <QObject>

#include <memory>
#include <optional>

namespace atenscope::gui {

// How a load came about, and where the window goes once it is loaded.
struct LoadIntent {
    std::optional<std::pair<int, int>> back;      // the same files again: this model and subgraph
    std::optional<QStringList> namesBefore;       // files added: the models shown before (the first new one is shown)
    std::optional<Navigator::Place> place;        // following: the walk and the selection, by names
    std::shared_ptr<const Session> followedFrom;  // following: the load it is compared with
};

class SessionLoader : public QObject {
    Q_OBJECT
public:
    explicit SessionLoader(QObject* parent = nullptr);

    // Reads `files` (drawing weights apart or not); a load running is dropped.
    void open(const QStringList& files, bool weights, LoadIntent intent = {});
    // The files of the last open (loaded or loading).
    const QStringList& files() const { return files_; }
    Loader* loader() { return &loader_; }
    bool loading() const { return loader_.busy(); }
    FileFollower& follower() { return follower_; }
    const FileFollower& follower() const { return follower_; }

signals:
    void started();
    void loaded(std::shared_ptr<atenscope::Session> session, const atenscope::gui::LoadIntent& intent);
    void failed(const QString& message);  // not said of a follow reload that is tried again
    void note(const QString& text, int milliseconds);
    // Following: the files changed on disk. The window says where it is (reload).
    void followedChanged();

public slots:
    // Following: the same files again, after the load running (if any).
    void reload(LoadIntent intent);

private:
    Loader loader_;
    FileFollower follower_;
    QStringList files_;
    bool weights_ = false;
    LoadIntent intent_;  // of the load running
};

}  // namespace atenscope::gui
