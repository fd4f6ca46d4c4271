// SPDX-License-Identifier: MIT
#include "readers/TraceReader.h"

#include "base/InputFile.h"
#include "base/Limits.h"
#include "base/LoadError.h"
#include "graph/Interner.h"
#include "graph/OpName.h"
#include "readers/JsonText.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

namespace atenscope {

namespace {

// The records whose payload is an aten-level graph a backend compiles. Not dynamo_output_graph
// and the pre-grad graph (torch-level: no aten ops to find), nor aot_joint_graph (forward and
// backward in one, before they are split into the two graphs logged after it).
const std::set<std::string, std::less<>> kGraphKinds = {"aot_forward_graph", "aot_backward_graph", "aot_inference_graph",
                                                        "inductor_post_grad_graph"};

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

// "V1130 03:22:54.265000 15371 torch/_dynamo/utils.py:2363] {...}": the JSON's offset, or npos.
std::size_t recordJson(std::string_view line) {
    if (line.size() < 24 || std::string_view("VIWEDC").find(line[0]) == std::string_view::npos) return std::string_view::npos;
    for (int i = 1; i <= 4; ++i)
        if (!isDigit(line[static_cast<std::size_t>(i)])) return std::string_view::npos;
    if (line[5] != ' ' || line[8] != ':' || line[11] != ':') return std::string_view::npos;
    const auto close = line.find("] {");
    return close == std::string_view::npos ? std::string_view::npos : close + 2;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::size_t indentOf(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    return i;
}

bool isIdentStart(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool isIdent(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// print_readable's dtype abbreviations (torch/_subclasses/fake_tensor's dtype_abbrs).
std::string_view dtypeOf(std::string_view abbr) {
    static const std::map<std::string_view, std::string_view> names = {{"f32", "float32"},
                                                                       {"f64", "float64"},
                                                                       {"f16", "float16"},
                                                                       {"bf16", "bfloat16"},
                                                                       {"i64", "int64"},
                                                                       {"i32", "int32"},
                                                                       {"i16", "int16"},
                                                                       {"i8", "int8"},
                                                                       {"u8", "uint8"},
                                                                       {"u16", "uint16"},
                                                                       {"u32", "uint32"},
                                                                       {"u64", "uint64"},
                                                                       {"b8", "bool"},
                                                                       {"c32", "complex32"},
                                                                       {"c64", "complex64"},
                                                                       {"c128", "complex128"},
                                                                       {"f8e4m3fn", "float8_e4m3fn"},
                                                                       {"f8e5m2", "float8_e5m2"},
                                                                       {"f8e4m3fnuz", "float8_e4m3fnuz"},
                                                                       {"f8e5m2fnuz", "float8_e5m2fnuz"}};
    const auto it = names.find(abbr);
    return it == names.end() ? std::string_view() : it->second;
}

struct Line {
    std::string_view text;  // without the leading tab
    std::size_t number = 0;
};

class GraphText {
public:
    GraphText(const std::string& file, const std::vector<Line>& lines) : file_(file), lines_(lines) {}

    [[noreturn]] void fail(std::size_t line, const std::string& what) const {
        throw InputError(file_, "line " + std::to_string(line), what);
    }

    // The class at lines_[begin] and everything indented under it, up to `end`. Each level
    // walks the lines of its block, so the nesting is bounded (real graphs nest a cond or a
    // loop body a few levels deep): the walk stays linear in the lines times the bound.
    void parseClass(std::size_t begin, std::size_t end, Graph& graph, std::size_t depth = 0) {
        if (depth > limits::kNestedGraphs)
            fail(lines_[begin].number, "graph classes nested deeper than " + std::to_string(limits::kNestedGraphs) + " levels; " +
                                           limitText(limits::kNestedGraphs, "levels", false));
        const std::size_t indent = indentOf(lines_[begin].text);
        // Nested classes first: the forward's get_attr nodes take them as subgraphs.
        std::map<std::string, std::unique_ptr<Graph>, std::less<>> nested;
        std::size_t forwardAt = end;
        for (std::size_t i = begin + 1; i < end; ++i) {
            const std::string_view t = lines_[i].text;
            if (trim(t).empty() || indentOf(t) != indent + 4) continue;
            const std::string_view s = trim(t);
            if (s.rfind("class ", 0) == 0) {
                const std::size_t stop = blockEnd(i, end);
                const std::string name(s.substr(6, s.find('(') - 6));
                auto sub = std::make_unique<Graph>();
                sub->name = name;
                sub->stage = graph.stage;
                sub->source = graph.source;
                parseClass(i, stop, *sub, depth + 1);
                nested[name] = std::move(sub);
                i = stop - 1;
            } else if (s.rfind("def forward(", 0) == 0) {
                forwardAt = i;
            }
        }
        if (forwardAt == end) fail(lines_[begin].number, "the class has no forward()");
        // The body runs from the signature's last line (")", at the def's indent when it spans
        // several lines) to the next line indented no deeper than the def.
        std::size_t signatureEnd = forwardAt;
        if (trim(lines_[forwardAt].text).back() != ':')
            while (signatureEnd + 1 < end && trim(lines_[signatureEnd].text).rfind(")", 0) != 0) ++signatureEnd;
        GraphBuilder b(*this, graph, nested);
        b.forward(forwardAt, blockEnd(signatureEnd, end));
    }

    // The first line after lines_[at]'s block (lines indented deeper, and blank ones).
    std::size_t blockEnd(std::size_t at, std::size_t end) const {
        const std::size_t indent = indentOf(lines_[at].text);
        std::size_t i = at + 1;
        while (i < end && (trim(lines_[i].text).empty() || indentOf(lines_[i].text) > indent)) ++i;
        return i;
    }

    const std::vector<Line>& lines() const { return lines_; }

private:
    // Builds one graph from a forward(): placeholders, a node per assignment, the output.
    class GraphBuilder {
    public:
        GraphBuilder(GraphText& text, Graph& graph, std::map<std::string, std::unique_ptr<Graph>, std::less<>>& nested)
            : text_(text), graph_(graph), nested_(nested), interner_(graph.arena) {}

        void forward(std::size_t at, std::size_t end) {
            const auto& lines = text_.lines();
            // The signature, on one line or several, up to "):" or ") -> ...:".
            std::string signature;
            std::size_t i = at;
            for (; i < end; ++i) {
                signature += std::string(stripComment(lines[i].text));
                signature += ' ';
                const std::string_view s = trim(lines[i].text);
                if (i > at ? (s.rfind(")", 0) == 0) : (s.back() == ':' && s.find(')') != std::string_view::npos)) {
                    ++i;
                    break;
                }
            }
            line_ = lines[at].number;
            const auto open = signature.find('(');
            const auto close = signature.rfind(')');
            if (open == std::string::npos || close == std::string::npos || close < open)
                text_.fail(line_, "unreadable forward() signature");
            for (std::string_view p : splitTop(std::string_view(signature).substr(open + 1, close - open - 1), ',')) {
                p = trim(p);
                if (p.empty() || p == "self") continue;
                const auto colon = p.find(':');
                const std::string_view name = trim(p.substr(0, colon));
                if (name.empty() || !isIdentStart(name[0])) text_.fail(line_, "unreadable parameter \"" + std::string(p) + "\"");
                const std::uint32_t n = add(name, OpKind::Placeholder, name);
                if (colon != std::string_view::npos) annotate(n, trim(p.substr(colon + 1)));
            }
            std::string_view source;
            for (; i < end; ++i) {
                line_ = lines[i].number;
                const std::string_view s = trim(lines[i].text);
                if (s.empty()) {
                    source = {};
                    continue;
                }
                if (s[0] == '#') {
                    if (s.rfind("# File: ", 0) == 0) source = interner_.string(s.substr(2));
                    if (s.rfind("# No stacktrace", 0) == 0) source = {};
                    continue;
                }
                if (s.rfind("return", 0) == 0) {
                    std::string ret(stripComment(s.substr(6)));
                    // "return (" then one value a line, then ")"
                    while (i + 1 < end && std::count(ret.begin(), ret.end(), '(') > std::count(ret.begin(), ret.end(), ')')) {
                        ++i;
                        ret += ' ';
                        ret += std::string(stripComment(trim(lines[i].text)));
                    }
                    output(trim(ret));
                    continue;
                }
                statement(s, source);
            }
            if (!graph_.nodes.empty() && graph_.nodes.back().op != OpKind::Output) text_.fail(line_, "the forward() has no return");
            graph_.linkUsers();
        }

    private:
        // Calls at(i, depth) for each character of `s` outside string literals, with the
        // bracket depth before it, until at() returns true; returns that position, or npos.
        template <typename F>
        static std::size_t scanTop(std::string_view s, F&& at) {
            int depth = 0;
            char quote = 0;
            for (std::size_t i = 0; i < s.size(); ++i) {
                const char c = s[i];
                if (quote) {
                    if (c == '\\')
                        ++i;
                    else if (c == quote)
                        quote = 0;
                    continue;
                }
                if (c == '"' || c == '\'') {
                    quote = c;
                    continue;
                }
                if (at(i, depth)) return i;
                if (c == '(' || c == '[' || c == '{') ++depth;
                if (c == ')' || c == ']' || c == '}') --depth;
            }
            return std::string_view::npos;
        }

        static std::string_view stripComment(std::string_view s) {
            return s.substr(0, scanTop(s, [&](std::size_t i, int) { return s[i] == '#'; }));
        }

        // Splits at `sep` outside brackets and quotes.
        static std::vector<std::string_view> splitTop(std::string_view s, char sep) {
            std::vector<std::string_view> out;
            std::size_t start = 0;
            scanTop(s, [&](std::size_t i, int depth) {
                if (s[i] == sep && depth == 0) {
                    out.push_back(s.substr(start, i - start));
                    start = i + 1;
                }
                return false;
            });
            if (start < s.size() || !out.empty()) out.push_back(s.substr(start));
            return out;
        }

        // The "=" of an assignment (or a keyword argument) at the top level, not of ==, !=, <=, >=.
        static std::size_t findAssign(std::string_view s) {
            return scanTop(s, [&](std::size_t i, int depth) {
                return s[i] == '=' && depth == 0 && (i + 1 >= s.size() || s[i + 1] != '=') &&
                       (i == 0 || std::string_view("=!<>").find(s[i - 1]) == std::string_view::npos);
            });
        }

        std::uint32_t add(std::string_view name, OpKind op, std::string_view target) {
            const auto at = static_cast<std::uint32_t>(graph_.nodes.size());
            graph_.nodes.emplace_back();
            Node& n = graph_.nodes.back();
            n.name = graph_.arena.copy(name);
            n.nameHash = Graph::hashName(n.name);
            n.op = op;
            n.target = graph_.arena.copy(target);
            if (!graph_.indexNode(at)) text_.fail(line_, "two nodes are named \"" + std::string(name) + "\"");
            return at;
        }

        // "f32[1, 8, 32, 32][8192, 1024, 32, 1]cpu", "Sym(s0)", "b8[s0][1]cpu"
        void annotate(std::uint32_t node, std::string_view annotation) {
            if (annotation.size() < 2 || annotation.front() != '"' || annotation.back() != '"') return;
            annotation = annotation.substr(1, annotation.size() - 2);
            TensorInfo info;
            if (annotation.rfind("Sym(", 0) == 0) {
                info.isTensor = false;
                info.dtype = "int";
            } else {
                const auto open = annotation.find('[');
                if (open == std::string_view::npos) return;
                const std::string_view dtype = dtypeOf(annotation.substr(0, open));
                info.dtype = dtype.empty() ? interner_.string(annotation.substr(0, open)) : dtype;
                const auto close = annotation.find(']', open);
                if (close == std::string_view::npos) text_.fail(line_, "unreadable shape in \"" + std::string(annotation) + "\"");
                info.shape = interner_.string(annotation.substr(open, close - open + 1));
                if (close + 1 < annotation.size() && annotation[close + 1] == '[') {
                    const auto strideClose = annotation.find(']', close + 1);
                    if (strideClose != std::string_view::npos)
                        info.stride = interner_.string(annotation.substr(close + 1, strideClose - close));
                }
            }
            graph_.nodes[node].outputs = graph_.arena.make<TensorInfo>(1);
            graph_.nodes[node].outputs[0] = info;
        }

        void statement(std::string_view s, std::string_view source) {
            s = trim(splitTop(stripComment(s), ';').front());
            const auto eq = findAssign(s);
            if (eq == std::string_view::npos && isName(trim(s.substr(0, s.find(':')))) && s.find(':') != std::string_view::npos) {
                // "primals_1: \"f32[8][1]cpu\"": an input unpacked from the signature's pytree
                const std::string_view name = trim(s.substr(0, s.find(':')));
                annotate(add(name, OpKind::Placeholder, name), trim(s.substr(s.find(':') + 1)));
                return;
            }
            if (eq == std::string_view::npos)
                text_.fail(line_, "expected \"name = expression\", found \"" + std::string(s.substr(0, 80)) + "\"");
            std::string_view lhs = trim(s.substr(0, eq));
            const std::string_view rhs = trim(s.substr(eq + 1));
            std::string_view annotation;
            if (const auto colon = lhs.find(':'); colon != std::string_view::npos) {
                annotation = trim(lhs.substr(colon + 1));
                lhs = trim(lhs.substr(0, colon));
            }
            if (lhs.empty() || !isIdentStart(lhs[0])) text_.fail(line_, "unreadable name \"" + std::string(lhs) + "\"");
            inputs_.clear();
            std::uint32_t at;
            if (rhs.rfind("self.", 0) == 0 && std::all_of(rhs.begin() + 5, rhs.end(), isIdent)) {
                at = getAttr(lhs, rhs.substr(5));
            } else if (const auto call = rhs.find('(');
                       call != std::string_view::npos && rhs.back() == ')' && isCallee(rhs.substr(0, call))) {
                std::string target = normaliseOpName(rhs.substr(0, call));
                if (target.rfind("_operator.", 0) == 0) target = "operator." + target.substr(10);
                std::vector<Value> args;
                std::vector<Keyword> kwargs;
                for (std::string_view a : splitTop(rhs.substr(call + 1, rhs.size() - call - 2), ',')) {
                    a = trim(a);
                    if (a.empty()) continue;
                    const auto kw = findAssign(a);
                    if (kw != std::string_view::npos && isIdentStart(a[0]) &&
                        std::all_of(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(trim(a.substr(0, kw)).size()), isIdent))
                        kwargs.push_back({graph_.arena.copy(trim(a.substr(0, kw))), value(trim(a.substr(kw + 1)))});
                    else
                        args.push_back(value(a));
                }
                at = add(lhs, OpKind::CallFunction, target);
                graph_.nodes[at].args = graph_.arena.copy(std::span<const Value>(args));
                graph_.nodes[at].kwargs = graph_.arena.copy(std::span<const Keyword>(kwargs));
            } else if (const auto sub = rhs.find('['); sub != std::string_view::npos && rhs.back() == ']' && isName(rhs.substr(0, sub))) {
                // x[0]: fx's getitem
                std::vector<Value> args{value(rhs.substr(0, sub)), value(rhs.substr(sub + 1, rhs.size() - sub - 2))};
                at = add(lhs, OpKind::CallFunction, "operator.getitem");
                graph_.nodes[at].args = graph_.arena.copy(std::span<const Value>(args));
            } else if (const auto op = binaryOperator(rhs); !op.first.empty()) {
                // symbolic arithmetic: sym_size_int * 2
                std::vector<Value> args{value(trim(rhs.substr(0, op.second))), value(trim(rhs.substr(op.second + op.first.size())))};
                static const std::map<std::string_view, std::string_view> names = {{"+", "operator.add"},     {"-", "operator.sub"},
                                                                                   {"*", "operator.mul"},     {"//", "operator.floordiv"},
                                                                                   {"/", "operator.truediv"}, {"%", "operator.mod"}};
                at = add(lhs, OpKind::CallFunction, names.at(op.first));
                graph_.nodes[at].args = graph_.arena.copy(std::span<const Value>(args));
            } else {
                text_.fail(line_, "unreadable expression \"" + std::string(rhs.substr(0, 80)) + "\"");
            }
            Node& n = graph_.nodes[at];
            n.inputs = graph_.arena.copy(std::span<const std::uint32_t>(inputs_));
            if (!source.empty()) {
                NodeExtras extras;
                extras.stackTrace = source;
                n.extras = interner_.extras(extras);
            }
            if (!annotation.empty()) annotate(at, annotation);
        }

        std::uint32_t getAttr(std::string_view name, std::string_view attribute) {
            const std::uint32_t at = add(name, OpKind::GetAttr, attribute);
            if (auto it = nested_.find(attribute); it != nested_.end() && it->second) graph_.nodes[at].subgraph = std::move(it->second);
            return at;
        }

        void output(std::string_view ret) {
            inputs_.clear();
            const std::uint32_t at = add("output", OpKind::Output, "output");
            Value v = ret.empty() ? Value::none() : value(ret);
            graph_.nodes[at].args = graph_.arena.make<Value>(1);
            graph_.nodes[at].args[0] = v;
            graph_.nodes[at].inputs = graph_.arena.copy(std::span<const std::uint32_t>(inputs_));
        }

        static bool isName(std::string_view s) { return !s.empty() && isIdentStart(s[0]) && std::all_of(s.begin(), s.end(), isIdent); }
        static bool isCallee(std::string_view s) {
            return !s.empty() && isIdentStart(s[0]) && std::all_of(s.begin(), s.end(), [](char c) { return isIdent(c) || c == '.'; });
        }

        // The top-level binary operator of a symbolic expression and its position, if any.
        static std::pair<std::string_view, std::size_t> binaryOperator(std::string_view s) {
            int depth = 0;
            for (std::size_t i = 1; i + 1 < s.size(); ++i) {
                const char c = s[i];
                if (c == '(' || c == '[') ++depth;
                if (c == ')' || c == ']') --depth;
                if (depth || s[i - 1] != ' ') continue;
                for (std::string_view op : {std::string_view("//"), std::string_view("+"), std::string_view("-"), std::string_view("*"),
                                            std::string_view("/"), std::string_view("%")})
                    if (s.substr(i, op.size()) == op && i + op.size() < s.size() && s[i + op.size()] == ' ') return {op, i};
            }
            return {{}, 0};
        }

        Value ref(std::uint32_t at) {
            Value v = Value::ofNode(graph_.nodes[at].name);
            v.integer = at;
            if (std::find(inputs_.begin(), inputs_.end(), at) == inputs_.end()) inputs_.push_back(at);
            return v;
        }

        // A Python literal, a node's name, or a container of those.
        Value value(std::string_view s) {
            s = trim(s);
            if (s.empty()) text_.fail(line_, "an empty argument");
            if (++depth_ > 200) text_.fail(line_, "values nested too deeply");
            struct Leave {
                int& d;
                ~Leave() { --d; }
            } leave{depth_};
            const char c = s.front();
            if (c == '[' || c == '(') {
                const char close = c == '[' ? ']' : ')';
                if (s.back() != close) text_.fail(line_, "unbalanced \"" + std::string(s.substr(0, 80)) + "\"");
                const std::string_view inner = s.substr(1, s.size() - 2);
                std::vector<Value> items;
                const auto parts = splitTop(inner, ',');
                for (std::size_t i = 0; i < parts.size(); ++i) {
                    if (trim(parts[i]).empty() && i + 1 == parts.size()) break;  // (x,)
                    items.push_back(value(parts[i]));
                }
                Value v;
                v.kind = c == '[' ? Value::Kind::List : Value::Kind::Tuple;
                v.items = graph_.arena.copy(std::span<const Value>(items));
                return v;
            }
            if (c == '\'' || c == '"') {
                if (s.size() < 2 || s.back() != c) text_.fail(line_, "unterminated string " + std::string(s.substr(0, 80)));
                return Value::ofString(graph_.arena.copy(s.substr(1, s.size() - 2)));
            }
            if (s == "None") return Value::none();
            if (s == "True" || s == "False") return Value::ofBool(s == "True");
            if (s == "inf" || s == "-inf" || s == "nan") return Value::ofRepr(graph_.arena.copy(s));
            if (isDigit(c) || ((c == '-' || c == '+') && s.size() > 1 && (isDigit(s[1]) || s[1] == '.')) || c == '.') {
                if (s.find_first_of(".eE") == std::string_view::npos || s.rfind("0x", 0) == 0) {
                    std::int64_t i = 0;
                    const auto r = std::from_chars(s.data() + (c == '+'), s.data() + s.size(), i);
                    if (r.ec == std::errc() && r.ptr == s.data() + s.size()) return Value::ofInt(i);
                    return Value::ofRepr(graph_.arena.copy(s));  // beyond 64 bits
                }
                double d = 0;
                const auto r = std::from_chars(s.data() + (c == '+'), s.data() + s.size(), d);
                if (r.ec == std::errc() && r.ptr == s.data() + s.size()) return Value::ofFloat(d);
                text_.fail(line_, "unreadable number \"" + std::string(s) + "\"");
            }
            if (s.rfind("self.", 0) == 0 && isName(s.substr(5))) return ref(getAttr(s.substr(5), s.substr(5)));
            if (isName(s)) {
                if (const auto at = graph_.indexOf(s)) return ref(*at);
                text_.fail(line_, "refers to \"" + std::string(s) + "\", which no earlier line of this graph defines");
            }
            // torch.float32, device(type='cpu'), torch.contiguous_format, slice(None, None, None)
            return Value::ofRepr(graph_.arena.copy(s));
        }

        GraphText& text_;
        Graph& graph_;
        std::map<std::string, std::unique_ptr<Graph>, std::less<>>& nested_;
        Interner interner_;
        std::vector<std::uint32_t> inputs_;
        std::size_t line_ = 0;
        int depth_ = 0;
    };

    const std::string& file_;
    const std::vector<Line>& lines_;
};

}  // namespace

bool looksLikeTrace(std::string_view head) {
    const auto end = head.find('\n');
    return recordJson(head.substr(0, end)) != std::string_view::npos;
}

Model parseTrace(std::string_view text, const std::string& file, const std::string& modelName) {
    Model model;
    model.name = modelName;
    model.sources.push_back(file);
    std::size_t pos = 0, number = 0;
    std::vector<Line> payload;
    auto nextLine = [&](std::string_view& line) {
        if (pos >= text.size()) return false;
        const auto end = text.find('\n', pos);
        line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        pos = end == std::string_view::npos ? text.size() : end + 1;
        ++number;
        return true;
    };
    std::string_view line;
    bool have = nextLine(line);
    std::set<std::string> names;
    std::unordered_map<std::string, std::size_t> seen;
    while (have) {
        const std::size_t recordLine = number;
        const std::size_t json = recordJson(line);
        if (json == std::string_view::npos) {
            if (!line.empty() && line[0] != '\t')
                throw InputError(file, "line " + std::to_string(number),
                                 "not a structured-trace record (expected a glog line with a JSON object)");
            have = nextLine(line);
            continue;
        }
        // A record is one line: its JSON's own line 1 is the log's line, its columns start after the glog prefix.
        const nlohmann::json record = parseJsonText(line.substr(json), file, TextOrigin{recordLine, json + 1});
        payload.clear();
        while ((have = nextLine(line)) && !line.empty() && line[0] == '\t') payload.push_back({line.substr(1), number});
        if (!record.is_object()) continue;
        std::string kind;
        for (const auto& [key, value] : record.items())
            if (kGraphKinds.count(key)) kind = key;
        if (auto a = record.find("artifact"); kind.empty() && a != record.end() && a->is_object()) {
            const auto n = a->find("name");
            if (n != a->end() && n->is_string() && kGraphKinds.count(n->get<std::string>())) kind = n->get<std::string>();
        }
        if (kind.empty()) continue;
        auto id = [&](const char* key) {
            const auto it = record.find(key);
            return it != record.end() && it->is_number_integer() ? std::to_string(it->get<std::int64_t>()) : std::string("?");
        };
        std::string name = "[" + id("frame_id") + "/" + id("frame_compile_id") + "] " + kind;
        if (const auto a = record.find("attempt"); a != record.end() && a->is_number_integer() && a->get<std::int64_t>() > 0)
            name += " attempt " + id("attempt");
        // Records of one frame and kind are numbered #2, #3, ...: one counter per name, so many
        // such records stay linear.
        if (const std::size_t n = ++seen[name]; n > 1) {
            const std::string base = name;
            for (std::size_t k = n; names.count(name = base + " #" + std::to_string(k)); ++k) seen[base] = k + 1;
        }
        names.insert(name);
        const auto cls = std::find_if(payload.begin(), payload.end(), [](const Line& l) { return trim(l.text).rfind("class ", 0) == 0; });
        if (cls == payload.end())
            throw InputError(file, "line " + std::to_string(recordLine), "the " + kind + " record holds no graph (no class ...: line)");
        model.graphs.emplace_back();
        Graph& graph = model.graphs.back();
        graph.name = name;
        graph.stage = "compiled";
        graph.source = file;
        GraphText g(file, payload);
        const std::size_t begin = static_cast<std::size_t>(cls - payload.begin());
        g.parseClass(begin, g.blockEnd(begin, payload.size()), graph);
        if (const auto at = graph.nodeOnCycle())
            throw InputError(file, "line " + std::to_string(recordLine),
                             "the graph has a cycle through \"" + std::string(graph.nodes[*at].name) + "\"");
    }
    if (model.graphs.empty())
        throw InputError(file, "", "the trace holds no aten-level graph (aot_*_graph or inductor_post_grad_graph records)");
    return model;
}

bool TraceReader::canRead(const std::filesystem::path&, std::string_view head) const {
    return looksLikeTrace(head);
}

std::vector<Model> TraceReader::read(const std::filesystem::path& path) const {
    const std::string text = readInputFile(path);
    // TORCH_TRACE names its logs at random (dedicated_log_torch_trace_XXXX.log): the folder names the run.
    const auto parent = path.parent_path().filename().string();
    const std::string name =
        path.filename().string().rfind("dedicated_log_torch_trace", 0) == 0 && !parent.empty() ? parent : path.stem().string();
    std::vector<Model> out;
    out.push_back(parseTrace(text, path.string(), name));
    return out;
}

}  // namespace atenscope
