// SPDX-License-Identifier: MIT
#pragma once
// torch_ttnn's metrics files (docs/metrics-folders.md), read with the safe pickle reader.
// Internal to readers/: Readers.cpp walks folders and hands each folder's files here.
#include "graph/Recorded.h"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace atenscope {

enum class MetricsFile { None, OriginalSchemas, CompiledSchemas, OriginalRun, CompiledRun, Report, ModelRun };

// What a file of a metrics folder is, by its name; None for others (dumps, *.dot, outputs).
MetricsFile metricsFileKind(const std::filesystem::path& file);

// Reads one file of `kind` into `into` (throws InputError naming the file and the place).
void readMetricsFile(const std::filesystem::path& file, MetricsFile kind, Recorded& into);
// The same from bytes held in memory (the fuzz target).
void readMetricsBytes(std::string_view bytes, const std::string& file, MetricsFile kind, Recorded& into);

}  // namespace atenscope
