// SPDX-License-Identifier: MIT
#include "gui/GroupFolder.h"

#include "gui/Loader.h"

#include <QPointer>

namespace atenscope::gui {

GroupFolder::GroupFolder(QObject* parent) : QObject(parent) {
    qRegisterMetaType<std::shared_ptr<const GraphDrawing>>();
}

GroupFolder::~GroupFolder() {
    ++*generation_;
    wait();
}

void GroupFolder::wait() {
    waitForThreads(threads_);
}

void GroupFolder::start(std::shared_ptr<GroupedLayout> grouped, FoldRequest request) {
    const int mine = ++*generation_;
    auto generation = generation_;
    pending_ = true;
    QPointer<GroupFolder> self(this);
    startOwnedThread(this, threads_, [self, generation, mine, grouped, request]() mutable {
        std::shared_ptr<const GraphDrawing> drawing = request.fitRoom.isEmpty()
                                                          ? grouped->draw(request.state)
                                                          : grouped->overviewWithin(request.fitRoom, &request.state, &request.depth);
        QMetaObject::invokeMethod(
            self,
            [self, generation, mine, drawing, request] {
                if (!self || *generation != mine) return;
                self->pending_ = false;
                emit self->drawn(drawing, request);
            },
            Qt::QueuedConnection);
    });
}

}  // namespace atenscope::gui
