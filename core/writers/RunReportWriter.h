// SPDX-License-Identifier: MIT
#pragma once
// `atenscope report`'s files (docs/report-format.md): report.json, report.md and a
// self-contained index.html, all from one RunReport; and report.json read back (for diff).
#include "analysis/RunDiff.h"
#include "analysis/RunReport.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace atenscope {

inline constexpr int kRunReportVersion = 1;

// A picture of a model (docs/pictures.md: an overview, or a place where ops remain): its file
// under the report folder and, for the HTML, the PNG bytes.
struct ReportImage {
    std::string file;  // images/NAME-K.png
    std::string png;   // bytes (embedded in index.html)
    std::string title;
    std::string caption;
    std::vector<std::string> ops;  // the remaining ops (targets) it shows by name
};
using ReportImages = std::map<std::string, std::vector<ReportImage>>;  // by model, most telling first

// How many rows the Markdown lists where a run can be long (variations, priority lines).
struct ReportLimits {
    std::size_t priorityRows = 50;
    std::size_t nodesPerUse = 10;  // node names listed per model and variation (HTML, Markdown)
    // Pictures up to this many bytes in all are inlined in index.html (one file to pass around);
    // above it the page links them in images/ and the browser loads them as they scroll into
    // view (a run of 500 models inlined made a page of 67 MB).
    std::size_t inlinePictureBytes = 16u << 20;
};

// What a report compares with (`report --baseline PATH`): the changes from that run to this one.
struct ReportBaseline {
    std::string source;             // the path the user named
    const RunDiff* diff = nullptr;  // baseline (before) -> this run (after)
};

nlohmann::ordered_json runReportToJson(const RunReport& run, const ReportImages& images = {}, const ReportBaseline* baseline = nullptr);
// A run's summary as report.json's "summary" (and diff's "before"/"after") writes it.
nlohmann::ordered_json runTotalsToJson(const RunTotals& totals);
std::string runReportMarkdown(const RunReport& run, const ReportImages& images = {}, const ReportLimits& limits = {},
                              const ReportBaseline* baseline = nullptr);
std::string runReportHtml(const RunReport& run, const ReportImages& images = {}, const ReportLimits& limits = {},
                          const ReportBaseline* baseline = nullptr);

// report.json back into a run; throws InputError naming `file` and the JSON pointer.
RunReport runReportFromJson(const nlohmann::json& doc, const std::string& file);
// Whether a file's first bytes look like a report.json (its "format" member comes first).
bool looksLikeRunReport(std::string_view head);

// 97.2 (one decimal), the one way reports print a percentage.
std::string percentText(double v);

}  // namespace atenscope
