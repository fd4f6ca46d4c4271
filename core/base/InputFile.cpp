// SPDX-License-Identifier: MIT
#include "base/InputFile.h"

#include "base/LoadError.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>

namespace atenscope {

namespace {

const char* kindOf(mode_t mode) {
    if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISDIR(mode)) return "a folder";
    return "not a regular file";
}

[[noreturn]] void notRegular(const std::filesystem::path& path, mode_t mode) {
    throw InputError(path.string(), "", std::string("not a regular file: ") + kindOf(mode) + " is not read");
}

[[noreturn]] void cannot(const std::filesystem::path& path, const char* what) {
    if (errno == ENOENT) throw InputError(path.string(), "", "no such file or folder");
    throw InputError(path.string(), "", std::string(what) + ": " + std::strerror(errno));
}

class Fd {
public:
    explicit Fd(const std::filesystem::path& path) {
        fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd_ < 0) cannot(path, "cannot open the file");
        struct stat st {};
        if (::fstat(fd_, &st) != 0) cannot(path, "cannot read the file");
        if (!S_ISREG(st.st_mode)) notRegular(path, st.st_mode);
        size_ = static_cast<std::size_t>(st.st_size);
    }
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;

    // Reads up to n bytes (to the end of the file when n is larger).
    std::string read(const std::filesystem::path& path, std::size_t n) {
        std::string out(n, '\0');
        std::size_t done = 0;
        while (done < n) {
            const ssize_t got = ::read(fd_, out.data() + done, n - done);
            if (got < 0) {
                if (errno == EINTR) continue;
                cannot(path, "cannot read the file");
            }
            if (got == 0) break;
            done += static_cast<std::size_t>(got);
        }
        out.resize(done);
        return out;
    }
    std::size_t size() const { return size_; }

private:
    int fd_ = -1;
    std::size_t size_ = 0;
};

}  // namespace

void requireRegularFile(const std::filesystem::path& path, bool folderToo) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) cannot(path, "cannot open");
    if (S_ISREG(st.st_mode) || (folderToo && S_ISDIR(st.st_mode))) return;
    notRegular(path, st.st_mode);
}

std::string readInputFile(const std::filesystem::path& path) {
    Fd fd(path);
    std::string text = fd.read(path, fd.size());
    // A file that grew while read: the rest too.
    for (std::string more; !(more = fd.read(path, 1 << 20)).empty();) text += more;
    return text;
}

std::string readInputHead(const std::filesystem::path& path, std::size_t n) {
    Fd fd(path);
    return fd.read(path, n);
}

}  // namespace atenscope
