// SPDX-License-Identifier: MIT
#pragma once
// What a torch_ttnn metrics folder records of a model when no graph is at hand
// (docs/metrics-folders.md): the aten ops before and after the backend with their input
// variations (original-/compiled-schema_list.pickle), an op report made elsewhere
// (remaining-aten-ops.pickle), and how the runs went (*-run_time_metrics.pickle,
// model_run.json). The op report is computed from these as from a graph.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace atenscope {

// One node of a schema list.
struct RecordedOp {
    std::string op;         // aten.add.Tensor, ttnn.add, target_wrapper_conv
    std::string variation;  // its input-variation string (the list's "inputs" joined by ", ")
    // In a compiled list, the node's "original_inputs": the aten op it replaced (empty if none).
    std::string originalOp;
    std::string originalVariation;
};

// A run of the model (original or compiled), as *-run_time_metrics.pickle records it.
struct RecordedRun {
    std::optional<bool> success;
    std::optional<double> runTime;  // seconds
    std::optional<double> averageRunTime;
    std::optional<double> firstRunTime;  // run_time_first_iter
    std::optional<double> accuracy;      // 0..1 as torch_ttnn records it
    std::optional<std::int64_t> batchSize;
    std::string file;  // where it was read ("" when absent)
};

// A remaining-aten-ops.pickle: an op report made by torch_ttnn (or by `atenscope analyze`).
struct RecordedReport {
    std::uint64_t totalRemaining = 0;
    std::map<std::string, std::uint64_t> opFrequency;
    std::map<std::string, std::map<std::string, std::uint64_t>> variations;  // when the file has them
    struct Detail {
        std::string op, node, argsStr, kwargsStr, outputShape;
        std::vector<std::string> inputShapes;
    };
    std::vector<Detail> details;
    std::optional<std::uint64_t> originalOpsCount;
    std::string timestamp;
    std::string file;
};

struct Recorded {
    std::vector<std::string> files;                   // every file read
    std::optional<std::vector<RecordedOp>> original;  // original-schema_list.pickle
    std::optional<std::vector<RecordedOp>> compiled;  // compiled-schema_list.pickle
    std::string originalFile, compiledFile;
    std::optional<RecordedReport> report;
    RecordedRun originalRun, compiledRun;
    std::map<std::string, std::string> modelRun;  // model_run.json's scalar fields, as text
    std::string modelRunFile;

    bool hasOps() const { return original || compiled || report; }
};

}  // namespace atenscope
