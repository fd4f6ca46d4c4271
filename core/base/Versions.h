// SPDX-License-Identifier: MIT
#pragma once
// The libraries AtenScope was built with, and their versions (About box, --version).
#include <string>
#include <utility>
#include <vector>

namespace atenscope {

// (library, version): simdjson, nlohmann_json, Graphviz, libtorch (the plugin's, when built
// with it), and the torch whose operator registry the schema table holds.
std::vector<std::pair<std::string, std::string>> libraryVersions();

}  // namespace atenscope
