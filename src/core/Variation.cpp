#include "atenscope/Variation.h"

namespace atenscope {

namespace {

enum class NodeStyle { Name, Shape };

void repr(const Graph& graph, const Value& v, NodeStyle style, std::string& out) {
    switch (v.kind) {
        case Value::Kind::None:
            out += "None";
            return;
        case Value::Kind::Bool:
            out += v.boolean ? "True" : "False";
            return;
        case Value::Kind::Int:
            out += std::to_string(v.integer);
            return;
        case Value::Kind::Float:
            out += pythonFloatRepr(v.real);
            return;
        case Value::Kind::String:
            out += pythonStringRepr(v.text);
            return;
        case Value::Kind::Repr:
            out += v.text;
            return;
        case Value::Kind::Node: {
            if (style == NodeStyle::Name) {
                out += v.text;
                return;
            }
            const std::string& shape = v.integer >= 0 ? graph.nodes[static_cast<std::size_t>(v.integer)].singleShape() : std::string();
            if (shape.empty()) {
                out += '?';
            } else {
                out += '<';
                out += shape;
                out += '>';
            }
            return;
        }
        case Value::Kind::List:
        case Value::Kind::Tuple: {
            const bool tuple = v.kind == Value::Kind::Tuple;
            out += tuple ? '(' : '[';
            for (std::size_t i = 0; i < v.items.size(); ++i) {
                if (i) out += ", ";
                repr(graph, v.items[i], style, out);
            }
            if (tuple && v.items.size() == 1) out += ',';
            out += tuple ? ')' : ']';
            return;
        }
        case Value::Kind::Dict: {
            out += '{';
            for (std::size_t i = 0; i < v.items.size(); ++i) {
                if (i) out += ", ";
                out += pythonStringRepr(v.keys[i]);
                out += ": ";
                repr(graph, v.items[i], style, out);
            }
            out += '}';
            return;
        }
    }
}

// A type name for an argument with no schema, from its value.
const char* guessType(const Value& v) {
    switch (v.kind) {
        case Value::Kind::Node:
            return "Tensor";
        case Value::Kind::Bool:
            return "bool";
        case Value::Kind::Int:
            return "int";
        case Value::Kind::Float:
            return "float";
        case Value::Kind::String:
            return "str";
        case Value::Kind::List:
            return "List";
        case Value::Kind::Tuple:
            return "Tuple";
        case Value::Kind::None:
            return "None";
        default:
            return "Any";
    }
}

void part(const Graph& graph, std::string_view type, std::string_view name, const Value& v, std::string& out) {
    out += type;
    if (v.kind == Value::Kind::Node) {
        const std::string& shape = v.integer >= 0 ? graph.nodes[static_cast<std::size_t>(v.integer)].singleShape() : std::string();
        if (!shape.empty()) {
            out += '<';
            out += shape;
            out += '>';
        }
    }
    out += ' ';
    out += name;
    out += " = ";
    if (v.kind == Value::Kind::Node || v.kind == Value::Kind::None) {
        out += '?';
    } else {
        repr(graph, v, NodeStyle::Shape, out);
    }
}

}  // namespace

std::string inputVariation(const Graph& graph, const Node& node, const OpSchema* schema) {
    std::string out;
    out.reserve(64 * (node.args.size() + node.kwargs.size()));
    bool first = true;
    for (std::size_t i = 0; i < node.args.size(); ++i) {
        if (!first) out += ", ";
        first = false;
        if (schema && i < schema->arguments.size()) {
            part(graph, schema->arguments[i].type, schema->arguments[i].name, node.args[i], out);
        } else {
            part(graph, guessType(node.args[i]), "arg" + std::to_string(i), node.args[i], out);
        }
    }
    for (const auto& [key, value] : node.kwargs) {
        if (!first) out += ", ";
        first = false;
        const SchemaArgument* arg = nullptr;
        if (schema)
            for (const auto& a : schema->arguments)
                if (a.name == key) arg = &a;
        part(graph, arg ? std::string_view(arg->type) : std::string_view(guessType(value)), key, value, out);
    }
    return out;
}

std::string argsRepr(const Graph& graph, const Node& node) {
    std::string out;
    out += '(';
    for (std::size_t i = 0; i < node.args.size(); ++i) {
        if (i) out += ", ";
        repr(graph, node.args[i], NodeStyle::Name, out);
    }
    if (node.args.size() == 1) out += ',';
    out += ')';
    return out;
}

std::string kwargsRepr(const Graph& graph, const Node& node) {
    std::string out = "{";
    for (std::size_t i = 0; i < node.kwargs.size(); ++i) {
        if (i) out += ", ";
        out += pythonStringRepr(node.kwargs[i].first);
        out += ": ";
        repr(graph, node.kwargs[i].second, NodeStyle::Name, out);
    }
    return out + "}";
}

namespace {
// Graph values in an argument, depth first: a list of tensors (cat, stack) gives each of its own.
void collectShapes(const Graph& graph, const Value& v, std::vector<std::string>& shapes) {
    if (v.kind == Value::Kind::Node) {
        shapes.push_back(v.integer >= 0 ? graph.nodes[static_cast<std::size_t>(v.integer)].singleShape() : std::string());
        return;
    }
    for (const auto& item : v.items) collectShapes(graph, item, shapes);
}
}  // namespace

std::vector<std::string> inputShapes(const Graph& graph, const Node& node) {
    std::vector<std::string> shapes;
    for (const auto& a : node.args) collectShapes(graph, a, shapes);
    for (const auto& [key, a] : node.kwargs) collectShapes(graph, a, shapes);
    return shapes;
}

}  // namespace atenscope
