// SPDX-License-Identifier: MIT
#include "gui/Loader.h"

#include <algorithm>

#include "base/LoadError.h"
#include "render/QtText.h"

namespace atenscope::gui {

Loader::Loader(QObject* parent) : QObject(parent) {
    qRegisterMetaType<std::shared_ptr<Session>>();
}

Loader::~Loader() {
    if (job_) job_->cancel = job_->quiet = true;
    wait();
}

void Loader::start(const QStringList& files, const LoadOptions& options) {
    // The running load, if any, is dropped without waiting for it: a long read or layout
    // notices its flag later, and says nothing.
    if (job_) job_->cancel = job_->quiet = true;
    auto job = std::make_shared<Job>();
    job_ = job;
    QPointer<Loader> self(this);
    startOwnedThread(this, threads_, [self, job, files, options] {
        auto report = [&](auto fn) {
            if (!job->quiet) QMetaObject::invokeMethod(self, fn, Qt::QueuedConnection);
        };
        try {
            auto session = loadSession(
                files, job->cancel,
                [&](int done, int total, const QString& what) {
                    report([self, job, done, total, what] {
                        if (self && !job->quiet) emit self->progress(done, total, what);
                    });
                },
                options);
            if (!session || job->cancel) return;  // canceled: cancel() has said so
            report([self, job, session] {
                if (self && !job->quiet) {
                    job->quiet = true;
                    emit self->loaded(session);
                }
            });
        } catch (const std::exception& e) {
            const QString message = qtext(e.what());
            report([self, job, message] {
                if (self && !job->quiet) {
                    job->quiet = true;
                    emit self->failed(message);
                }
            });
        }
    });
}

void Loader::cancel() {
    if (!job_ || job_->quiet) return;
    job_->cancel = job_->quiet = true;
    emit canceled();
}

void Loader::wait() {
    waitForThreads(threads_);
}

QThread* startOwnedThread(QObject* owner, std::vector<QThread*>& running, std::function<void()> body) {
    QThread* t = QThread::create(std::move(body));
    t->setParent(owner);
    running.push_back(t);
    QObject::connect(t, &QThread::finished, owner, [&running, t] {
        running.erase(std::remove(running.begin(), running.end(), t), running.end());
        t->deleteLater();
    });
    t->start();
    return t;
}

void waitForThreads(const std::vector<QThread*>& running) {
    for (QThread* t : std::vector<QThread*>(running)) t->wait();
}

}  // namespace atenscope::gui
