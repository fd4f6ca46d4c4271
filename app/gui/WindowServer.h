// SPDX-License-Identifier: MIT
#pragma once
// The window's local socket (`atenscope --listen PATH`): another process of the same user (the
// Python companion's show()) asks the open window to add files to what it shows, instead of
// opening a window per call. One JSON object a line, one answer a line:
//   {"open": ["/abs/a.json", ...]}  -> {"ok": true}       the files join those shown
//   {"status": true}                -> {"ok": true, ...}  what the window shows (status())
//   {"quit": true}                  -> {"ok": true}       the window closes
// anything else                     -> {"ok": false, "error": "..."}
#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <functional>

class QLocalServer;
class QLocalSocket;

namespace atenscope::gui {

class WindowServer : public QObject {
    Q_OBJECT
public:
    explicit WindowServer(QObject* parent = nullptr);
    ~WindowServer() override;
    // Listens at PATH (a stale socket there is replaced; only this user may connect). False,
    // with why in `error`, when it cannot.
    bool listen(const QString& path, QString* error);
    // What {"status": true} answers, beside "ok".
    std::function<QJsonObject()> status;

    static constexpr qint64 kMaxRequest = 1 << 20;  // bytes a line may take

signals:
    void openRequested(const QStringList& files);
    void quitRequested();

private:
    void serve(QLocalSocket* socket);
    QJsonObject answer(const QByteArray& line);
    QLocalServer* server_;
};

}  // namespace atenscope::gui
