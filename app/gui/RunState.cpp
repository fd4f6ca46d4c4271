// SPDX-License-Identifier: MIT
#include "gui/RunState.h"

#include "gui/RunModels.h"

namespace atenscope::gui {

RunState::RunState(std::function<ProfileChoices(const Session*)> choices, QObject* parent) : QObject(parent), choices_(std::move(choices)) {
    connect(&runAnalyzer_, &RunAnalyzer::finished, this, &RunState::onRun);
    connect(&baselineAnalyzer_, &RunAnalyzer::finished, this, [this](std::shared_ptr<const RunAnalysis> analysis) {
        baselinePending_ = false;
        baseline_ = std::move(analysis);
        recompute();
    });
    connect(&baselineLoader_, &Loader::loaded, this, [this](std::shared_ptr<Session> session) {
        emit baselineRead(static_cast<int>(session->models.size()));
        baselinePending_ = true;
        baselineAnalyzer_.start(session, choices_(session.get()));
    });
    connect(&baselineLoader_, &Loader::failed, this, [this](const QString& message) {
        baselinePending_ = false;
        baselineFiles_.clear();
        emit baselineFailed(message);
    });
}

RunState::~RunState() {
    disconnect(&baselineLoader_, nullptr, this, nullptr);  // the loader drops its load quietly as it goes
    disconnect(&runAnalyzer_, nullptr, this, nullptr);
    disconnect(&baselineAnalyzer_, nullptr, this, nullptr);
}

void RunState::analyse(std::shared_ptr<const Session> session) {
    if (session != session_) {
        run_.reset();
        diff_.reset();
    }
    session_ = std::move(session);
    runPending_ = true;
    runAnalyzer_.start(session_, choices_(session_.get()));
}

void RunState::dropRun() {
    run_.reset();
    diff_.reset();
    runPending_ = false;
}

void RunState::onRun(std::shared_ptr<const RunAnalysis> analysis) {
    if (analysis->session != session_) return;  // of files since closed
    runPending_ = false;
    run_ = std::move(analysis);
    emit runReady();
    recompute();
}

void RunState::openBaseline(const QStringList& files) {
    baselineFiles_ = files;
    baseline_.reset();
    baselineRun_.reset();
    diff_.reset();
    if (files.isEmpty()) {
        baselineLoader_.cancel();
        baselinePending_ = false;
        emit diffChanged(false);
        return;
    }
    baselinePending_ = true;
    justOpened_ = true;
    LoadOptions options;
    options.weights = false;  // its graphs are compared, never drawn
    baselineLoader_.start(files, options);
}

void RunState::setLastLoad(std::shared_ptr<const Session> last) {
    lastLoad_ = std::move(last);
    if (!comparesWithLastLoad()) return;
    baseline_.reset();
    baselinePending_ = true;
    baselineAnalyzer_.start(lastLoad_, choices_(lastLoad_.get()));
}

void RunState::reanalyseBaseline() {
    if (!baseline_) return;
    baselinePending_ = true;
    baselineAnalyzer_.start(baseline_->session, choices_(baseline_->session.get()));
}

void RunState::recompute() {
    diff_.reset();
    if (!run_ || !baseline_) return;
    baselineRun_ = std::make_unique<RunReport>(baseline_->run);
    // One model a side: the same model, whatever the files call it.
    if (baselineRun_->models.size() == 1 && run_->run.models.size() == 1) baselineRun_->models[0].name = run_->run.models[0].name;
    diff_ = std::make_unique<RunDiff>(diffRuns(*baselineRun_, run_->run));
    emit diffChanged(std::exchange(justOpened_, false));
}

std::vector<bool> RunState::freshMask(const Model& m, const ModelReport& report, int graph, bool oneModel) const {
    if (!diff_ || !baseline_ || graph < 0 || graph >= static_cast<int>(m.graphs.size())) return {};
    // The baseline's report of this model: by name, or the one model of each side.
    const ModelReport* base = nullptr;
    for (const auto& r : baseline_->reports)
        if (r.total.model == m.name) base = &r;
    if (!base && baseline_->reports.size() == 1 && oneModel) base = &baseline_->reports.front();
    return freshNodes(m.graphs[static_cast<std::size_t>(graph)], report, base);
}

}  // namespace atenscope::gui
