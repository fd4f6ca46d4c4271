// SPDX-License-Identifier: MIT
// What a schema source costs and knows: the time to answer the first lookup (opening the
// libtorch plugin, or parsing the table compiled in), the peak memory after, and, for every op
// schema the given dumps carry, whether the source knows the op and gives the same arguments
// (names, types, keyword-only). The plugin is the one ATENSCOPE_TORCH_PLUGIN names, else the
// build's own; --table measures the table instead.
// Usage: bench_schemas [--table] DUMP... ; prints one JSON line.
#include "analysis/SchemaSource.h"
#include "analysis/SchemaTable.h"
#include "readers/GraphReader.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

using namespace atenscope;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    std::vector<std::string> paths(argv + 1, argv + argc);
    const bool useTable = !paths.empty() && paths.front() == "--table";
    if (useTable) paths.erase(paths.begin());
    if (paths.empty()) {
        std::fprintf(stderr, "usage: bench_schemas [--table] DUMP...\n");
        return 2;
    }
    const auto models = readModels(paths);
    const auto plugin = useTable ? nullptr : makeTorchSchemaSource();
    if (!useTable && !plugin) {
        std::fprintf(stderr, "bench_schemas: built without libtorch\n");
        return 2;
    }
    const SchemaSource* source = useTable ? &builtinSchemaTable() : plugin.get();
    const auto t0 = Clock::now();
    const bool addKnown = source->find("aten.add.Tensor") != nullptr;
    const double firstMs = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    std::set<std::string> ops, known, agree, missing;
    for (const auto& m : models)
        for (const auto& [op, dumped] : m.schemas) {
            if (!ops.insert(op).second) continue;
            const auto reg = source->find(op);
            if (!reg) {
                missing.insert(op);
                continue;
            }
            known.insert(op);
            bool same = reg->arguments.size() == dumped->arguments.size();
            for (std::size_t i = 0; same && i < dumped->arguments.size(); ++i)
                same = reg->arguments[i].name == dumped->arguments[i].name && reg->arguments[i].type == dumped->arguments[i].type &&
                       reg->arguments[i].kwargOnly == dumped->arguments[i].kwargOnly;
            if (same) agree.insert(op);
        }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::string missingList;
    for (const auto& op : missing) missingList += (missingList.empty() ? "\"" : ", \"") + op + "\"";
    std::printf(
        "{\"first_lookup_ms\": %.1f, \"add_known\": %s, \"peak_rss_mb\": %.0f, \"ops\": %zu, \"known\": %zu, \"agree\": %zu, "
        "\"missing\": [%s]}\n",
        firstMs, addKnown ? "true" : "false", static_cast<double>(usage.ru_maxrss) / 1024.0, ops.size(), known.size(), agree.size(),
        missingList.c_str());
    return 0;
}
