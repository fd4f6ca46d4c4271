// SPDX-License-Identifier: MIT
#pragma once
// Where an installed AtenScope finds its files: relative to the executable, so that
// a tree installed under any prefix (or DESTDIR) works without configuration.
#include <filesystem>
#include <vector>

namespace atenscope {

// The prefix the running executable sits under (PREFIX/bin/atenscope -> PREFIX); empty when unknown.
std::filesystem::path installPrefix();

// Folders that hold AtenScope's data, most specific first: the user's
// ($XDG_DATA_HOME/atenscope, default ~/.local/share/atenscope), then PREFIX/share/atenscope.
std::vector<std::filesystem::path> dataDirs();

}  // namespace atenscope
