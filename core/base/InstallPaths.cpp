// SPDX-License-Identifier: MIT
#include "base/InstallPaths.h"

#include <cstdlib>
#include <system_error>

namespace atenscope {

namespace fs = std::filesystem;

fs::path installPrefix() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    return exe.parent_path().parent_path();
}

std::vector<fs::path> dataDirs() {
    std::vector<fs::path> dirs;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        dirs.push_back(fs::path(xdg) / "atenscope");
    else if (const char* home = std::getenv("HOME"); home && *home)
        dirs.push_back(fs::path(home) / ".local" / "share" / "atenscope");
    if (const fs::path prefix = installPrefix(); !prefix.empty()) dirs.push_back(prefix / "share" / "atenscope");
    return dirs;
}

}  // namespace atenscope
