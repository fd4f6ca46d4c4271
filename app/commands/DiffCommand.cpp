// SPDX-License-Identifier: MIT
#include "commands/Cli.h"

#include "commands/Args.h"
#include "commands/RunInput.h"

#include "base/LoadError.h"
#include "writers/AtomicFile.h"
#include "writers/DiffWriter.h"
#include "writers/RunReportWriter.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace atenscope::cli {

namespace {

constexpr const char* kDiffHelp = R"(Usage: atenscope diff BEFORE AFTER [options]

Compare two runs, two models or two graphs: per model and in total, the aten ops
newly remaining and newly converted, count changes per op and per input
variation, conversion change, models that changed status.

BEFORE and AFTER are anything 'atenscope report' reads (a metrics root, folders of
graph dumps, a dump, a .pt2, ...) or a report.json that 'atenscope report' wrote
(yesterday's CI artifact). Models are matched by name; two sides of one model
each are compared whatever their names.

Options:
  --json                  print the diff as JSON (docs/report-format.md)
  --markdown              print it as Markdown, for a pull-request comment
  --out FILE              write the output to FILE instead of stdout
  --profile NAME|FILE     backend profile for both sides (default: chosen per model)
  --predict               the graphs were not compiled: predict with the profile

The CI gate (exit 1 when it fails):
  --fail-on-regression    anything got worse: more remaining ops, a new remaining op
                          or input variation, lower conversion, a worse status, a
                          model missing from AFTER
  --max-remaining N       a model of AFTER has more than N remaining aten ops
  --max-total-remaining N AFTER has more than N remaining aten ops in all
  --min-conversion P      a model of AFTER converts less than P percent
  --min-total-conversion P  AFTER converts less than P percent in all
  -h, --help              show this help

Exit status: 0 no gate failed, 1 a gate failed, 2 bad input or usage.
)";

double parsePercent(const std::string& option, const std::string& text) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !(v >= 0.0 && v <= 100.0))
        throw UsageError{option + " needs a percentage from 0 to 100, not '" + text + "'"};
    return v;
}

}  // namespace

int diffCommand(const std::vector<std::string>& args) {
    std::vector<std::string> sides;
    std::string out, maxRemaining, maxTotal, minConversion, minTotal;
    bool json = false, markdown = false, help = false;
    RunOptions ro;
    ro.command = "diff";
    ro.keepModels = false;
    GateLimits limits;
    try {
        ArgParser()
            .flag("--help", &help, "-h")
            .flag("--json", &json)
            .flag("--markdown", &markdown)
            .flag("--predict", &ro.predict)
            .flag("--fail-on-regression", &limits.failOnRegression)
            .value("--out", &out, "a file")
            .value("--profile", &ro.profile, "a profile name or file")
            .value("--max-remaining", &maxRemaining, "a number")
            .value("--max-total-remaining", &maxTotal, "a number")
            .value("--min-conversion", &minConversion, "a percentage")
            .value("--min-total-conversion", &minTotal, "a percentage")
            .positionals(&sides)
            .parse(args);
        if (help) {
            std::cout << kDiffHelp;
            return 0;
        }
        if (sides.size() != 2)
            throw UsageError{"needs two things to compare, BEFORE and AFTER (" + std::to_string(sides.size()) + " given)"};
        if (json && markdown) throw UsageError{"--json and --markdown exclude each other"};
        if (!maxRemaining.empty()) limits.maxRemaining = parseCount("--max-remaining", maxRemaining);
        if (!maxTotal.empty()) limits.maxTotalRemaining = parseCount("--max-total-remaining", maxTotal);
        if (!minConversion.empty()) limits.minConversion = parsePercent("--min-conversion", minConversion);
        if (!minTotal.empty()) limits.minTotalConversion = parsePercent("--min-total-conversion", minTotal);
        for (const auto& s : sides)
            if (!std::filesystem::exists(s)) throw UsageError{"'" + s + "' does not exist"};
    } catch (const UsageError& e) {
        return usageError("diff", e.message);
    }
    std::string text;
    std::vector<std::string> gate;
    try {
        RunReport before = readRunReport(sides[0], ro);
        RunReport after = readRunReport(sides[1], ro);
        // One model a side: the same model, whatever the files call it.
        if (before.models.size() == 1 && after.models.size() == 1 && before.models[0].name != after.models[0].name) {
            std::vector<RunModel> rows = before.models;
            rows[0].name = after.models[0].name;
            before = buildRunReport(std::move(rows), before.timestamp);
        }
        const RunDiff diff = diffRuns(before, after);
        gate = gateFailures(diff, limits);
        const DiffLabels labels{sides[0], sides[1]};
        text = json       ? diffToJson(diff, labels, gate).dump(1) + "\n"
               : markdown ? diffMarkdown(diff, labels, gate)
                          : diffText(diff, labels, gate);
        if (!out.empty()) writeFileAtomically(out, text, false);
    } catch (const std::exception& e) {
        return inputError("diff", e.what());
    }
    if (out.empty())
        std::cout << text;
    else
        std::cerr << "wrote " << out << "\n";
    // The reasons go to stderr whatever the output (a CI log shows stderr; the output keeps them too).
    for (const std::string& g : gate) std::cerr << "atenscope diff: gate: " << g << "\n";
    if (!gate.empty())
        std::cerr << "atenscope diff: the gate failed (" << gate.size() << (gate.size() == 1 ? " reason" : " reasons") << ")\n";
    return gate.empty() ? 0 : 1;
}

}  // namespace atenscope::cli
