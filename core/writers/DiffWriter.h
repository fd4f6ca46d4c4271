// SPDX-License-Identifier: MIT
#pragma once
// `atenscope diff`'s output: text for a terminal, JSON, Markdown for a pull-request comment.
#include "analysis/RunDiff.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace atenscope {

struct DiffLabels {
    std::string before = "BEFORE", after = "AFTER";  // what the user named
};

std::string diffText(const RunDiff& diff, const DiffLabels& labels, const std::vector<std::string>& gate);
std::string diffMarkdown(const RunDiff& diff, const DiffLabels& labels, const std::vector<std::string>& gate);
// The Markdown under a heading of its own ("## heading"; diffMarkdown's is "AtenScope diff").
std::string diffMarkdownSection(const RunDiff& diff, const DiffLabels& labels, const std::vector<std::string>& gate,
                                const std::string& heading);
nlohmann::ordered_json diffToJson(const RunDiff& diff, const DiffLabels& labels, const std::vector<std::string>& gate);

// The changes alone (diffToJson's members from "regressed" to "models"): report.json's
// "baseline" carries them too.
nlohmann::ordered_json diffChangesToJson(const RunDiff& diff);

}  // namespace atenscope
