// SPDX-License-Identifier: MIT
#pragma once
// The main window: it composes the panels (the graph pane in the centre, the op, node, module
// and line tables, Source, Details, the overview, the run) and wires them through the Navigator
// (where the user is) and the models; each panel is its own class.
#include "gui/ChooserBar.h"
#include "gui/DetailsPanel.h"
#include "gui/Exports.h"
#include "gui/FileFollower.h"
#include "gui/GraphPane.h"
#include "gui/LinesPanel.h"
#include "gui/LoadProgress.h"
#include "gui/Loader.h"
#include "gui/MainMenus.h"
#include "gui/Navigator.h"
#include "gui/ProfileState.h"
#include "gui/RunPanel.h"
#include "gui/RunState.h"
#include "gui/SessionLoader.h"
#include "gui/SourcePanel.h"
#include "gui/TablePanels.h"
#include "gui/WindowDocks.h"

#include "analysis/SchemaSource.h"

#include <QMainWindow>

namespace atenscope::gui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openFiles(const QStringList& files);
    // Files join those shown (the Python companion's show(), through WindowServer): the same
    // files read again with them, and the first model they bring shown.
    void addFiles(const QStringList& files);
    const QStringList& openedFiles() const { return sessions_.files(); }  // of the last openFiles
    // Where File > Compare with baseline starts: beside the run shown (or the last baseline).
    QString baselineStartFolder() const;
    // A baseline run to compare with (File > Compare with baseline): the Changes table, and in
    // the graph the nodes that became remaining since. Empty: no baseline.
    void openBaseline(const QStringList& files);
    Loader* loader() { return sessions_.loader(); }
    Loader* baselineLoader() { return runs_.baselineLoader(); }
    // Loading, or analysing the run or the baseline: a screenshot waits for this to end.
    bool busy() const { return sessions_.loading() || runs_.busy() || pane_->folder().busy(); }
    void waitForRun();  // tests: until the run (and baseline) analyses have reported

    // The run: every model of the session (the Models table, the op-by-model matrix).
    const RunAnalysis* run() const { return runs_.run(); }
    const RunDiff* diff() const { return runs_.diff(); }
    // The op table over the current model (false) or over every model of the run (true).
    void setRunScope(bool run);
    bool runScope() const { return runScope_; }
    bool setModelByName(const QString& name);
    // Marks every node of a module of the shown subgraph (and below it) and goes to the first:
    // what choosing it in the Modules outline does. False when the subgraph has no such module.
    bool revealModule(const QString& path);
    const ModuleTreeModel& modules() const { return modules_->model(); }

    // The shown subgraph's module groups (null: it has none), folded in the graph pane.
    GroupedLayout* grouped() const { return pane_->grouped(); }
    void toggleGroup(int module) { pane_->toggleGroup(module); }
    void expandRemainingGroups() { pane_->expandRemainingGroups(); }
    void collapseAllGroups() { pane_->collapseAllGroups(); }
    void expandAllGroups() { pane_->expandAllGroups(); }
    int modelIndex() const { return model_; }
    int modelCount() const { return session_ ? static_cast<int>(session_->models.size()) : 0; }
    QString modelName(int index) const;
    bool hasSession() const { return session_ != nullptr; }

    // Linking, as the user drives it (public for tests).
    void selectOp(const QString& op);
    void selectNode(int node) { nav_.select({nav_.currentGraph(), node}); }  // in the current subgraph
    bool selectNodeByName(const QString& graph, const QString& node) { return nav_.selectByName(graph, node); }
    void findNext() { nav_.next(); }
    void findPrevious() { nav_.previous(); }
    bool search(const QString& pattern);
    // Before a file is open (--profile): for every model of this window. With one open: chosen
    // by hand for the model shown, and remembered for it; ":auto" gives it back its own.
    void setProfile(const QString& nameOrFile);
    QString profileInForce() const { return chooser_->profileText(); }
    void setSubgraph(int index);
    void setModel(int index);
    // Draw weights and constants (Node::isWeight)? Changing it lays the graphs out again.
    void setShowWeights(bool show);
    bool showWeights() const { return weights_; }
    // View > Follow changes: the files (or folders) shown are read again as a run rewrites them,
    // the model, subgraph, walk and selection kept, and the nodes remaining since the last load
    // marked NEW. Unset: on for folders, off for files.
    void setFollow(std::optional<bool> follow);
    bool following() const { return sessions_.follower().following(); }
    FileFollower& follower() { return sessions_.follower(); }

    // Source lines: walks the nodes that come from the model's own `file`:`line` and shows it in
    // the Source panel (what choosing a row of Lines, or a line in Source, does).
    void chooseLine(const QString& file, quint32 line);
    // Folders where the Source panel looks for the model's files (--source-dir), before those the
    // user added (Source folder, kept in the settings) and those the dump records.
    void setSourceFolders(const QStringList& folders);
    SourcePanel* sourcePanel() const { return source_; }
    LinesPanel* linesPanel() const { return lines_; }

    int currentNode() const { return nav_.currentNode(); }  // the walk's, when in the shown subgraph; else -1
    int selectedNode() const { return pane_->view()->highlight().selected; }
    const Navigator& navigator() const { return nav_; }
    const ModelReport& report() const { return report_; }
    const Graph* currentGraph() const;
    GraphView* graphView() const { return pane_->view(); }
    GraphPane* graphPane() const { return pane_; }
    ChooserBar* chooserBar() const { return chooser_; }
    GroupFolder& folder() { return pane_->folder(); }
    QString lastError() const { return lastError_; }
    QString shortcutsHtml() const { return gui::shortcutsHtml(menuBar()); }  // Help > Keyboard shortcuts
    QString aboutHtml() const { return gui::aboutHtml(); }                   // Help > About
    // A dialog that does not block, and the status bar.
    void showError(const QString& title, const QString& message);

    Exporter* exporter() const { return exporter_; }  // File > Export

protected:
    void closeEvent(QCloseEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;

private:
    void buildUi();
    void onLoaded(std::shared_ptr<Session> session, const LoadIntent& intent);
    void reanalyze();
    void showGraph(int graph);
    void applyHighlight();
    void onSelectionChanged(NodeRef node);
    void refreshTables();
    void startRunAnalysis();
    void onDiffChanged();
    void refreshModules();
    void updateSummary();
    const Model* shownModel() const;  // the navigator's model, when it is one of the session's
    LoadedModel& shown() const { return session_->models[static_cast<std::size_t>(model_)]; }  // with a session
    void showSourceOf(NodeRef node);
    void showSourcePanel();
    void syncOpTable();  // the op table's current row: the walked op (the one place that sets it)
    void updateSourceRoots();
    void addRecent(const QStringList& files);
    void followWhatIsShown();

    SessionLoader sessions_;
    std::shared_ptr<Session> session_;
    int model_ = 0;
    Navigator nav_;  // the shown subgraph, the selection, the walk
    ProfileState profiles_;
    bool weights_ = false;
    std::unique_ptr<SchemaSource> schemas_;
    ModelReport report_;
    QString lastError_;
    bool clicked_ = false;  // the selection comes from a click in the graph: do not scroll
    RunState runs_;         // the run, its baseline, their diff
    bool runScope_ = false;
    bool runDockSized_ = false;

    GraphPane* pane_ = nullptr;
    ChooserBar* chooser_ = nullptr;
    MainMenus menus_;
    Exporter* exporter_ = nullptr;
    OverviewWidget* overview_ = nullptr;
    DetailsPanel* details_ = nullptr;
    LoadProgress* progress_ = nullptr;
    QDockWidget* runDock_ = nullptr;
    RunPanel* runPanel_ = nullptr;
    OpsPanel* ops_ = nullptr;
    NodesPanel* nodes_ = nullptr;
    ModulesPanel* modules_ = nullptr;
    LinesPanel* lines_ = nullptr;
    SourcePanel* source_ = nullptr;
    QDockWidget* sourceDock_ = nullptr;
};

}  // namespace atenscope::gui
