// SPDX-License-Identifier: MIT
#include "gui/Loader.h"

#include "base/LoadError.h"
#include "render/QtText.h"

namespace atenscope::gui {

Loader::Loader(QObject* parent) : QObject(parent) {
    qRegisterMetaType<std::shared_ptr<Session>>();
}

Loader::~Loader() {
    cancel();
    wait();
}

void Loader::start(const QStringList& files, const LoadOptions& options) {
    cancel();
    wait();
    auto flag = std::make_shared<std::atomic<bool>>(false);
    cancel_ = flag;
    QPointer<Loader> self(this);
    thread_ = QThread::create([self, flag, files, options] {
        auto report = [&](auto fn) { QMetaObject::invokeMethod(self, fn, Qt::QueuedConnection); };
        try {
            auto session = loadSession(
                files, *flag,
                [&](int done, int total, const QString& what) {
                    report([self, done, total, what] {
                        if (self) emit self->progress(done, total, what);
                    });
                },
                options);
            if (!session || *flag) {
                report([self] {
                    if (self) emit self->canceled();
                });
                return;
            }
            report([self, session] {
                if (self) emit self->loaded(session);
            });
        } catch (const std::exception& e) {
            const QString message = qtext(e.what());
            report([self, message] {
                if (self) emit self->failed(message);
            });
        }
    });
    QThread* t = thread_;
    // Owned by the loader too: a load that finishes while the loader is being destroyed
    // never gets to its deleteLater (the queued call dies with the loader).
    t->setParent(this);
    connect(t, &QThread::finished, this, [this, t] {
        if (thread_ == t) thread_ = nullptr;
        t->deleteLater();
    });
    thread_->start();
}

void Loader::cancel() {
    if (cancel_) *cancel_ = true;
}

void Loader::wait() {
    if (thread_) thread_->wait();
}

}  // namespace atenscope::gui
