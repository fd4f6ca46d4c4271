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
    QThread* t = QThread::create([self, job, files, options] {
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
    // Owned by the loader too: a load that finishes while the loader is being destroyed
    // never gets to its deleteLater (the queued call dies with the loader).
    t->setParent(this);
    threads_.push_back(t);
    connect(t, &QThread::finished, this, [this, t] {
        threads_.erase(std::remove(threads_.begin(), threads_.end(), t), threads_.end());
        t->deleteLater();
    });
    t->start();
}

void Loader::cancel() {
    if (!job_ || job_->quiet) return;
    job_->cancel = job_->quiet = true;
    emit canceled();
}

void Loader::wait() {
    for (QThread* t : std::vector<QThread*>(threads_)) t->wait();
}

}  // namespace atenscope::gui
