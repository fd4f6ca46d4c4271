// SPDX-License-Identifier: MIT
#include "gui/RunAnalyzer.h"

#include "gui/Loader.h"

#include "analysis/ProfileChoice.h"
#include "analysis/SchemaSource.h"

#include <QPointer>

#include <algorithm>
#include <map>

namespace atenscope::gui {

RunAnalyzer::RunAnalyzer(QObject* parent) : QObject(parent) {
    qRegisterMetaType<std::shared_ptr<const RunAnalysis>>();
}

RunAnalyzer::~RunAnalyzer() {
    ++*generation_;
    wait();
}

void RunAnalyzer::wait() {
    waitForThreads(threads_);
}

void RunAnalyzer::start(std::shared_ptr<const Session> session, ProfileChoices profiles) {
    const int mine = ++*generation_;
    auto generation = generation_;
    QPointer<RunAnalyzer> self(this);
    startOwnedThread(this, threads_, [self, generation, mine, session, profiles = std::move(profiles)] {
        auto result = std::make_shared<RunAnalysis>();
        result->session = session;
        const auto schemas = makeSchemaSource();
        std::map<std::string, Profile> builtin;
        for (const auto& lm : session->models) {
            if (*generation != mine) return;  // superseded
            if (const ProfileInForce* chosen = profiles.of(lm.model.name)) {
                result->reports.push_back(analyzeLoaded(lm, chosen->profile, chosen->predict, schemas.get()));
                continue;
            }
            const ProfileChoice choice = chooseProfile(lm.model);
            auto it = builtin.find(choice.profile);
            if (it == builtin.end()) it = builtin.emplace(choice.profile, loadProfile(choice.profile)).first;
            result->reports.push_back(analyzeLoaded(lm, it->second, choice.predict, schemas.get()));
        }
        result->run = buildRunReport(result->reports, isoTimestampNow());
        result->total = runSummary(result->reports);
        QMetaObject::invokeMethod(
            self,
            [self, generation, mine, result] {
                if (self && *generation == mine) emit self->finished(result);
            },
            Qt::QueuedConnection);
    });
}

}  // namespace atenscope::gui
