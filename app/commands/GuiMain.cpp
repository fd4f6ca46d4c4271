// SPDX-License-Identifier: MIT
#include "commands/Cli.h"

#include "gui/MainWindow.h"
#include "gui/WindowServer.h"
#include "render/GraphExport.h"

#include <QApplication>
#include <QIcon>
#include <QJsonArray>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <iostream>

namespace atenscope::cli {

namespace {

// --view: what the window shows once loaded ("fit": as after pressing 0; "collapsed": after
// Collapse all groups and then Fit).
void applyView(gui::MainWindow& window, const QString& view) {
    if (view == QLatin1String("collapsed") && window.grouped()) {
        window.collapseAllGroups();
        QObject::connect(
            &window.folder(), &gui::GroupFolder::drawn, &window, [&window] { window.graphView()->fitToView(); }, Qt::SingleShotConnection);
        return;
    }
    if (view != QLatin1String("start")) window.graphView()->fitToView();
}

}  // namespace

int guiMain(int argc, char** argv, const QStringList& files, const QString& screenshot, const QString& profile, const QStringList& baseline,
            const QString& view, const QString& listen, bool noFollow, const QStringList& sourceDirs) {
    const bool haveDisplay = !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
                             !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
    if (!haveDisplay && screenshot.isEmpty()) {
        std::cerr << "atenscope: no display to open the window on.\n"
                     "Use 'atenscope render GRAPH --out FILE.png' or 'atenscope analyze GRAPH', or run under xvfb-run.\n";
        return 2;
    }
    if (!haveDisplay) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AtenScope"));
    QApplication::setApplicationName(QStringLiteral("AtenScope"));
    QApplication::setApplicationVersion(QString::fromLatin1(version()));
    QApplication::setDesktopFileName(QStringLiteral("io.atenscope.AtenScope"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/atenscope/atenscope.svg")));
    // A screenshot is the same picture whatever the user's last session left in the
    // settings (profile, window state, recent files): it runs on fresh, throwaway ones.
    QTemporaryDir freshSettings;
    if (!screenshot.isEmpty()) {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, freshSettings.path());
    }
    gui::MainWindow window;
    if (!profile.isEmpty()) window.setProfile(profile);
    if (noFollow || !screenshot.isEmpty()) window.setFollow(false);  // a screenshot is of one moment
    window.setSourceFolders(sourceDirs);
    // --listen: other processes (the companion's show()) add files to this window.
    gui::WindowServer server;
    if (!listen.isEmpty()) {
        QString error;
        if (!server.listen(listen, &error)) {
            std::cerr << "atenscope: error: cannot listen at " << listen.toStdString() << ": " << error.toStdString() << "\n";
            return 2;
        }
        QObject::connect(&server, &gui::WindowServer::openRequested, &window, &gui::MainWindow::addFiles);
        QObject::connect(&server, &gui::WindowServer::quitRequested, &window, &QWidget::close);
        server.status = [&window] {
            QJsonArray models, opened;
            for (int i = 0; i < window.modelCount(); ++i) models.append(window.modelName(i));
            for (const QString& f : window.openedFiles()) opened.append(f);
            return QJsonObject{{QStringLiteral("files"), opened},
                               {QStringLiteral("models"), models},
                               {QStringLiteral("model"), window.modelIndex() >= 0 && window.modelIndex() < window.modelCount()
                                                             ? QJsonValue(window.modelName(window.modelIndex()))
                                                             : QJsonValue()},
                               {QStringLiteral("busy"), window.busy()}};
        };
    }
    window.show();
    int status = 0;
    if (!screenshot.isEmpty()) {
        // Load, let the window settle, grab it, quit.
        // Loaded, and the run and baseline analysed: grab once nothing is pending.
        auto* poll = new QTimer(&window);
        QObject::connect(window.loader(), &gui::Loader::loaded, &window, [&, poll] {
            bool viewed = view.isEmpty() || view == QLatin1String("start");
            QObject::connect(poll, &QTimer::timeout, &window, [&, poll, viewed]() mutable {
                if (window.busy()) return;
                if (!viewed) {  // the view asked for, once everything is in (a fold may follow)
                    viewed = true;
                    applyView(window, view);
                    return;
                }
                poll->stop();
                QTimer::singleShot(300, &window, [&] {
                    QString error;
                    if (!writeImage(screenshot, window.grab().toImage(), &error)) {
                        std::cerr << "atenscope: error: " << error.toStdString() << "\n";
                        status = 2;
                    } else {
                        std::cerr << "wrote " << screenshot.toStdString() << "\n";
                    }
                    QApplication::quit();
                });
            });
            poll->start(50);
        });
        QObject::connect(window.baselineLoader(), &gui::Loader::failed, &window, [&](const QString& message) {
            std::cerr << "atenscope: error: the baseline: " << message.toStdString() << "\n";
            status = 2;
            QApplication::quit();
        });
        QObject::connect(window.loader(), &gui::Loader::failed, &window, [&](const QString& message) {
            std::cerr << "atenscope: error: " << message.toStdString() << "\n";
            status = 2;
            QApplication::quit();
        });
    }
    if (screenshot.isEmpty() && !view.isEmpty() && view != QLatin1String("start")) {
        QObject::connect(window.loader(), &gui::Loader::loaded, &window, [&] {
            QTimer::singleShot(0, &window, [&] {
                window.waitForRun();
                applyView(window, view);
            });
        });
    }
    if (!baseline.isEmpty()) window.openBaseline(baseline);
    if (!files.isEmpty()) window.openFiles(files);
    const int rc = QApplication::exec();
    return status ? status : rc;
}

}  // namespace atenscope::cli
