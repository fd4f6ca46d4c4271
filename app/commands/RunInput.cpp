// SPDX-License-Identifier: MIT
#include "commands/RunInput.h"

#include "analysis/Profile.h"
#include "analysis/ProfileChoice.h"
#include "analysis/SchemaSource.h"
#include "base/Parallel.h"
#include "readers/GraphReader.h"
#include "readers/JsonText.h"
#include "writers/RunReportWriter.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>

namespace atenscope::cli {

ProgressLine::ProgressLine(std::string command) : command_(std::move(command)), tty_(isatty(STDERR_FILENO) == 1) {}

ProgressLine::~ProgressLine() {
    done();
}

void ProgressLine::show(const std::string& text) {
    if (!tty_) return;
    std::cerr << "\r\033[K"
              << "atenscope " << command_ << ": " << text << std::flush;
    open_ = true;
}

void ProgressLine::done() {
    if (open_) std::cerr << "\r\033[K" << std::flush;
    open_ = false;
}

RunInput readRun(const std::vector<std::string>& paths, const RunOptions& options) {
    std::map<std::string, Profile> profiles;  // every profile a model may take, loaded before the threads start
    if (!options.profile.empty()) profiles.emplace(options.profile, loadProfile(options.profile));
    if (options.predict && options.profile.empty()) profiles.emplace("ttnn", loadProfile("ttnn"));
    if (options.profile.empty() && !options.predict)
        for (const char* name : {"ttnn", "partitioned", "generic"}) profiles.emplace(name, loadProfile(name));

    ProgressLine progress(options.command);
    progress.show("reading " + std::to_string(paths.size()) + (paths.size() == 1 ? " path" : " paths"));
    std::vector<Model> read = readModels(paths);
    RunInput run;
    run.models.reserve(read.size());
    for (auto& m : read) run.models.push_back(splitStages(std::move(m)));
    run.reports.resize(run.models.size());

    const auto schemas = makeSchemaSource();
    const std::string timestamp = isoTimestampOfBuild();
    std::atomic<std::size_t> done{0};
    std::mutex lock;
    const std::size_t total = run.models.size();
    forRanges(total, 1, [&](std::size_t, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            LoadedModel& lm = run.models[i];
            AnalysisOptions ao;
            ao.schemas = schemas.get();
            ao.timestamp = timestamp;
            ao.predict = options.predict;
            if (!options.profile.empty() || options.predict) {
                ao.profile = &profiles.at(options.profile.empty() ? "ttnn" : options.profile);
            } else {
                const ProfileChoice choice = chooseProfile(lm.model);
                ao.profile = &profiles.at(choice.profile);
                ao.predict = choice.predict;
            }
            run.reports[i] = analyze(lm.model, ao, lm.original ? &*lm.original : nullptr);
            if (!options.keepModels) lm = LoadedModel{};
            const std::size_t n = ++done;
            if (n % 16 == 0 || n == total) {
                std::lock_guard<std::mutex> guard(lock);
                progress.show("analysed " + std::to_string(n) + " / " + std::to_string(total) + " models");
            }
        }
    });
    progress.done();
    return run;
}

RunReport readRunReport(const std::string& path, const RunOptions& options) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) {
        std::ifstream in(path, std::ios::binary);
        std::string head(256, '\0');
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        head.resize(static_cast<std::size_t>(in.gcount()));
        if (looksLikeRunReport(head)) {
            in.clear();
            in.seekg(0);
            std::ostringstream text;
            text << in.rdbuf();
            return runReportFromJson(parseJsonText(text.str(), path), path);
        }
    }
    RunOptions reportOnly = options;
    reportOnly.keepModels = false;
    const RunInput run = readRun({path}, reportOnly);
    return buildRunReport(run.reports, isoTimestampOfBuild());
}

}  // namespace atenscope::cli
