// SPDX-License-Identifier: MIT
// Load and analyse what a path holds (a graph dump, a .pt2, a metrics folder), timed: the
// figures of docs/benchmarks.md.
// Usage: bench_analyze PATH [--profile NAME] [--repeat N]
#include "analysis/Profile.h"
#include "analysis/Summary.h"
#include "readers/GraphReader.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

using namespace atenscope;
using Clock = std::chrono::steady_clock;

static double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_analyze GRAPH [--profile NAME] [--repeat N]\n");
        return 2;
    }
    std::string path = argv[1];
    std::string profileName = "generic";
    int repeat = 6;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--profile")
            profileName = argv[i + 1];
        else if (a == "--repeat")
            repeat = std::max(2, std::stoi(argv[i + 1]));
    }
    const Profile profile = loadProfile(profileName);
    // a file's size, or a folder's files' together
    double bytes = 0;
    if (std::filesystem::is_directory(path)) {
        for (const auto& e : std::filesystem::recursive_directory_iterator(path))
            if (e.is_regular_file()) bytes += static_cast<double>(e.file_size());
    } else {
        bytes = static_cast<double>(std::filesystem::file_size(path));
    }
    const double mb = bytes / 1e6;
    std::vector<double> readMs, analyzeMs, totalMs;
    std::size_t nodes = 0, remaining = 0, modelCount = 0;
    for (int r = 0; r < repeat; ++r) {
        const auto t0 = Clock::now();
        const auto models = readModels({path});
        const auto t1 = Clock::now();
        AnalysisOptions options;
        options.profile = &profile;
        nodes = remaining = 0;
        for (const Model& model : models) {  // a folder may hold many
            const ModelReport report = analyze(model, options);
            nodes += report.total.nodes;
            remaining += report.total.remaining;
        }
        const auto t2 = Clock::now();
        readMs.push_back(ms(t1 - t0));
        analyzeMs.push_back(ms(t2 - t1));
        totalMs.push_back(ms(t2 - t0));
        modelCount = models.size();
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    // The first run is a cold process (fresh memory); the median of the rest reuses it.
    std::vector<double> warm(totalMs.begin() + (totalMs.size() > 1 ? 1 : 0), totalMs.end());
    std::printf(
        "{\"impl\": \"atenscope\", \"file_mb\": %.1f, \"models\": %zu, \"nodes\": %zu, \"remaining\": %zu, \"repeat\": %d, "
        "\"cold_ms\": %.1f, \"cold_read_ms\": %.1f, \"cold_analyze_ms\": %.1f, \"warm_ms\": %.1f, \"warm_read_ms\": %.1f, "
        "\"warm_analyze_ms\": %.1f, \"cold_mb_per_s\": %.0f, \"warm_mb_per_s\": %.0f, \"peak_rss_mb\": %.0f}\n",
        mb, modelCount, nodes, remaining, repeat, totalMs[0], readMs[0], analyzeMs[0], median(warm),
        median(std::vector<double>(readMs.begin() + 1, readMs.end())), median(std::vector<double>(analyzeMs.begin() + 1, analyzeMs.end())),
        mb / (totalMs[0] / 1000.0), mb / (median(warm) / 1000.0), static_cast<double>(usage.ru_maxrss) / 1024.0);
    return 0;
}
