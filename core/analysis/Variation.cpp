// SPDX-License-Identifier: MIT
#include "analysis/Variation.h"

#include <charconv>

namespace atenscope {

namespace {

enum class NodeStyle { Name, Shape };

// Shape text of the graph value a Node argument refers to; empty when unknown or unresolved.
std::string_view shapeOf(const Graph& graph, const Value& v) {
    return v.integer >= 0 ? graph.nodes[static_cast<std::size_t>(v.integer)].singleShape() : std::string_view();
}

void repr(const Graph& graph, const Value& v, NodeStyle style, std::string& out) {
    switch (v.kind) {
        case Value::Kind::None:
            out += "None";
            return;
        case Value::Kind::Bool:
            out += v.boolean ? "True" : "False";
            return;
        case Value::Kind::Int: {
            char buf[24];
            out.append(buf, std::to_chars(buf, buf + sizeof buf, v.integer).ptr);
            return;
        }
        case Value::Kind::Float:
            out += pythonFloatRepr(v.real);
            return;
        case Value::Kind::String:
            appendPythonStringRepr(v.text, out);
            return;
        case Value::Kind::Repr:
            out += v.text;
            return;
        case Value::Kind::Node: {
            if (style == NodeStyle::Name) {
                out += v.text;
                return;
            }
            const std::string_view shape = shapeOf(graph, v);
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
                appendPythonStringRepr(v.keys[i], out);
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
        const std::string_view shape = shapeOf(graph, v);
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
    appendInputVariation(graph, node, schema, out);
    return out;
}

void appendInputVariation(const Graph& graph, const Node& node, const OpSchema* schema, std::string& out) {
    bool first = true;
    for (std::size_t i = 0; i < node.args.size(); ++i) {
        if (!first) out += ", ";
        first = false;
        if (schema && i < schema->arguments.size()) {
            part(graph, schema->arguments[i].type, schema->arguments[i].name, node.args[i], out);
        } else {
            char name[24] = "arg";
            const auto end = std::to_chars(name + 3, name + sizeof name, i).ptr;
            part(graph, guessType(node.args[i]), std::string_view(name, static_cast<std::size_t>(end - name)), node.args[i], out);
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
}

std::string argsRepr(const Graph& graph, const Node& node) {
    std::string out;
    appendArgsRepr(graph, node, out);
    return out;
}

std::string kwargsRepr(const Graph& graph, const Node& node) {
    std::string out;
    appendKwargsRepr(graph, node, out);
    return out;
}

void appendArgsRepr(const Graph& graph, const Node& node, std::string& out) {
    out += '(';
    for (std::size_t i = 0; i < node.args.size(); ++i) {
        if (i) out += ", ";
        repr(graph, node.args[i], NodeStyle::Name, out);
    }
    if (node.args.size() == 1) out += ',';
    out += ')';
}

void appendKwargsRepr(const Graph& graph, const Node& node, std::string& out) {
    out += '{';
    for (std::size_t i = 0; i < node.kwargs.size(); ++i) {
        if (i) out += ", ";
        appendPythonStringRepr(node.kwargs[i].first, out);
        out += ": ";
        repr(graph, node.kwargs[i].second, NodeStyle::Name, out);
    }
    out += '}';
}

namespace {
// Graph values in an argument, depth first: a list of tensors (cat, stack) gives each of its own.
void collectShapes(const Graph& graph, const Value& v, std::vector<std::string_view>& shapes) {
    if (v.kind == Value::Kind::Node) {
        shapes.push_back(shapeOf(graph, v));
        return;
    }
    for (const auto& item : v.items) collectShapes(graph, item, shapes);
}
}  // namespace

std::vector<std::string_view> inputShapes(const Graph& graph, const Node& node) {
    std::vector<std::string_view> shapes;
    appendInputShapes(graph, node, shapes);
    return shapes;
}

void appendInputShapes(const Graph& graph, const Node& node, std::vector<std::string_view>& out) {
    for (const auto& a : node.args) collectShapes(graph, a, out);
    for (const auto& [key, a] : node.kwargs) collectShapes(graph, a, out);
}

}  // namespace atenscope
