// SPDX-License-Identifier: MIT
#pragma once
// The main window: graph view in the centre, linked op and node tables, a details
// panel, a summary strip, choosers for model, subgraph and profile.
#include "gui/FileFollower.h"
#include "gui/GraphView.h"
#include "gui/GroupFolder.h"
#include "gui/LinesPanel.h"
#include "gui/Loader.h"
#include "gui/ModuleModel.h"
#include "gui/Navigator.h"
#include "gui/RunAnalyzer.h"
#include "gui/RunModels.h"
#include "gui/RunPanel.h"
#include "gui/SourcePanel.h"
#include "gui/TableModels.h"
#include "gui/TablePanels.h"

#include "analysis/RunDiff.h"

#include "analysis/Profile.h"
#include "analysis/SchemaSource.h"

#include <QMainWindow>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QTabWidget;
class QSortFilterProxyModel;
class QTableView;
class QTreeView;
class QTextBrowser;
class QToolButton;
class QMenu;

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
    // The files of the last openFiles (loaded or loading).
    const QStringList& openedFiles() const { return openedFiles_; }
    // Where File > Compare with baseline starts: beside the run shown (or the last baseline).
    QString baselineStartFolder() const;
    // A baseline run to compare with (File > Compare with baseline): the Changes table, and in
    // the graph the nodes that became remaining since. Empty: no baseline.
    void openBaseline(const QStringList& files);
    Loader* loader() { return &loader_; }
    Loader* baselineLoader() { return &baselineLoader_; }
    // Loading, or analysing the run or the baseline: a screenshot waits for this to end.
    bool busy() const;
    void waitForRun();  // tests: until the run (and baseline) analyses have reported

    // The run: every model of the session (the Models table, the op-by-model matrix).
    const RunAnalysis* run() const { return run_.get(); }
    const RunDiff* diff() const { return diff_.get(); }
    // The op table over the current model (false) or over every model of the run (true).
    void setRunScope(bool run);
    bool runScope() const { return runScope_; }
    bool setModelByName(const QString& name);
    // Marks every node of a module of the shown subgraph (and below it) and goes to the first:
    // what choosing it in the Modules outline does. False when the subgraph has no such module.
    bool revealModule(const QString& path);
    const ModuleTreeModel& modules() const { return modules_->model(); }

    // The shown subgraph's module groups (null: it has none), and folding them in the graph
    // view (laid out off the GUI thread; busy() until drawn).
    GroupedLayout* grouped() const;
    void toggleGroup(int module);
    void expandRemainingGroups();
    void collapseAllGroups();
    void expandAllGroups();
    int modelIndex() const { return model_; }
    int modelCount() const;
    QString modelName(int index) const;
    bool hasSession() const { return session_ != nullptr; }

    // Linking, as the user drives it (public for tests).
    void selectOp(const QString& op);
    void selectNode(int node);                                         // in the current subgraph
    bool selectNodeByName(const QString& graph, const QString& node);  // any subgraph
    void findNext();
    void findPrevious();
    bool search(const QString& pattern);
    // Before a file is open (--profile): for every model of this window. With one open: chosen
    // by hand for the model shown, and remembered for it; ":auto" gives it back its own.
    void setProfile(const QString& nameOrFile);
    QString profileInForce() const;  // what the chooser shows
    void setSubgraph(int index);
    void setModel(int index);
    // Draw weights and constants (Node::isWeight)? Changing it lays the graphs out again.
    void setShowWeights(bool show);
    // View > Follow changes: the files (or folders) shown are read again as a run rewrites them,
    // the model, subgraph, walk and selection kept, and the nodes remaining since the last load
    // marked NEW. Unset: on for folders, off for files.
    void setFollow(std::optional<bool> follow);
    bool following() const { return follower_.following(); }
    FileFollower& follower() { return follower_; }
    bool showWeights() const { return weights_; }

    // Source lines: walks the nodes that come from the model's own `file`:`line` and shows it in
    // the Source panel (what choosing a row of Lines, or a line in Source, does).
    void chooseLine(const QString& file, quint32 line);
    // Folders where the Source panel looks for the model's files (--source-dir), before those the
    // user added (Source folder, kept in the settings) and those the dump records.
    void setSourceFolders(const QStringList& folders);
    SourcePanel* sourcePanel() const { return source_; }
    LinesPanel* linesPanel() const { return lines_; }

    int currentNode() const;  // the walk's current node when it is in the shown subgraph, else -1
    int selectedNode() const { return view_->highlight().selected; }
    const Navigator& navigator() const { return nav_; }
    const ModelReport& report() const { return report_; }
    const Graph* currentGraph() const;
    GraphView* graphView() const { return view_; }
    GroupFolder& folder() { return folder_; }
    QString lastError() const { return lastError_; }
    QString shortcutsHtml() const;  // Help > Keyboard shortcuts
    QString aboutHtml() const;      // Help > About: the version and the libraries

    // Exports (false with lastError() set on failure).
    bool exportView(const QString& path);
    bool exportWholeGraph(const QString& path, int width = 1600);
    bool exportOpTable(const QString& path);
    bool exportNodeTable(const QString& path);
    // The file name an export proposes: MODEL[-SUBGRAPH]-WHAT.SUFFIX in the last export's folder.
    QString defaultExportPath(const QString& what, const QString& suffix) const;

protected:
    void closeEvent(QCloseEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;

private:
    void buildUi();
    void buildMenus();
    void onLoaded(std::shared_ptr<Session> session);
    void onFailed(const QString& message);
    void reanalyze();
    void chooseProfileForModel();
    // The profile for a model: chosen by hand for it (kept in the settings), else the one for
    // every model (--profile), else chosen from its graphs; the chooser says which.
    void applyProfileOf(const QString& model);
    QString handProfileOf(const QString& model) const;
    ProfileChoices profileChoices(const Session* session) const;
    void showGraph(int graph);
    void applyHighlight();
    void onSelectionChanged(NodeRef node);
    void refreshTables();
    void startRunAnalysis();
    void onRunAnalyzed(std::shared_ptr<const RunAnalysis> analysis);
    void onBaselineAnalyzed(std::shared_ptr<const RunAnalysis> analysis);
    void recomputeDiff();
    std::vector<bool> freshMask(int graph) const;  // nodes remaining now and not in the baseline
    void refreshModules();
    void updateSummary();
    void showDetails(int node);
    const Model* shownModel() const;  // the navigator's model, when it is one of the session's
    void showSourceOf(NodeRef node);
    void showSourcePanel();
    void syncOpTable();  // the op table's current row: the walked op (the one place that sets it)
    void updateSourceRoots();
    QString nodeToolTip(int node) const;
    NodeClass classOf(int node) const;  // as the view colours it
    void syncNodeTable(int node);
    void addRecent(const QStringList& files);
    void rebuildRecentMenu();
    bool exportTable(const QAbstractItemModel& model, const QString& path);
    bool wrote(const QString& path, bool ok);  // on success: the status bar says so
    void showError(const QString& title, const QString& message);

    Loader loader_;
    std::shared_ptr<Session> session_;
    int model_ = 0;
    Navigator nav_;  // the shown subgraph, the selection, the walk
    Profile profile_;
    bool predict_ = false;
    bool autoProfile_ = true;                                           // the profile is chosen per model (chooseProfile)
    std::optional<std::pair<QString, ProfileInForce>> sessionProfile_;  // --profile: every model, this window only
    QString autoReason_;                                                // why, for the summary
    bool weights_ = false;
    QAction* weightsAction_ = nullptr;
    std::optional<std::pair<int, int>> restoreAfterLoad_;  // model and subgraph to return to
    QStringList openedFiles_;
    FileFollower follower_;
    std::optional<bool> follow_;               // the user's choice (menu, --no-follow); unset: folders only
    std::shared_ptr<const Session> lastLoad_;  // following: what the reload is compared with
    bool followReload_ = false;                // the load running is a follow reload
    int followRetries_ = 0;
    QAction* followAction_ = nullptr;
    void reloadFollowed();
    void followWhatIsShown();
    std::optional<QStringList> showNewModel_;  // addFiles: the model names shown before
    std::unique_ptr<SchemaSource> schemas_;
    ModelReport report_;
    QString lastError_;
    bool clicked_ = false;  // the selection comes from a click in the graph: do not scroll

    GraphView* view_ = nullptr;
    OverviewWidget* overview_ = nullptr;
    QTextBrowser* details_ = nullptr;
    QLabel* summary_ = nullptr;
    QLabel* legend_ = nullptr;
    QLabel* walkLabel_ = nullptr;
    QComboBox* modelBox_ = nullptr;
    QComboBox* graphBox_ = nullptr;
    QComboBox* profileBox_ = nullptr;
    QLineEdit* search_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QToolButton* cancel_ = nullptr;
    QMenu* recentMenu_ = nullptr;

    // The run and its baseline.
    RunAnalyzer runAnalyzer_;
    RunAnalyzer baselineAnalyzer_;
    GroupFolder folder_;
    void fold(std::vector<char> state, int anchorModule, int revealNode = -1, QSizeF fitRoom = {});
    void onFolded(std::shared_ptr<const GraphDrawing> drawing, const FoldRequest& request);
    Loader baselineLoader_;
    bool runPending_ = false;
    bool baselinePending_ = false;
    std::shared_ptr<const RunAnalysis> run_;
    std::shared_ptr<const RunAnalysis> baseline_;
    QStringList baselineFiles_;
    std::unique_ptr<RunReport> baselineRun_;  // the baseline's run as diffed (one model each: paired by name)
    std::unique_ptr<RunDiff> diff_;
    bool runScope_ = false;
    bool showChanges_ = false;  // a baseline was just opened: show its changes when they come
    bool runDockSized_ = false;
    QDockWidget* runDock_ = nullptr;
    RunPanel* runPanel_ = nullptr;
    OpsPanel* ops_ = nullptr;
    NodesPanel* nodes_ = nullptr;
    ModulesPanel* modules_ = nullptr;
    LinesPanel* lines_ = nullptr;
    SourcePanel* source_ = nullptr;
    QDockWidget* sourceDock_ = nullptr;
    QStringList sourceFolders_;  // --source-dir
};

}  // namespace atenscope::gui
