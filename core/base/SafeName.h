// SPDX-License-Identifier: MIT
#pragma once
// Names read from files (a model's, a subgraph's) become parts of output paths: a metrics
// folder per model, a report's pictures, the window's export defaults. A hostile name
// ("../../x", "/etc", ".hidden") must never leave the folder the user asked for, so every such
// name goes through one of these two functions before it touches a path.
#include <filesystem>
#include <string>
#include <string_view>

namespace atenscope {

// One path component made of [A-Za-z0-9._-] only (anything else becomes '_'), never empty,
// never "." or "..", never hidden (leading dots become '_'), at most kMaxSafeName bytes (a
// longer name is cut and keeps a hash of the whole, so two long names stay apart).
constexpr std::size_t kMaxSafeName = 120;
std::string safeFileName(std::string_view name, std::string_view fallback = "model");

// A name whose '/' (or '\') separate nested folders, as torch_ttnn's metrics/{model}/ nests
// "hf/bert": each part made safe by safeFileName, empty and "." parts dropped. The result is
// relative and holds no "..": joined to a folder, it stays inside it.
std::filesystem::path safeRelativePath(std::string_view name, std::string_view fallback = "model");

}  // namespace atenscope
