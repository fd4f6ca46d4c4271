// SPDX-License-Identifier: MIT
// Fuzz targets for the readers that take untrusted files: the graph dump reader, the safe
// pickle reader, torch.export archives (the zip and what is in it) and their program JSON,
// torch_ttnn's metrics files, TORCH_TRACE logs and TorchScript archives (as the product reads
// them: libtorch in a child process under limits, atenscope-torchscript; what libtorch does there
// is not seen by the fuzzer, only what comes back: tests/fuzz/findings). Any input must give a result or an InputError,
// never a crash, a hang or a leak. Built for libFuzzer with -DATENSCOPE_FUZZ=ON (clang); without it, the same file builds a replayer that
// runs every file of the committed corpus (tests/fuzz/corpus/), which CTest runs.
#include "base/LoadError.h"
#include "readers/ArchiveReader.h"
#include "readers/ExportReader.h"
#include "readers/FxJsonReader.h"
#include "readers/MetricsFolder.h"
#include "readers/SafePickle.h"
#include "readers/TraceReader.h"
#include "readers/ZipArchive.h"

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#ifndef ATENSCOPE_FUZZ_TARGET
// 1 graph dumps, 2 pickles, 3 .pt2 archives, 4 .pt2 program JSON, 5 metrics files, 6 TORCH_TRACE logs,
// 7 TorchScript archives.
#error "define ATENSCOPE_FUZZ_TARGET (1-7)"
#endif

#if ATENSCOPE_FUZZ_TARGET == 7
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

// libtorch reads the archive from a file: one per process, rewritten for each input.
const std::string& scratchFile() {
    static const std::string path = [] {
        const char* dir = std::getenv("TMPDIR");
        std::string name = std::string(dir && *dir ? dir : "/tmp") + "/atenscope-fuzz-XXXXXX";
        const int fd = mkstemp(name.data());
        if (fd < 0) std::abort();
        ::close(fd);
        std::atexit([] { std::remove(scratchFile().c_str()); });
        atenscope::enableTorchScript();  // as the product reads it: libtorch in a child process, under limits
        return name;
    }();
    return path;
}

}  // namespace
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
#if ATENSCOPE_FUZZ_TARGET == 1
        (void)atenscope::parseGraphDump(bytes, "fuzz.json");
#elif ATENSCOPE_FUZZ_TARGET == 2
        atenscope::PickleLimits limits;
        limits.maxValues = 1'000'000;
        (void)atenscope::readPickle(bytes, "fuzz.pickle", limits);
#elif ATENSCOPE_FUZZ_TARGET == 3
        atenscope::ZipLimits limits;
        limits.maxEntryBytes = 64 << 20;
        const atenscope::ZipArchive archive(bytes, "fuzz.pt2", limits);
        (void)atenscope::readArchive(archive, "fuzz");
#elif ATENSCOPE_FUZZ_TARGET == 5
        // The first byte picks the file: schema lists, run times, the op report, model_run.json.
        if (bytes.empty()) return 0;
        const auto kind = static_cast<atenscope::MetricsFile>(1 + static_cast<unsigned char>(bytes[0]) % 6);
        atenscope::Recorded recorded;
        atenscope::readMetricsBytes(bytes.substr(1), "fuzz.pickle", kind, recorded);
#elif ATENSCOPE_FUZZ_TARGET == 6
        (void)atenscope::parseTrace(bytes, "fuzz.log", "fuzz");
#elif ATENSCOPE_FUZZ_TARGET == 7
        const std::string& path = scratchFile();
        if (std::FILE* out = std::fopen(path.c_str(), "wb")) {
            const bool written = std::fwrite(bytes.data(), 1, bytes.size(), out) == bytes.size();
            if (std::fclose(out) != 0 || !written) std::abort();
        } else {
            std::abort();
        }
        atenscope::ZipLimits limits;
        limits.maxEntryBytes = 64 << 20;
        const atenscope::ZipArchive archive(bytes, path, limits);
        (void)atenscope::readArchive(archive, "fuzz");
#else  // 4
        const simdjson::padded_string padded(bytes);
        atenscope::Model model;
        atenscope::readExportedProgram(std::string_view(padded.data(), bytes.size()), "fuzz.pt2", "models/model.json", "model", model);
#endif
    } catch (const atenscope::InputError&) {
        // The one way bad input may end.
    }
    return 0;
}

#ifndef ATENSCOPE_LIBFUZZER
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

// The replayer: every file under the folders given.
int main(int argc, char** argv) {
    std::size_t files = 0;
    for (int a = 1; a < argc; ++a)
        for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[a])) {
            if (!entry.is_regular_file()) continue;
            std::ifstream in(entry.path(), std::ios::binary);
            const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
            ++files;
        }
    std::cout << "replayed " << files << " inputs\n";
    return files ? 0 : 1;
}
#endif
