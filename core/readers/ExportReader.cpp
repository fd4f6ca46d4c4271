// SPDX-License-Identifier: MIT
#include "readers/ExportReader.h"

#include "graph/Interner.h"
#include "graph/OpName.h"
#include "readers/DomReader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <deque>
#include <optional>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace atenscope {

namespace {

std::size_t metadataThreadFrom = 4096;  // graphs of at least this many nodes read metadata on a thread

// The schema's ScalarType numbering (torch/_export/serde/schema.py), not c10's: mapped by
// value, never cast.
std::string_view dtypeName(std::int64_t code) {
    switch (code) {
        case 1:
            return "uint8";
        case 2:
            return "int8";
        case 3:
            return "int16";
        case 4:
            return "int32";
        case 5:
            return "int64";
        case 6:
            return "float16";
        case 7:
            return "float32";
        case 8:
            return "float64";
        case 9:
            return "complex32";
        case 10:
            return "complex64";
        case 11:
            return "complex128";
        case 12:
            return "bool";
        case 13:
            return "bfloat16";
        case 28:
            return "uint16";
        case 29:
            return "float8_e4m3fn";
        case 30:
            return "float8_e5m2";
        case 31:
            return "float8_e4m3fnuz";
        case 32:
            return "float8_e5m2fnuz";
        case 33:
            return "float8_e8m0fnu";
        case 34:
            return "uint32";
        case 35:
            return "uint64";
        default:
            return {};
    }
}

std::string_view memoryFormatName(std::int64_t code) {
    switch (code) {
        case 1:
            return "torch.contiguous_format";
        case 2:
            return "torch.channels_last";
        case 3:
            return "torch.channels_last_3d";
        case 4:
            return "torch.preserve_format";
        default:
            return {};
    }
}

std::string_view layoutName(std::int64_t code) {
    switch (code) {
        case 1:
            return "torch.sparse_coo";
        case 2:
            return "torch.sparse_csr";
        case 3:
            return "torch.sparse_csc";
        case 4:
            return "torch.sparse_bsr";
        case 5:
            return "torch.sparse_bsc";
        case 6:
            return "torch._mkldnn";
        case 7:
            return "torch.strided";
        default:
            return {};
    }
}

// "torch.ops.aten.add.Tensor" -> "aten.add.Tensor"; "_operator.mul" -> "operator.mul".
std::string targetName(std::string_view serialized) {
    if (serialized.substr(0, 10) == "_operator.") return "operator." + std::string(serialized.substr(10));
    return normaliseOpName(serialized);
}

// The name fx gives a node of this target when none is given: the op without namespace or
// overload (aten._native_batch_norm_legit_no_training.default -> _native_batch_norm_legit_no_training).
std::string defaultNodeName(std::string_view target) {
    if (target.substr(0, 5) == "aten.") {
        const std::string_view op = target.substr(5);
        return std::string(op.substr(0, op.find('.')));
    }
    const auto dot = target.rfind('.');
    return std::string(dot == std::string_view::npos ? target : target.substr(dot + 1));
}

// A size expression as torch writes it (sympy's srepr: "Symbol('s54', positive=True,
// integer=True)", "Pow(Symbol('s54', ...), Integer(2))") printed as sympy's str() prints it
// ("s54", "s54**2", "2*s54", "s54 + 1", "(s54//2)"). Text that is not srepr stays as it is.
class SympyText {
public:
    explicit SympyText(std::string_view text) : text_(text) {}

    std::string str() {
        try {
            Expr e = parse();
            skipSpace();
            if (pos_ != text_.size()) return std::string(text_);
            return e.text;
        } catch (const Unparsed&) {
            return std::string(text_);
        }
    }

private:
    struct Unparsed {};
    struct Expr {
        std::string text;
        int precedence = 4;     // 1 sum, 2 product, 3 power, 4 atom
        bool negative = false;  // printed with a leading minus
        bool number = false;
    };
    std::string_view text_;
    std::size_t pos_ = 0;
    int depth_ = 0;

    void skipSpace() {
        while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
    }
    bool eat(char c) {
        skipSpace();
        if (pos_ < text_.size() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }
    std::string_view word() {
        skipSpace();
        const std::size_t start = pos_;
        while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_' || text_[pos_] == '.' ||
                                       (pos_ == start && text_[pos_] == '-')))
            ++pos_;
        if (pos_ == start) throw Unparsed{};
        return text_.substr(start, pos_ - start);
    }
    std::string quoted() {
        skipSpace();
        const char q = text_[pos_++];
        const std::size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != q) ++pos_;
        if (pos_ >= text_.size()) throw Unparsed{};
        return std::string(text_.substr(start, pos_++ - start));
    }
    static std::string wrap(const Expr& e, int above) { return e.precedence < above ? "(" + e.text + ")" : e.text; }

    Expr parse() {
        if (++depth_ > 200) throw Unparsed{};
        skipSpace();
        if (pos_ >= text_.size()) throw Unparsed{};
        Expr out;
        if (text_[pos_] == '\'' || text_[pos_] == '"') {
            out.text = quoted();
        } else {
            const std::string_view name = word();
            if (!eat('(')) {
                out.text = std::string(name);
                out.number = !name.empty() && (std::isdigit(static_cast<unsigned char>(name[0])) || name[0] == '-');
                out.negative = !name.empty() && name[0] == '-';
            } else {
                std::vector<Expr> args;
                skipSpace();
                if (!eat(')')) {
                    do {
                        skipSpace();
                        const std::size_t save = pos_;
                        // keyword arguments (positive=True) say nothing that is printed
                        if (std::isalpha(static_cast<unsigned char>(text_[pos_]))) {
                            word();
                            if (eat('=')) {
                                parse();
                                continue;
                            }
                            pos_ = save;
                        }
                        args.push_back(parse());
                    } while (eat(','));
                    if (!eat(')')) throw Unparsed{};
                }
                out = apply(name, args);
            }
        }
        --depth_;
        return out;
    }

    static Expr number(std::string text) {
        Expr e;
        e.negative = !text.empty() && text[0] == '-';
        e.text = std::move(text);
        e.number = true;
        e.precedence = e.negative ? 1 : 4;
        return e;
    }

    Expr apply(std::string_view name, std::vector<Expr>& args) {
        if ((name == "Symbol" || name == "Integer" || name == "Float") && args.size() == 1)
            return name == "Symbol" ? Expr{args[0].text} : number(args[0].text);
        if (name == "Rational" && args.size() == 2) return Expr{args[0].text + "/" + args[1].text, 2, args[0].negative, true};
        if (name == "Zero") return number("0");
        if (name == "One") return number("1");
        if (name == "NegativeOne") return number("-1");
        if (name == "Half") return Expr{"1/2", 2, false, true};
        if (name == "BooleanTrue") return Expr{"True"};
        if (name == "BooleanFalse") return Expr{"False"};
        if (name == "Add" && !args.empty()) {
            // sympy prints the constant term last: s54 + 1, s54 - 1
            std::stable_partition(args.begin(), args.end(), [](const Expr& e) { return !e.number; });
            Expr out{"", 1};
            for (std::size_t i = 0; i < args.size(); ++i) {
                const Expr& a = args[i];
                if (i == 0) {
                    out.text = a.precedence < 1 ? "(" + a.text + ")" : a.text;
                    out.negative = a.negative;
                } else if (a.negative) {
                    out.text += " - " + a.text.substr(1);
                } else {
                    out.text += " + " + a.text;
                }
            }
            return out;
        }
        if (name == "Mul" && !args.empty()) {
            Expr out{"", 2};
            std::string coefficient;
            std::vector<std::string> factors;
            for (const Expr& a : args) {
                if (a.number && coefficient.empty() && &a == &args.front())
                    coefficient = a.text;
                else
                    factors.push_back(wrap(a, 2));
            }
            std::string body;
            for (std::size_t i = 0; i < factors.size(); ++i) body += (i ? "*" : "") + factors[i];
            if (coefficient == "-1")
                out.text = "-" + body, out.negative = true;
            else if (!coefficient.empty())
                out.text = coefficient + (body.empty() ? "" : "*" + body), out.negative = coefficient[0] == '-';
            else
                out.text = body;
            return out;
        }
        if (name == "Pow" && args.size() == 2) {
            if (args[1].text == "-1") return Expr{"1/" + wrap(args[0], 3), 2};
            return Expr{wrap(args[0], 4) + "**" + wrap(args[1], 4), 3};
        }
        if ((name == "FloorDiv" || name == "CleanDiv") && args.size() == 2)
            return Expr{"(" + wrap(args[0], 2) + "//" + wrap(args[1], 2) + ")"};
        std::string out(name);
        out += '(';
        for (std::size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i].text;
        return Expr{out + ")"};
    }
};

// Value names are short: FNV-1a beats the library's hash on them.
struct NameHash {
    std::size_t operator()(std::string_view s) const noexcept {
        std::uint64_t h = 1469598103934665603ull;
        for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
        return static_cast<std::size_t>(h);
    }
};

// Names to values in one open-addressed table: a lookup costs one probe of a small slot array
// and one key comparison, where a node-based map chases three pointers (a 100,000-node graph
// looks up ~400,000 value names; the map's misses were 12 % of its load).
template <typename V>
class FlatNameMap {
public:
    void reserve(std::size_t n) {
        std::size_t cap = 16;
        while (cap < n * 2) cap <<= 1;
        slots_.assign(cap, Slot{});
        items_.reserve(n);
    }
    // Keeps the first value of a name, as emplace does.
    void emplace(std::string_view key, V value) {
        if ((items_.size() + 1) * 2 > slots_.size()) grow();
        const std::uint64_t h = NameHash()(key);
        for (std::size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
            Slot& s = slots_[i];
            if (s.index == 0) {
                items_.emplace_back(key, std::move(value));
                s = {h, static_cast<std::uint32_t>(items_.size())};
                return;
            }
            if (s.hash == h && items_[s.index - 1].first == key) return;
        }
    }
    const V* find(std::string_view key) const {
        if (slots_.empty()) return nullptr;
        const std::uint64_t h = NameHash()(key);
        for (std::size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
            const Slot& s = slots_[i];
            if (s.index == 0) return nullptr;
            if (s.hash == h && items_[s.index - 1].first == key) return &items_[s.index - 1].second;
        }
    }

private:
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t index = 0;  // into items_, plus one; 0: empty
    };
    void grow() {
        auto items = std::move(items_);
        items_.clear();
        reserve(std::max<std::size_t>(items.size() * 2, 8));
        for (auto& [k, v] : items) emplace(k, std::move(v));
    }
    std::vector<Slot> slots_;
    std::vector<std::pair<std::string_view, V>> items_;
};

class ExportParser : public DomReader {
public:
    ExportParser(const std::string& file, const std::string& entry, Model& model) : DomReader(file, entry), model_(model) {}

    void document(dom::element root, const std::string& graphName) {
        dom::object top = object(root, "a JSON object (a torch.export program)");
        {
            dom::element v;
            if (field(top, "schema_version", v) && !v.is_null()) {
                JsonScope s(path_, "schema_version");
                std::int64_t major = 0, minor = 0;
                if (v.type() == dom::element_type::OBJECT) {
                    dom::object o(v);
                    {
                        JsonScope m(path_, "major");
                        major = integer(required(o, "major"));
                    }
                    dom::element mi;
                    if (field(o, "minor", mi)) {
                        JsonScope m(path_, "minor");
                        minor = integer(mi);
                    }
                } else {
                    major = integer(v);  // torch 2.1 wrote a plain number
                }
                if (major > kMaxExportSchemaMajor)
                    fail("torch.export schema version " + std::to_string(major) + "." + std::to_string(minor) +
                         " is newer than this AtenScope reads (up to " + std::to_string(kMaxExportSchemaMajor) +
                         ".x); the archive was written by a newer torch");
            }
        }
        dom::element gm = required(top, "graph_module");
        JsonScope s(path_, "graph_module");
        dom::object gmo = object(gm);
        dom::element sig;
        if (field(gmo, "signature", sig) && !sig.is_null()) {
            JsonScope ss(path_, "signature");
            readSignature(object(sig));
        }
        model_.graphs.emplace_back();
        Graph& graph = model_.graphs.back();
        graph.name = graphName;
        graph.stage = "original";  // a program before any backend: the automatic profile predicts
        graph.source = file_;
        JsonScope sg(path_, "graph");
        readGraph(required(gmo, "graph"), graph, true);
    }

private:
    struct InputSpec {
        bool weight = false;
        std::string_view fqn;  // the parameter's, buffer's or constant's name in the module
        std::string_view argName;
    };

    void readSignature(dom::object sig) {
        dom::element specs;
        if (!field(sig, "input_specs", specs)) return;
        JsonScope s(path_, "input_specs");
        eachItem(specs, [&](dom::element e) {
            const auto [kind, body] = single(e);
            JsonScope k(path_, kind);
            InputSpec spec;
            dom::object o = object(body);
            // constant_input is a user input given as a constant (use_cache=False), not a weight
            spec.weight = kind == "parameter" || kind == "buffer" || kind == "tensor_constant" || kind == "custom_obj";
            if (kind == "parameter") spec.fqn = optionalView(o, "parameter_name");
            if (kind == "buffer") spec.fqn = optionalView(o, "buffer_name");
            if (kind == "tensor_constant") spec.fqn = optionalView(o, "tensor_constant_name");
            if (kind == "custom_obj") spec.fqn = optionalView(o, "custom_obj_name");
            if (kind == "constant_input") spec.argName = optionalView(o, "name");
            dom::element arg;
            if (field(o, "arg", arg) && arg.type() == dom::element_type::OBJECT) {
                dom::object ao(arg);
                dom::element name;
                if (field(ao, "name", name) && name.type() == dom::element_type::STRING) {
                    spec.argName = std::string_view(name);
                } else if (ao.size() == 1) {  // user_input: an Argument union ({"as_tensor": {"name": ...}})
                    auto [k2, inner] = *ao.begin();
                    dom::element n2;
                    if (inner.type() == dom::element_type::OBJECT && field(dom::object(inner), "name", n2) &&
                        n2.type() == dom::element_type::STRING)
                        spec.argName = std::string_view(n2);
                }
            }
            inputSpecs_.push_back(spec);
        });
    }

    // A union: an object of one key. Returns the key and its value.
    std::pair<std::string_view, dom::element> single(dom::element e) {
        dom::object o = object(e, "an object of one key (a union)");
        std::pair<std::string_view, dom::element> out;
        std::size_t n = 0;
        for (auto [key, value] : o) {
            if (value.is_null()) continue;  // writers may spell the members not chosen as null
            out = {key, value};
            ++n;
        }
        if (n != 1) fail("expected an object of one key (a union), found " + std::to_string(n) + " set");
        return out;
    }

    struct GraphState {
        Graph* graph = nullptr;
        Interner* interner = nullptr;
        // A value is found by the name of the node that makes it; these are the values named
        // otherwise (a node whose "name" differs from its one output's).
        std::unordered_map<std::string_view, std::uint32_t, NameHash> aliases;
        FlatNameMap<TensorInfo> tensors;
        std::unordered_map<std::string_view, dom::element, NameHash> symInts, symFloats, symBools;
        // Per distinct metadata text (views into the document): what it was made into. Hashed
        // whole: module stacks of different layers differ only in the middle ("layers.37"),
        // where a sampled hash does not look.
        std::unordered_map<std::string_view, std::span<const ModuleFrame>> moduleStacks;
        std::unordered_map<std::string_view, std::span<const std::string_view>> sourceFns;
        std::unordered_map<std::string_view, std::string_view, NameHash> targets;  // serialized -> normalised
        // Large graphs: node metadata is read on another thread beside the nodes (deferMeta);
        // serialOf[k] is the serialized node that made node k, whose metadata it takes after.
        bool deferMeta = false;
        std::int64_t serial = -1;
        std::vector<std::int64_t> serialOf;
        std::pair<std::string_view, std::string_view> lastTrace;                // document text, interned copy
        std::pair<std::string_view, std::span<const ModuleFrame>> lastModules;  // document text, frames
    };

    void index(dom::object g, std::string_view key, std::unordered_map<std::string_view, dom::element, NameHash>& into) {
        dom::element e;
        if (!field(g, key, e) || e.is_null()) return;
        JsonScope s(path_, key);
        dom::object o = object(e);
        into.reserve(o.size());
        for (auto [name, value] : o) into.emplace(name, value);
    }

    void readGraph(dom::element e, Graph& graph, bool top) {
        Interner interner(graph.arena);
        GraphState st;
        st.graph = &graph;
        st.interner = &interner;
        GraphState* const outer = state_;
        state_ = &st;
        dom::object g = object(e);
        {
            dom::element values;
            if (field(g, "tensor_values", values) && !values.is_null()) {
                JsonScope s(path_, "tensor_values");
                dom::object o = object(values);
                st.tensors.reserve(o.size());
                for (auto [name, value] : o) {
                    JsonScope v(path_, name);
                    st.tensors.emplace(name, tensorMeta(value));
                }
            }
        }
        index(g, "sym_int_values", st.symInts);
        index(g, "sym_float_values", st.symFloats);
        index(g, "sym_bool_values", st.symBools);
        dom::element nodes = required(g, "nodes");
        if (nodes.type() == dom::element_type::ARRAY) graph.nodes.reserve(dom::array(nodes).size() * 5 / 4 + 8);
        {
            JsonScope s(path_, "inputs");
            std::int64_t i = 0;
            eachItem(required(g, "inputs"), [&](dom::element in) { readInput(in, i++, top); });
        }
        {
            JsonScope s(path_, "nodes");
            const std::size_t count = nodes.type() == dom::element_type::ARRAY ? dom::array(nodes).size() : 0;
            if (count >= metadataThreadFrom) {
                readNodesBesideMetadata(dom::array(nodes), graph);
            } else {
                eachItem(nodes, [&](dom::element n) { readNode(n); });
            }
        }
        {
            JsonScope s(path_, "outputs");
            dom::element single;
            const bool singleReturn =
                field(g, "is_single_tensor_return", single) && single.type() == dom::element_type::BOOL && bool(single);
            std::vector<Value> outs;
            inputs_.clear();
            eachItem(required(g, "outputs"), [&](dom::element out) { outs.push_back(argument(out)); });
            const std::uint32_t at = addNode("output", OpKind::Output, "output");
            Node& node = graph.nodes[at];
            node.args = graph.arena.make<Value>(1);
            if (singleReturn && outs.size() == 1) {
                node.args[0] = outs[0];
            } else {
                node.args[0].kind = Value::Kind::Tuple;
                node.args[0].items = graph.arena.copy(std::span<const Value>(outs));
            }
            node.inputs = graph.arena.copy(std::span<const std::uint32_t>(inputs_));
        }
        graph.linkUsers();
        state_ = outer;
    }

    // The nodes of a large graph, their metadata (stack traces, module stacks: most of the
    // work of a node) read by another thread beside them, into its own arena; it takes the
    // first error in node order, whichever side found it.
    void readNodesBesideMetadata(dom::array nodes, Graph& graph) {
        GraphState& st = *state_;
        const std::size_t count = nodes.size();
        std::vector<const NodeExtras*> made(count, nullptr);
        Arena arena;
        std::optional<InputError> metaError;
        std::size_t metaErrorAt = count;
        std::thread worker([&, parser = *this]() mutable {
            Interner interner(arena);
            GraphState ws;
            ws.interner = &interner;
            parser.state_ = &ws;
            std::size_t i = 0;
            try {
                for (dom::element n : nodes) {
                    JsonScope si(parser.path_, i);
                    dom::element meta;
                    if (n.type() == dom::element_type::OBJECT && field(dom::object(n), "metadata", meta) && !meta.is_null()) {
                        JsonScope m(parser.path_, "metadata");
                        made[i] = parser.metadata(parser.object(meta));
                    }
                    ++i;
                }
            } catch (const InputError& e) {
                metaError = e;
                metaErrorAt = i;
            }
        });
        st.deferMeta = true;
        st.serialOf.assign(graph.nodes.size(), -1);
        std::size_t i = 0;
        try {
            for (dom::element n : nodes) {
                JsonScope si(path_, i);
                st.serial = static_cast<std::int64_t>(i);
                readNode(n);
                st.serialOf.resize(graph.nodes.size(), st.serial);
                ++i;
            }
        } catch (...) {
            worker.join();
            if (metaError && metaErrorAt < i) throw *metaError;
            throw;
        }
        worker.join();
        if (metaError) throw *metaError;
        st.deferMeta = false;
        for (std::size_t k = 0; k < st.serialOf.size(); ++k)
            if (st.serialOf[k] >= 0) graph.nodes[k].extras = made[static_cast<std::size_t>(st.serialOf[k])];
        graph.arena.adopt(std::move(arena));
    }

    // A node named `name` (made unique as fx would when `generated`).
    std::uint32_t addNode(std::string_view name, OpKind op, std::string_view target, bool generated = false) {
        Graph& graph = *state_->graph;
        std::string_view unique = name;
        std::string made;
        if (generated)
            for (int k = 1; graph.indexOf(unique); ++k) unique = made = std::string(name) + "_" + std::to_string(k);
        const auto at = static_cast<std::uint32_t>(graph.nodes.size());
        graph.nodes.emplace_back();
        Node& node = graph.nodes.back();
        node.name = graph.arena.copy(unique);
        node.nameHash = Graph::hashName(node.name);
        node.op = op;
        // targets repeat (op names, getitem, a placeholder's own name): kept once
        node.target = target == name ? node.name : state_->interner->string(target);
        if (!graph.indexNode(at) || state_->aliases.count(node.name)) fail("two nodes are named \"" + std::string(unique) + "\"");
        return at;
    }

    void defineValue(std::string_view name, std::uint32_t node) {
        if (name == state_->graph->nodes[node].name) return;  // found by the node's name (indexNode refused a twin)
        if (state_->graph->indexOf(name) || !state_->aliases.emplace(name, node).second)
            fail("the value \"" + std::string(name) + "\" is defined twice");
    }

    void readInput(dom::element in, std::int64_t i, bool top) {
        JsonScope s(path_, i);
        const auto [kind, body] = single(in);
        JsonScope k(path_, kind);
        std::string_view name;
        if (kind == "as_tensor" || kind == "as_custom_obj" || kind == "as_token") {
            JsonScope n(path_, "name");
            name = string(required(object(body), "name"));
        } else if (kind == "as_sym_int" || kind == "as_sym_float" || kind == "as_sym_bool") {
            const auto [k2, v2] = single(body);
            if (k2 != "as_name") fail("a constant symbolic input has no name");
            name = string(v2);
        }
        const InputSpec* spec =
            top && static_cast<std::size_t>(i) < inputSpecs_.size() ? &inputSpecs_[static_cast<std::size_t>(i)] : nullptr;
        std::string generated;
        if (name.empty()) {  // a constant input: named by the signature, as torch.export.load does
            generated = spec && !spec->argName.empty() ? std::string(spec->argName) : "arg" + std::to_string(i);
            name = generated;
        }
        const std::uint32_t at = addNode(name, OpKind::Placeholder, name);
        Node& node = state_->graph->nodes[at];
        if (spec) {
            node.weightInput = spec->weight;
            if (!spec->fqn.empty()) node.targetRaw = state_->graph->arena.copy(spec->fqn);
        }
        node.outputs = state_->graph->arena.make<TensorInfo>(1);
        node.outputs[0] = info(node.name);
        defineValue(node.name, at);
    }

    void readNode(dom::element e) {
        dom::object o = object(e);
        // One pass over the node's keys: a lookup per field would scan them again each time.
        dom::element targetE, meta, inputsE, outputs, nameE, singleReturn;
        bool hasTarget = false, hasMeta = false, hasInputs = false, hasOutputs = false, hasName = false, hasSingle = false;
        for (auto [key, value] : o) {
            if (key == "target")
                targetE = value, hasTarget = true;
            else if (key == "metadata")
                meta = value, hasMeta = !value.is_null();
            else if (key == "inputs")
                inputsE = value, hasInputs = true;
            else if (key == "outputs")
                outputs = value, hasOutputs = true;
            else if (key == "name")
                nameE = value, hasName = !value.is_null();
            else if (key == "is_hop_single_tensor_return")
                singleReturn = value, hasSingle = true;
        }
        if (!hasTarget) fail("missing field \"target\"");
        if (!hasInputs) fail("missing field \"inputs\"");
        if (!hasOutputs) fail("missing field \"outputs\"");
        std::string_view target;
        {
            JsonScope s(path_, "target");
            target = this->target(string(targetE));
        }
        const NodeExtras* extras = nullptr;
        if (hasMeta && !state_->deferMeta) {
            JsonScope s(path_, "metadata");
            extras = metadata(object(meta));
        }
        // Arguments first: a higher-order op's subgraphs become get_attr nodes before it. Their
        // buffers are reused from node to node, one pair per nesting level (a subgraph's nodes
        // are read while its op's arguments are).
        if (buffers_.size() <= nesting_) buffers_.emplace_back();
        ArgumentBuffers& buffers = buffers_[nesting_];
        struct Nest {
            std::size_t& level;
            ~Nest() { --level; }
        } nest{++nesting_};
        std::vector<Value>& args = buffers.args;
        std::vector<std::pair<std::string_view, Value>>& kwargs = buffers.kwargs;
        args.clear();
        kwargs.clear();
        inputs_.clear();
        {
            JsonScope s(path_, "inputs");
            eachItem(inputsE, [&](dom::element in) {
                dom::object io = object(in);
                const std::string_view argName = optionalView(io, "name");
                std::int64_t kind = 0;
                dom::element k;
                if (field(io, "kind", k) && !k.is_null()) {
                    JsonScope ks(path_, "kind");
                    kind = integer(k);
                }
                JsonScope as(path_, "arg");
                Value v = argument(required(io, "arg"));
                // kind 1 is positional; 2 keyword; older writers gave none, and the name is then
                // what places the argument in the op's schema.
                if (kind == 1)
                    args.push_back(v);
                else
                    kwargs.emplace_back(argName, v);
            });
        }
        const std::span<std::uint32_t> inputs = state_->graph->arena.copy(std::span<const std::uint32_t>(inputs_));
        // A subgraph's get_attr node has no metadata of its own: it takes its op's, as in torch.
        auto adopt = [&](const Value& v) {
            if (!v.isNode()) return;
            Node& n = state_->graph->nodes[static_cast<std::size_t>(v.integer)];
            if (n.op == OpKind::GetAttr && n.subgraph) n.extras = extras;
        };
        for (const Value& v : args) adopt(v);
        for (const auto& kv : kwargs) adopt(kv.second);
        dom::array outs;
        {
            JsonScope s(path_, "outputs");
            outs = array(outputs);
        }
        // The node's name: its own, else its single value's, else the op's as fx makes it.
        std::string_view name;
        if (hasName) {
            JsonScope s(path_, "name");
            name = string(nameE);
        }
        std::string_view singleValue;
        bool none = false;
        // A higher-order op's one output is still a tuple of one (a getitem node takes it out)
        // unless the op says it returns a single tensor.
        const bool hopTuple =
            target.rfind("higher_order.", 0) == 0 && !(hasSingle && singleReturn.type() == dom::element_type::BOOL && bool(singleReturn));
        if (outs.size() == 1 && !hopTuple) {
            JsonScope s(path_, "outputs");
            JsonScope s0(path_, 0);
            const auto [kind, body] = single(outs.at(0).value());
            if (kind == "as_tensor") {
                JsonScope n(path_, kind);
                singleValue = string(required(object(body), "name"));
            } else if (kind == "as_sym_int" || kind == "as_sym_float" || kind == "as_sym_bool") {
                JsonScope n(path_, kind);
                const auto [k2, v2] = single(body);
                if (k2 == "as_name") singleValue = string(v2);
            } else if (kind == "as_none") {
                none = true;
            }
        }
        if (hopTuple && outs.size() == 1) {
            JsonScope s(path_, "outputs");
            JsonScope s0(path_, 0);
            none = single(outs.at(0).value()).first == "as_none";
        }
        const bool multi = singleValue.empty() && !none && outs.size() > 0;
        std::uint32_t at;
        if (!name.empty())
            at = addNode(name, OpKind::CallFunction, target);
        else if (!singleValue.empty())
            at = addNode(singleValue, OpKind::CallFunction, target);
        else
            at = addNode(defaultNodeName(target) + (none ? "_unused" : ""), OpKind::CallFunction, target, true);
        Graph& graph = *state_->graph;
        {
            Node& node = graph.nodes[at];
            node.extras = extras;
            node.args = graph.arena.copy(std::span<const Value>(args));
            node.kwargs = graph.arena.make<Keyword>(kwargs.size());
            for (std::size_t i = 0; i < kwargs.size(); ++i) node.kwargs[i] = {graph.arena.copy(kwargs[i].first), kwargs[i].second};
            node.inputs = inputs;
        }
        if (!singleValue.empty()) {
            defineValue(singleValue, at);
            graph.nodes[at].outputs = graph.arena.make<TensorInfo>(1);
            graph.nodes[at].outputs[0] = info(singleValue);
        } else if (none) {
            graph.nodes[at].outputs = graph.arena.make<TensorInfo>(1);
            graph.nodes[at].outputs[0].isTensor = false;
        } else if (multi) {
            JsonScope s(path_, "outputs");
            std::vector<TensorInfo> infos;
            if (outs.size() == 1 && !hopTuple) {  // one list of tensors: each its own output
                JsonScope s0(path_, 0);
                const auto [kind, body] = single(outs.at(0).value());
                JsonScope k(path_, kind);
                getitems(at, body, extras, infos);
            } else {
                getitems(at, outputs, extras, infos, true);
            }
            Node& node = graph.nodes[at];
            node.outputIsTuple = true;
            node.outputs = graph.arena.copy(std::span<const TensorInfo>(infos));
        }
    }

    // fx's getitem nodes for the outputs of `owner`: `list` holds TensorArguments (or, when
    // `arguments`, Argument unions, which may nest lists of outputs).
    void getitems(std::uint32_t owner, dom::element list, const NodeExtras* extras, std::vector<TensorInfo>& infos,
                  bool arguments = false) {
        std::int64_t idx = 0;
        eachItem(list, [&](dom::element item) {
            std::string_view kind = "as_tensor";
            dom::element body = item;
            if (arguments) std::tie(kind, body) = single(item);
            JsonScope k(path_, kind);
            std::string_view valueName;
            if (kind == "as_tensor" || kind == "as_custom_obj") {
                JsonScope n(path_, "name");
                valueName = string(required(object(body), "name"));
            } else if (kind == "as_sym_int" || kind == "as_sym_float" || kind == "as_sym_bool") {
                const auto [k2, v2] = single(body);
                if (k2 == "as_name") valueName = string(v2);
            }
            std::uint32_t at;
            if (!valueName.empty()) {
                at = getitem(owner, idx, valueName, false, extras);
                defineValue(valueName, at);
                state_->graph->nodes[at].outputs = state_->graph->arena.make<TensorInfo>(1);
                state_->graph->nodes[at].outputs[0] = info(valueName);
                infos.push_back(state_->graph->nodes[at].outputs[0]);
            } else if (kind == "as_none") {
                at = getitem(owner, idx, "as_none", true, extras);
                infos.push_back(TensorInfo{false, {}, {}, {}});
            } else if (body.type() == dom::element_type::ARRAY) {  // a list of outputs in one output
                at = getitem(owner, idx, "getitem", true, extras);
                std::vector<TensorInfo> inner;
                if (kind == "as_tensors")
                    getitems(at, body, extras, inner);
                else
                    getitems(at, body, extras, inner, true);
                state_->graph->nodes[at].outputIsTuple = true;
                state_->graph->nodes[at].outputs = state_->graph->arena.copy(std::span<const TensorInfo>(inner));
                infos.push_back(TensorInfo{false, {}, {}, {}});
            } else {
                fail("an output of kind \"" + std::string(kind) + "\" is not one AtenScope reads");
            }
            ++idx;
        });
    }

    std::uint32_t getitem(std::uint32_t owner, std::int64_t idx, std::string_view name, bool generated, const NodeExtras* extras) {
        const std::uint32_t at = addNode(name, OpKind::CallFunction, "operator.getitem", generated);
        Graph& graph = *state_->graph;
        Node& node = graph.nodes[at];
        node.args = graph.arena.make<Value>(2);
        node.args[0] = Value::ofNode(graph.nodes[owner].name);
        node.args[0].integer = owner;
        node.args[1] = Value::ofInt(idx);
        node.inputs = graph.arena.make<std::uint32_t>(1);
        node.inputs[0] = owner;
        node.extras = extras;
        return at;
    }

    Value reference(std::string_view name) {
        std::uint32_t at;
        if (const auto found = state_->graph->indexOf(name)) {
            at = *found;
        } else {
            const auto it = state_->aliases.find(name);
            if (it == state_->aliases.end())
                fail("refers to \"" + std::string(name) + "\", which no earlier node or input of this graph makes");
            at = it->second;
        }
        Value v = Value::ofNode(state_->graph->nodes[at].name);
        v.integer = at;
        if (std::find(inputs_.begin(), inputs_.end(), at) == inputs_.end()) inputs_.push_back(at);
        return v;
    }

    std::string_view keep(std::string_view s) { return state_->graph->arena.copy(s); }

    // A serialized target's normalised name, made once per distinct target and graph.
    std::string_view target(std::string_view serialized) {
        auto& cache = state_->targets;
        if (const auto it = cache.find(serialized); it != cache.end()) return it->second;
        return cache.emplace(serialized, state_->interner->string(targetName(serialized))).first->second;
    }

    Value list(dom::element e, Value (ExportParser::*one)(dom::element)) {
        std::vector<Value> items;
        eachItem(e, [&](dom::element x) { items.push_back((this->*one)(x)); });
        Value v;
        v.kind = Value::Kind::List;
        v.items = state_->graph->arena.copy(std::span<const Value>(items));
        return v;
    }

    Value tensorArg(dom::element e) {
        JsonScope n(path_, "name");
        return reference(string(required(object(e), "name")));
    }
    Value intValue(dom::element e) { return Value::ofInt(integer(e)); }
    Value boolValue(dom::element e) { return Value::ofBool(boolean(e)); }
    Value stringValue(dom::element e) { return Value::ofString(keep(string(e))); }
    Value floatValue(dom::element e) {
        switch (e.type()) {
            case dom::element_type::DOUBLE:
                return Value::ofFloat(double(e));
            case dom::element_type::INT64:
                return Value::ofFloat(static_cast<double>(std::int64_t(e)));
            case dom::element_type::STRING: {  // what JSON cannot say, spelt as JavaScript does
                const std::string_view s(e);
                if (s == "Infinity") return Value::ofRepr("inf");
                if (s == "-Infinity") return Value::ofRepr("-inf");
                if (s == "NaN") return Value::ofRepr("nan");
                fail("expected a number, Infinity, -Infinity or NaN, found \"" + std::string(s) + "\"");
            }
            default:
                fail(std::string("expected a number, found ") + jsonTypeName(e.type()));
        }
    }
    // {"as_name": n} | {"as_int": 3} (and float, bool).
    Value symValue(dom::element e) {
        const auto [kind, body] = single(e);
        JsonScope k(path_, kind);
        if (kind == "as_name") return reference(string(body));
        if (kind == "as_int") return intValue(body);
        if (kind == "as_float") return floatValue(body);
        if (kind == "as_bool") return boolValue(body);
        fail("unknown symbolic value kind \"" + std::string(kind) + "\"");
    }
    Value optionalTensor(dom::element e) {
        const auto [kind, body] = single(e);
        JsonScope k(path_, kind);
        if (kind == "as_none") return Value::none();
        if (kind == "as_tensor") return tensorArg(body);
        fail("unknown optional tensor kind \"" + std::string(kind) + "\"");
    }
    Value intList(dom::element e) { return list(e, &ExportParser::intValue); }
    Value floatList(dom::element e) { return list(e, &ExportParser::floatValue); }
    Value tensorList(dom::element e) { return list(e, &ExportParser::tensorArg); }

    Value enumRepr(dom::element e, std::string_view (*name)(std::int64_t), const char* what) {
        const std::int64_t code = integer(e);
        const std::string_view text = name(code);
        if (text.empty()) return Value::ofRepr(keep("<" + std::string(what) + " " + std::to_string(code) + ">"));
        return Value::ofRepr(text);
    }

    // An Argument union as a Value (references resolved, their nodes added to inputs_).
    Value argument(dom::element e) {
        const auto [kind, body] = single(e);
        JsonScope k(path_, kind);
        if (kind == "as_none") return Value::none();
        if (kind == "as_tensor") return tensorArg(body);
        if (kind == "as_tensors") return tensorList(body);
        if (kind == "as_int") return intValue(body);
        if (kind == "as_ints") return intList(body);
        if (kind == "as_float") return floatValue(body);
        if (kind == "as_floats") return floatList(body);
        if (kind == "as_string") return stringValue(body);
        if (kind == "as_strings") return list(body, &ExportParser::stringValue);
        if (kind == "as_bool") return boolValue(body);
        if (kind == "as_bools") return list(body, &ExportParser::boolValue);
        if (kind == "as_sym_int" || kind == "as_sym_float" || kind == "as_sym_bool") return symValue(body);
        if (kind == "as_sym_ints" || kind == "as_sym_floats" || kind == "as_sym_bools") return list(body, &ExportParser::symValue);
        if (kind == "as_optional_tensor") return optionalTensor(body);
        if (kind == "as_optional_tensors") return list(body, &ExportParser::optionalTensor);
        if (kind == "as_scalar_type") {
            const std::int64_t code = integer(body);
            const std::string_view d = dtypeName(code);
            return Value::ofRepr(keep(d.empty() ? "<dtype " + std::to_string(code) + ">" : "torch." + std::string(d)));
        }
        if (kind == "as_memory_format") return enumRepr(body, memoryFormatName, "memory format");
        if (kind == "as_layout") return enumRepr(body, layoutName, "layout");
        if (kind == "as_device") {
            dom::object o = object(body);
            const std::string type = requiredString(o, "type");
            dom::element index;
            if (field(o, "index", index) && !index.is_null()) {
                JsonScope i(path_, "index");
                return Value::ofRepr(keep("device(type='" + type + "', index=" + std::to_string(integer(index)) + ")"));
            }
            return Value::ofRepr(keep("device(type='" + type + "')"));
        }
        if (kind == "as_custom_obj") return tensorArg(body);
        if (kind == "as_operator") return Value::ofRepr(keep(targetName(string(body))));
        if (kind == "as_complex") {
            dom::object o = object(body);
            JsonScope r(path_, "real");
            const Value re = floatValue(required(o, "real"));
            const Value im = floatValue(required(o, "imag"));
            auto text = [](const Value& v) { return v.kind == Value::Kind::Float ? pythonFloatRepr(v.real) : std::string(v.text); };
            return Value::ofRepr(keep("(" + text(re) + "+" + text(im) + "j)"));
        }
        if (kind == "as_int_lists") return list(body, &ExportParser::intList);
        if (kind == "as_float_lists") return list(body, &ExportParser::floatList);
        if (kind == "as_nested_tensors") return list(body, &ExportParser::tensorList);
        if (kind == "as_string_to_argument") {
            dom::object o = object(body);
            Value v;
            v.kind = Value::Kind::Dict;
            v.items = state_->graph->arena.make<Value>(o.size());
            v.keys = state_->graph->arena.make<std::string_view>(o.size());
            std::size_t i = 0;
            for (auto [key, x] : o) {
                JsonScope ks(path_, key);
                v.keys[i] = keep(key);
                v.items[i++] = argument(x);
            }
            return v;
        }
        if (kind == "as_graph") return subgraph(object(body));
        fail("unknown argument kind \"" + std::string(kind) + "\"");
    }

    // A higher-order op's subgraph: a get_attr node holding it, as torch.export.load makes.
    Value subgraph(dom::object o) {
        const std::string name = requiredString(o, "name");
        auto sub = std::make_unique<Graph>();
        sub->name = name;
        sub->stage = "original";
        sub->source = file_;
        {
            JsonScope g(path_, "graph");
            const std::vector<std::uint32_t> saved = inputs_;
            readGraph(required(o, "graph"), *sub, false);
            inputs_ = saved;
        }
        const std::uint32_t at = addNode(name, OpKind::GetAttr, name);
        state_->graph->nodes[at].subgraph = std::move(sub);
        defineValue(state_->graph->nodes[at].name, at);
        return reference(state_->graph->nodes[at].name);
    }

    std::string_view sizesText(dom::element sizes) {
        std::string& out = scratch_;
        out.clear();
        out += '[';
        char buf[24];
        std::int64_t i = 0;
        for (dom::element d : array(sizes)) {
            JsonScope di(path_, i);
            if (i++) out += ", ";
            const auto [kind, body] = single(d);
            if (kind == "as_int") {
                auto res = std::to_chars(buf, buf + sizeof buf, integer(body));
                out.append(buf, res.ptr);
            } else if (kind == "as_expr") {
                JsonScope k(path_, kind);
                if (body.type() == dom::element_type::STRING)
                    out += SympyText(std::string_view(body)).str();  // older writers: the expression itself
                else
                    out += SympyText(requiredString(object(body), "expr_str")).str();
            } else {
                fail("unknown size kind \"" + std::string(kind) + "\"");
            }
        }
        out += ']';
        return state_->interner->string(out);
    }

    TensorInfo info(std::string_view value) {
        GraphState& st = *state_;
        if (const TensorInfo* t = st.tensors.find(value)) return *t;
        TensorInfo t;
        t.isTensor = false;
        if (st.symInts.count(value))
            t.dtype = "int";
        else if (st.symFloats.count(value))
            t.dtype = "float";
        else if (st.symBools.count(value))
            t.dtype = "bool";
        return t;
    }

    TensorInfo tensorMeta(dom::element e) {
        GraphState& st = *state_;
        TensorInfo t;
        {
            dom::object o = object(e);
            dom::element meta;
            if (field(o, "meta", meta) && meta.type() == dom::element_type::OBJECT) o = dom::object(meta);  // schema 1: {"meta": {...}}
            {
                JsonScope d(path_, "dtype");
                const std::int64_t code = integer(required(o, "dtype"));
                const std::string_view name = dtypeName(code);
                t.dtype = name.empty() ? st.interner->string("dtype " + std::to_string(code)) : name;
            }
            {
                JsonScope d(path_, "sizes");
                t.shape = sizesText(required(o, "sizes"));
            }
            dom::element strides;
            if (field(o, "strides", strides) && !strides.is_null()) {
                JsonScope d(path_, "strides");
                t.stride = sizesText(strides);
            }
        }
        return t;
    }

    // "key,path,type;..." with commas inside brackets kept (torch's metadata_split).
    static std::vector<std::string_view> splitMetadata(std::string_view item) {
        std::vector<std::string_view> out;
        std::size_t start = 0;
        int depth = 0;
        for (std::size_t i = 0; i < item.size(); ++i) {
            const char c = item[i];
            if (c == '[' || c == '(')
                ++depth;
            else if (c == ']' || c == ')')
                --depth;
            else if (c == ',' && depth == 0) {
                out.push_back(item.substr(start, i - start));
                start = i + 1;
            }
        }
        out.push_back(item.substr(start));
        return out;
    }

    const NodeExtras* metadata(dom::object meta) {
        GraphState& st = *state_;
        Interner& interner = *st.interner;
        NodeExtras extras;
        std::string_view trace, modules, fns;
        for (auto [key, value] : meta) {
            if (value.type() != dom::element_type::STRING) {
                if (value.is_null()) continue;
                JsonScope s(path_, key);
                fail(std::string("expected a string, found ") + jsonTypeName(value.type()));
            }
            if (key == "stack_trace")
                trace = std::string_view(value);
            else if (key == "nn_module_stack")
                modules = std::string_view(value);
            else if (key == "source_fn_stack")
                fns = std::string_view(value);
        }
        // Neighbouring nodes mostly come from the same line of the same module: the last node's
        // texts are compared before any hashing.
        if (!trace.empty()) {
            if (trace != st.lastTrace.first) st.lastTrace = {trace, interner.string(trace)};
            extras.stackTrace = st.lastTrace.second;
        }
        if (!modules.empty() && modules == st.lastModules.first) {
            extras.moduleStack = st.lastModules.second;
        } else if (!modules.empty()) {
            auto it = st.moduleStacks.find(modules);
            if (it == st.moduleStacks.end()) {
                JsonScope s(path_, "nn_module_stack");
                frames_.clear();
                std::size_t start = 0;
                while (start <= modules.size()) {
                    auto end = modules.find(';', start);
                    if (end == std::string_view::npos) end = modules.size();
                    const auto parts = splitMetadata(modules.substr(start, end - start));
                    if (parts.size() != 3) fail("expected \"key,path,type\" items separated by ';'");
                    frames_.push_back({interner.string(parts[0]), interner.string(parts[1]), interner.string(parts[2])});
                    start = end + 1;
                }
                it = st.moduleStacks.emplace(modules, interner.frames(frames_)).first;
            }
            extras.moduleStack = it->second;
            st.lastModules = {modules, it->second};
        }
        if (!fns.empty()) {
            auto it = st.sourceFns.find(fns);
            if (it == st.sourceFns.end()) {
                names_.clear();
                std::size_t start = 0;
                while (start <= fns.size()) {
                    auto end = fns.find(';', start);
                    if (end == std::string_view::npos) end = fns.size();
                    const std::string_view item = fns.substr(start, end - start);
                    names_.push_back(interner.string(item.substr(0, item.find(','))));
                    start = end + 1;
                }
                it = st.sourceFns.emplace(fns, interner.strings(names_)).first;
            }
            extras.sourceFns = it->second;
        }
        return interner.extras(extras);
    }

    struct ArgumentBuffers {
        std::vector<Value> args;
        std::vector<std::pair<std::string_view, Value>> kwargs;
    };
    std::deque<ArgumentBuffers> buffers_;  // by nesting level (a deque: adding one keeps the others in place)
    std::size_t nesting_ = 0;
    Model& model_;
    std::vector<InputSpec> inputSpecs_;
    GraphState* state_ = nullptr;
    std::vector<std::uint32_t> inputs_;  // of the node being read
    std::vector<ModuleFrame> frames_;
    std::vector<std::string_view> names_;
    std::string scratch_;
};

// Older writers let Python's json emit bare NaN, Infinity and -Infinity, which JSON does not
// have: the same text with them as the strings newer writers write, or nothing when it has none.
std::optional<std::string> quoteNonFinite(std::string_view json) {
    std::string out;
    bool changed = false, inString = false;
    out.reserve(json.size() + 64);
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < json.size())
                out += json[++i];
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') inString = true;
        std::string_view token;
        for (std::string_view t : {std::string_view("NaN"), std::string_view("Infinity"), std::string_view("-Infinity")})
            if (json.substr(i, t.size()) == t) token = t;
        if (token.empty()) {
            out += c;
            continue;
        }
        out += '"';
        out += token;
        out += '"';
        i += token.size() - 1;
        changed = true;
    }
    if (!changed) return std::nullopt;
    out.append(simdjson::SIMDJSON_PADDING, '\0');
    return out;
}

}  // namespace

void setMetadataThreadThreshold(std::size_t nodes) {
    metadataThreadFrom = nodes;
}

void readExportedProgram(std::string_view json, const std::string& file, const std::string& entry, const std::string& graphName,
                         Model& model, const std::function<void()>& beforeBuild) {
    thread_local dom::parser parser;
    std::optional<std::string> quoted;
    dom::element root;
    try {
        root = parseJsonDocument(parser, json, file, entry);
    } catch (const InputError&) {
        quoted = quoteNonFinite(json);
        if (!quoted) throw;
        root = parseJsonDocument(parser, std::string_view(quoted->data(), quoted->size() - simdjson::SIMDJSON_PADDING), file, entry);
    }
    if (beforeBuild) beforeBuild();
    ExportParser(file, entry, model).document(root, graphName);
}

}  // namespace atenscope
