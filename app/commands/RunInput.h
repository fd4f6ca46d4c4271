// SPDX-License-Identifier: MIT
#pragma once
// A run as `report` and `diff` take it: every path read behind the one reader entry point,
// each model analysed under its own profile (chosen from its graphs unless one is named),
// models in parallel, with a progress line on a terminal.
#include "analysis/RunReport.h"
#include "render/Session.h"

#include <string>
#include <vector>

namespace atenscope::cli {

struct RunOptions {
    std::string command;  // "report", "diff": names the progress line
    std::string profile;  // empty: chosen per model
    bool predict = false;
    bool keepModels = true;  // keep the graphs (report draws them); diff needs only the reports
};

struct RunInput {
    std::vector<LoadedModel> models;
    std::vector<ModelReport> reports;  // one per model, in the same order
};

// Throws InputError (bad input) or std::runtime_error (a bad profile).
RunInput readRun(const std::vector<std::string>& paths, const RunOptions& options);

// A run as a report of it: a report.json that `atenscope report` wrote (read back), or anything
// readRun takes (read and analysed, without the graphs). Throws as readRun does.
RunReport readRunReport(const std::string& path, const RunOptions& options);

// A progress line on stderr when it is a terminal ("\r" updates), silent otherwise.
class ProgressLine {
public:
    explicit ProgressLine(std::string command);
    ~ProgressLine();
    void show(const std::string& text);
    void done();

private:
    std::string command_;
    bool tty_;
    bool open_ = false;
};

}  // namespace atenscope::cli
