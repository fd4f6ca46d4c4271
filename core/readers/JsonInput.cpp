// SPDX-License-Identifier: MIT
#include "readers/JsonInput.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>

namespace atenscope {

// A parser's buffers, just allocated for a large document, are fresh memory: each first write
// to a page stops the parse for the kernel to supply it. Another core supplies them in advance
// (MADV_POPULATE_WRITE: pages made present without touching their contents, so the parse may
// write alongside it) for as much as the document will use, estimated from samples of it: a
// graph dump has ~0.3 structural characters and ~0.22 tape words per byte, a .pt2 program far
// fewer and more string bytes (its stack traces). Kernels older than 5.14 refuse the advice,
// and the parse faults its pages in itself as before.

namespace {

void populate(const void* start, std::size_t bytes) {
#ifdef MADV_POPULATE_WRITE
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto from = (reinterpret_cast<std::uintptr_t>(start) + page - 1) & ~(page - 1);
    const auto to = (reinterpret_cast<std::uintptr_t>(start) + bytes) & ~(page - 1);
    if (to > from) ::madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE);
#else
    (void)start;
    (void)bytes;
#endif
}

}  // namespace

JsonDensity estimateDensity(std::string_view json) {
    // Three windows (start, middle, three quarters): a program's header, its nodes, its tail.
    constexpr std::size_t kWindow = 256 << 10;
    std::size_t ops = 0, strings = 0, stringBytes = 0, sampled = 0;
    for (const std::size_t start : {std::size_t{0}, json.size() / 2, json.size() / 4 * 3}) {
        const std::size_t end = std::min(json.size(), start + kWindow);
        bool inString = false, escaped = false;
        for (std::size_t i = start; i < end; ++i) {
            const char c = json[i];
            if (inString) {
                if (escaped)
                    escaped = false;
                else if (c == '\\')
                    escaped = true;
                else if (c == '"')
                    inString = false;
                else
                    ++stringBytes;
            } else if (c == '"') {
                inString = true;
                ++strings;
            } else if (c == ',' || c == ':' || c == '{' || c == '}' || c == '[' || c == ']') {
                ++ops;
            }
        }
        sampled += end - start;
        if (end == json.size()) break;
    }
    JsonDensity d;
    if (sampled == 0) return d;
    // A value starts after each ',' ':' '[' (ops); the index holds the operators and the values'
    // starts, the tape a word a value and two a container, strings their bytes and 5 more each.
    const double scale =
        static_cast<double>(json.size()) / static_cast<double>(sampled) * (json.size() >= (std::size_t{128} << 20) ? 1.0 : 1.15);
    d.structurals = static_cast<std::size_t>(static_cast<double>(2 * ops) * scale);
    d.tapeWords = static_cast<std::size_t>(static_cast<double>(ops + strings) * scale);
    d.stringBytes = static_cast<std::size_t>(static_cast<double>(stringBytes + 5 * strings) * scale);
    return d;
}

void prefaultParser(simdjson::dom::parser& parser, const JsonDensity& d) {
    // In the order the parse writes them: the structural index first, then tape and strings.
    populate(parser.implementation->structural_indexes.get(), d.structurals * sizeof(std::uint32_t));
    constexpr std::size_t kStep = 1 << 20;
    const std::size_t tape = d.tapeWords * sizeof(std::uint64_t), strings = d.stringBytes;
    for (std::size_t at = 0; at < tape; at += kStep) {
        populate(reinterpret_cast<const char*>(parser.doc.tape.get()) + at, std::min(kStep, tape - at));
        const std::size_t s0 = at * strings / tape, s1 = std::min(strings, (at + kStep) * strings / tape);
        populate(parser.doc.string_buf.get() + s0, s1 - s0);
    }
}

MappedFile::MappedFile(const std::string& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) >= kMinSize) {
        const std::size_t size = static_cast<std::size_t>(st.st_size);
        const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
        const std::size_t total = (size + simdjson::SIMDJSON_PADDING + page - 1) / page * page;
        void* base = ::mmap(nullptr, total, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (base != MAP_FAILED) {
            if (::mmap(base, size, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE, fd, 0) == base) {
                base_ = base;
                mapped_ = total;
                size_ = size;
            } else {
                ::munmap(base, total);
            }
        }
    }
    ::close(fd);
}

MappedFile::~MappedFile() {
    release();
}

void MappedFile::release() {
    if (base_) ::munmap(base_, mapped_);
    base_ = nullptr;
    mapped_ = size_ = 0;
}

}  // namespace atenscope
