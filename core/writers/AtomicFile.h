// SPDX-License-Identifier: MIT
#pragma once
#include <filesystem>
#include <string_view>

namespace atenscope {

// Writes `bytes` to a temp file beside `path`, then renames it over `path`:
// readers never see a half-written file. Throws std::runtime_error naming the file.
// `createFolders`: make the missing folders of the path first (a metrics folder per model);
// a user's chosen output file is written only where its folder exists.
void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes, bool createFolders = true);

}  // namespace atenscope
