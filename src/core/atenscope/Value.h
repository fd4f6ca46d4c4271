#pragma once
// An argument of a node, as the graph dump holds it: a literal, a reference to
// another node, or a container of those. Literals JSON cannot say (dtype,
// device, enums, slices, big ints, inf/nan) arrive as their Python repr text.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace atenscope {

struct Value {
    enum class Kind : std::uint8_t { None, Bool, Int, Float, String, Node, List, Tuple, Dict, Repr };

    Kind kind = Kind::None;
    bool boolean = false;
    std::int64_t integer = 0;  // Int; for Node: the index of the node in its graph
    double real = 0.0;
    std::string text;               // String, Repr; for Node: the node's name
    std::vector<Value> items;       // List, Tuple, Dict (values)
    std::vector<std::string> keys;  // Dict

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
    static Value ofString(std::string s) {
        Value v;
        v.kind = Kind::String;
        v.text = std::move(s);
        return v;
    }
    static Value ofRepr(std::string s) {
        Value v;
        v.kind = Kind::Repr;
        v.text = std::move(s);
        return v;
    }
    static Value ofNode(std::string name) {
        Value v;
        v.kind = Kind::Node;
        v.text = std::move(name);
        v.integer = -1;
        return v;
    }

    bool isNode() const { return kind == Kind::Node; }
};

// Python's repr() of a float (shortest round trip; '1e-05', '0.1', '1.0', 'inf').
std::string pythonFloatRepr(double value);
// Python's repr() of a string literal ('abc', with Python's quoting rules).
std::string pythonStringRepr(const std::string& value);

}  // namespace atenscope
