// SPDX-License-Identifier: MIT
#pragma once
// Loads off the GUI thread: progress, cancel, and one of loaded / failed / canceled.
#include "render/Session.h"

#include <QObject>
#include <QPointer>
#include <QThread>

namespace atenscope::gui {

class Loader : public QObject {
    Q_OBJECT
public:
    explicit Loader(QObject* parent = nullptr);
    ~Loader() override;
    void start(const QStringList& files, const LoadOptions& options = {});
    void cancel();
    bool busy() const { return thread_ != nullptr; }
    // Waits for the running load, if any (tests, shutdown).
    void wait();

signals:
    void progress(int done, int total, const QString& what);
    void loaded(std::shared_ptr<atenscope::Session> session);
    void failed(const QString& message);
    void canceled();

private:
    QThread* thread_ = nullptr;
    std::shared_ptr<std::atomic<bool>> cancel_;
};

}  // namespace atenscope::gui
