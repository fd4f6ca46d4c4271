// SPDX-License-Identifier: MIT
#include "analysis/ProfileChoice.h"

#include "graph/Recorded.h"

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
    // A model known by its metrics files alone: the ops they list say the same.
    if (model.graphs.empty() && model.recorded) {
        const Recorded& r = *model.recorded;
        if (r.compiled)
            for (const auto& op : *r.compiled) ttnn += op.op.rfind("ttnn.", 0) == 0 || op.op.rfind("target_wrapper_", 0) == 0;
        if (ttnn > 0) return {"ttnn", false, "its compiled schema list holds " + std::to_string(ttnn) + " TT-NN ops (ttnn.*)"};
        if (r.report) return {"ttnn", false, "its metrics folder holds torch_ttnn's op report"};
        if (r.original) return {"ttnn", true, "its metrics folder lists only the original ops: what TT-NN would leave is predicted"};
    }
    if (ttnn > 0) return {"ttnn", false, "its graphs hold " + std::to_string(ttnn) + " TT-NN nodes (ttnn.*)"};
    if (partitions > 0) return {"partitioned", false, "its graphs hold " + std::to_string(partitions) + " fused partitions"};
    if (!model.graphs.empty() && original == model.graphs.size())
        return {"ttnn", true, "its graphs are original (not compiled): what TT-NN would leave is predicted"};
    return {"generic", false, "its graphs hold neither TT-NN nodes nor fused partitions: every aten op counts as remaining"};
}

}  // namespace atenscope
