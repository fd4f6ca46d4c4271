// SPDX-License-Identifier: MIT
#pragma once
// Zip archives (.pt2, TorchScript) read through libzip, never by hand. What an entry claims
// is checked before anything is inflated: an entry larger than the limit, or claiming more
// than deflate can produce from its compressed bytes (a zip bomb), is refused; inflating
// stops at the claimed size. Internal to readers/.
#include "base/Limits.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atenscope {

// docs/limits.md.
struct ZipLimits {
    std::uint64_t maxEntryBytes = scaledLimit(limits::kZipEntryBytes);  // ~4x the program JSON of a 100,000-node graph
    std::uint64_t maxTotalBytes = scaledLimit(limits::kZipEntryBytes);  // all entries read from one archive
    // Deflate reaches 1032:1 on the most repetitive data; graph JSON deflates at 10-30:1, and
    // torch.export.save stores its entries (1:1). Beyond this ratio the entry is a bomb, not a graph.
    std::uint64_t maxRatio = scaledLimit(limits::kZipRatio);
};

class ZipArchive {
public:
    struct Entry {
        std::string name;
        std::uint64_t size = 0;            // as claimed
        std::uint64_t compressedSize = 0;  // as claimed
        std::uint64_t index = 0;
        std::uint32_t crc = 0;
        bool stored = false;  // not compressed (torch.export.save stores every entry)
    };
    // An entry's bytes, followed by zeroed padding that size does not count.
    struct Bytes {
        std::shared_ptr<char> data;
        std::size_t size = 0;
        std::string_view view() const { return {data.get(), size}; }
        // Throws InputError when the CRC of a large stored entry, computed on another thread
        // beside whatever the caller does with the bytes, does not match; waits for it first.
        // Nothing to do for entries checked while read.
        void verify() const {
            if (check) check();
        }
        std::function<void()> check;
    };

    // Throws InputError naming `file` when it is not a readable zip archive.
    explicit ZipArchive(const std::string& file, ZipLimits limits = {});
    // The archive held in memory (`bytes` must outlive the object); `file` names it in errors.
    ZipArchive(std::string_view bytes, const std::string& file, ZipLimits limits = {});
    ~ZipArchive();
    ZipArchive(const ZipArchive&) = delete;
    ZipArchive& operator=(const ZipArchive&) = delete;

    const std::string& file() const { return file_; }
    const std::vector<Entry>& entries() const { return entries_; }
    const Entry* find(std::string_view name) const;

    // The entry's bytes followed by `padding` zero bytes (not counted in the size). Throws
    // InputError naming the entry when its claims break the limits or its data is damaged.
    // With `deferCheck`, a large stored entry's CRC may still be computed when read() returns:
    // call verify() before trusting the bytes. With `mapped`, a large stored entry of a file
    // archive may be handed out where it lies in the mapped file, not copied: its padding is
    // then readable but not zero (what a JSON parser's padding needs).
    Bytes read(const Entry& entry, std::size_t padding = 0, bool deferCheck = false, bool mapped = false) const;

    struct Handle;

private:
    void list();
    std::string file_;
    ZipLimits limits_;
    mutable std::uint64_t inflated_ = 0;  // bytes of every entry read so far
    std::unique_ptr<Handle> handle_;
    std::vector<Entry> entries_;
};

// A zip archive starts with a local file header (or, when empty, the end of its directory).
bool looksLikeZip(std::string_view head);

}  // namespace atenscope
