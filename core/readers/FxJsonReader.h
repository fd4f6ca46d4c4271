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

// A dump at least this large is parsed by a parser of its own, released (with the file's text)
// before the graph is built from the document; smaller ones by a parser kept per thread.
inline constexpr std::size_t kKeptParserLimit = std::size_t{128} << 20;

// Parses a dump held in memory; `file` names it in errors. `keptParserLimit`: as above (tests
// give 0 to take the large-dump path with a small one).
Model parseGraphDump(std::string_view json, const std::string& file, std::size_t keptParserLimit = kKeptParserLimit);

}  // namespace atenscope
