// SPDX-License-Identifier: MIT
#pragma once
// A run: many models' op reports side by side (docs/report-format.md). Per model the columns of
// torch_ttnn's README table; across models each remaining op and input variation with the models
// and nodes that use it; and the lowering priority: what, lowered alone, would convert the most
// models fully.
#include "analysis/Summary.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace atenscope {

// ✅ nothing remains, 🚧 aten ops remain, ❌ the compile or run failed (as recorded).
enum class ModelStatus { Converted, Remaining, Failed };
// ✅ 🚧 ❌, as torch_ttnn's README tables print them: for Markdown and JSON only. Pictures, the
// page and the window draw the status (an icon) or say it in words: a machine without an emoji
// font shows the symbols as empty boxes.
const char* statusSymbol(ModelStatus s);
const char* statusName(ModelStatus s);  // converted, remaining, failed
// Worse means further from converted: Converted < Remaining < Failed.
inline int statusRank(ModelStatus s) {
    return static_cast<int>(s);
}

struct RunModel {
    std::string name;
    ModelStatus status = ModelStatus::Remaining;
    std::string failure;  // why it failed, when it did
    std::string profile;
    std::string torch;                                        // the torch that made its graphs, when known
    bool predicted = false;                                   // the counts are a prediction (no compiled graph)
    bool hasGraph = false;                                    // a graph to draw (else only recorded lists)
    std::optional<std::uint64_t> opsBefore, opsBeforeUnique;  // aten ops of the original
    std::uint64_t remaining = 0, remainingUnique = 0;
    std::uint64_t dataMovement = 0, converted = 0, nodes = 0;
    std::optional<double> conversion;  // percent
    // How the runs went, as the model's *-run_time_metrics.pickle recorded them (torch_ttnn's
    // README columns): the batch, the compiled first run and the runs in ms, the accuracy (0..1).
    std::optional<std::int64_t> batch;
    std::optional<double> compiledFirstRunMs, originalRunMs, compiledRunMs, accuracy;
    // Inferences per second of a run: the batch over its time.
    std::optional<double> throughput(const std::optional<double>& runMs) const {
        if (!batch || !runMs || *runMs <= 0) return std::nullopt;
        return static_cast<double>(*batch) * 1000.0 / *runMs;
    }
    std::map<std::string, std::uint64_t, std::less<>> ops;                                             // remaining op -> nodes
    std::map<std::string, std::map<std::string, std::uint64_t, std::less<>>, std::less<>> variations;  // op -> variation -> nodes
    // op -> variation -> the first node names ("subgraph/node") where the model has names
    std::map<std::string, std::map<std::string, std::vector<std::string>>> nodeNames;
    SourceLineMap lines;  // the model's own lines its remaining and converted nodes come from
};

struct ModelUse {
    std::string model;
    std::uint64_t count = 0;
    std::vector<std::string> nodes;  // "subgraph/node" where known, in graph order
};

struct RunVariation {
    std::string variation;  // torch_ttnn's input-variation string ("" when not recorded)
    std::uint64_t count = 0;
    std::vector<ModelUse> models;  // by name
};

struct RunOp {
    std::string op;
    std::uint64_t count = 0;
    std::uint64_t models = 0;
    std::vector<RunVariation> variations;  // most nodes first
};

// One line of the lowering priority: an op (variation empty) or one of its input variations.
struct PriorityItem {
    std::string op;
    std::optional<std::string> variation;
    std::uint64_t nodes = 0;
    std::uint64_t models = 0;
    std::uint64_t unblocks = 0;  // models that would be fully converted if this alone were lowered
};

struct RunTotals {
    std::uint64_t models = 0, converted = 0, remainingModels = 0, failed = 0;
    std::uint64_t remaining = 0, uniqueOps = 0, variations = 0, dataMovement = 0, convertedOps = 0;
    std::uint64_t opsBefore = 0;       // over the models that know theirs
    std::optional<double> conversion;  // (before - remaining) / before over those models
};

struct RunReport {
    std::string timestamp;
    std::string generator;  // what made the report ("atenscope 0.9.0"), when the caller says
    RunTotals totals;
    std::vector<RunModel> models;                               // by name
    std::vector<RunOp> ops;                                     // most nodes first, then name
    std::vector<PriorityItem> priorityOps, priorityVariations;  // ranked
    SourceLineMap lines;                                        // every model's lines, with the models that use each
};

// One model's row, from its report. Failed models (a recorded compile or run that did not
// succeed) keep their counts before and none after.
// Why a model's recorded compile or run failed, or that nothing of it could be analysed;
// empty when it did not fail.
std::string modelFailure(const ModelReport& report);
// `nodeNamesPerUse` caps the node names kept per op and variation.
RunModel runModel(const ModelReport& report, std::size_t nodeNamesPerUse = 50);
// The run of those models (sorted by name).
RunReport buildRunReport(std::vector<RunModel> models, const std::string& timestamp);
RunReport buildRunReport(const std::vector<ModelReport>& reports, const std::string& timestamp, std::size_t nodeNamesPerUse = 50);

// Every model's remaining ops in one Summary (the window's op table over the whole run): an
// op's `graphs` are the models that hold it; failed models count nowhere.
Summary runSummary(const std::vector<ModelReport>& reports);

}  // namespace atenscope
