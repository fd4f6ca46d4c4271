// SPDX-License-Identifier: MIT
#include "writers/MetricsWriter.h"

#include "base/SafeName.h"
#include "graph/Recorded.h"
#include "writers/AtomicFile.h"
#include "writers/Pickle.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <type_traits>

namespace atenscope {

using ojson = nlohmann::ordered_json;

namespace {

// Calls f(int) or f(string_view) for each size of a shape's text ("[1, s0, 3]").
template <typename F>
void eachSize(std::string_view shape, F&& f) {
    std::string_view body(shape.data() + 1, shape.size() - 2);
    while (!body.empty()) {
        const auto comma = body.find(',');
        std::string_view item = body.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        std::int64_t v = 0;
        auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
        if (ec == std::errc() && ptr == item.data() + item.size()) {
            f(v);
        } else {
            f(item);
        }
        if (comma == std::string_view::npos) break;
        body.remove_prefix(comma + 1);
    }
}

// The metrics document, said once, as events to a sink: the sinks below build an
// ordered_json, write JSON text, or write a pickle, all from this one description.
// A sink has beginObject/endObject, beginArray/endArray, key(k), and value(v) for
// nullptr, bool, integers, double and strings.
template <typename Sink>
void emitShape(Sink& out, std::string_view shape) {
    if (shape.size() < 2) {
        out.value(nullptr);
        return;
    }
    out.beginArray();
    eachSize(shape, [&](auto size) { out.value(size); });
    out.endArray();
}

template <typename Sink>
void emitSummary(Sink& out, const Summary& s, std::size_t top) {
    out.beginObject();
    if (!s.graph.empty()) out.key("subgraph").value(s.graph);
    out.key("total_remaining_ops").value(s.remaining);
    out.key("unique_op_types").value(std::uint64_t{s.uniqueOpTypes()});
    out.key("op_frequency").beginObject();
    for (const auto& [op, stats] : s.ops) out.key(op).value(stats.count);
    out.endObject();
    out.key("most_frequent_ops").beginArray();
    for (const auto& [op, count] : s.mostFrequent(top)) {
        out.beginArray();
        out.value(op).value(count);
        out.endArray();
    }
    out.endArray();
    out.key("remaining_ops_details").beginArray();
    for (const auto& r : s.details) {
        out.beginObject();
        out.key("op_name").value(r.opName);
        out.key("node_name").value(r.nodeName);
        out.key("args_str").value(r.argsStr);
        out.key("kwargs_str").value(r.kwargsStr);
        out.key("input_shapes").beginArray();
        for (const auto& in : r.inputShapes) emitShape(out, in);
        out.endArray();
        out.key("output_shape");
        emitShape(out, r.outputShape);
        out.key("subgraph").value(r.graph);
        out.key("module_path").value(r.modulePath);
        out.key("input_variation").value(r.variation);
        out.endObject();
    }
    out.endArray();
    out.key("original_ops_count");
    if (s.originalOpsCount) {
        out.value(*s.originalOpsCount);
    } else {
        out.value(nullptr);
    }
    out.key("conversion_percentage");
    if (const auto pct = s.conversionPercentage()) {
        out.value(*pct);
    } else {
        out.value(nullptr);
    }
    out.key("compilation_timestamp").value(s.timestamp);
    // Beyond torch_ttnn's op report.
    out.key("converted_ops_count").value(s.converted);
    out.key("data_movement_ops_count").value(s.dataMovement);
    out.key("total_nodes").value(s.nodes);
    out.key("structural_nodes").value(s.structural);
    out.key("other_nodes").value(s.other);
    out.key("torch_ops_remain").value(totalUnique(s.remaining, s.uniqueOpTypes()));
    out.key("input_variations").beginObject();
    for (const auto& [op, stats] : s.ops) {
        out.key(op).beginArray();
        for (const auto& [v, c] : stats.variations) {
            out.beginObject();
            out.key("input_variation").value(v);
            out.key("count").value(c);
            out.endObject();
        }
        out.endArray();
    }
    out.endObject();
    out.endObject();
}

// The model's own lines that leave ops behind, most remaining nodes first.
template <typename Sink>
void emitSourceLines(Sink& out, const SourceLineMap& lines) {
    out.key("source_lines").beginArray();
    for (const auto& [key, stats] : rankedLines(lines)) {
        if (stats->remaining == 0) break;  // ranked: the rest converted everything
        out.beginObject();
        out.key("file").value(key->file);
        out.key("line").value(std::uint64_t{key->line});
        out.key("function").value(stats->function);
        out.key("code").value(stats->code);
        out.key("remaining").value(stats->remaining);
        out.key("converted").value(stats->converted);
        out.key("ops").beginObject();
        for (const auto& [op, n] : stats->ops) out.key(op).value(n);
        out.endObject();
        if (!stats->models.empty()) {
            out.key("models").beginObject();
            for (const auto& [m, n] : stats->models) out.key(m).value(n);
            out.endObject();
        }
        out.endObject();
    }
    out.endArray();
}

// How the runs went, as a metrics folder's *-run_time_metrics.pickle recorded them.
template <typename Sink>
void emitRuns(Sink& out, const Recorded& r) {
    if (!r.originalRun.success && !r.compiledRun.success) return;
    out.key("runs").beginObject();
    for (const auto& [name, run] : {std::pair<const char*, const RecordedRun*>{"original", &r.originalRun}, {"compiled", &r.compiledRun}}) {
        if (!run->success) continue;
        out.key(name).beginObject();
        out.key("success").value(*run->success);
        auto number = [&](const char* key, const std::optional<double>& v) {
            if (v) out.key(key).value(*v);
        };
        number("run_time", run->runTime);
        number("avg_run_time", run->averageRunTime);
        number("run_time_first_iter", run->firstRunTime);
        number("accuracy", run->accuracy);
        if (run->batchSize) out.key("batch_size").value(*run->batchSize);
        out.endObject();
    }
    out.endObject();
}

// A model's report: the header, then the merged summary's fields at the top level.
template <typename Sink>
void emitReport(Sink& out, const ModelReport& report, std::size_t top) {
    out.beginObject();
    out.key("format").value(std::string_view("atenscope.metrics"));
    out.key("version").value(std::int64_t{kMetricsVersion});
    out.key("model").value(report.total.model);
    out.key("profile").value(report.total.profile);
    out.key("predicted").value(report.total.predicted);
    if (report.recorded) emitRuns(out, *report.recorded);
    out.inlineNext();  // the summary's fields join this object
    emitSummary(out, report.total, top);
    out.key("subgraphs").beginArray();
    for (const auto& s : report.subgraphs) emitSummary(out, s, top);
    out.endArray();
    emitSourceLines(out, report.total.lines);
    out.endObject();
}

template <typename Sink>
void emitReports(Sink& out, const std::vector<ModelReport>& reports, std::size_t top) {
    out.beginObject();
    out.key("format").value(std::string_view("atenscope.metrics"));
    out.key("version").value(std::int64_t{kMetricsVersion});
    out.key("models").beginArray();
    for (const auto& r : reports) emitReport(out, r, top);
    out.endArray();
    out.endObject();
}

// A double exactly as ordered_json's dump() writes it (its own Grisu2 digits, ".0" on whole
// numbers, null for inf and nan), so that streamed text and the tree's dump agree byte for byte.
void appendJsonNumber(std::string& out, double d) {
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    char buf[64];
    const char* end = nlohmann::detail::to_chars(buf, buf + sizeof buf, d);
    out.append(buf, static_cast<std::size_t>(end - buf));
}

// Containers opened by a sink; inlineNext() makes the next beginObject/endObject pair
// add to the open object instead of nesting one.
class Nesting {
public:
    void inlineNext() { inlineNext_ = true; }
    // True when this begin opens a real container.
    bool open() {
        if (inlineNext_) {
            inlineNext_ = false;
            inlined_.push_back(depth_);
            return false;
        }
        ++depth_;
        return true;
    }
    bool close() {
        if (!inlined_.empty() && inlined_.back() == depth_) {
            inlined_.pop_back();
            return false;
        }
        --depth_;
        return true;
    }

private:
    bool inlineNext_ = false;
    std::size_t depth_ = 0;
    std::vector<std::size_t> inlined_;
};

// Builds an ordered_json.
class JsonBuilder {
public:
    JsonBuilder& beginObject() { return begin(ojson::object()); }
    JsonBuilder& beginArray() { return begin(ojson::array()); }
    JsonBuilder& endObject() { return end(); }
    JsonBuilder& endArray() { return end(); }
    JsonBuilder& key(std::string_view k) {
        key_ = k;
        return *this;
    }
    template <typename T>
    JsonBuilder& value(const T& v) {
        if constexpr (std::is_same_v<T, std::string_view>) {
            put(ojson(std::string(v)));
        } else {
            put(ojson(v));
        }
        return *this;
    }
    void inlineNext() { nesting_.inlineNext(); }
    ojson take() { return std::move(root_); }

private:
    JsonBuilder& begin(ojson empty) {
        if (!nesting_.open()) return *this;
        stack_.push_back(put(std::move(empty)));
        return *this;
    }
    JsonBuilder& end() {
        if (nesting_.close()) stack_.pop_back();
        return *this;
    }
    ojson* put(ojson v) {
        if (stack_.empty()) {
            root_ = std::move(v);
            return &root_;
        }
        ojson& parent = *stack_.back();
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return &parent.back();
        }
        ojson& slot = parent[key_];
        slot = std::move(v);
        return &slot;
    }
    ojson root_;
    std::vector<ojson*> stack_;
    std::string key_;
    Nesting nesting_;
};

// Writes JSON text as nlohmann's dump(1) does: one-space indents, "key": value, UTF-8 kept.
class JsonText {
public:
    explicit JsonText(std::string& out) : out_(out) {}
    JsonText& beginObject() { return begin('{'); }
    JsonText& beginArray() { return begin('['); }
    JsonText& endObject() { return end('}'); }
    JsonText& endArray() { return end(']'); }
    JsonText& key(std::string_view k) {
        item();
        quoted(k);
        out_ += ": ";
        keyed_ = true;
        return *this;
    }
    JsonText& value(std::nullptr_t) { return scalar("null"); }
    JsonText& value(bool b) { return scalar(b ? "true" : "false"); }
    JsonText& value(std::int64_t v) { return number(v); }
    JsonText& value(std::uint64_t v) { return number(v); }
    JsonText& value(double d) {
        prefix();
        appendJsonNumber(out_, d);
        return *this;
    }
    JsonText& value(std::string_view s) {
        prefix();
        quoted(s);
        return *this;
    }
    JsonText& value(const std::string& s) { return value(std::string_view(s)); }
    void inlineNext() { nesting_.inlineNext(); }

private:
    struct Level {
        bool empty = true;
    };
    // Before any value: a separator and indent when inside a container and not after a key.
    void prefix() {
        if (keyed_) {
            keyed_ = false;
            return;
        }
        item();
    }
    void item() {
        if (levels_.empty()) return;
        out_ += levels_.back().empty ? "\n" : ",\n";
        levels_.back().empty = false;
        out_.append(levels_.size(), ' ');
    }
    JsonText& begin(char c) {
        if (!nesting_.open()) return *this;
        prefix();
        out_ += c;
        levels_.push_back({});
        return *this;
    }
    JsonText& end(char c) {
        if (!nesting_.close()) return *this;
        const bool empty = levels_.back().empty;
        levels_.pop_back();
        if (!empty) {
            out_ += '\n';
            out_.append(levels_.size(), ' ');
        }
        out_ += c;
        return *this;
    }
    JsonText& scalar(const char* text) {
        prefix();
        out_ += text;
        return *this;
    }
    template <typename T>
    JsonText& number(T v) {
        prefix();
        char buf[24];
        out_.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
        return *this;
    }
    void quoted(std::string_view s) {
        out_ += '"';
        for (const char c : s) {
            switch (c) {
                case '"':
                    out_ += "\\\"";
                    break;
                case '\\':
                    out_ += "\\\\";
                    break;
                case '\b':
                    out_ += "\\b";
                    break;
                case '\f':
                    out_ += "\\f";
                    break;
                case '\n':
                    out_ += "\\n";
                    break;
                case '\r':
                    out_ += "\\r";
                    break;
                case '\t':
                    out_ += "\\t";
                    break;
                default:
                    if (static_cast<unsigned char>(c) < 0x20) {
                        char buf[8];
                        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                        out_ += buf;
                    } else {
                        out_ += c;
                    }
            }
        }
        out_ += '"';
    }
    std::string& out_;
    std::vector<Level> levels_;
    bool keyed_ = false;
    Nesting nesting_;
};

// Writes the same data as a pickle, through toPickle's encoder one value at a time.
class PickleText {
public:
    explicit PickleText(PickleWriter& w) : w_(w) {}
    PickleText& beginObject() {
        if (nesting_.open()) w_.beginDict();
        return *this;
    }
    PickleText& beginArray() {
        if (nesting_.open()) w_.beginList();
        return *this;
    }
    PickleText& endObject() {
        if (nesting_.close()) w_.end();
        return *this;
    }
    PickleText& endArray() { return endObject(); }
    PickleText& key(std::string_view k) {
        w_.string(k);
        return *this;
    }
    template <typename T>
    PickleText& value(const T& v) {
        if constexpr (std::is_same_v<T, std::nullptr_t>) {
            w_.none();
        } else if constexpr (std::is_same_v<T, bool>) {
            w_.boolean(v);
        } else if constexpr (std::is_same_v<T, double>) {
            w_.real(v);
        } else if constexpr (std::is_same_v<T, std::uint64_t>) {
            w_.unsignedInteger(v);
        } else if constexpr (std::is_integral_v<T>) {
            w_.integer(v);
        } else {
            w_.string(std::string_view(v));
        }
        return *this;
    }
    void inlineNext() { nesting_.inlineNext(); }

private:
    PickleWriter& w_;
    Nesting nesting_;
};

template <typename Emit>
ojson build(Emit&& emit) {
    JsonBuilder b;
    emit(b);
    return b.take();
}

template <typename Emit>
std::string text(Emit&& emit) {
    std::string out;
    JsonText t(out);
    emit(t);
    out += '\n';
    return out;
}

template <typename Emit>
std::string pickle(Emit&& emit) {
    PickleWriter w;
    PickleText p(w);
    emit(p);
    return w.finish();
}

}  // namespace

ojson shapeToJson(const std::string& shape) {
    return build([&](auto& out) { emitShape(out, shape); });
}

ojson sourceLinesToJson(const SourceLineMap& lines) {
    return build([&](auto& out) {
        out.beginObject();
        emitSourceLines(out, lines);
        out.endObject();
    })["source_lines"];
}

ojson summaryToJson(const Summary& s, std::size_t top) {
    return build([&](auto& out) { emitSummary(out, s, top); });
}

ojson reportToJson(const ModelReport& report, std::size_t top) {
    return build([&](auto& out) { emitReport(out, report, top); });
}

ojson reportsToJson(const std::vector<ModelReport>& reports, std::size_t top) {
    return build([&](auto& out) { emitReports(out, reports, top); });
}

std::string jsonNumber(double d) {
    std::string out;
    appendJsonNumber(out, d);
    return out;
}

std::string reportsJsonText(const std::vector<ModelReport>& reports, std::size_t top) {
    return text([&](auto& out) { emitReports(out, reports, top); });
}

std::string reportJsonText(const ModelReport& report, std::size_t top) {
    return text([&](auto& out) { emitReport(out, report, top); });
}

std::string reportPickle(const ModelReport& report, std::size_t top) {
    return pickle([&](auto& out) { emitReport(out, report, top); });
}

std::vector<std::filesystem::path> writeMetrics(const std::filesystem::path& dir, const ModelReport& report, std::size_t top) {
    // The model's name comes from a file: it names a folder inside `dir`, never one elsewhere.
    const auto folder = dir / safeRelativePath(report.total.model);
    const auto jsonPath = folder / "remaining-aten-ops.json";
    const auto picklePath = folder / "remaining-aten-ops.pickle";
    // Both are encoded before either is written: no half of a pair on an encoding error.
    const std::string json = reportJsonText(report, top);
    const std::string pickled = reportPickle(report, top);
    writeFileAtomically(jsonPath, json);
    writeFileAtomically(picklePath, pickled);
    return {jsonPath, picklePath};
}

}  // namespace atenscope
