// SPDX-License-Identifier: MIT
#pragma once
#include "readers/GraphReader.h"

namespace atenscope {

// The graph dump that python/atenscope_dump.py writes (docs/graph-format.md).
class FxJsonReader final : public GraphReader {
public:
    std::string_view name() const override { return "atenscope graph dump (JSON)"; }
    bool canRead(const std::filesystem::path& path, std::string_view head) const override;
    std::vector<Model> read(const std::filesystem::path& path) const override;
};

// Parses a dump held in memory; `file` names it in errors.
Model parseGraphDump(std::string_view json, const std::string& file);

}  // namespace atenscope
