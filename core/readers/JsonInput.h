// SPDX-License-Identifier: MIT
#pragma once
// Getting a large JSON document into simdjson fast: the file mapped rather than read, and the
// parser's fresh buffers faulted in by another core while the parse runs (docs/benchmarks.md).
#include <simdjson.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace atenscope {

// Documents at least this large get their parser's buffers prefaulted.
constexpr std::size_t kPrefaultFrom = 4 << 20;

// What a parse of a document will write, estimated from three samples of it.
struct JsonDensity {
    std::size_t structurals = 0;  // entries of the structural index
    std::size_t tapeWords = 0;
    std::size_t stringBytes = 0;
};
JsonDensity estimateDensity(std::string_view json);

// Supplies the pages `parser` will write for a document of that density (run it on another
// thread beside the parse). Does nothing on kernels without MADV_POPULATE_WRITE.
void prefaultParser(simdjson::dom::parser& parser, const JsonDensity& density);

// A large file mapped rather than read: its pages come from the page cache instead of being
// copied into fresh memory (20 MB: ~2 ms against 6-17 ms). The mapping sits at the start of a
// larger anonymous one, so simdjson's padding after the end reads as zeros. Files written in
// place while mapped are not supported (AtenScope's own writers replace files by renaming).
class MappedFile {
public:
    static constexpr std::size_t kMinSize = 1 << 20;  // smaller files are read

    // Maps `file` when it is a regular file of at least kMinSize bytes; else ok() is false.
    explicit MappedFile(const std::string& file);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    bool ok() const { return base_ != nullptr; }
    std::string_view text() const { return {static_cast<const char*>(base_), size_}; }
    // Unmaps the file now (text() is empty afterwards): once a document is parsed, its text is
    // no longer needed while the graph is built from it.
    void release();

private:
    void* base_ = nullptr;
    std::size_t mapped_ = 0;
    std::size_t size_ = 0;
};

}  // namespace atenscope
