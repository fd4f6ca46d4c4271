// SPDX-License-Identifier: MIT
#pragma once
// The window's menus (File, View, Help), built from what the window offers; and the texts of
// Help: the keyboard shortcuts (read from the menus, so they never drift) and About.
#include <QString>
#include <QStringList>

#include <functional>

class QAction;
class QMenu;
class QMenuBar;

namespace atenscope::gui {

class MainWindow;

struct MainMenus {
    QMenu* recent = nullptr;
    QAction* weights = nullptr;  // View > Show weights and constants
    QAction* follow = nullptr;   // View > Follow changes
    QAction* legend = nullptr;   // View > Legend
};

MainMenus buildMainMenus(MainWindow& window);
// File > Open recent: the selections last opened (RecentFiles).
void fillRecentMenu(QMenu* menu, const std::function<void(const QStringList&)>& open);
QString shortcutsHtml(const QMenuBar* menus);
QString aboutHtml();

}  // namespace atenscope::gui
