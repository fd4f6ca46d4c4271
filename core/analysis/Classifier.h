// SPDX-License-Identifier: MIT
#pragma once
// What each node is, under a backend profile.
#include "analysis/Profile.h"
#include "graph/Graph.h"

#include <cstdint>

namespace atenscope {

enum class NodeClass : std::uint8_t { Remaining, Converted, DataMovement, Structural, Other };

const char* nodeClassName(NodeClass c);

struct ClassifyOptions {
    bool predict = false;          // an uncompiled graph: lowerable aten ops count as converted
    bool insideConverted = false;  // the node sits in a partition the backend took over
};

NodeClass classify(const Graph& graph, const Node& node, const Profile& profile, const ClassifyOptions& options);

// Whether the nodes of `node.subgraph` are converted as a whole under `profile`.
bool convertsSubgraph(const Node& node, const Profile& profile);

}  // namespace atenscope
