// SPDX-License-Identifier: MIT
#pragma once
// The benchmark programs' peak resident memory (VmHWM), in MiB.
#include <fstream>
#include <string>

namespace atenscope::bench {

inline double peakMiB() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    return 0;
}

}  // namespace atenscope::bench
