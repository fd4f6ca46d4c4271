// SPDX-License-Identifier: MIT
#include "analysis/Classifier.h"

namespace atenscope {

const char* nodeClassName(NodeClass c) {
    switch (c) {
        case NodeClass::Remaining:
            return "remaining";
        case NodeClass::Converted:
            return "converted";
        case NodeClass::DataMovement:
            return "data_movement";
        case NodeClass::Structural:
            return "structural";
        case NodeClass::Other:
            return "other";
    }
    return "other";
}

namespace {

// A call_function's class by its target, once data movement is ruled out.
NodeClass byName(std::string_view target, const Profile& profile, bool predict) {
    for (const auto& prefix : profile.convertedPrefixes)
        if (target.rfind(prefix, 0) == 0) return NodeClass::Converted;
    if (target.rfind("aten.", 0) == 0) {
        if (predict && profile.lowerable.count(target)) return NodeClass::Converted;
        return NodeClass::Remaining;
    }
    return NodeClass::Other;
}

}  // namespace

bool convertsSubgraph(const Node& node, const Profile& profile) {
    return node.op == OpKind::CallModule && node.subgraph && profile.callModuleConverted;
}

NodeClass classify(const Graph& graph, const Node& node, const Profile& profile, const ClassifyOptions& options) {
    if (node.op == OpKind::Placeholder || node.op == OpKind::GetAttr || node.op == OpKind::Output) return NodeClass::Structural;
    if (node.op == OpKind::CallFunction && node.target == "operator.getitem") return NodeClass::Structural;
    if (options.insideConverted) return NodeClass::Converted;
    // A partition node is a container: what it holds is counted, not the node itself.
    if (node.op == OpKind::CallModule && profile.callModuleConverted) return NodeClass::Structural;
    if (node.op != OpKind::CallFunction && node.op != OpKind::CallMethod) return NodeClass::Other;

    if (profile.dataMovement.count(node.target)) return NodeClass::DataMovement;
    if (auto it = profile.fedBy.find(node.target); it != profile.fedBy.end()) {
        for (auto in : node.inputs) {
            const Node& producer = graph.nodes[in];
            if (producer.op != OpKind::CallFunction) continue;
            for (const auto& feeder : it->second)
                if (producer.target == feeder) return NodeClass::DataMovement;
        }
    }
    if (node.op == OpKind::CallFunction) return byName(node.target, profile, options.predict);
    return NodeClass::Other;
}

NodeClass classifyOp(std::string_view target, const Profile& profile, bool predict) {
    if (profile.dataMovement.count(target)) return NodeClass::DataMovement;
    return byName(target, profile, predict);
}

}  // namespace atenscope
