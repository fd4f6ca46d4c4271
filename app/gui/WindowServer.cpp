// SPDX-License-Identifier: MIT
#include "gui/WindowServer.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>

namespace atenscope::gui {

WindowServer::WindowServer(QObject* parent) : QObject(parent), server_(new QLocalServer(this)) {
    server_->setSocketOptions(QLocalServer::UserAccessOption);
    connect(server_, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket* socket = server_->nextPendingConnection()) serve(socket);
    });
}

WindowServer::~WindowServer() {
    server_->close();  // removes the socket file
}

bool WindowServer::listen(const QString& path, QString* error) {
    QLocalServer::removeServer(path);
    if (server_->listen(path)) return true;
    if (error) *error = server_->errorString();
    return false;
}

void WindowServer::serve(QLocalSocket* socket) {
    connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QLocalSocket::readyRead, socket, [this, socket] {
        while (socket->canReadLine()) {
            const QByteArray line = socket->readLine(kMaxRequest);
            const QJsonObject reply = answer(line);
            socket->write(QJsonDocument(reply).toJson(QJsonDocument::Compact) + '\n');
            socket->flush();
            if (reply.value(QStringLiteral("quit")).toBool()) emit quitRequested();
        }
        if (socket->bytesAvailable() > kMaxRequest) {  // a line longer than any request: not ours
            socket->write(R"({"ok":false,"error":"request too long"})"
                          "\n");
            socket->disconnectFromServer();
        }
    });
}

QJsonObject WindowServer::answer(const QByteArray& line) {
    auto refuse = [](const QString& why) { return QJsonObject{{QStringLiteral("ok"), false}, {QStringLiteral("error"), why}}; };
    QJsonParseError parse{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parse);
    if (!doc.isObject()) return refuse(QStringLiteral("not a JSON object: ") + parse.errorString());
    const QJsonObject request = doc.object();
    if (request.contains(QStringLiteral("open"))) {
        const QJsonValue value = request.value(QStringLiteral("open"));
        if (!value.isArray()) return refuse(QStringLiteral("\"open\" takes a list of paths"));
        QStringList files;
        for (const QJsonValue& v : value.toArray()) {
            const QFileInfo info(v.toString());
            if (!v.isString() || !info.isAbsolute()) return refuse(QStringLiteral("\"open\" takes absolute paths"));
            if (!info.exists()) return refuse(QStringLiteral("no such file or folder: ") + v.toString());
            files << info.absoluteFilePath();
        }
        if (files.isEmpty()) return refuse(QStringLiteral("\"open\" names no file"));
        emit openRequested(files);
        return {{QStringLiteral("ok"), true}};
    }
    if (request.value(QStringLiteral("status")).toBool()) {
        QJsonObject reply = status ? status() : QJsonObject();
        reply.insert(QStringLiteral("ok"), true);
        return reply;
    }
    if (request.value(QStringLiteral("quit")).toBool()) return {{QStringLiteral("ok"), true}, {QStringLiteral("quit"), true}};
    return refuse(QStringLiteral("unknown request (open, status, quit)"));
}

}  // namespace atenscope::gui
