// SPDX-License-Identifier: MIT
// Fuzz targets for the readers that take untrusted files: the graph dump reader and the safe
// pickle reader. Any input must give a result or an InputError, never a crash, a hang or a
// leak. Built for libFuzzer with -DATENSCOPE_FUZZ=ON (clang); without it, the same file builds
// a replayer that runs every file of the committed corpus (tests/fuzz/corpus/), which CTest runs.
#include "base/LoadError.h"
#include "readers/FxJsonReader.h"
#include "readers/SafePickle.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

#ifndef ATENSCOPE_FUZZ_TARGET
#error "define ATENSCOPE_FUZZ_TARGET: 1 graph dumps, 2 pickles"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
#if ATENSCOPE_FUZZ_TARGET == 1
        (void)atenscope::parseGraphDump(bytes, "fuzz.json");
#else
        atenscope::PickleLimits limits;
        limits.maxValues = 1'000'000;
        (void)atenscope::readPickle(bytes, "fuzz.pickle", limits);
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
