// SPDX-License-Identifier: MIT
#pragma once
// The run shown and what it is compared with: every model analysed off the GUI thread (the run
// tables, the op table over the whole run), a baseline run read and analysed likewise (File >
// Compare with baseline), or the last load while following, and the diff of the two.
#include "gui/Loader.h"
#include "gui/RunAnalyzer.h"

#include "analysis/RunDiff.h"

#include <QObject>

#include <functional>
#include <memory>

namespace atenscope::gui {

class RunState : public QObject {
    Q_OBJECT
public:
    // `choices`: the profiles of a session's models (the window's hand choices).
    explicit RunState(std::function<ProfileChoices(const Session*)> choices, QObject* parent = nullptr);
    ~RunState() override;

    // Every model of `session`, analysed; runReady() when done. A run still going is dropped.
    void analyse(std::shared_ptr<const Session> session);
    void dropRun();  // no run (one model, nothing to compare with; a new load until analysed)
    // A baseline to compare with; empty: none (diffChanged at once).
    void openBaseline(const QStringList& files);
    // Following: the load before the one shown, compared with it as a baseline is (when no
    // baseline was opened). Null: not following.
    void setLastLoad(std::shared_ptr<const Session> last);
    // The profiles changed: the baseline (or last load) is analysed again.
    void reanalyseBaseline();

    const RunAnalysis* run() const { return run_.get(); }
    const RunDiff* diff() const { return diff_.get(); }
    const RunReport* baselineRun() const { return baselineRun_.get(); }
    const QStringList& baselineFiles() const { return baselineFiles_; }
    bool hasBaseline() const { return baseline_ || !baselineFiles_.isEmpty(); }
    bool comparesWithLastLoad() const { return lastLoad_ && baselineFiles_.isEmpty(); }
    bool hasLastLoad() const { return lastLoad_ != nullptr; }
    bool runPending() const { return runPending_; }
    bool busy() const { return runPending_ || baselinePending_ || baselineLoader_.busy(); }
    Loader* baselineLoader() { return &baselineLoader_; }
    // The nodes of the model's graph remaining now and not in the baseline (empty: no diff).
    std::vector<bool> freshMask(const Model& model, const ModelReport& report, int graph, bool oneModel) const;

signals:
    void runReady();
    void diffChanged(bool baselineJustOpened);
    void baselineRead(int models);
    void baselineFailed(const QString& message);

private:
    void onRun(std::shared_ptr<const RunAnalysis> analysis);
    void recompute();

    std::function<ProfileChoices(const Session*)> choices_;
    RunAnalyzer runAnalyzer_, baselineAnalyzer_;
    Loader baselineLoader_;
    std::shared_ptr<const Session> session_;  // the run being analysed
    std::shared_ptr<const Session> lastLoad_;
    std::shared_ptr<const RunAnalysis> run_, baseline_;
    QStringList baselineFiles_;
    std::unique_ptr<RunReport> baselineRun_;  // the baseline's run as diffed (one model each: paired by name)
    std::unique_ptr<RunDiff> diff_;
    bool runPending_ = false, baselinePending_ = false, justOpened_ = false;
};

}  // namespace atenscope::gui
