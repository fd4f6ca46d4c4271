// SPDX-License-Identifier: MIT
#include "gui/SessionLoader.h"

#include <QTimer>

namespace atenscope::gui {

SessionLoader::SessionLoader(QObject* parent) : QObject(parent) {
    connect(&loader_, &Loader::loaded, this, [this](std::shared_ptr<Session> session) {
        if (intent_.followedFrom) follower_.reloaded();
        emit loaded(std::move(session), std::exchange(intent_, {}));
    });
    connect(&loader_, &Loader::failed, this, [this](const QString& message) {
        LoadIntent intent = std::exchange(intent_, {});
        if (!intent.followedFrom) {
            emit failed(message);
            return;
        }
        // A file the run is still writing (not every writer renames a whole file into place):
        // the window keeps what it shows and tries again, a few times, without a dialog.
        const QString first = message.section(QLatin1Char('\n'), 0, 0);
        const bool again = follower_.retry();
        emit note(again ? tr("Following: not readable yet (%1); trying again").arg(first) : tr("Following: %1").arg(first), 0);
        if (again) QTimer::singleShot(1000, this, [this, intent] { reload(intent); });
    });
    connect(&loader_, &Loader::canceled, this, [this] {
        intent_ = {};
        emit note(tr("Loading canceled"), 5000);
    });
    connect(&follower_, &FileFollower::changed, this, &SessionLoader::followedChanged);
}

void SessionLoader::open(const QStringList& files, bool weights, LoadIntent intent) {
    if (files.isEmpty()) return;
    files_ = files;
    weights_ = weights;
    intent_ = std::move(intent);
    emit started();
    emit note(tr("Loading %1").arg(files.join(QStringLiteral(", "))), 0);
    LoadOptions options;
    options.weights = weights;
    loader_.start(files, options);
}

void SessionLoader::reload(LoadIntent intent) {
    if (!follower_.following()) return;
    if (loader_.busy()) {  // after the load running
        QTimer::singleShot(300, this, [this, intent] { reload(intent); });
        return;
    }
    open(files_, weights_, std::move(intent));
}

}  // namespace atenscope::gui
