// SPDX-License-Identifier: MIT
#include "readers/FxJsonReader.h"

#include "base/LoadError.h"
#include "base/Parallel.h"
#include "graph/Interner.h"
#include "graph/OpName.h"
#include "readers/DomReader.h"
#include "readers/JsonInput.h"

#include <simdjson.h>

#include <array>
#include <charconv>
#include <mutex>
#include <thread>
#include <utility>

namespace atenscope {

namespace {
constexpr std::size_t kMaxSourceRoots = 64;  // a dump's source_roots kept
}  // namespace

namespace {

constexpr std::string_view kFormat = "atenscope.graph";
constexpr std::int64_t kMaxVersion = 2;  // 2: stack traces in a table, nodes name them by index

class Parser : public DomReader {
public:
    Parser(std::string file, Model& model) : DomReader(std::move(file)), model_(model) {}

    void document(dom::element root) {
        dom::object top = object(root, "a JSON object (an AtenScope graph dump)");
        {
            dom::element e;
            if (!field(top, "format", e)) fail("not an AtenScope graph dump: missing field \"format\"");
            JsonScope s(path_, "format");
            if (string(e) != kFormat)
                fail("not an AtenScope graph dump: format is \"" + std::string(string(e)) + "\", expected \"atenscope.graph\"");
        }
        {
            dom::element e = required(top, "version");
            JsonScope s(path_, "version");
            const auto version = integer(e);
            if (version < 1 || version > kMaxVersion)
                fail("format version " + std::to_string(version) + " is not one this AtenScope reads (1 to " + std::to_string(kMaxVersion) +
                     ")");
        }
        model_.name = optionalString(top, "model");
        dom::element producer;
        if (field(top, "producer", producer) && producer.type() == dom::element_type::OBJECT) {  // else free text: not read
            JsonScope s(path_, "producer");
            model_.torch = optionalString(object(producer), "torch");
        }
        dom::element traces;
        if (field(top, "stack_traces", traces)) {
            JsonScope s(path_, "stack_traces");
            eachItem(traces, [&](dom::element t) { stackTraces_.push_back(string(t)); });
        }
        dom::element roots;
        if (field(top, "source_roots", roots)) {  // where the trace's relative paths were (sys.path of the run)
            JsonScope s(path_, "source_roots");
            // A run's sys.path holds a dozen folders; the window tries each for every file a trace
            // names, so a hostile list is cut short (docs/limits.md).
            eachItem(roots, [&](dom::element t) {
                const std::string_view item = string(t);
                if (model_.sourceRoots.size() < kMaxSourceRoots) model_.sourceRoots.emplace_back(item);
            });
        }
        dom::element schemas;
        if (field(top, "schemas", schemas)) {
            JsonScope s(path_, "schemas");
            for (auto [key, value] : object(schemas)) {
                JsonScope k(path_, key);
                readSchema(std::string(key), value);
            }
        }
        dom::element graphs = required(top, "graphs");
        JsonScope s(path_, "graphs");
        eachItem(graphs, [&](dom::element g) {
            model_.graphs.emplace_back();
            readGraph(g, model_.graphs.back(), "");
        });
        if (model_.graphs.empty()) fail("the dump holds no graph");
    }

    void readSchema(std::string op, dom::element e) {
        dom::object o = object(e);
        auto schema = std::make_shared<OpSchema>();
        schema->name = requiredString(o, "name");
        schema->overload = optionalString(o, "overload");
        dom::element args = required(o, "arguments");
        JsonScope s(path_, "arguments");
        eachItem(args, [&](dom::element a) {
            dom::object ao = object(a);
            SchemaArgument arg;
            arg.name = requiredString(ao, "name");
            arg.type = requiredString(ao, "type");
            dom::element ko;
            if (field(ao, "kwarg_only", ko)) {
                JsonScope k(path_, "kwarg_only");
                arg.kwargOnly = boolean(ko);
            }
            schema->arguments.push_back(std::move(arg));
        });
        model_.schemas[normaliseOpName(op)] = std::move(schema);
    }

    void readGraph(dom::element e, Graph& graph, std::string_view defaultName) {
        Arena* const outer = arena_;
        Interner* const outerInterner = interner_;
        arena_ = &graph.arena;
        Interner interner(graph.arena);
        interner_ = &interner;
        auto outerTraces = std::exchange(keptTraces_, {});
        dom::object o = object(e);
        graph.name = optionalString(o, "name");
        if (graph.name.empty()) graph.name = defaultName;
        for (const auto& [op, schema] : model_.schemas) graph.schemas.push_back(schema);
        graph.stage = optionalString(o, "stage");
        graph.source = file_;
        dom::element nodes = required(o, "nodes");
        JsonScope s(path_, "nodes");
        dom::array arr = array(nodes);
        graph.nodes.resize(arr.size());
        // Nodes are independent until linked: a large graph is read in ranges. Each range
        // finds its first node itself: that means going from node to node through the parsed
        // document, one dependent load after another, which the ranges then do side by side.
        inRanges(graph, [&](Parser& p, std::size_t begin, std::size_t end) {
            auto it = arr.begin();
            for (std::size_t i = 0; i < begin; ++i) ++it;
            for (std::size_t i = begin; i < end; ++i, ++it) {
                JsonScope ni(p.path_, static_cast<std::int64_t>(i));
                p.readNode(*it, graph.nodes[i]);
            }
        });
        if (const auto duplicate = graph.indexNames()) {
            JsonScope ni(path_, static_cast<std::int64_t>(*duplicate));
            fail("duplicate node name \"" + std::string(graph.nodes[*duplicate].name) + "\"");
        }
        link(graph);
        arena_ = outer;
        interner_ = outerInterner;
        keptTraces_ = std::move(outerTraces);
    }

    // Calls f(parser, begin, end) for ranges of the graph's nodes: once on this parser for a
    // small graph, else on copies of it (the same file, model and path, an arena each,
    // adopted by the graph) in parallel; the first error in node order wins.
    template <typename F>
    void inRanges(Graph& graph, F&& f) {
        const std::size_t n = graph.nodes.size();
        if (worker_ || rangeCount(n, kNodesPerThread) == 1) {
            f(*this, std::size_t{0}, n);
            return;
        }
        std::mutex adopting;
        forRanges(n, kNodesPerThread, [&](std::size_t, std::size_t begin, std::size_t end) {
            // The worker's arena is on its own stack: arenas side by side in one array would
            // share a cache line that both threads write for every string.
            Arena arena;
            Interner interner(arena);
            Parser worker(*this);
            worker.worker_ = true;
            worker.arena_ = &arena;
            worker.interner_ = &interner;
            worker.keptTraces_.clear();
            f(worker, begin, end);
            const std::lock_guard lock(adopting);
            graph.arena.adopt(std::move(arena));
        });
    }

    std::string_view keep(std::string_view s) { return arena_->copy(s); }

    // One pass over the node's keys: an object lookup per field would rescan them.
    void readNode(dom::element e, Node& node) {
        dom::object o = object(e);
        dom::element name, op, target, targetRaw, args, kwargs, outputs, tuple, meta, subgraph, weight;
        bool hasName = false, hasOp = false, hasTarget = false, hasRaw = false, hasArgs = false, hasKwargs = false;
        bool hasOutputs = false, hasTuple = false, hasMeta = false, hasSubgraph = false, hasWeight = false;
        for (auto [key, value] : o) {
            switch (key.size()) {
                case 2:
                    if (key == "op") {
                        op = value;
                        hasOp = true;
                    }
                    break;
                case 4:
                    if (key == "name") {
                        name = value;
                        hasName = true;
                    } else if (key == "args") {
                        args = value;
                        hasArgs = true;
                    } else if (key == "meta") {
                        meta = value;
                        hasMeta = true;
                    }
                    break;
                case 6:
                    if (key == "target") {
                        target = value;
                        hasTarget = true;
                    } else if (key == "kwargs") {
                        kwargs = value;
                        hasKwargs = true;
                    } else if (key == "weight") {
                        weight = value;
                        hasWeight = true;
                    }
                    break;
                case 7:
                    if (key == "outputs") {
                        outputs = value;
                        hasOutputs = true;
                    }
                    break;
                case 8:
                    if (key == "subgraph") {
                        subgraph = value;
                        hasSubgraph = true;
                    }
                    break;
                case 10:
                    if (key == "target_raw") {
                        targetRaw = value;
                        hasRaw = true;
                    }
                    break;
                case 15:
                    if (key == "output_is_tuple") {
                        tuple = value;
                        hasTuple = true;
                    }
                    break;
                default:
                    break;
            }
        }
        if (!hasName) fail("missing field \"name\"");
        {
            JsonScope s(path_, "name");
            node.name = keep(string(name));
            node.nameHash = Graph::hashName(node.name);
        }
        if (!hasOp) fail("missing field \"op\"");
        {
            JsonScope s(path_, "op");
            const std::string_view text = string(op);
            auto kind = opKindFromName(text);
            if (!kind)
                fail("unknown op \"" + std::string(text) +
                     "\" (expected placeholder, get_attr, call_function, call_method, call_module or output)");
            node.op = *kind;
        }
        if (!hasTarget) fail("missing field \"target\"");
        {
            JsonScope s(path_, "target");
            const std::string_view text = string(target);
            if (node.op == OpKind::CallFunction) {
                node.target = keep(isNormalOpName(text) ? text : std::string_view(normaliseOpName(text)));
                auto it = model_.schemas.find(node.target);
                if (it != model_.schemas.end()) node.schema = it->second.get();
            } else {
                node.target = keep(text);
            }
        }
        if (hasRaw && !targetRaw.is_null()) {
            JsonScope s(path_, "target_raw");
            node.targetRaw = keep(string(targetRaw));
        }
        if (hasArgs) {
            JsonScope s(path_, "args");
            node.args = arena_->make<Value>(array(args).size());
            std::size_t a = 0;
            eachItem(args, [&](dom::element x) { node.args[a++] = value(x); });
        }
        if (hasKwargs) {
            JsonScope s(path_, "kwargs");
            dom::object ko = object(kwargs);
            node.kwargs = arena_->make<Keyword>(ko.size());
            std::size_t k = 0;
            for (auto [key, v] : ko) {
                JsonScope ks(path_, key);
                node.kwargs[k++] = {keep(key), value(v)};
            }
        }
        if (hasOutputs) {
            JsonScope s(path_, "outputs");
            node.outputs = arena_->make<TensorInfo>(array(outputs).size());
            std::size_t k = 0;
            eachItem(outputs, [&](dom::element out) { node.outputs[k++] = tensorInfo(out); });
        }
        if (hasTuple) {
            JsonScope s(path_, "output_is_tuple");
            node.outputIsTuple = boolean(tuple);
        }
        if (hasWeight) {
            JsonScope s(path_, "weight");
            node.weightInput = boolean(weight);
        }
        if (hasMeta) {
            JsonScope s(path_, "meta");
            readMeta(object(meta), node);
        }
        if (hasSubgraph) {
            JsonScope s(path_, "subgraph");
            node.subgraph = std::make_unique<Graph>();
            readGraph(subgraph, *node.subgraph, node.target);
        }
    }

    // Provenance repeats across a large graph's layers: each distinct value is kept once.
    void readMeta(dom::object o, Node& node) {
        dom::element x;
        NodeExtras extras;
        if (field(o, "nn_module_stack", x)) {
            JsonScope s(path_, "nn_module_stack");
            frames_.clear();
            eachItem(x, [&](dom::element f) {
                dom::object fo = object(f);
                frames_.push_back({interner_->string(optionalView(fo, "key")), interner_->string(optionalView(fo, "path")),
                                   interner_->string(optionalView(fo, "type"))});
            });
            extras.moduleStack = interner_->frames(frames_);
        }
        if (field(o, "stack_trace", x) && !x.is_null()) {
            JsonScope s(path_, "stack_trace");
            if (x.type() == dom::element_type::INT64 || x.type() == dom::element_type::UINT64) {
                const std::int64_t at = integer(x);  // version 2: an index into the document's stack_traces
                if (at < 0 || static_cast<std::size_t>(at) >= stackTraces_.size())
                    fail("stack trace " + std::to_string(at) + " is not in \"stack_traces\" (" + std::to_string(stackTraces_.size()) +
                         " there)");
                extras.stackTrace = stackTraceAt(static_cast<std::size_t>(at));
            } else {
                extras.stackTrace = interner_->string(string(x));
            }
        }
        if (field(o, "source_fn_stack", x)) {
            JsonScope s(path_, "source_fn_stack");
            names_.clear();
            eachItem(x, [&](dom::element f) { names_.push_back(interner_->string(optionalView(object(f), "name"))); });
            extras.sourceFns = interner_->strings(names_);
        }
        node.extras = interner_->extras(extras);
    }

    // "[1, 64, 112, 112]", written with to_chars into a reused buffer, kept in the arena.
    std::string_view shapeText(dom::element e) {
        std::string& out = scratch_;
        out.clear();
        out += '[';
        std::int64_t i = 0;
        char buf[24];
        for (dom::element d : array(e)) {
            if (i) out += ", ";
            if (d.type() == dom::element_type::INT64) {
                auto res = std::to_chars(buf, buf + sizeof buf, std::int64_t(d));
                out.append(buf, res.ptr);
            } else if (d.type() == dom::element_type::STRING) {
                out += std::string_view(d);
            } else {
                JsonScope di(path_, i);
                fail(std::string("expected an integer or a symbolic size, found ") + jsonTypeName(d.type()));
            }
            ++i;
        }
        out += ']';
        return keep(out);
    }

    TensorInfo tensorInfo(dom::element e) {
        TensorInfo info;
        if (e.is_null()) {
            info.isTensor = false;
            return info;
        }
        bool hasShape = false;
        for (auto [key, x] : object(e)) {
            JsonScope s(path_, key);
            if (key == "shape") {
                info.shape = shapeText(x);
                hasShape = true;
            } else if (key == "dtype") {
                if (!x.is_null()) info.dtype = keep(string(x));
            } else if (key == "stride") {
                if (!x.is_null()) info.stride = shapeText(x);
            } else if (key == "scalar") {
                info.isTensor = false;
                info.dtype = keep(string(x));
                return info;
            }
        }
        if (!hasShape) fail("missing field \"shape\"");
        return info;
    }

    Value value(dom::element e) {
        switch (e.type()) {
            case dom::element_type::NULL_VALUE:
                return Value::none();
            case dom::element_type::BOOL:
                return Value::ofBool(bool(e));
            case dom::element_type::INT64:
                return Value::ofInt(std::int64_t(e));
            case dom::element_type::UINT64:
                return Value::ofRepr(keep(std::to_string(std::uint64_t(e))));
            case dom::element_type::DOUBLE:
                return Value::ofFloat(double(e));
            case dom::element_type::STRING:
                return Value::ofString(keep(std::string_view(e)));
            case dom::element_type::ARRAY: {
                Value v;
                v.kind = Value::Kind::List;
                dom::array items(e);
                v.items = arena_->make<Value>(items.size());
                std::int64_t i = 0;
                for (dom::element item : items) {
                    JsonScope si(path_, i);
                    v.items[static_cast<std::size_t>(i++)] = value(item);
                }
                return v;
            }
            case dom::element_type::OBJECT:
                return tagged(dom::object(e));
        }
        fail("unreadable value");
    }

    // Single-key objects: {"node": name}, {"tuple": [...]}, {"dtype": "torch.float32"}, ...
    Value tagged(dom::object o) {
        if (o.size() != 1) fail("expected a single-key object such as {\"node\": name}, found " + std::to_string(o.size()) + " keys");
        auto [key, x] = *o.begin();
        JsonScope s(path_, key);
        if (key == "node") return Value::ofNode(keep(string(x)));
        if (key == "tuple" || key == "dict") {
            Value v;
            v.kind = key == "tuple" ? Value::Kind::Tuple : Value::Kind::Dict;
            dom::array items = array(x);
            v.items = arena_->make<Value>(items.size());
            if (v.kind == Value::Kind::Dict) v.keys = arena_->make<std::string_view>(items.size());
            std::int64_t i = 0;
            for (dom::element item : items) {
                JsonScope si(path_, i);
                const auto at = static_cast<std::size_t>(i++);
                if (v.kind == Value::Kind::Tuple) {
                    v.items[at] = value(item);
                    continue;
                }
                dom::array pair = array(item);
                if (pair.size() != 2) fail("expected a [key, value] pair");
                v.keys[at] = keep(string(pair.at(0).value()));
                v.items[at] = value(pair.at(1).value());
            }
            return v;
        }
        if (key == "dtype" || key == "enum" || key == "repr" || key == "int") return Value::ofRepr(keep(string(x)));
        if (key == "float") {
            const auto f = string(x);
            if (f != "inf" && f != "-inf" && f != "nan") fail("expected inf, -inf or nan, found \"" + std::string(f) + "\"");
            return Value::ofRepr(keep(f));
        }
        if (key == "device") {
            const std::string d(string(x));
            const auto colon = d.find(':');
            if (colon == std::string::npos) return Value::ofRepr(keep("device(type='" + d + "')"));
            return Value::ofRepr(keep("device(type='" + d.substr(0, colon) + "', index=" + d.substr(colon + 1) + ")"));
        }
        if (key == "slice") {
            dom::array parts = array(x);
            if (parts.size() != 3) fail("expected [start, stop, step]");
            std::string text = "slice(";
            std::int64_t i = 0;
            for (dom::element p : parts) {
                JsonScope si(path_, i);
                if (i++) text += ", ";
                text += p.is_null() ? "None" : p.type() == dom::element_type::INT64 ? std::to_string(std::int64_t(p)) : "?";
            }
            return Value::ofRepr(keep(text + ")"));
        }
        fail("unknown value kind \"" + std::string(key) + "\"");
    }

    // Resolves node references to indices and fills inputs (here, where the JSON place of a
    // bad reference is known); users and the cycle check are the graph model's.
    void link(Graph& graph) {
        inRanges(graph, [&](Parser& p, std::size_t begin, std::size_t end) {
            for (std::size_t i = begin; i < end; ++i) p.linkNode(graph, i);
        });
        graph.linkUsers();
        if (const auto at = graph.nodeOnCycle()) {
            JsonScope ni(path_, static_cast<std::int64_t>(*at));
            fail("the graph has a cycle through node \"" + std::string(graph.nodes[*at].name) + "\"");
        }
    }

    void linkNode(Graph& graph, std::size_t i) {
        Node& node = graph.nodes[i];
        JsonScope ni(path_, static_cast<std::int64_t>(i));
        inputs_.clear();
        {
            JsonScope s(path_, "args");
            for (std::size_t a = 0; a < node.args.size(); ++a) {
                JsonScope ai(path_, static_cast<std::int64_t>(a));
                resolve(graph, node, node.args[a]);
            }
        }
        {
            JsonScope s(path_, "kwargs");
            for (auto& [key, v] : node.kwargs) {
                JsonScope k(path_, key);
                resolve(graph, node, v);
            }
        }
        node.inputs = arena_->copy(std::span<const std::uint32_t>(inputs_));
    }

    void resolve(const Graph& graph, Node& node, Value& v) {
        if (v.kind == Value::Kind::Node) {
            const auto at = graph.indexOf(v.text);
            if (!at)
                fail("node \"" + std::string(node.name) + "\" refers to \"" + std::string(v.text) +
                     "\", which is not a node of this graph");
            v.integer = *at;
            if (std::find(inputs_.begin(), inputs_.end(), *at) == inputs_.end()) inputs_.push_back(*at);
            return;
        }
        for (std::size_t i = 0; i < v.items.size(); ++i) {
            JsonScope si(path_, static_cast<std::int64_t>(i));
            resolve(graph, node, v.items[i]);
        }
    }

private:
    static constexpr std::size_t kNodesPerThread = 16384;
    Model& model_;
    bool worker_ = false;              // already one of several: no further threads
    Arena* arena_ = nullptr;           // where what is read is kept: the graph's, or a worker's own
    Interner* interner_ = nullptr;     // one copy of each distinct string in arena_
    std::vector<ModuleFrame> frames_;  // scratch of readMeta
    std::vector<std::string_view> names_;
    std::vector<std::string_view> stackTraces_;  // the document's table (version 2), views into it
    std::vector<std::string_view> keptTraces_;   // those of them kept in arena_ so far, by index

    // Table entry `i`, kept in arena_ the first time a node of this arena names it.
    std::string_view stackTraceAt(std::size_t i) {
        if (keptTraces_.size() != stackTraces_.size()) keptTraces_.assign(stackTraces_.size(), {});
        if (keptTraces_[i].empty()) keptTraces_[i] = interner_->string(stackTraces_[i]);
        return keptTraces_[i];
    }
    std::string scratch_;                // reused for text built while reading
    std::vector<std::uint32_t> inputs_;  // the node being linked's inputs
};

// `json` must be followed by simdjson::SIMDJSON_PADDING readable bytes. `mapped`, when the
// text is that file's, is released once a large document is parsed.
Model parsePadded(std::string_view json, const std::string& file, MappedFile* mapped = nullptr,
                  std::size_t keptParserLimit = kKeptParserLimit) {
    Model model;
    if (json.size() < keptParserLimit) {
        // One parser per thread, kept: its buffers are large, and fresh memory is
        // what a parse of a big dump spends most of its time on (docs/benchmarks.md).
        thread_local dom::parser parser;
        const dom::element root = parseJsonDocument(parser, json, file);
        Parser(file, model).document(root);
    } else {
        // A dump of half a million nodes: the parser's index of the text (4 bytes a token) and
        // the text itself are let go before the graph is built from the document, and the
        // document when it is built: the peak is the document and the graph, not all four.
        dom::parser parser;
        (void)parseJsonDocument(parser, json, file);
        dom::document document = std::move(parser.doc);
        parser = dom::parser{};
        if (mapped) mapped->release();
        Parser(file, model).document(document.root());
    }
    model.sources.push_back(file);
    return model;
}

}  // namespace

Model parseGraphDump(std::string_view json, const std::string& file, std::size_t keptParserLimit) {
    const simdjson::padded_string padded(json);
    return parsePadded(std::string_view(padded.data(), padded.size()), file, nullptr, keptParserLimit);
}

bool FxJsonReader::canRead(const std::filesystem::path& path, std::string_view head) const {
    if (head.empty()) return false;
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);  // a UTF-8 byte order mark, skipped as the parser skips it
    const auto first = head.find_first_not_of(" \t\r\n");
    return (first != std::string_view::npos && head[first] == '{') || path.extension() == ".json";
}

std::vector<Model> FxJsonReader::read(const std::filesystem::path& path) const {
    const std::string file = path.string();
    std::vector<Model> out;
    if (MappedFile mapped(file); mapped.ok()) {
        out.push_back(parsePadded(mapped.text(), file, &mapped));
        return out;
    }
    simdjson::padded_string padded;
    if (auto error = simdjson::padded_string::load(file).get(padded))
        throw InputError(file, "", std::string("cannot read the file: ") + simdjson::error_message(error));
    out.push_back(parsePadded(std::string_view(padded.data(), padded.size()), file));
    return out;
}

}  // namespace atenscope
