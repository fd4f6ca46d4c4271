// SPDX-License-Identifier: MIT
#include "readers/MetricsFolder.h"

#include "base/InputFile.h"
#include "base/LoadError.h"
#include "readers/JsonPointer.h"
#include "readers/JsonText.h"
#include "readers/SafePickle.h"

#include <nlohmann/json.hpp>

#include <iterator>

namespace atenscope {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

MetricsFile metricsFileKind(const fs::path& file) {
    const std::string name = file.filename().string();
    if (name == "original-schema_list.pickle") return MetricsFile::OriginalSchemas;
    if (name == "compiled-schema_list.pickle") return MetricsFile::CompiledSchemas;
    // torch_ttnn has written both spellings over time
    if (name == "original-run_time_metrics.pickle" || name == "original-runtime_metrics.pickle") return MetricsFile::OriginalRun;
    if (name == "compiled-run_time_metrics.pickle" || name == "compiled-runtime_metrics.pickle") return MetricsFile::CompiledRun;
    if (name == "remaining-aten-ops.pickle") return MetricsFile::Report;
    if (name == "model_run.json") return MetricsFile::ModelRun;
    return MetricsFile::None;
}

namespace {

// A value as JSON text; bytes that are not UTF-8 (a pickle may hold any) become U+FFFD.
std::string printed(const ojson& v) {
    return v.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

// Typed access to an unpickled (or JSON) value, failing with the file and the place.
class Values {
public:
    explicit Values(std::string file) : file_(std::move(file)) {}
    JsonPath& path() { return path_; }
    [[noreturn]] void fail(const std::string& what) const { throw InputError(file_, path_.str(), what); }

    static const char* kind(const ojson& v) {
        switch (v.type()) {
            case ojson::value_t::object:
                return "a dict";
            case ojson::value_t::array:
                return "a list";
            case ojson::value_t::string:
                return "a string";
            case ojson::value_t::boolean:
                return "a bool";
            case ojson::value_t::null:
                return "None";
            case ojson::value_t::number_float:
                return "a float";
            case ojson::value_t::number_integer:
                return v.get<std::int64_t>() < 0 ? "a negative int" : "an int";
            default:
                return "an int";
        }
    }
    const ojson& dict(const ojson& v) const {
        if (!v.is_object()) fail(std::string("expected a dict, found ") + kind(v));
        return v;
    }
    const ojson& list(const ojson& v) const {
        if (!v.is_array()) fail(std::string("expected a list, found ") + kind(v));
        return v;
    }
    std::string string(const ojson& v) const {
        if (!v.is_string()) fail(std::string("expected a string, found ") + kind(v));
        return v.get<std::string>();
    }
    std::uint64_t count(const ojson& v) const {
        if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0))
            fail(std::string("expected a count (an int of 0 or more), found ") + kind(v));
        return v.get<std::uint64_t>();
    }
    std::optional<double> number(const ojson& v) const {
        if (v.is_null()) return std::nullopt;
        if (!v.is_number()) fail(std::string("expected a number, found ") + kind(v));
        return v.get<double>();
    }
    // The strings of a list, joined by ", " (a schema list's "inputs").
    std::string joined(const ojson& v) {
        std::string out;
        std::int64_t i = 0;
        for (const auto& part : list(v)) {
            JsonScope s(path_, i++);
            if (!out.empty()) out += ", ";
            out += string(part);
        }
        return out;
    }
    const ojson* member(const ojson& dict, std::string_view key) const {
        const auto it = dict.find(key);
        return it == dict.end() ? nullptr : &*it;
    }
    const ojson& required(const ojson& dict, std::string_view key) const {
        const ojson* v = member(dict, key);
        if (!v) fail("missing key '" + std::string(key) + "'");
        return *v;
    }

private:
    std::string file_;
    JsonPath path_;
};

// original-/compiled-schema_list.pickle: [{"opname", "inputs"} | {"opname", "original_inputs": {"opname", "inputs"}}]
std::vector<RecordedOp> schemaList(const ojson& doc, Values& v) {
    std::vector<RecordedOp> out;
    std::int64_t i = 0;
    out.reserve(v.list(doc).size());
    for (const auto& item : doc) {
        JsonScope s(v.path(), i++);
        v.dict(item);
        RecordedOp op;
        {
            JsonScope k(v.path(), "opname");
            op.op = v.string(v.required(item, "opname"));
        }
        if (const ojson* inputs = v.member(item, "inputs")) {
            JsonScope k(v.path(), "inputs");
            op.variation = v.joined(*inputs);
        }
        if (const ojson* original = v.member(item, "original_inputs"); original && !original->is_null()) {
            JsonScope k(v.path(), "original_inputs");
            v.dict(*original);
            {
                JsonScope o(v.path(), "opname");
                op.originalOp = v.string(v.required(*original, "opname"));
            }
            if (const ojson* inputs = v.member(*original, "inputs")) {
                JsonScope o(v.path(), "inputs");
                op.originalVariation = v.joined(*inputs);
            }
        }
        out.push_back(std::move(op));
    }
    return out;
}

// *-run_time_metrics.pickle: {"success": bool (old files: "✔️" / "✘"), "run_time", ...}
RecordedRun run(const ojson& doc, Values& v, const std::string& file) {
    RecordedRun r;
    r.file = file;
    v.dict(doc);
    if (const ojson* s = v.member(doc, "success")) {
        JsonScope k(v.path(), "success");
        if (s->is_boolean())
            r.success = s->get<bool>();
        else if (s->is_string())
            r.success = s->get<std::string>().rfind("\u2714", 0) == 0 || s->get<std::string>() == "True";
        else if (!s->is_null())
            v.fail(std::string("expected a bool, found ") + Values::kind(*s));
    }
    auto number = [&](const char* key, std::optional<double>& into) {
        if (const ojson* x = v.member(doc, key)) {
            JsonScope k(v.path(), key);
            into = v.number(*x);
        }
    };
    number("run_time", r.runTime);
    number("avg_run_time", r.averageRunTime);
    number("run_time_first_iter", r.firstRunTime);
    number("accuracy", r.accuracy);
    if (const ojson* b = v.member(doc, "batch_size"); b && !b->is_null()) {
        JsonScope k(v.path(), "batch_size");
        r.batchSize = static_cast<std::int64_t>(v.count(*b));
    }
    return r;
}

// remaining-aten-ops.pickle: torch_ttnn's op report, or the one `atenscope analyze` writes.
RecordedReport report(const ojson& doc, Values& v, const std::string& file) {
    RecordedReport r;
    r.file = file;
    v.dict(doc);
    {
        JsonScope k(v.path(), "total_remaining_ops");
        r.totalRemaining = v.count(v.required(doc, "total_remaining_ops"));
    }
    {
        JsonScope k(v.path(), "op_frequency");
        const ojson& freq = v.dict(v.required(doc, "op_frequency"));
        for (auto it = freq.begin(); it != freq.end(); ++it) {
            const std::string& op = it.key();
            JsonScope o(v.path(), std::string_view(op));
            r.opFrequency[op] = v.count(it.value());
        }
    }
    if (const ojson* details = v.member(doc, "remaining_ops_details")) {
        JsonScope k(v.path(), "remaining_ops_details");
        std::int64_t i = 0;
        for (const auto& d : v.list(*details)) {
            JsonScope s(v.path(), i++);
            v.dict(d);
            RecordedReport::Detail detail;
            auto text = [&](const char* key, std::string& into) {
                if (const ojson* x = v.member(d, key); x && !x->is_null()) {
                    JsonScope f(v.path(), key);
                    into = x->is_string() ? x->get<std::string>() : printed(*x);
                }
            };
            {
                JsonScope f(v.path(), "op_name");
                detail.op = v.string(v.required(d, "op_name"));
            }
            text("node_name", detail.node);
            text("args_str", detail.argsStr);
            text("kwargs_str", detail.kwargsStr);
            text("output_shape", detail.outputShape);
            if (const ojson* shapes = v.member(d, "input_shapes"); shapes && shapes->is_array())
                for (const auto& shape : *shapes)
                    detail.inputShapes.push_back(shape.is_string() ? shape.get<std::string>() : shape.is_null() ? "" : printed(shape));
            r.details.push_back(std::move(detail));
        }
    }
    if (const ojson* original = v.member(doc, "original_ops_count"); original && !original->is_null()) {
        JsonScope k(v.path(), "original_ops_count");
        r.originalOpsCount = v.count(*original);
    }
    if (const ojson* t = v.member(doc, "compilation_timestamp"); t && t->is_string()) r.timestamp = t->get<std::string>();
    if (const ojson* vars = v.member(doc, "input_variations"); vars && vars->is_object()) {  // AtenScope's own file
        JsonScope k(v.path(), "input_variations");
        for (auto it = vars->begin(); it != vars->end(); ++it) {
            const std::string& op = it.key();
            const ojson& list = it.value();
            JsonScope o(v.path(), std::string_view(op));
            std::int64_t i = 0;
            for (const auto& item : v.list(list)) {
                JsonScope s(v.path(), i++);
                v.dict(item);
                std::string text;
                {
                    JsonScope f(v.path(), "input_variation");
                    text = v.string(v.required(item, "input_variation"));
                }
                JsonScope f(v.path(), "count");
                r.variations[op][text] += v.count(v.required(item, "count"));
            }
        }
    }
    return r;
}

std::string readAll(const fs::path& file) {
    return readInputFile(file);
}

}  // namespace

void readMetricsBytes(std::string_view bytes, const std::string& file, MetricsFile kind, Recorded& into) {
    if (kind == MetricsFile::None) return;
    ojson doc;
    if (kind == MetricsFile::ModelRun) {
        doc = parseOrderedJsonText(bytes, file);
    } else {
        if (bytes.empty()) throw InputError(file, "", "empty file");
        doc = readPickle(bytes, file);
    }
    Values v(file);
    into.files.push_back(file);
    switch (kind) {
        case MetricsFile::OriginalSchemas:
            into.original = schemaList(doc, v);
            into.originalFile = file;
            break;
        case MetricsFile::CompiledSchemas:
            into.compiled = schemaList(doc, v);
            into.compiledFile = file;
            break;
        case MetricsFile::OriginalRun:
            into.originalRun = run(doc, v, file);
            break;
        case MetricsFile::CompiledRun:
            into.compiledRun = run(doc, v, file);
            break;
        case MetricsFile::Report:
            into.report = report(doc, v, file);
            break;
        case MetricsFile::ModelRun:
            v.dict(doc);
            for (const auto& [key, value] : doc.items())
                if (!value.is_structured()) into.modelRun[key] = value.is_string() ? value.get<std::string>() : printed(value);
            into.modelRunFile = file;
            break;
        case MetricsFile::None:
            break;
    }
}

void readMetricsFile(const fs::path& file, MetricsFile kind, Recorded& into) {
    readMetricsBytes(readAll(file), file.string(), kind, into);
}

}  // namespace atenscope
