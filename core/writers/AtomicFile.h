// SPDX-License-Identifier: MIT
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace atenscope {

// Writes `bytes` to a temp file beside `path`, then renames it over `path`:
// readers never see a half-written file. Throws std::runtime_error naming the file.
// `createFolders`: make the missing folders of the path first (a metrics folder per model);
// a user's chosen output file is written only where its folder exists. Temporaries left by
// killed runs (".NAME.PID.XXXXXX" whose PID no longer runs) are removed from the folder first.
void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes, bool createFolders = true);

// Writes a whole folder: `files` (paths relative to `dir`, and their bytes) into a temporary
// folder beside it, then moved into place, so that `dir` holds all of the new files or what it
// held before, never a part. An existing `dir` is replaced only when everything in it is
// `replaceable` (a previous report's files); else it throws, naming what is in the way.
void writeFolderAtomically(const std::filesystem::path& dir, const std::vector<std::pair<std::string, std::string_view>>& files,
                           const std::function<bool(const std::filesystem::path&)>& replaceable);

}  // namespace atenscope
