// SPDX-License-Identifier: MIT
#include "writers/AtomicFile.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>

namespace atenscope {

namespace fs = std::filesystem;

namespace {

// Temporary files and folders are named ".NAME.PID.XXXXXX" beside what they become: a run that
// was killed (nothing can remove its temporary then) leaves one whose PID no longer runs, and
// the next write into that folder removes it.
std::string tempPrefix(const fs::path& path) {
    return "." + path.filename().string() + "." + std::to_string(::getpid()) + ".";
}

bool stale(const std::string& name) {
    // ".NAME.PID.XXXXXX": the PID is the number before the last dot.
    if (name.size() < 10 || name[0] != '.') return false;
    const auto last = name.rfind('.');
    if (last == std::string::npos || name.size() - last != 7) return false;
    const auto before = name.rfind('.', last - 1);
    if (before == std::string::npos || before == 0) return false;
    const std::string pid = name.substr(before + 1, last - before - 1);
    if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos || pid.size() > 9) return false;
    const pid_t p = static_cast<pid_t>(std::stol(pid));
    return p > 0 && p != ::getpid() && ::kill(p, 0) != 0 && errno == ESRCH;
}

// Removes the leftovers of killed runs in `folder`, once per folder and process (a report writes
// hundreds of pictures into one folder).
void removeStale(const fs::path& given) {
    // An empty folder is the working one ("--out graph.png"); fs::absolute("") throws with GCC 12.
    const fs::path folder = given.empty() ? fs::path(".") : given;
    static std::mutex lock;
    static std::set<std::string> done;
    std::error_code ec;
    const fs::path where = fs::absolute(folder, ec);
    if (ec) return;
    {
        std::lock_guard<std::mutex> guard(lock);
        if (!done.insert(where.lexically_normal().string()).second) return;
    }
    for (auto it = fs::directory_iterator(folder, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
        if (stale(it->path().filename().string())) fs::remove_all(it->path(), ec);
}

}  // namespace

void writeFileAtomically(const fs::path& path, std::string_view bytes, bool createFolders) {
    auto fail = [&](const std::string& what) { throw std::runtime_error(path.string() + ": " + what + ": " + std::strerror(errno)); };
    std::error_code ec;
    if (createFolders && path.has_parent_path()) {
        fs::create_directories(path.parent_path(), ec);
        if (ec) throw std::runtime_error(path.parent_path().string() + ": cannot create the folder: " + ec.message());
    }
    removeStale(path.parent_path());
    std::string tmp = (path.parent_path() / (tempPrefix(path) + "XXXXXX")).string();
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

void writeFolderAtomically(const fs::path& dir, const std::vector<std::pair<std::string, std::string_view>>& files,
                           const std::function<bool(const fs::path&)>& replaceable) {
    std::error_code ec;
    const fs::path target = dir.filename().empty() ? dir.parent_path() : dir;  // "out/" names "out"
    const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
    if (fs::exists(target, ec)) {
        if (!fs::is_directory(target, ec)) throw std::runtime_error(target.string() + ": not a folder");
        for (auto it = fs::recursive_directory_iterator(target, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
            if (!replaceable(fs::relative(it->path(), target)))
                throw std::runtime_error(target.string() + ": holds " + fs::relative(it->path(), target).string() +
                                         ", which is not part of what it would be replaced by: choose an empty folder or a "
                                         "previous one's");
    }
    fs::create_directories(parent, ec);
    if (ec) throw std::runtime_error(parent.string() + ": cannot create the folder: " + ec.message());
    removeStale(parent);
    std::string tmp = (parent / (tempPrefix(target) + "XXXXXX")).string();
    if (!::mkdtemp(tmp.data())) throw std::runtime_error(target.string() + ": cannot create a temporary folder: " + std::strerror(errno));
    const fs::path staging(tmp);
    try {
        ::chmod(
            tmp.c_str(), 0777 & ~[] {
                const mode_t m = umask(0);
                umask(m);
                return m;
            }());
        for (const auto& [name, bytes] : files) writeFileAtomically(staging / name, bytes, true);
        if (!fs::exists(target, ec)) {
            if (std::rename(tmp.c_str(), target.c_str()) != 0)
                throw std::runtime_error(target.string() + ": cannot move the new folder into place: " + std::strerror(errno));
            return;
        }
        // Swapped in one step where the file system can (Linux renameat2): DIR is always whole,
        // the old or the new; else moved aside first.
#ifdef RENAME_EXCHANGE
        if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
            fs::remove_all(staging, ec);
            return;
        }
#endif
        const std::string aside = (parent / (tempPrefix(target) + "old")).string() + "000";
        if (std::rename(target.c_str(), aside.c_str()) != 0 || std::rename(tmp.c_str(), target.c_str()) != 0)
            throw std::runtime_error(target.string() + ": cannot move the new folder into place: " + std::strerror(errno));
        fs::remove_all(aside, ec);
    } catch (...) {
        fs::remove_all(staging, ec);
        throw;
    }
}

}  // namespace atenscope
