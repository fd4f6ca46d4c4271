// SPDX-License-Identifier: MIT
#pragma once
#include "readers/GraphReader.h"

namespace atenscope {

// torch.compile's structured trace (`TORCH_TRACE=DIR python prog.py`; docs/trace-format.md): glog
// lines each with a JSON record, payloads on tab-indented lines. Every aten-level graph logged
// (aot forward / backward / inference / joint graphs, inductor's post-grad graph) becomes a
// subgraph named by its frame and compile ids, its nodes parsed from the print_readable text.
class TraceReader final : public GraphReader {
public:
    std::string_view name() const override { return "torch.compile structured trace (TORCH_TRACE log)"; }
    bool canRead(const std::filesystem::path& path, std::string_view head) const override;
    std::vector<Model> read(const std::filesystem::path& path) const override;
};

// Whether a file's first bytes are a structured-trace record line.
bool looksLikeTrace(std::string_view head);

// Parses a trace log held in memory into one model named `modelName`; `file` names it in errors.
Model parseTrace(std::string_view text, const std::string& file, const std::string& modelName);

}  // namespace atenscope
