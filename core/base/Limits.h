// SPDX-License-Identifier: MIT
#pragma once
// The resource limits of the readers of untrusted files: one policy, written down in
// docs/limits.md. Every limit is checked while the input is read (never after the memory is
// spent), and a refusal is one InputError naming the file, the place and the limit.
// ATENSCOPE_LIMIT_SCALE=N (a whole number from 1 to 64) multiplies every size limit, for a
// user whose real files are larger than these.
#include <cstdint>
#include <string>

namespace atenscope {

// The factor ATENSCOPE_LIMIT_SCALE sets (1 when unset or not a number from 1 to 64).
std::uint64_t limitScale();

// A size limit after the scale: base * limitScale().
inline std::uint64_t scaledLimit(std::uint64_t base) {
    return base * limitScale();
}

// The words a refusal ends with: "the limit is 10,000,000 values; ATENSCOPE_LIMIT_SCALE=2 raises
// it" (`unit` "bytes" prints a size; a limit that does not scale gets no hint).
std::string limitText(std::uint64_t limit, const char* unit, bool scalable = true);

// "1.9 GiB", "340 KiB", "12 bytes".
std::string byteText(std::uint64_t bytes);

namespace limits {
// Zip archives (.pt2, TorchScript): one entry's inflated bytes, and the ratio to its compressed
// bytes a deflated entry may reach. torch.export.save stores its entries (ratio 1); graph JSON
// deflates at about 10-30:1 (docs/limits.md).
constexpr std::uint64_t kZipEntryBytes = std::uint64_t{2} << 30;
constexpr std::uint64_t kZipRatio = 100;
// An inflated JSON document and its parse: its bytes and the memory the DOM (simdjson's tape,
// strings and structural index) will take, counted before the DOM is built.
constexpr std::uint64_t kJsonDomBytes = std::uint64_t{1} << 30;
// Pickles: the memory the reader's own objects hold, and the values of its result.
constexpr std::uint64_t kPickleBytes = std::uint64_t{512} << 20;
constexpr std::uint64_t kPickleValues = 10'000'000;
constexpr std::uint64_t kPickleTextBytes = std::uint64_t{256} << 20;
// Python's own limit for turning an int into decimal text (sys.get_int_max_str_digits()).
constexpr std::uint64_t kIntDigits = 4300;
// Nesting of any document (JSON, pickle).
constexpr std::uint64_t kDepth = 1000;
// Graphs inside graphs (a torch.cond branch in a trace's class blocks).
constexpr std::uint64_t kNestedGraphs = 64;
// TorchScript archives are read by libtorch in a child process (atenscope-torchscript): the
// memory it may take (its private writable memory, RLIMIT_DATA) beyond twice the archive's size,
// its processor time, and the graph dump text it may hand back.
constexpr std::uint64_t kTorchScriptBytes = std::uint64_t{768} << 20;
constexpr std::uint64_t kTorchScriptSeconds = 60;
constexpr std::uint64_t kTorchScriptTextBytes = std::uint64_t{512} << 20;
}  // namespace limits

}  // namespace atenscope
