// SPDX-License-Identifier: MIT
#pragma once
// Every model of a session analysed off the GUI thread, for the window's run tables (models,
// op-by-model matrix, the op table over the whole run) and for a diff against a baseline.
#include "analysis/Profile.h"
#include "analysis/RunReport.h"
#include "gui/ProfileState.h"
#include "render/Session.h"

#include <QObject>
#include <QThread>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace atenscope::gui {

struct RunAnalysis {
    std::shared_ptr<const Session> session;  // the graphs the reports were made of
    std::vector<ModelReport> reports;        // per model, in the session's order
    RunReport run;
    Summary total;  // runSummary(reports)
};

class RunAnalyzer : public QObject {
    Q_OBJECT
public:
    explicit RunAnalyzer(QObject* parent = nullptr);
    ~RunAnalyzer() override;
    // Each model under its profile (ProfileChoices::of, else chooseProfile). A run still going is dropped.
    void start(std::shared_ptr<const Session> session, ProfileChoices profiles);
    void wait();  // for every thread still running (tests, shutdown)

signals:
    void finished(std::shared_ptr<const atenscope::gui::RunAnalysis> analysis);

private:
    std::shared_ptr<std::atomic<int>> generation_ = std::make_shared<std::atomic<int>>(0);
    std::vector<QThread*> threads_;
};

}  // namespace atenscope::gui
