// SPDX-License-Identifier: MIT
#pragma once
// The window's panels in their docks, laid out as a new user first sees them: the op table and
// (tabbed) the remaining nodes, modules and lines on the left; the overview and details on the
// right; the run and the source below the graph, hidden until there is something to show. The
// user's own arrangement comes back over this (QMainWindow::restoreState).
#include "gui/DetailsPanel.h"
#include "gui/GraphView.h"
#include "gui/LinesPanel.h"
#include "gui/RunPanel.h"
#include "gui/SourcePanel.h"
#include "gui/TablePanels.h"

class QDockWidget;
class QMainWindow;

namespace atenscope::gui {

struct WindowPanels {
    OpsPanel* ops = nullptr;
    NodesPanel* nodes = nullptr;
    ModulesPanel* modules = nullptr;
    LinesPanel* lines = nullptr;
    DetailsPanel* details = nullptr;
    OverviewWidget* overview = nullptr;
    RunPanel* run = nullptr;
    SourcePanel* source = nullptr;
    QDockWidget* runDock = nullptr;
    QDockWidget* sourceDock = nullptr;
};

WindowPanels addPanels(QMainWindow* window, GraphView* view);
// Shows a hidden dock `height` px tall (the graph keeps the rest), or raises it when shown.
void revealDock(QMainWindow* window, QDockWidget* dock, int height);

}  // namespace atenscope::gui
