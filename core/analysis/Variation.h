// SPDX-License-Identifier: MIT
#pragma once
// Text forms of a node's arguments.
#include "graph/Graph.h"

#include <string>
#include <string_view>
#include <vector>

namespace atenscope {

// torch_ttnn's input-variation string: one "{type}{<shape>} {name} = {value}" per
// argument passed, positional in schema order, then keywords as given; ", " between.
std::string inputVariation(const Graph& graph, const Node& node, const OpSchema* schema);
void appendInputVariation(const Graph& graph, const Node& node, const OpSchema* schema, std::string& out);

// The node's args and kwargs as Python prints them, graph values by node name:
// "(convolution, [2, 2], False)" and "{'dtype': torch.float32}".
std::string argsRepr(const Graph& graph, const Node& node);
std::string kwargsRepr(const Graph& graph, const Node& node);
void appendArgsRepr(const Graph& graph, const Node& node, std::string& out);
void appendKwargsRepr(const Graph& graph, const Node& node, std::string& out);

// Shape text of each graph value passed as an argument, lists' items included ("" when
// unknown); the views are into the graph's arena.
std::vector<std::string_view> inputShapes(const Graph& graph, const Node& node);
void appendInputShapes(const Graph& graph, const Node& node, std::vector<std::string_view>& out);

}  // namespace atenscope
