// SPDX-License-Identifier: MIT
#include "analysis/RunReport.h"

#include "graph/Recorded.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace atenscope {

const char* statusSymbol(ModelStatus s) {
    switch (s) {
        case ModelStatus::Converted:
            return "\u2705";
        case ModelStatus::Remaining:
            return "\U0001F6A7";
        case ModelStatus::Failed:
            return "\u274C";
    }
    return "";
}

const char* statusName(ModelStatus s) {
    switch (s) {
        case ModelStatus::Converted:
            return "converted";
        case ModelStatus::Remaining:
            return "remaining";
        case ModelStatus::Failed:
            return "failed";
    }
    return "";
}

namespace {

// Why the recorded runs say the model failed; empty when they do not.
std::string recordedFailure(const Recorded& r) {
    if (r.compiledRun.success == false)
        return "the compiled run failed" + (r.compiledRun.file.empty() ? std::string() : " (" + r.compiledRun.file + ")");
    if (auto it = r.modelRun.find("run_success"); it != r.modelRun.end() && (it->second == "false" || it->second == "False"))
        return "model_run.json records run_success false";
    return {};
}

}  // namespace

std::string modelFailure(const ModelReport& report) {
    if (report.recorded)
        if (std::string why = recordedFailure(*report.recorded); !why.empty()) return why;
    if (report.total.nodes == 0 && report.total.remaining == 0 && report.graphCount == 0) return "no graph and no op list recorded";
    return {};
}

RunModel runModel(const ModelReport& report, std::size_t nodeNamesPerUse) {
    const Summary& s = report.total;
    RunModel m;
    m.name = s.model;
    m.profile = s.profile;
    m.torch = report.torch;
    m.predicted = s.predicted;
    m.hasGraph = report.graphCount > 0;
    m.opsBefore = s.originalOpsCount;
    m.opsBeforeUnique = s.originalOpTypes;
    if (report.recorded) {
        const RecordedRun& original = report.recorded->originalRun;
        const RecordedRun& compiled = report.recorded->compiledRun;
        m.batch = compiled.batchSize ? compiled.batchSize : original.batchSize;
        m.compiledFirstRunMs = compiled.firstRunTime;
        m.originalRunMs = original.runTime;
        m.compiledRunMs = compiled.runTime;
        m.accuracy = compiled.accuracy ? compiled.accuracy : original.accuracy;
    }
    m.failure = modelFailure(report);
    if (!m.failure.empty()) {
        m.status = ModelStatus::Failed;
        return m;
    }
    m.remaining = s.remaining;
    m.remainingUnique = s.uniqueOpTypes();
    m.dataMovement = s.dataMovement;
    m.converted = s.converted;
    m.nodes = s.nodes;
    m.conversion = s.conversionPercentage();
    m.status = s.remaining ? ModelStatus::Remaining : ModelStatus::Converted;
    m.lines = s.lines;
    for (const auto& [op, stats] : s.ops) {
        m.ops[op] = stats.count;
        auto& vars = m.variations[op];
        std::uint64_t known = 0;
        for (const auto& [v, n] : stats.variations) {
            vars[v] += n;
            known += n;
        }
        if (known < stats.count) vars[""] += stats.count - known;  // an op report without variations
    }
    for (const RemainingNode& d : s.details) {
        if (d.nodeName.empty()) continue;
        auto op = m.variations.find(d.opName);
        if (op == m.variations.end() || !op->second.count(d.variation)) continue;
        auto& names = m.nodeNames[op->first][std::string(d.variation)];
        if (names.size() < nodeNamesPerUse)
            names.push_back(d.graph.empty() ? std::string(d.nodeName) : std::string(d.graph) + "/" + std::string(d.nodeName));
    }
    return m;
}

RunReport buildRunReport(const std::vector<ModelReport>& reports, const std::string& timestamp, std::size_t nodeNamesPerUse) {
    std::vector<RunModel> models;
    models.reserve(reports.size());
    for (const auto& r : reports) models.push_back(runModel(r, nodeNamesPerUse));
    return buildRunReport(std::move(models), timestamp);
}

RunReport buildRunReport(std::vector<RunModel> models, const std::string& timestamp) {
    RunReport run;
    run.timestamp = timestamp;
    std::stable_sort(models.begin(), models.end(), [](const RunModel& a, const RunModel& b) { return a.name < b.name; });

    // op -> variation -> model -> use
    std::map<std::string, std::map<std::string, std::map<std::string, ModelUse>>> uses;
    RunTotals& t = run.totals;
    std::uint64_t before = 0, remainingOfBefore = 0;
    bool anyBefore = false;
    for (RunModel& m : models) {
        ++t.models;
        switch (m.status) {
            case ModelStatus::Converted:
                ++t.converted;
                break;
            case ModelStatus::Remaining:
                ++t.remainingModels;
                break;
            case ModelStatus::Failed:
                ++t.failed;
                break;
        }
        if (m.status != ModelStatus::Failed) {
            t.remaining += m.remaining;
            t.dataMovement += m.dataMovement;
            t.convertedOps += m.converted;
            if (m.opsBefore) {
                anyBefore = true;
                before += *m.opsBefore;
                remainingOfBefore += m.remaining;
            }
            for (const auto& [op, vars] : m.variations)
                for (const auto& [v, n] : vars) {
                    ModelUse& use = uses[op][v][m.name];
                    use.model = m.name;
                    use.count += n;
                    if (auto o = m.nodeNames.find(op); o != m.nodeNames.end())
                        if (auto names = o->second.find(v); names != o->second.end()) use.nodes = names->second;
                }
            for (const auto& [key, stats] : m.lines) {
                SourceLineStats& line = run.lines[key];
                line.merge(stats);
                if (stats.remaining) line.models[m.name] += stats.remaining;
            }
        }
        run.models.push_back(std::move(m));
    }
    t.opsBefore = before;
    if (anyBefore && before > 0)
        t.conversion = (static_cast<double>(before) - static_cast<double>(remainingOfBefore)) / static_cast<double>(before) * 100.0;

    for (auto& [op, vars] : uses) {
        RunOp r;
        r.op = op;
        std::set<std::string> users;
        for (auto& [v, byModel] : vars) {
            RunVariation rv;
            rv.variation = v;
            for (auto& [name, use] : byModel) {
                rv.count += use.count;
                users.insert(name);
                rv.models.push_back(std::move(use));
            }
            r.count += rv.count;
            r.variations.push_back(std::move(rv));
        }
        r.models = users.size();
        std::stable_sort(r.variations.begin(), r.variations.end(), [](const RunVariation& a, const RunVariation& b) {
            return std::tie(b.count, a.variation) < std::tie(a.count, b.variation);
        });
        t.variations += r.variations.size();
        run.ops.push_back(std::move(r));
    }
    t.uniqueOps = run.ops.size();
    std::stable_sort(run.ops.begin(), run.ops.end(),
                     [](const RunOp& a, const RunOp& b) { return std::tie(b.count, a.op) < std::tie(a.count, b.op); });

    // The lowering priority: a model is unblocked by an op when that op is all that remains of
    // it, by a variation when that one variation is.
    std::map<std::string, std::uint64_t> unblockOp;
    std::map<std::pair<std::string, std::string>, std::uint64_t> unblockVariation;
    for (const RunModel& m : run.models) {
        if (m.status != ModelStatus::Remaining || m.variations.size() != 1) continue;
        const auto& [op, vars] = *m.variations.begin();
        ++unblockOp[op];
        if (vars.size() == 1) ++unblockVariation[{op, vars.begin()->first}];
    }
    for (const RunOp& op : run.ops) {
        PriorityItem item;
        item.op = op.op;
        item.nodes = op.count;
        item.models = op.models;
        item.unblocks = unblockOp[op.op];
        run.priorityOps.push_back(item);
        for (const RunVariation& v : op.variations) {
            PriorityItem vi;
            vi.op = op.op;
            vi.variation = v.variation;
            vi.nodes = v.count;
            vi.models = v.models.size();
            auto it = unblockVariation.find({op.op, v.variation});
            vi.unblocks = it == unblockVariation.end() ? 0 : it->second;
            run.priorityVariations.push_back(std::move(vi));
        }
    }
    auto rank = [](const PriorityItem& a, const PriorityItem& b) {
        return std::tie(b.unblocks, b.nodes, b.models, a.op, a.variation) < std::tie(a.unblocks, a.nodes, a.models, b.op, b.variation);
    };
    std::stable_sort(run.priorityOps.begin(), run.priorityOps.end(), rank);
    std::stable_sort(run.priorityVariations.begin(), run.priorityVariations.end(), rank);
    return run;
}

Summary runSummary(const std::vector<ModelReport>& reports) {
    Summary total;
    for (const ModelReport& r : reports) {
        if (!modelFailure(r).empty()) continue;
        total.merge(r.total, r.total.model);
        if (r.total.originalOpsCount) total.originalOpsCount = total.originalOpsCount.value_or(0) + *r.total.originalOpsCount;
    }
    return total;
}

}  // namespace atenscope
