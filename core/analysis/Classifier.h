// SPDX-License-Identifier: MIT
#pragma once
// What each node is, under a backend profile.
#include "analysis/Profile.h"
#include "graph/Graph.h"

#include <cstdint>
#include <string_view>

namespace atenscope {

enum class NodeClass : std::uint8_t { Remaining, Converted, DataMovement, Structural, Other };

const char* nodeClassName(NodeClass c);

struct ClassifyOptions {
    bool predict = false;          // an uncompiled graph: lowerable aten ops count as converted
    bool insideConverted = false;  // the node sits in a partition the backend took over
};

NodeClass classify(const Graph& graph, const Node& node, const Profile& profile, const ClassifyOptions& options);

// What an op is when only its name is known (a metrics folder's schema lists): data movement
// only by name (not "fed by"), converted by prefix, an aten op remaining (or, predicting,
// converted when lowerable); anything else Other.
NodeClass classifyOp(std::string_view target, const Profile& profile, bool predict);

// Whether the nodes of `node.subgraph` are converted as a whole under `profile`.
bool convertsSubgraph(const Node& node, const Profile& profile);

}  // namespace atenscope
