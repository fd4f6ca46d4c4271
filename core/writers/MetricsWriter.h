// SPDX-License-Identifier: MIT
#pragma once
// The metrics documents: remaining-aten-ops.json (docs/metrics-format.md) and
// the same plain data as a Python pickle.
#include "analysis/Summary.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace atenscope {

inline constexpr int kMetricsVersion = 1;

// The lines that leave ops behind ("source_lines" of analyze --json and report.json), most
// remaining nodes first.
nlohmann::ordered_json sourceLinesToJson(const SourceLineMap& lines);
// One summary with the field names of torch_ttnn's op report (docs/torch-ttnn.md) and AtenScope's additions.
nlohmann::ordered_json summaryToJson(const Summary& summary, std::size_t top = 10);
// A model's report: the merged summary at the top level, each subgraph under "subgraphs".
nlohmann::ordered_json reportToJson(const ModelReport& report, std::size_t top = 10);
// Several models' reports in one document ({"format", "version", "models": [...]}).
nlohmann::ordered_json reportsToJson(const std::vector<ModelReport>& reports, std::size_t top = 10);

// The same documents, written straight to text (as ordered_json's dump(1) writes them)
// and to a pickle, without building the JSON tree: for large reports.
std::string reportsJsonText(const std::vector<ModelReport>& reports, std::size_t top = 10);
std::string reportJsonText(const ModelReport& report, std::size_t top = 10);
std::string reportPickle(const ModelReport& report, std::size_t top = 10);

// A double as those documents write it (nlohmann's format: 75.0, 0.1, 1e-05, null for inf).
std::string jsonNumber(double d);

// Writes DIR/{model}/remaining-aten-ops.json and .pickle atomically; returns the paths.
std::vector<std::filesystem::path> writeMetrics(const std::filesystem::path& dir, const ModelReport& report, std::size_t top = 10);

// "[1, 64, 112, 112]" -> [1, 64, 112, 112]; symbolic sizes stay strings; "" -> null.
nlohmann::ordered_json shapeToJson(const std::string& shape);

}  // namespace atenscope
