// SPDX-License-Identifier: MIT
#include "analysis/ProfileChoice.h"

namespace atenscope {

ProfileChoice chooseProfile(const Model& model) {
    std::size_t ttnn = 0, partitions = 0, original = 0;
    for (const Graph& g : model.graphs) {
        original += g.stage == "original";
        for (const Node& n : g.nodes) {
            if (n.op == OpKind::CallFunction && (n.target.rfind("ttnn.", 0) == 0 || n.target.rfind("target_wrapper_", 0) == 0)) ++ttnn;
            if (n.op == OpKind::CallModule && n.subgraph) ++partitions;
        }
    }
    if (ttnn > 0) return {"ttnn", false, "its graphs hold " + std::to_string(ttnn) + " TT-NN nodes (ttnn.*)"};
    if (partitions > 0) return {"partitioned", false, "its graphs hold " + std::to_string(partitions) + " fused partitions"};
    if (!model.graphs.empty() && original == model.graphs.size())
        return {"ttnn", true, "its graphs are original (not compiled): what TT-NN would leave is predicted"};
    return {"generic", false, "its graphs hold neither TT-NN nodes nor fused partitions: every aten op counts as remaining"};
}

}  // namespace atenscope
