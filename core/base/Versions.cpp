// SPDX-License-Identifier: MIT
#include "base/Versions.h"

#include "analysis/SchemaTable.h"

#include <graphviz/graphviz_version.h>
#include <simdjson.h>

#include <nlohmann/json.hpp>

#define ATENSCOPE_TEXT(x) #x
#define ATENSCOPE_STRING(x) ATENSCOPE_TEXT(x)

namespace atenscope {

std::vector<std::pair<std::string, std::string>> libraryVersions() {
    std::vector<std::pair<std::string, std::string>> out;
    out.emplace_back("simdjson", ATENSCOPE_STRING(SIMDJSON_VERSION));
    out.emplace_back("nlohmann_json", std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." + std::to_string(NLOHMANN_JSON_VERSION_MINOR) +
                                          "." + std::to_string(NLOHMANN_JSON_VERSION_PATCH));
    out.emplace_back("Graphviz", PACKAGE_VERSION);
#ifdef ATENSCOPE_LIBTORCH_VERSION
    out.emplace_back("libtorch (op schema plugin)", ATENSCOPE_LIBTORCH_VERSION);
#endif
    out.emplace_back("op schema table", "torch " + std::string(builtinSchemaTableTorchVersion()));
    return out;
}

}  // namespace atenscope
