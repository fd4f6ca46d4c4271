// SPDX-License-Identifier: MIT
#pragma once
// Expanding and collapsing module groups: the new drawing is laid out off the GUI thread
// (only the groups whose inside changed), then handed back with what asked for it.
#include "render/GroupedLayout.h"

#include <QObject>
#include <QSizeF>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

namespace atenscope::gui {

struct FoldRequest {
    int model = -1, graph = -1;
    std::vector<char> state;
    int anchorModule = -1;  // keep this group where it is on screen
    int revealNode = -1;    // or go to this node once drawn
    // Fit: when not empty, `state` is replaced by the deepest overview that fits this room
    // (scene units; GroupedLayout::overviewWithin), `depth` says which.
    QSizeF fitRoom;
    int depth = 0;
};

class GroupFolder : public QObject {
    Q_OBJECT
public:
    explicit GroupFolder(QObject* parent = nullptr);
    ~GroupFolder() override;
    // A request still running is dropped (says nothing).
    void start(std::shared_ptr<GroupedLayout> grouped, FoldRequest request);
    bool busy() const { return pending_; }
    void wait();

signals:
    void drawn(std::shared_ptr<const atenscope::GraphDrawing> drawing, const atenscope::gui::FoldRequest& request);

private:
    std::shared_ptr<std::atomic<int>> generation_ = std::make_shared<std::atomic<int>>(0);
    std::vector<QThread*> threads_;
    bool pending_ = false;
};

}  // namespace atenscope::gui
