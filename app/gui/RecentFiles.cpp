// SPDX-License-Identifier: MIT
#include "gui/RecentFiles.h"

#include <QFileInfo>
#include <QSettings>

namespace atenscope::gui {

namespace {
const QString kKey = QStringLiteral("recentFiles");  // one entry per selection, its files joined by newlines
}

QList<QStringList> recentSelections() {
    QList<QStringList> out;
    for (const QString& entry : QSettings().value(kKey).toStringList()) out << entry.split(QLatin1Char('\n'));
    return out;
}

void rememberSelection(const QStringList& files) {
    QSettings settings;
    QStringList recent = settings.value(kKey).toStringList();
    QStringList absolute;
    for (const QString& f : files) absolute << QFileInfo(f).absoluteFilePath();
    const QString entry = absolute.join(QLatin1Char('\n'));
    recent.removeAll(entry);
    recent.prepend(entry);
    while (recent.size() > kMaxRecent) recent.removeLast();
    settings.setValue(kKey, recent);
}

}  // namespace atenscope::gui
