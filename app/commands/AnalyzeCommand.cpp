// SPDX-License-Identifier: MIT
#include "commands/Cli.h"

#include "commands/Args.h"

#include "analysis/Profile.h"
#include "analysis/ProfileChoice.h"
#include "analysis/SchemaSource.h"
#include "analysis/Summary.h"
#include "base/LoadError.h"
#include "base/Words.h"
#include "readers/GraphReader.h"
#include "render/Session.h"
#include "writers/MetricsWriter.h"
#include "writers/TextReport.h"

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <map>
#include <memory>
#include <optional>

namespace atenscope::cli {

namespace {

constexpr const char* kAnalyzeHelp = R"(Usage: atenscope analyze GRAPH... [options]

Find the aten ops a backend left in compiled graphs and report them: totals,
unique op types, frequency, top ops, input variations, conversion percentage,
per subgraph and per model.

GRAPH is any file or folder the window opens:
  - an AtenScope graph dump (*.json, written by python/atenscope_dump.py);
  - a torch.export archive (*.pt2);
  - a TORCH_TRACE log (*.log) or folder of them (torch.compile's structured trace);
  - a TorchScript archive (*.pt, through the libtorch plugin when installed);
  - a torch_ttnn metrics folder (metrics/MODEL/: its schema lists, op report and
    run metrics pickles) or a metrics root of such folders, one model each.
Files of the same model become its subgraphs; its graphs of stage "original" (a
folder holding both, as atenscope_dump.capture writes it) are its original.

Options:
  --original GRAPH...    the same model before the backend: gives
                         original_ops_count and the conversion percentage
  --profile NAME|FILE    backend profile: ttnn, partitioned, generic, or a
                         profile file (docs/profiles.md). Default: chosen per
                         model from its graphs (TT-NN nodes: ttnn; fused
                         partitions: partitioned; original graphs only: ttnn
                         --predict; else generic), said on stderr
  --predict              the graphs were not compiled: the profile's lowerable
                         list says which aten ops would remain (ttnn unless
                         --profile names another)
  --model NAME           name the model (default: the name in the dump)
  --metrics-dir DIR      write DIR/MODEL/remaining-aten-ops.json and .pickle
  --json                 print the whole summary as JSON instead of text
  --top N                how many top ops to list (default 10)
  --max-remaining N      exit 1 when a model has more than N remaining aten ops
  -h, --help             show this help

Exit status: 0 success, 1 --max-remaining exceeded, 2 bad input or usage.
The environment variable SOURCE_DATE_EPOCH, when set, fixes the timestamp.
)";

struct Options {
    std::vector<std::string> graphs;
    std::vector<std::string> originals;
    std::string profile;  // empty: chosen per model
    bool predict = false;
    std::string model;
    std::string metricsDir;
    bool json = false;
    std::size_t top = 10;
    std::optional<std::size_t> maxRemaining;
    bool help = false;
};

Options parse(const std::vector<std::string>& args) {
    Options o;
    std::string top, maxRemaining;
    ArgParser()
        .flag("--help", &o.help, "-h")
        .values("--original", &o.originals, "at least one graph")
        .value("--profile", &o.profile, "a profile name or file")
        .flag("--predict", &o.predict)
        .value("--model", &o.model, "a name")
        .value("--metrics-dir", &o.metricsDir, "a folder")
        .flag("--json", &o.json)
        .value("--top", &top, "a number")
        .value("--max-remaining", &maxRemaining, "a number")
        .positionals(&o.graphs)
        .parse(args);
    if (!top.empty()) o.top = parseCount("--top", top);
    if (!maxRemaining.empty()) o.maxRemaining = parseCount("--max-remaining", maxRemaining);
    if (!o.help && o.graphs.empty()) throw UsageError{"no GRAPH given"};
    return o;
}

// A run's graphs and reports, kept until the process ends (or the next run): the OS takes
// the memory back at exit faster than freeing a 100,000-node graph piece by piece, which
// took 0.15 s of a 0.38 s run (docs/benchmarks.md). Reachable to the end, not leaked.
struct RunData {
    std::vector<Model> models;
    std::vector<Model> originals;
    std::vector<Model> stageOriginals;  // graphs of stage "original" read among the GRAPHs
    std::vector<ModelReport> reports;
};

std::unique_ptr<RunData>& lastRun() {
    static auto* const run = new std::unique_ptr<RunData>();
    return *run;
}

}  // namespace

int analyzeCommand(const std::vector<std::string>& args) {
    Options o;
    try {
        o = parse(args);
    } catch (const UsageError& e) {
        return usageError("analyze", e.message);
    }
    if (o.help) {
        std::cout << kAnalyzeHelp;
        return 0;
    }
    RunData& run = *(lastRun() = std::make_unique<RunData>());
    std::vector<ModelReport>& reports = run.reports;
    try {
        std::map<std::string, Profile> profiles;  // by name, loaded once
        auto profileNamed = [&](const std::string& name) -> const Profile& {
            auto it = profiles.find(name);
            if (it == profiles.end()) it = profiles.emplace(name, loadProfile(name)).first;
            return it->second;
        };
        if (!o.profile.empty()) profileNamed(o.profile);  // a bad profile fails before any graph is read
        ReadOptions ro;
        ro.modelName = o.model;
        // A model's graphs of stage "original" among its compiled ones (capture() and the
        // torch_ttnn recipe write both into one folder) are its original, as the window and
        // report take them.
        for (Model& read : readModels(o.graphs, ro)) {
            LoadedModel split = splitStages(std::move(read));
            run.models.push_back(std::move(split.model));
            if (split.original) run.stageOriginals.push_back(std::move(*split.original));
        }
        const auto& models = run.models;
        auto& originals = run.originals;
        if (!o.originals.empty()) originals = readModels(o.originals, ro);
        const auto schemas = makeSchemaSource();
        AnalysisOptions ao;
        ao.schemas = schemas.get();
        ao.timestamp = isoTimestampOfBuild();
        for (const auto& m : models) {
            ao.predict = o.predict;
            if (!o.profile.empty() || o.predict) {
                ao.profile = &profileNamed(o.profile.empty() ? "ttnn" : o.profile);
            } else {
                const ProfileChoice choice = chooseProfile(m);
                ao.profile = &profileNamed(choice.profile);
                ao.predict = choice.predict;
                std::cerr << "atenscope analyze: " << m.name << ": profile " << choice.profile << (choice.predict ? " (predicted)" : "")
                          << ": " << choice.reason << " (--profile chooses another)\n";
            }
            const Model* original = nullptr;
            for (const auto& x : originals)
                if (x.name == m.name) original = &x;
            if (!original && models.size() == 1 && originals.size() == 1) original = &originals.front();
            if (!original && !originals.empty())
                throw InputError(o.originals.front(), "", "no original graph of model \"" + m.name + "\" among the --original files");
            if (!original)
                for (const auto& x : run.stageOriginals)
                    if (x.name == m.name) original = &x;
            reports.push_back(analyze(m, ao, original));
        }
        // Everything is read and analysed before anything is written.
        if (!o.metricsDir.empty())
            for (const auto& r : reports)
                for (const auto& path : writeMetrics(o.metricsDir, r, o.top)) std::cerr << "wrote " << path.string() << "\n";
    } catch (const std::exception& e) {
        return inputError("analyze", e.what());
    }
    if (o.json) {
        std::cout << reportsJsonText(reports, o.top);
    } else {
        for (std::size_t i = 0; i < reports.size(); ++i) std::cout << (i ? "\n" : "") << textReport(reports[i], o.top);
    }
    int status = 0;
    if (o.maxRemaining) {
        for (const auto& r : reports) {
            if (r.total.remaining > *o.maxRemaining) {
                std::cerr << "atenscope analyze: " << r.total.model << ": "
                          << counted(r.total.remaining, "aten op remains", "aten ops remain") << ", more than --max-remaining "
                          << *o.maxRemaining << "\n";
                status = 1;
            }
        }
    }
    return status;
}

}  // namespace atenscope::cli
