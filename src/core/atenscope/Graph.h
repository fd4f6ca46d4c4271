#pragma once
// The one graph model every reader produces and everything downstream uses.
#include "atenscope/Value.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace atenscope {

enum class OpKind : std::uint8_t { Placeholder, GetAttr, CallFunction, CallMethod, CallModule, Output };

const char* opKindName(OpKind kind);
std::optional<OpKind> opKindFromName(std::string_view name);

// One output of a node. `shape` is the Python list repr ("[1, 64, 112, 112]",
// symbolic sizes by name), empty when unknown; `isTensor` is false for scalars.
struct TensorInfo {
    bool isTensor = true;
    std::string shape;
    std::string dtype;
    std::string stride;
    std::string scalarType;  // for non-tensors: "int", "float", "bool"
};

struct SchemaArgument {
    std::string name;
    std::string type;  // as Python prints it: Tensor, Optional[Tensor], List[int]
    bool kwargOnly = false;
};

struct OpSchema {
    std::string name;      // aten::convolution
    std::string overload;  // "" for default
    std::vector<SchemaArgument> arguments;
};

struct ModuleFrame {
    std::string key;
    std::string path;  // layer1.0.conv1
    std::string type;  // torch.nn.modules.conv.Conv2d
};

struct Graph;

struct Node {
    std::string name;
    OpKind op = OpKind::CallFunction;
    std::string target;     // normalised: aten.add.Tensor, ttnn.add, target_wrapper_conv
    std::string targetRaw;  // as the backend wrote it, when it differs
    std::vector<Value> args;
    std::vector<std::pair<std::string, Value>> kwargs;
    std::vector<TensorInfo> outputs;
    bool outputIsTuple = false;
    std::vector<ModuleFrame> moduleStack;
    std::string stackTrace;
    std::vector<std::string> sourceFns;
    std::vector<std::uint32_t> inputs;  // data dependencies (node indices, unique, in order of use)
    std::vector<std::uint32_t> users;
    std::shared_ptr<const OpSchema> schema;  // when the target is an op with a known schema
    std::unique_ptr<Graph> subgraph;         // call_module of a fused partition

    // Shape text of the single tensor output, or empty when unknown or several.
    const std::string& singleShape() const;
    std::string modulePath() const;
    bool isAten() const { return op == OpKind::CallFunction && target.rfind("aten.", 0) == 0; }
};

struct Graph {
    std::string name;
    std::string stage;   // original, compiled, ...
    std::string source;  // the file it was read from
    std::vector<Node> nodes;
    std::unordered_map<std::string, std::uint32_t> index;

    const Node* find(const std::string& nodeName) const;
    std::size_t totalNodes() const;  // with nested subgraphs
};

// A model: one or several compiled subgraphs (each a Graph), from one or more files.
struct Model {
    std::string name;
    std::vector<std::string> sources;  // files it was read from
    std::vector<Graph> graphs;
    std::map<std::string, std::shared_ptr<const OpSchema>> schemas;  // by normalised op name

    std::size_t totalNodes() const;
};

}  // namespace atenscope
