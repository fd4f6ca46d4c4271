// SPDX-License-Identifier: MIT
#pragma once
// Two runs side by side (`atenscope diff`, docs/report-format.md): per model and in total,
// ops newly remaining and newly converted, count changes per op and per input variation,
// conversion and status changes; and the CI gate's verdict.
#include "analysis/RunReport.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace atenscope {

struct CountChange {
    std::string op;
    std::optional<std::string> variation;  // none: the op's whole count
    std::uint64_t before = 0, after = 0;
    std::int64_t delta() const { return static_cast<std::int64_t>(after) - static_cast<std::int64_t>(before); }
};

struct ModelDiff {
    std::string model;
    const RunModel* before = nullptr;       // null: not in BEFORE (points into the diffed runs)
    const RunModel* after = nullptr;        // null: not in AFTER
    std::vector<std::string> newOps;        // remaining in AFTER, not in BEFORE
    std::vector<std::string> convertedOps;  // remaining in BEFORE, not in AFTER
    std::vector<CountChange> ops;           // ops whose count changed
    std::vector<CountChange> variations;    // input variations whose count changed
    std::vector<std::string> worse;         // what got worse, in words
    std::vector<std::string> better;        // what got better, in words
    bool changed() const { return !ops.empty() || !worse.empty() || !better.empty(); }
};

struct RunDiff {
    const RunReport* before = nullptr;
    const RunReport* after = nullptr;
    std::vector<ModelDiff> models;                  // every model of either run, by name
    std::vector<CountChange> ops;                   // run-wide count changes per op
    std::vector<std::string> newOps, convertedOps;  // across the run
    std::size_t worseModels() const;
    std::size_t betterModels() const;
    bool regressed() const { return worseModels() > 0; }
};

// Both runs must outlive the diff.
RunDiff diffRuns(const RunReport& before, const RunReport& after);

// The gate's limits (`diff --fail-on-regression --max-remaining N --min-conversion P`).
struct GateLimits {
    bool failOnRegression = false;
    std::optional<std::uint64_t> maxRemaining;       // per model
    std::optional<std::uint64_t> maxTotalRemaining;  // over the run
    std::optional<double> minConversion;             // per model, percent
    std::optional<double> minTotalConversion;        // over the run, percent
};

// Why the gate fails (empty: it passes), one line each.
std::vector<std::string> gateFailures(const RunDiff& diff, const GateLimits& limits);

}  // namespace atenscope
