#pragma once
// Text forms of a node's arguments.
#include "atenscope/Graph.h"

#include <string>
#include <vector>

namespace atenscope {

// torch_ttnn's input-variation string: one "{type}{<shape>} {name} = {value}" per
// argument passed, positional in schema order, then keywords as given; ", " between.
std::string inputVariation(const Graph& graph, const Node& node, const OpSchema* schema);

// The node's args and kwargs as Python prints them, graph values by node name:
// "(convolution, [2, 2], False)" and "{'dtype': torch.float32}".
std::string argsRepr(const Graph& graph, const Node& node);
std::string kwargsRepr(const Graph& graph, const Node& node);

// Shape text of each graph value passed directly as an argument ("" when unknown).
std::vector<std::string> inputShapes(const Graph& graph, const Node& node);

}  // namespace atenscope
