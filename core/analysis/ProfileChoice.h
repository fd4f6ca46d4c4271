// SPDX-License-Identifier: MIT
#pragma once
// Which builtin profile fits a model when the user names none: what its graphs hold says
// which backend made them.
#include "graph/Graph.h"

#include <string>

namespace atenscope {

struct ProfileChoice {
    std::string profile;   // ttnn, partitioned or generic
    bool predict = false;  // the graphs were not compiled: predict with the profile
    std::string reason;    // why, in words, for the user
};

// TT-NN targets (ttnn.*, target_wrapper_*) -> ttnn; fused partitions (call_module nodes
// with a subgraph) -> partitioned; only graphs of stage "original" -> a ttnn prediction;
// else generic (every aten op remains).
ProfileChoice chooseProfile(const Model& model);

}  // namespace atenscope
