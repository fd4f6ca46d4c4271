// SPDX-License-Identifier: MIT
#include "writers/AtomicFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

namespace atenscope {

void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes, bool createFolders) {
    auto fail = [&](const std::string& what) { throw std::runtime_error(path.string() + ": " + what + ": " + std::strerror(errno)); };
    std::error_code ec;
    if (createFolders && path.has_parent_path()) {
        std::filesystem::create_directories(path.parent_path(), ec);
        if (ec) throw std::runtime_error(path.parent_path().string() + ": cannot create the folder: " + ec.message());
    }
    std::string tmp = (path.parent_path() / ("." + path.filename().string() + ".XXXXXX")).string();
    const int fd = mkstemp(tmp.data());
    if (fd < 0) fail("cannot create a temporary file");
    const mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int saved = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            errno = saved;
            fail("cannot write");
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0 || std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int saved = errno;
        ::unlink(tmp.c_str());
        errno = saved;
        fail("cannot write");
    }
}

}  // namespace atenscope
