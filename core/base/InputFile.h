// SPDX-License-Identifier: MIT
#pragma once
// Opening the files a user names. Only regular files (and, where a reader walks them, folders)
// are read: a FIFO, a device or a socket named on the command line would block or never end,
// so each is refused at once with an InputError naming the file. Files are opened with
// O_NONBLOCK and checked on the open descriptor, so nothing can swap the file in between.
#include <filesystem>
#include <string>

namespace atenscope {

// Throws InputError unless `path` (symbolic links followed) is a regular file, or a folder
// when `folderToo`.
void requireRegularFile(const std::filesystem::path& path, bool folderToo = false);

// The whole file; throws InputError naming it when it is not a regular file or can't be read.
std::string readInputFile(const std::filesystem::path& path);

// Its first `n` bytes (fewer when it is shorter); the same checks.
std::string readInputHead(const std::filesystem::path& path, std::size_t n);

}  // namespace atenscope
