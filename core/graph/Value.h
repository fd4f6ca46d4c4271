// SPDX-License-Identifier: MIT
#pragma once
// An argument of a node, as the graph dump holds it: a literal, a reference to
// another node, or a container of those. Literals JSON cannot say (dtype,
// device, enums, slices, big ints, inf/nan) arrive as their Python repr text.
// Text and items live in the arena of the graph that holds the value.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace atenscope {

struct Value {
    enum class Kind : std::uint8_t { None, Bool, Int, Float, String, Node, List, Tuple, Dict, Repr };

    Kind kind = Kind::None;
    bool boolean = false;
    union {
        std::int64_t integer = 0;  // Int; for Node: the index of the node in its graph
        double real;               // Float
    };
    std::string_view text;             // String, Repr; for Node: the node's name
    std::span<Value> items;            // List, Tuple, Dict (values)
    std::span<std::string_view> keys;  // Dict

    static Value none() { return {}; }
    static Value ofBool(bool b) {
        Value v;
        v.kind = Kind::Bool;
        v.boolean = b;
        return v;
    }
    static Value ofInt(std::int64_t i) {
        Value v;
        v.kind = Kind::Int;
        v.integer = i;
        return v;
    }
    static Value ofFloat(double d) {
        Value v;
        v.kind = Kind::Float;
        v.real = d;
        return v;
    }
    static Value ofString(std::string_view s) {
        Value v;
        v.kind = Kind::String;
        v.text = s;
        return v;
    }
    static Value ofRepr(std::string_view s) {
        Value v;
        v.kind = Kind::Repr;
        v.text = s;
        return v;
    }
    static Value ofNode(std::string_view name) {
        Value v;
        v.kind = Kind::Node;
        v.text = name;
        v.integer = -1;
        return v;
    }

    bool isNode() const { return kind == Kind::Node; }
};

// Python's repr() of a float (shortest round trip; '1e-05', '0.1', '1.0', 'inf').
std::string pythonFloatRepr(double value);
// Python's repr() of a string literal ('abc', with Python's quoting rules).
std::string pythonStringRepr(std::string_view value);
// The same, appended to `out`.
void appendPythonStringRepr(std::string_view value, std::string& out);

}  // namespace atenscope
