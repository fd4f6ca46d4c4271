// SPDX-License-Identifier: MIT
// TorchScript archives (torch.jit.save) through libtorch, inside the plugin: the forward graph,
// inlined, written as an AtenScope graph dump (docs/graph-format.md) that the core reads like
// any other. Nothing of libtorch reaches the core: the plugin hands back JSON text.
#include <torch/csrc/api/include/torch/version.h>
#include <torch/csrc/jit/ir/ir.h>
#include <torch/csrc/jit/passes/inliner.h>
#include <torch/csrc/jit/serialization/import.h>

#include <nlohmann/json.hpp>

#include <dlfcn.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <sstream>
#include <string>

namespace {

#define ATENSCOPE_STR2(x) #x
#define ATENSCOPE_STR(x) ATENSCOPE_STR2(x)
constexpr const char* kLibtorch =
    ATENSCOPE_STR(TORCH_VERSION_MAJOR) "." ATENSCOPE_STR(TORCH_VERSION_MINOR) "." ATENSCOPE_STR(TORCH_VERSION_PATCH);

using json = nlohmann::ordered_json;
namespace jit = torch::jit;

// aten::add with overload Tensor -> aten.add.Tensor; no overload -> .default.
std::string targetOf(const jit::Node* node) {
    const std::string qual = node->kind().toQualString();
    const auto colons = qual.find("::");
    std::string out = colons == std::string::npos ? qual : qual.substr(0, colons) + "." + qual.substr(colons + 2);
    std::string overload;
    if (const c10::FunctionSchema* schema = node->maybeSchema()) overload = schema->overload_name();
    return out + "." + (overload.empty() ? "default" : overload);
}

std::string dtypeName(c10::ScalarType t) {
    std::string name = c10::toString(t);  // "Float"
    static const std::map<std::string, std::string> names = {
        {"Float", "float32"}, {"Double", "float64"}, {"Half", "float16"}, {"BFloat16", "bfloat16"}, {"Long", "int64"},
        {"Int", "int32"},     {"Short", "int16"},    {"Char", "int8"},    {"Byte", "uint8"},        {"Bool", "bool"}};
    const auto it = names.find(name);
    return it == names.end() ? name : it->second;
}

class Writer {
public:
    json dump(const std::string& model, jit::Graph& graph) {
        json nodes = json::array();
        for (const jit::Value* input : graph.inputs()) {
            if (input->type()->kind() == c10::TypeKind::ClassType) continue;  // self
            json n = {{"name", name(input)}, {"op", "placeholder"}, {"target", name(input)}, {"args", json::array()}};
            n["outputs"] = json::array({output(input)});
            nodes.push_back(std::move(n));
        }
        walk(graph.block(), nodes);
        json out = {{"name", "output"}, {"op", "output"}, {"target", "output"}};
        json values = json::array();
        for (const jit::Value* v : graph.outputs()) values.push_back(argument(v));
        out["args"] = json::array({values.size() == 1 ? values[0] : json{{"tuple", values}}});
        nodes.push_back(std::move(out));
        json doc = {{"format", "atenscope.graph"},
                    {"version", 2},
                    {"producer", std::string("atenscope TorchScript reader (libtorch ") + kLibtorch + ")"},
                    {"model", model}};
        doc["graphs"] = json::array({json{{"name", "forward"}, {"stage", "compiled"}, {"nodes", std::move(nodes)}}});
        doc["schemas"] = std::move(schemas_);
        return doc;
    }

private:
    // Nodes of a block and, flattened after them, of the blocks of prim::If / prim::Loop.
    void walk(jit::Block* block, json& nodes) {
        for (jit::Node* node : block->nodes()) {
            const std::string kind = node->kind().toQualString();
            if (kind == "prim::Constant") {
                constants_.insert(node->output());
                continue;
            }
            if (kind == "prim::GetAttr") {
                getAttr(node, nodes);
                continue;
            }
            if ((kind == "prim::ListConstruct" || kind == "prim::TupleConstruct") && allLiteral(node)) {
                constants_.insert(node->output());
                continue;
            }
            json n;
            const bool several = node->outputs().size() > 1;
            // A node of several outputs is a tuple taken apart by getitem nodes, as in fx.
            n["name"] = node->outputs().empty() || several ? "node_" + std::to_string(unnamed_++) : name(node->output(0));
            const bool op = node->kind().is_aten() || (!node->kind().is_prim() && node->maybeSchema());
            n["op"] = "call_function";
            n["target"] = op ? targetOf(node) : kind;
            json args = json::array();
            for (const jit::Value* v : node->inputs()) args.push_back(argument(v));
            n["args"] = std::move(args);
            json outs = json::array();
            for (const jit::Value* v : node->outputs()) outs.push_back(output(v));
            n["outputs"] = std::move(outs);
            if (node->outputs().size() > 1) n["output_is_tuple"] = true;
            json meta = json::object();
            const std::string hierarchy = jit::utils::getNodesModuleHierarchy(*node);
            if (!hierarchy.empty()) meta["nn_module_stack"] = frames(hierarchy);
            if (node->sourceRange().source()) meta["stack_trace"] = node->sourceRange().str();
            if (!meta.empty()) n["meta"] = std::move(meta);
            if (op && node->maybeSchema()) schema(n["target"].get<std::string>(), *node->maybeSchema());
            const std::string owner = n["name"].get<std::string>();
            nodes.push_back(std::move(n));
            if (several)
                for (std::size_t i = 0; i < node->outputs().size(); ++i) {
                    const jit::Value* v = node->output(i);
                    json g = {{"name", name(v)}, {"op", "call_function"}, {"target", "operator.getitem"}};
                    g["args"] = json::array({json{{"node", owner}}, static_cast<std::int64_t>(i)});
                    g["outputs"] = json::array({output(v)});
                    nodes.push_back(std::move(g));
                }
            // The blocks of prim::If / prim::Loop, flattened after the node. A loop's block
            // parameters (its counter, its carried values) stand for the values that start them.
            for (jit::Block* sub : node->blocks()) {
                if (kind == "prim::Loop")
                    for (std::size_t i = 0; i < sub->inputs().size(); ++i) {
                        const std::size_t from = i == 0 ? 0 : i + 1;  // inputs: max trips, condition, carried...
                        if (from < node->inputs().size()) alias(sub->inputs()[i], node->input(from));
                    }
                walk(sub, nodes);
            }
        }
    }

    // self.layer1.0.conv1.weight: a weight placeholder named by its path, once per path.
    void getAttr(jit::Node* node, json& nodes) {
        std::string path = node->s(c10::attr::name);
        const jit::Value* from = node->input(0);
        if (auto it = paths_.find(from); it != paths_.end()) path = it->second + "." + path;
        paths_[node->output()] = path;
        if (node->output()->type()->kind() == c10::TypeKind::ClassType) return;  // a submodule: a step of the path
        if (!named_.insert(path).second) {
            aliases_[node->output()] = path;
            return;
        }
        aliases_[node->output()] = path;
        json n = {{"name", path}, {"op", "placeholder"}, {"target", path}, {"args", json::array()}, {"weight", true}};
        n["outputs"] = json::array({output(node->output())});
        nodes.push_back(std::move(n));
    }

    void alias(const jit::Value* value, const jit::Value* as) {
        if (constants_.count(as)) {
            constants_.insert(value);
            constantOf_[value] = as;
            return;
        }
        aliases_[value] = name(as);
    }

    bool allLiteral(const jit::Node* node) const {
        for (const jit::Value* v : node->inputs())
            if (!constants_.count(v)) return false;
        return true;
    }

    std::string name(const jit::Value* v) {
        if (auto it = aliases_.find(v); it != aliases_.end()) return it->second;
        return v->hasDebugName() ? v->debugName() : "v" + std::to_string(v->unique());
    }

    // "layer1(Sequential).0(BasicBlock).conv1(Conv2d)" -> frames with paths layer1, layer1.0, ...
    static json frames(const std::string& hierarchy) {
        json out = json::array();
        std::string path;
        std::size_t start = 0;
        while (start < hierarchy.size()) {
            const auto open = hierarchy.find('(', start);
            if (open == std::string::npos) break;
            const auto close = hierarchy.find(')', open);
            if (close == std::string::npos) break;
            const std::string part = hierarchy.substr(start, open - start);
            path += (path.empty() ? "" : ".") + part;
            out.push_back({{"key", path}, {"path", path}, {"type", hierarchy.substr(open + 1, close - open - 1)}});
            start = close + 1;
            if (start < hierarchy.size() && hierarchy[start] == '.') ++start;
        }
        return out;
    }

    // Sizes are recorded only where the archive kept them (traced modules rarely do after a
    // save): unknown ones are left out.
    json output(const jit::Value* v) const {
        const auto tensor = v->type()->cast<c10::TensorType>();
        if (!tensor) {
            const auto k = v->type()->kind();
            if (k == c10::TypeKind::IntType) return {{"scalar", "int"}};
            if (k == c10::TypeKind::FloatType) return {{"scalar", "float"}};
            if (k == c10::TypeKind::BoolType) return {{"scalar", "bool"}};
            return nullptr;
        }
        const auto sizes = tensor->sizes().concrete_sizes();
        if (!sizes) return nullptr;
        json out = {{"shape", *sizes}};
        if (tensor->scalarType()) out["dtype"] = dtypeName(*tensor->scalarType());
        return out;
    }

    json literal(const c10::IValue& v) {
        if (v.isNone()) return nullptr;
        if (v.isBool()) return v.toBool();
        if (v.isInt()) return v.toInt();
        if (v.isDouble()) {
            const double d = v.toDouble();
            if (std::isinf(d)) return {{"float", d > 0 ? "inf" : "-inf"}};
            if (std::isnan(d)) return {{"float", "nan"}};
            return d;
        }
        if (v.isString()) return v.toStringRef();
        if (v.isIntList()) return json(v.toIntVector());
        if (v.isDoubleList()) return json(v.toDoubleVector());
        if (v.isBoolList()) {
            json out = json::array();
            for (bool b : v.toBoolList()) out.push_back(b);
            return out;
        }
        if (v.isDevice()) return {{"device", v.toDevice().str()}};
        if (v.isList()) {
            json out = json::array();
            for (const auto& item : v.toListRef()) out.push_back(literal(item));
            return out;
        }
        if (v.isTuple()) {
            json out = json::array();
            for (const auto& item : v.toTupleRef().elements()) out.push_back(literal(item));
            return {{"tuple", out}};
        }
        std::ostringstream text;
        text << v;
        return {{"repr", text.str()}};
    }

    json argument(const jit::Value* v) {
        if (auto it = constantOf_.find(v); it != constantOf_.end()) return argument(it->second);
        if (constants_.count(v)) {
            const jit::Node* n = v->node();
            if (n->kind() == c10::prim::Constant) {
                if (auto value = jit::toIValue(v)) return literal(*value);
                return nullptr;
            }
            json items = json::array();
            for (const jit::Value* in : n->inputs()) items.push_back(argument(in));
            return n->kind() == c10::prim::TupleConstruct ? json{{"tuple", items}} : items;
        }
        return {{"node", name(v)}};
    }

    void schema(const std::string& target, const c10::FunctionSchema& s) {
        if (schemas_.contains(target)) return;
        json args = json::array();
        for (const auto& a : s.arguments())
            args.push_back({{"name", a.name()}, {"type", a.type()->annotation_str()}, {"kwarg_only", a.kwarg_only()}});
        schemas_[target] = {{"name", s.name()}, {"overload", s.overload_name()}, {"arguments", std::move(args)}};
    }

    std::set<const jit::Value*> constants_;
    std::map<const jit::Value*, std::string> aliases_, paths_;
    std::map<const jit::Value*, const jit::Value*> constantOf_;  // a loop parameter started by a constant
    std::set<std::string> named_;
    json schemas_ = json::object();
    int unnamed_ = 0;
};

// libtorch's messages in one line: without the C++ backtrace, the "[enforce fail at ...]"
// prefix, or the quoted source under a compile error (whose file and line are kept).
std::string oneLine(std::string what) {
    for (const char* stop : {"\nException raised from", "\nframe #"})
        if (const auto cut = what.find(stop); cut != std::string::npos) what.resize(cut);
    if (what.rfind("[enforce fail at ", 0) == 0)
        if (const auto end = what.find("] . "); end != std::string::npos) what = what.substr(end + 4);
    what.erase(0, what.find_first_not_of(" \n"));  // some messages start with an empty line
    std::string first = what.substr(0, what.find('\n'));
    while (!first.empty() && (first.back() == ' ' || first.back() == ':')) first.pop_back();
    if (const auto file = what.find("File \""); file != std::string::npos && first.size() < what.size()) {
        const auto nameEnd = what.find('"', file + 6);
        const auto line = what.find(", line ", nameEnd);
        if (nameEnd != std::string::npos && line != std::string::npos) {
            const auto lineEnd = what.find_first_not_of("0123456789", line + 7);
            first += " (" + what.substr(file + 6, nameEnd - file - 6) + ", line " + what.substr(line + 7, lineEnd - line - 7) + ")";
        }
    }
    if (first.find("Unknown builtin op") != std::string::npos)
        first += "; if the op is your backend's, name its op library in ATENSCOPE_TORCH_LIBRARIES";
    return first;
}

char* copy(const std::string& text) {
    char* out = static_cast<char*>(std::malloc(text.size() + 1));
    std::memcpy(out, text.c_str(), text.size() + 1);
    return out;
}

}  // namespace

// The archive at `path` as an AtenScope graph dump (JSON text), or, with *ok = 0, why not.
// The text is the caller's, freed with atenscopeFreeText.
// The op libraries a backend's TorchScript needs (its own namespace of ops, as Torch-TensorRT's
// runtime library registers tensorrt::execute_engine): ATENSCOPE_TORCH_LIBRARIES, paths separated
// by ':', opened once before the first archive is read. Empty when all opened, else why not.
std::string loadOpLibraries() {
    static const std::string error = [] {
        const char* env = std::getenv("ATENSCOPE_TORCH_LIBRARIES");
        if (!env || !*env) return std::string();
        std::string list = env;
        std::size_t start = 0;
        while (start <= list.size()) {
            auto end = list.find(':', start);
            if (end == std::string::npos) end = list.size();
            const std::string path = list.substr(start, end - start);
            if (!path.empty() && !dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL))
                return "cannot open an op library of ATENSCOPE_TORCH_LIBRARIES (" + std::string(dlerror()) + ")";
            start = end + 1;
        }
        return std::string();
    }();
    return error;
}

extern "C" __attribute__((visibility("default"))) char* atenscopeTorchScriptToDump(const char* path, const char* model, int* ok) {
    *ok = 0;
    if (const std::string error = loadOpLibraries(); !error.empty()) return copy(error);
    try {
        jit::Module module = jit::load(path);
        auto method = module.find_method("forward");
        if (!method) return copy("the TorchScript module has no forward()");
        std::shared_ptr<jit::Graph> graph = method->graph()->copy();
        jit::Inline(*graph);
        const std::string text = Writer().dump(model, *graph).dump();
        *ok = 1;
        return copy(text);
    } catch (const std::exception& e) {
        return copy(std::string("libtorch ") + kLibtorch + " cannot read this TorchScript archive: " + oneLine(e.what()));
    }
}

extern "C" __attribute__((visibility("default"))) void atenscopeFreeText(char* text) {
    std::free(text);
}
