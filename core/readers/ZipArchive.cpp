// SPDX-License-Identifier: MIT
#include "readers/ZipArchive.h"

#include "base/LoadError.h"

#include <libdeflate.h>
#include <zip.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <thread>

namespace atenscope {

// A file archive is read through a libzip source over the file mapped in memory: libzip
// parses the archive as always, and a large stored entry can then be handed out where it lies
// in the mapping (where libzip's read of it began), without copying it.
struct ZipArchive::Handle {
    zip_t* archive = nullptr;
    std::shared_ptr<char> map;  // the whole file, read-only
    std::uint64_t mapSize = 0;
    std::uint64_t position = 0;  // the source's read position
    std::uint64_t lastRead = 0;  // where the source's last read began
    zip_error_t error{};
    ~Handle() {
        if (archive) zip_discard(archive);
    }
};

namespace {

zip_int64_t mappedSource(void* user, void* data, zip_uint64_t length, zip_source_cmd_t command) {
    auto& h = *static_cast<ZipArchive::Handle*>(user);
    switch (command) {
        case ZIP_SOURCE_OPEN:
            h.position = 0;
            return 0;
        case ZIP_SOURCE_READ: {
            const std::uint64_t n = std::min<std::uint64_t>(length, h.mapSize - std::min(h.position, h.mapSize));
            if (n) std::copy_n(h.map.get() + h.position, n, static_cast<char*>(data));
            h.lastRead = h.position;
            h.position += n;
            return static_cast<zip_int64_t>(n);
        }
        case ZIP_SOURCE_CLOSE:
        case ZIP_SOURCE_FREE:
            return 0;
        case ZIP_SOURCE_STAT: {
            auto* st = static_cast<zip_stat_t*>(data);
            zip_stat_init(st);
            st->size = h.mapSize;
            st->valid |= ZIP_STAT_SIZE;
            return sizeof(zip_stat_t);
        }
        case ZIP_SOURCE_ERROR:
            return zip_error_to_data(&h.error, data, length);
        case ZIP_SOURCE_SEEK: {
            const zip_int64_t to = zip_source_seek_compute_offset(h.position, h.mapSize, data, length, &h.error);
            if (to < 0) return -1;
            h.position = static_cast<std::uint64_t>(to);
            return 0;
        }
        case ZIP_SOURCE_TELL:
            return static_cast<zip_int64_t>(h.position);
        case ZIP_SOURCE_SUPPORTS:
            return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR,
                                                  ZIP_SOURCE_FREE, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL, ZIP_SOURCE_SUPPORTS, -1);
        default:
            zip_error_set(&h.error, ZIP_ER_OPNOTSUPP, 0);
            return -1;
    }
}

}  // namespace

namespace {

std::string errorText(zip_error_t* error) {
    std::string text = zip_error_strerror(error);
    // "Not a zip archive" -> "not a zip archive", but "CRC error" stays
    if (text.size() > 1 && std::islower(static_cast<unsigned char>(text[1])))
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    return text;
}

}  // namespace

bool looksLikeZip(std::string_view head) {
    return head.substr(0, 4) == std::string_view("PK\x03\x04", 4) || head.substr(0, 4) == std::string_view("PK\x05\x06", 4);
}

ZipArchive::ZipArchive(const std::string& file, ZipLimits limits) : file_(file), limits_(limits), handle_(std::make_unique<Handle>()) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0) {
        const std::string why = std::strerror(errno);
        if (fd >= 0) ::close(fd);
        throw InputError(file, "", "cannot read the file: " + why);
    }
    const auto size = static_cast<std::uint64_t>(st.st_size);
    void* p = size ? ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0) : nullptr;
    ::close(fd);
    if (p == MAP_FAILED) throw InputError(file, "", std::string("cannot map the file: ") + std::strerror(errno));
    handle_->map = std::shared_ptr<char>(static_cast<char*>(p), [size](char* q) {
        if (q) ::munmap(q, size);
    });
    handle_->mapSize = size;
    zip_error_init(&handle_->error);
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_function_create(mappedSource, handle_.get(), &error);
    if (source) handle_->archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!handle_->archive) {
        if (source) zip_source_free(source);
        const std::string what = errorText(&error);
        zip_error_fini(&error);
        throw InputError(file, "", "not a readable zip archive: " + what);
    }
    zip_error_fini(&error);
    list();
}

ZipArchive::ZipArchive(std::string_view bytes, const std::string& file, ZipLimits limits)
    : file_(file), limits_(limits), handle_(std::make_unique<Handle>()) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source) handle_->archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!handle_->archive) {
        if (source) zip_source_free(source);
        const std::string what = errorText(&error);
        zip_error_fini(&error);
        throw InputError(file, "", "not a readable zip archive: " + what);
    }
    zip_error_fini(&error);
    list();
}

ZipArchive::~ZipArchive() {
    if (handle_) {
        if (handle_->archive) zip_discard(handle_->archive);
        handle_->archive = nullptr;
        zip_error_fini(&handle_->error);
    }
}

void ZipArchive::list() {
    const zip_int64_t n = zip_get_num_entries(handle_->archive, 0);
    entries_.reserve(static_cast<std::size_t>(std::max<zip_int64_t>(n, 0)));
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(handle_->archive, static_cast<zip_uint64_t>(i), 0, &st) != 0)
            throw InputError(file_, "entry " + std::to_string(i), "unreadable entry: " + errorText(zip_get_error(handle_->archive)));
        Entry e;
        e.index = static_cast<std::uint64_t>(i);
        if (st.valid & ZIP_STAT_NAME) e.name = st.name;
        if (st.valid & ZIP_STAT_SIZE) e.size = st.size;
        if (st.valid & ZIP_STAT_COMP_SIZE) e.compressedSize = st.comp_size;
        if (st.valid & ZIP_STAT_CRC) e.crc = st.crc;
        e.stored = (st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method == ZIP_CM_STORE;
        entries_.push_back(std::move(e));
    }
}

const ZipArchive::Entry* ZipArchive::find(std::string_view name) const {
    for (const auto& e : entries_)
        if (e.name == name) return &e;
    return nullptr;
}

namespace {

// The CRC of a large stored entry, computed on another thread while the entry is read: the
// reader hands over how much is in, the checker follows it. libzip would compute it on the
// reading thread, after each block it copies.
class CrcFollower {
public:
    explicit CrcFollower(std::shared_ptr<char> data) : data_(std::move(data)), thread_([this] { run(); }) {}
    ~CrcFollower() { finish(); }
    void advance(std::size_t ready) {
        {
            const std::lock_guard lock(mutex_);
            ready_ = ready;
        }
        wake_.notify_one();
    }
    // Waits for the CRC of everything handed over.
    std::uint32_t finish() {
        {
            const std::lock_guard lock(mutex_);
            done_ = true;
        }
        wake_.notify_one();
        const std::lock_guard join(joining_);
        if (thread_.joinable()) thread_.join();
        return static_cast<std::uint32_t>(crc_);
    }

private:
    void run() {
        std::size_t checked = 0;
        for (;;) {
            std::size_t upto;
            bool last;
            {
                std::unique_lock lock(mutex_);
                wake_.wait(lock, [&] { return ready_ > checked || done_; });
                upto = ready_;
                last = done_;
            }
            // libdeflate's CRC-32 (zip's) folds with carry-less multiplies: ~6x zlib's here.
            if (upto > checked) crc_ = libdeflate_crc32(crc_, data_.get() + checked, upto - checked);
            checked = upto;
            if (last) {
                std::unique_lock lock(mutex_);
                if (ready_ == checked) return;
            }
        }
    }
    std::shared_ptr<char> data_;
    std::mutex mutex_, joining_;
    std::condition_variable wake_;
    std::size_t ready_ = 0;
    bool done_ = false;
    std::uint32_t crc_ = 0;
    std::thread thread_;
};

// Memory for a large entry: mapped pages, as huge pages where the kernel gives them (a 200 MB
// program is 100 faults instead of 50,000), returned to the system when the bytes go.
std::shared_ptr<char> allocate(std::size_t bytes) {
    if (bytes < (std::size_t{8} << 20)) return std::shared_ptr<char>(new char[bytes], std::default_delete<char[]>());
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    ::madvise(p, bytes, MADV_HUGEPAGE);
#endif
    return std::shared_ptr<char>(static_cast<char*>(p), [bytes](char* q) { ::munmap(q, bytes); });
}

constexpr std::uint64_t kOwnCrcFrom = 8 << 20;  // smaller entries: libzip checks them as it reads
constexpr std::uint64_t kChunk = 8 << 20;

}  // namespace

ZipArchive::Bytes ZipArchive::read(const Entry& entry, std::size_t padding, bool deferCheck, bool mapped) const {
    if (entry.size > limits_.maxEntryBytes)
        throw InputError(file_, entry.name,
                         "the entry claims " + byteText(entry.size) + ", more than one entry may inflate to; " +
                             limitText(limits_.maxEntryBytes, "bytes"));
    if (entry.size > std::max<std::uint64_t>(entry.compressedSize, 1) * limits_.maxRatio)
        throw InputError(file_, entry.name,
                         "the entry claims " + std::to_string(entry.size) + " bytes from " + std::to_string(entry.compressedSize) +
                             " compressed, a ratio no graph reaches (a zip bomb?); " + limitText(limits_.maxRatio, "to 1"));
    if (inflated_ + entry.size > limits_.maxTotalBytes)
        throw InputError(file_, entry.name,
                         "the archive's entries read so far and this one hold " + byteText(inflated_ + entry.size) +
                             ", more than one archive may inflate to; " + limitText(limits_.maxTotalBytes, "bytes"));
    inflated_ += entry.size;
    const bool ownCrc = entry.stored && entry.size >= kOwnCrcFrom && entry.compressedSize == entry.size;
    zip_file_t* f = zip_fopen_index(handle_->archive, entry.index, ownCrc ? ZIP_FL_COMPRESSED : 0);
    if (!f) throw InputError(file_, entry.name, "cannot open the entry: " + errorText(zip_get_error(handle_->archive)));
    if (ownCrc && handle_->map && mapped) {
        // libzip reads the entry's first byte: its data starts where that read began. The
        // entry is then handed out in place, its padding the file's next bytes (read by a
        // parser, never used), its CRC computed on another thread.
        char first = 0;
        const zip_int64_t n = zip_fread(f, &first, 1);
        const std::uint64_t at = handle_->lastRead;
        const std::uint64_t pages = (handle_->mapSize + 4095) / 4096 * 4096;
        if (n == 1 && at + entry.size <= handle_->mapSize && at + entry.size + padding <= pages && handle_->map.get()[at] == first) {
            zip_fclose(f);
            Bytes out;
            out.size = static_cast<std::size_t>(entry.size);
            out.data = std::shared_ptr<char>(handle_->map, handle_->map.get() + at);
#ifdef MADV_WILLNEED
            const std::uint64_t from = at / 4096 * 4096;
            ::madvise(handle_->map.get() + from, at + entry.size - from, MADV_WILLNEED);
#endif
            auto crc = std::make_shared<CrcFollower>(out.data);
            crc->advance(out.size);
            out.check = [crc, file = file_, name = entry.name, expected = entry.crc] {
                if (crc->finish() != expected) throw InputError(file, name, "damaged data: CRC error");
            };
            if (!deferCheck) out.verify();
            return out;
        }
        zip_fclose(f);
        f = zip_fopen_index(handle_->archive, entry.index, ZIP_FL_COMPRESSED);
        if (!f) throw InputError(file_, entry.name, "cannot open the entry: " + errorText(zip_get_error(handle_->archive)));
    }
    Bytes out;
    out.size = static_cast<std::size_t>(entry.size);
    out.data = allocate(out.size + padding);
    std::fill(out.data.get() + out.size, out.data.get() + out.size + padding, '\0');
    std::shared_ptr<CrcFollower> crc;
    if (ownCrc) crc = std::make_shared<CrcFollower>(out.data);
    std::uint64_t got = 0;
    std::string failure;
    while (got < entry.size) {
        const zip_int64_t n = zip_fread(f, out.data.get() + got, std::min<std::uint64_t>(entry.size - got, kChunk));
        if (n < 0) {
            failure = "damaged data: " + errorText(zip_file_get_error(f));
            break;
        }
        if (n == 0) {
            failure = "the entry ends after " + std::to_string(got) + " of the " + std::to_string(entry.size) + " bytes it claims";
            break;
        }
        got += static_cast<std::uint64_t>(n);
        if (crc) crc->advance(static_cast<std::size_t>(got));
    }
    if (failure.empty()) {
        char extra = 0;
        const zip_int64_t n = zip_fread(f, &extra, 1);  // also makes libzip check the CRC (when it computes it)
        if (n > 0) failure = "the entry holds more than the " + std::to_string(entry.size) + " bytes it claims";
        if (n < 0) failure = "damaged data: " + errorText(zip_file_get_error(f));
    }
    zip_fclose(f);
    if (!failure.empty()) throw InputError(file_, entry.name, failure);
    if (crc) {
        out.check = [crc, file = file_, name = entry.name, expected = entry.crc] {
            if (crc->finish() != expected) throw InputError(file, name, "damaged data: CRC error");
        };
        if (!deferCheck) out.verify();
    }
    return out;
}

}  // namespace atenscope
