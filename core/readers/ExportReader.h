// SPDX-License-Identifier: MIT
#pragma once
// The program JSON of a torch.export archive (docs/pt2-format.md): `models/<name>.json` of the
// layout of torch >= 2.8, `serialized_exported_program.json` of the flat one of torch 2.1-2.7.
// Internal to readers/: the archive reader finds the entry, this turns it into a Graph the
// way torch.export.load would build its fx graph (a placeholder per input, a getitem node per
// output of a multi-output op, a get_attr node per subgraph of a higher-order op).
#include "graph/Graph.h"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace atenscope {

// The newest schema major version this reader knows (torch 2.14 writes 8.20); newer ones
// are refused with a message naming them.
constexpr int kMaxExportSchemaMajor = 8;

// Reads the program in `json` (followed by simdjson::SIMDJSON_PADDING readable bytes) into a
// new graph of `model` named `graphName`. Errors name `file` and, as the place, `entry` and
// the JSON pointer in it. `beforeBuild`, when given, runs between the parse and the building of
// the graph (the archive reader checks the entry's CRC there, computed beside the parse).
void readExportedProgram(std::string_view json, const std::string& file, const std::string& entry, const std::string& graphName,
                         Model& model, const std::function<void()>& beforeBuild = {});

// Graphs of at least `nodes` nodes read their nodes' metadata on a second thread (4096 unless
// set; the tests set 1 to read small fixtures that way too).
void setMetadataThreadThreshold(std::size_t nodes);

}  // namespace atenscope
