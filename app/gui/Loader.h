// SPDX-License-Identifier: MIT
#pragma once
// Loads off the GUI thread: progress, cancel, and one of loaded / failed / canceled.
#include "render/Session.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <vector>

namespace atenscope::gui {

// Runs `body` on a new thread owned by `owner` and listed in `running` until it ends (then
// deleted): a job that ends while its owner is destroyed never misses its deleteLater.
QThread* startOwnedThread(QObject* owner, std::vector<QThread*>& running, std::function<void()> body);
void waitForThreads(const std::vector<QThread*>& running);

class Loader : public QObject {
    Q_OBJECT
public:
    explicit Loader(QObject* parent = nullptr);
    ~Loader() override;
    // Starts a load; a load still running is dropped (it says nothing more). Returns at once.
    void start(const QStringList& files, const LoadOptions& options = {});
    // Drops the running load and says canceled() at once; its thread ends on its own.
    void cancel();
    bool busy() const { return job_ && !job_->quiet; }
    // Waits for every load thread still running, dropped ones too (tests, shutdown).
    void wait();

signals:
    void progress(int done, int total, const QString& what);
    void loaded(std::shared_ptr<atenscope::Session> session);
    void failed(const QString& message);
    void canceled();

private:
    struct Job {
        std::atomic<bool> cancel{false};  // the reader and layout stop at their next check
        std::atomic<bool> quiet{false};   // nothing more is reported: canceled or superseded
    };
    std::shared_ptr<Job> job_;
    std::vector<QThread*> threads_;  // running, the dropped ones included
};

}  // namespace atenscope::gui
