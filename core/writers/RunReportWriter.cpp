// SPDX-License-Identifier: MIT
#include "writers/RunReportWriter.h"

#include "base/LoadError.h"
#include "base/SafeName.h"
#include "base/Words.h"
#include "writers/DiffWriter.h"
#include "writers/MetricsWriter.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>

namespace atenscope {

using ojson = nlohmann::ordered_json;

std::string percentText(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

namespace {

std::string countText(const std::optional<std::uint64_t>& total, const std::optional<std::uint64_t>& unique) {
    if (!total) return "";
    return unique ? totalUnique(*total, *unique) : std::to_string(*total);
}

std::string beforeText(const RunModel& m) {
    return countText(m.opsBefore, m.opsBeforeUnique);
}

std::string remainText(const RunModel& m) {
    return m.status == ModelStatus::Failed ? std::string() : totalUnique(m.remaining, m.remainingUnique);
}

std::string conversionText(const std::optional<double>& c) {
    return c ? percentText(*c) + " %" : std::string();
}

// A model's change since the baseline: how it went and the change of its remaining aten ops.
struct ModelChange {
    enum Kind { Worse, Better, Same, New } kind = Same;
    std::optional<std::int64_t> delta;  // remaining after - before, when both sides know theirs
    const char* word() const { return kind == Worse ? "worse" : kind == Better ? "better" : kind == New ? "new" : "same"; }
    std::string text() const {
        std::string t = word();
        if (delta && *delta) t += std::string(" (") + (*delta > 0 ? "+" : "") + std::to_string(*delta) + ")";
        return t;
    }
};

ModelChange modelChange(const ModelDiff& d) {
    ModelChange c;
    c.kind = !d.before           ? ModelChange::New
             : !d.worse.empty()  ? ModelChange::Worse
             : !d.better.empty() ? ModelChange::Better
                                 : ModelChange::Same;
    if (d.before && d.after && d.before->status != ModelStatus::Failed && d.after->status != ModelStatus::Failed)
        c.delta = static_cast<std::int64_t>(d.after->remaining) - static_cast<std::int64_t>(d.before->remaining);
    return c;
}

// Each model of this run -> its diff (empty without a baseline).
std::map<std::string, const ModelDiff*> diffsByModel(const ReportBaseline* baseline) {
    std::map<std::string, const ModelDiff*> out;
    if (baseline && baseline->diff)
        for (const ModelDiff& d : baseline->diff->models) out[d.model] = &d;
    return out;
}

// A measured number as torch_ttnn's tables print it: at most two decimals ("9.5", "1600").
std::string measuredText(const std::optional<double>& v) {
    if (!v) return {};
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.2f", *v);
    std::string t = buffer;
    while (t.back() == '0') t.pop_back();
    if (t.back() == '.') t.pop_back();
    return t;
}

// torch_ttnn's README columns of how the runs went, in its order: Batch, Compiled First Run (ms),
// Original Throughput, Compiled Throughput (inferences per second), Accuracy (%).
std::vector<std::optional<double>> runColumns(const RunModel& m) {
    std::optional<double> batch, accuracy;
    if (m.batch) batch = static_cast<double>(*m.batch);
    if (m.accuracy) accuracy = *m.accuracy * 100.0;
    return {batch, m.compiledFirstRunMs, m.throughput(m.originalRunMs), m.throughput(m.compiledRunMs), accuracy};
}
const char* const kRunColumns[] = {"Batch", "Compiled First Run (ms)", "Original Throughput (Inferences Per Second)",
                                   "Compiled Throughput (Inferences Per Second)", "Accuracy (%)"};

ojson optionalNumber(const std::optional<std::uint64_t>& v) {
    return v ? ojson(*v) : ojson(nullptr);
}

ojson optionalPercent(const std::optional<double>& v) {
    return v ? ojson(*v) : ojson(nullptr);
}

// The lines that leave ops behind, ranked, at most `limit`.
std::vector<std::pair<const SourceLineKey*, const SourceLineStats*>> linesWithRemaining(const SourceLineMap& lines, std::size_t limit) {
    auto ranked = rankedLines(lines);
    std::size_t n = 0;
    while (n < ranked.size() && n < limit && ranked[n].second->remaining) ++n;
    ranked.resize(n);
    return ranked;
}

std::size_t linesWithRemainingCount(const SourceLineMap& lines) {
    std::size_t n = 0;
    for (const auto& [key, stats] : lines) n += stats.remaining ? 1 : 0;
    return n;
}

// "aten.mul.Tensor (2), aten.pow.Tensor_Scalar (1)": most nodes first.
std::string lineOpsText(const SourceLineStats& s) {
    std::vector<std::pair<std::string, std::uint64_t>> ops(s.ops.begin(), s.ops.end());
    std::stable_sort(ops.begin(), ops.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string out;
    for (const auto& [op, n] : ops) out += (out.empty() ? "" : ", ") + op + " (" + std::to_string(n) + ")";
    return out;
}

std::string lineModelsText(const SourceLineStats& s) {
    std::string out;
    for (const auto& [m, n] : s.models) out += (out.empty() ? "" : ", ") + m + " (" + std::to_string(n) + ")";
    return out;
}

ojson priorityJson(const std::vector<PriorityItem>& items) {
    ojson a = ojson::array();
    for (const auto& p : items) {
        ojson o;
        o["op"] = p.op;
        if (p.variation) o["variation"] = *p.variation;
        o["nodes"] = p.nodes;
        o["models"] = p.models;
        o["models_fully_converted"] = p.unblocks;
        a.push_back(std::move(o));
    }
    return a;
}

}  // namespace

ojson runTotalsToJson(const RunTotals& t) {
    ojson s;
    s["models"] = t.models;
    s["converted_models"] = t.converted;
    s["remaining_models"] = t.remainingModels;
    s["failed_models"] = t.failed;
    s["total_remaining_ops"] = t.remaining;
    s["unique_op_types"] = t.uniqueOps;
    s["input_variations"] = t.variations;
    s["original_ops_count"] = t.opsBefore;
    s["conversion_percentage"] = optionalPercent(t.conversion);
    s["converted_ops"] = t.convertedOps;
    s["to_from_device_ops"] = t.dataMovement;
    return s;
}

ojson runReportToJson(const RunReport& run, const ReportImages& images, const ReportBaseline* baseline) {
    ojson doc;
    doc["format"] = "atenscope-report";
    doc["version"] = kRunReportVersion;
    doc["generated"] = run.timestamp;
    doc["generator"] = run.generator.empty() ? ojson(nullptr) : ojson(run.generator);
    doc["summary"] = runTotalsToJson(run.totals);
    ojson models = ojson::array();
    for (const RunModel& m : run.models) {
        ojson o;
        o["model"] = m.name;
        o["status"] = statusName(m.status);
        o["status_symbol"] = statusSymbol(m.status);
        if (!m.failure.empty()) o["failure"] = m.failure;
        o["profile"] = m.profile;
        o["torch"] = m.torch.empty() ? ojson(nullptr) : ojson(m.torch);
        o["predicted"] = m.predicted;
        o["has_graph"] = m.hasGraph;
        o["original_ops_count"] = optionalNumber(m.opsBefore);
        o["original_unique_op_types"] = optionalNumber(m.opsBeforeUnique);
        // A failed model's remaining ops are unknown (null), not none: 0 would read as converted.
        const bool failed = m.status == ModelStatus::Failed;
        o["total_remaining_ops"] = failed ? ojson(nullptr) : ojson(m.remaining);
        o["unique_op_types"] = failed ? ojson(nullptr) : ojson(m.remainingUnique);
        o["to_from_device_ops"] = m.dataMovement;
        o["converted_ops"] = m.converted;
        o["nodes"] = m.nodes;
        o["conversion_percentage"] = optionalPercent(m.conversion);
        auto measured = [](const auto& v) { return v ? ojson(*v) : ojson(nullptr); };
        o["batch"] = measured(m.batch);
        o["compiled_first_run_ms"] = measured(m.compiledFirstRunMs);
        o["original_run_ms"] = measured(m.originalRunMs);
        o["compiled_run_ms"] = measured(m.compiledRunMs);
        o["original_throughput"] = measured(m.throughput(m.originalRunMs));
        o["compiled_throughput"] = measured(m.throughput(m.compiledRunMs));
        o["accuracy"] = measured(m.accuracy);
        ojson ops = ojson::object();
        for (const auto& [op, vars] : m.variations) {
            ojson v = ojson::object();
            for (const auto& [text, n] : vars) v[text] = n;
            ops[op] = std::move(v);
        }
        o["remaining_ops"] = std::move(ops);
        auto image = images.find(m.name);
        const bool pictured = image != images.end() && !image->second.empty();
        o["image"] = pictured ? ojson(image->second.front().file) : ojson(nullptr);
        ojson pictures = ojson::array();
        if (pictured)
            for (const ReportImage& r : image->second)
                pictures.push_back({{"file", r.file}, {"title", r.title}, {"caption", r.caption}, {"ops", r.ops}});
        o["images"] = std::move(pictures);
        o["source_lines"] = sourceLinesToJson(m.lines);
        models.push_back(std::move(o));
    }
    doc["models"] = std::move(models);
    ojson ops = ojson::array();
    for (const RunOp& op : run.ops) {
        ojson o;
        o["op"] = op.op;
        o["count"] = op.count;
        o["models"] = op.models;
        ojson vars = ojson::array();
        for (const RunVariation& v : op.variations) {
            ojson vo;
            vo["variation"] = v.variation;
            vo["count"] = v.count;
            ojson uses = ojson::array();
            for (const ModelUse& u : v.models) uses.push_back({{"model", u.model}, {"count", u.count}, {"nodes", u.nodes}});
            vo["models"] = std::move(uses);
            vars.push_back(std::move(vo));
        }
        o["variations"] = std::move(vars);
        ops.push_back(std::move(o));
    }
    doc["ops"] = std::move(ops);
    doc["lowering_priority"] = {{"ops", priorityJson(run.priorityOps)}, {"variations", priorityJson(run.priorityVariations)}};
    doc["source_lines"] = sourceLinesToJson(run.lines);
    if (baseline && baseline->diff) {
        // The changes since the baseline, as `atenscope diff --json` writes them (its "models" and "ops").
        const RunReport& before = *baseline->diff->before;
        ojson b;
        b["source"] = baseline->source;
        b["generated"] = before.timestamp;
        b["summary"] = runTotalsToJson(before.totals);
        ojson changes = diffChangesToJson(*baseline->diff);
        for (auto& [key, value] : changes.items()) b[key] = std::move(value);
        doc["baseline"] = std::move(b);
    } else {
        doc["baseline"] = nullptr;
    }
    return doc;
}

bool looksLikeRunReport(std::string_view head) {
    const auto brace = head.find_first_not_of(" \t\r\n");
    if (brace == std::string_view::npos || head[brace] != '{') return false;
    const auto key = head.find("\"format\"", brace);
    if (key == std::string_view::npos || head.substr(brace + 1, key - brace - 1).find_first_not_of(" \t\r\n") != std::string_view::npos)
        return false;
    const auto value = head.find("\"atenscope-report\"", key);
    return value != std::string_view::npos && head.substr(key + 8, value - key - 8).find_first_not_of(" \t\r\n:") == std::string_view::npos;
}

namespace {

// Typed access to report.json with the JSON pointer of every mistake.
class Doc {
public:
    explicit Doc(std::string file) : file_(std::move(file)) {}
    [[noreturn]] void fail(const std::string& where, const std::string& what) const { throw InputError(file_, where, what); }
    const nlohmann::json& member(const nlohmann::json& o, const std::string& where, const char* key) const {
        if (!o.is_object()) fail(where, "expected an object");
        auto it = o.find(key);
        if (it == o.end()) fail(where, std::string("missing \"") + key + "\"");
        return *it;
    }
    std::uint64_t count(const nlohmann::json& o, const std::string& where, const char* key) const {
        const auto& v = member(o, where, key);
        if (!v.is_number_unsigned()) fail(where + "/" + key, "expected a whole number");
        return v.get<std::uint64_t>();
    }
    std::optional<std::uint64_t> optionalCount(const nlohmann::json& o, const std::string& where, const char* key) const {
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) return std::nullopt;
        if (!it->is_number_unsigned()) fail(where + "/" + key, "expected a whole number or null");
        return it->get<std::uint64_t>();
    }
    std::optional<double> optionalNumber(const nlohmann::json& o, const std::string& where, const char* key) const {
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) return std::nullopt;
        if (!it->is_number()) fail(where + "/" + key, "expected a number or null");
        return it->get<double>();
    }
    std::string text(const nlohmann::json& o, const std::string& where, const char* key) const {
        const auto& v = member(o, where, key);
        if (!v.is_string()) fail(where + "/" + key, "expected a string");
        return v.get<std::string>();
    }
    const nlohmann::json& array(const nlohmann::json& o, const std::string& where, const char* key) const {
        const auto& v = member(o, where, key);
        if (!v.is_array()) fail(where + "/" + key, "expected an array");
        return v;
    }

private:
    std::string file_;
};

std::string pointerKey(std::string key) {
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

}  // namespace

RunReport runReportFromJson(const nlohmann::json& doc, const std::string& file) {
    Doc d(file);
    if (d.text(doc, "", "format") != "atenscope-report") d.fail("/format", "not an AtenScope report");
    const std::uint64_t version = d.count(doc, "", "version");
    if (version > static_cast<std::uint64_t>(kRunReportVersion))
        d.fail("/version", "report format version " + std::to_string(version) + " is newer than this AtenScope reads (" +
                               std::to_string(kRunReportVersion) + ")");
    const std::string timestamp = d.text(doc, "", "generated");
    std::string generator;
    if (auto it = doc.find("generator"); it != doc.end() && it->is_string()) generator = it->get<std::string>();
    const auto& models = d.array(doc, "", "models");
    std::vector<RunModel> rows;
    for (std::size_t i = 0; i < models.size(); ++i) {
        const std::string at = "/models/" + std::to_string(i);
        const auto& o = models[i];
        RunModel m;
        m.name = d.text(o, at, "model");
        const std::string status = d.text(o, at, "status");
        if (status == "converted")
            m.status = ModelStatus::Converted;
        else if (status == "remaining")
            m.status = ModelStatus::Remaining;
        else if (status == "failed")
            m.status = ModelStatus::Failed;
        else
            d.fail(at + "/status", "unknown status \"" + status + "\" (converted, remaining or failed)");
        if (auto it = o.find("failure"); it != o.end() && it->is_string()) m.failure = it->get<std::string>();
        m.profile = d.text(o, at, "profile");
        if (auto it = o.find("torch"); it != o.end() && it->is_string()) m.torch = it->get<std::string>();
        m.predicted = d.member(o, at, "predicted").is_boolean() && d.member(o, at, "predicted").get<bool>();
        m.hasGraph = d.member(o, at, "has_graph").is_boolean() && d.member(o, at, "has_graph").get<bool>();
        m.opsBefore = d.optionalCount(o, at, "original_ops_count");
        m.opsBeforeUnique = d.optionalCount(o, at, "original_unique_op_types");
        m.remaining = d.optionalCount(o, at, "total_remaining_ops").value_or(0);  // null for a failed model
        m.remainingUnique = d.optionalCount(o, at, "unique_op_types").value_or(0);
        if (m.status != ModelStatus::Failed && !d.optionalCount(o, at, "total_remaining_ops"))
            d.fail(at + "/total_remaining_ops", "expected a whole number (null only for a failed model)");
        if (const auto b = d.optionalNumber(o, at, "batch")) m.batch = static_cast<std::int64_t>(*b);
        m.compiledFirstRunMs = d.optionalNumber(o, at, "compiled_first_run_ms");
        m.originalRunMs = d.optionalNumber(o, at, "original_run_ms");
        m.compiledRunMs = d.optionalNumber(o, at, "compiled_run_ms");
        m.accuracy = d.optionalNumber(o, at, "accuracy");
        m.dataMovement = d.count(o, at, "to_from_device_ops");
        m.converted = d.count(o, at, "converted_ops");
        m.nodes = d.count(o, at, "nodes");
        m.conversion = d.optionalNumber(o, at, "conversion_percentage");
        const auto& ops = d.member(o, at, "remaining_ops");
        if (!ops.is_object()) d.fail(at + "/remaining_ops", "expected an object");
        for (const auto& [op, vars] : ops.items()) {
            const std::string vat = at + "/remaining_ops/" + pointerKey(op);
            if (!vars.is_object()) d.fail(vat, "expected an object of input variations");
            std::uint64_t total = 0;
            for (const auto& [text, n] : vars.items()) {
                if (!n.is_number_unsigned()) d.fail(vat + "/" + pointerKey(text), "expected a whole number");
                m.variations[op][text] = n.get<std::uint64_t>();
                total += n.get<std::uint64_t>();
            }
            m.ops[op] = total;
        }
        if (auto it = o.find("source_lines"); it != o.end()) {  // reports before 0.2 have none
            if (!it->is_array()) d.fail(at + "/source_lines", "expected an array");
            for (std::size_t k = 0; k < it->size(); ++k) {
                const std::string lat = at + "/source_lines/" + std::to_string(k);
                const auto& l = (*it)[k];
                SourceLineKey key{d.text(l, lat, "file"), static_cast<std::uint32_t>(d.count(l, lat, "line"))};
                SourceLineStats& stats = m.lines[key];
                stats.function = d.text(l, lat, "function");
                stats.code = d.text(l, lat, "code");
                stats.remaining = d.count(l, lat, "remaining");
                stats.converted = d.count(l, lat, "converted");
                const auto& lineOps = d.member(l, lat, "ops");
                if (!lineOps.is_object()) d.fail(lat + "/ops", "expected an object");
                for (const auto& [op, n] : lineOps.items()) {
                    if (!n.is_number_unsigned()) d.fail(lat + "/ops/" + pointerKey(op), "expected a whole number");
                    stats.ops[op] = n.get<std::uint64_t>();
                }
            }
        }
        rows.push_back(std::move(m));
    }
    // The run's tables are made again from the rows, as for a run read from graphs.
    RunReport run = buildRunReport(std::move(rows), timestamp);
    run.generator = generator;
    return run;
}

namespace {

std::string mdCell(std::string s) {
    std::string out;
    for (char c : s) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n')
            out += "<br>";
        else
            out += c;
    }
    return out;
}

std::string mdCode(const std::string& s) {
    if (s.empty()) return "(not recorded)";
    const std::string fence = s.find('`') == std::string::npos ? "`" : "`` ";
    const std::string close = fence == "`" ? "`" : " ``";
    return mdCell(fence + s + close);
}

std::string usesText(const RunVariation& v, std::size_t nodes) {
    std::string out;
    for (const ModelUse& u : v.models) {
        if (!out.empty()) out += "; ";
        out += u.model + " (" + std::to_string(u.count) + ")";
        if (!u.nodes.empty()) {
            out += ": ";
            for (std::size_t i = 0; i < u.nodes.size() && i < nodes; ++i) out += (i ? ", " : "") + u.nodes[i];
            if (u.count > std::min<std::uint64_t>(u.nodes.size(), nodes)) out += ", \u2026";
        }
    }
    return out;
}

// `symbols`: with torch_ttnn's emoji (Markdown); else words only (the page draws its icons apart).
std::string summaryLine(const RunReport& run, bool symbols = true) {
    const RunTotals& t = run.totals;
    auto mark = [&](ModelStatus s) { return symbols ? std::string(statusSymbol(s)) + " " : std::string(); };
    std::ostringstream out;
    out << t.models << (t.models == 1 ? " model" : " models") << ": " << mark(ModelStatus::Converted) << t.converted << " nothing remains, "
        << mark(ModelStatus::Remaining) << t.remainingModels << " aten ops remain, " << mark(ModelStatus::Failed) << t.failed << " failed.";
    return out.str();
}

std::string totalsLine(const RunReport& run) {
    const RunTotals& t = run.totals;
    std::ostringstream out;
    out << "Remaining aten ops " << totalUnique(t.remaining, t.uniqueOps) << " in " << t.variations << " input variations";
    if (t.conversion) out << "; conversion " << percentText(*t.conversion) << " % of " << t.opsBefore << " original aten ops";
    out << "; " << t.convertedOps << " converted ops, " << t.dataMovement << " To/From Device ops.";
    return out.str();
}

}  // namespace

// "by atenscope 0.9.0 from graphs of torch 2.14.1+cu130": what made the report and its graphs
// (each torch version the models' files name); empty when neither is known.
std::string madeByText(const RunReport& run) {
    std::set<std::string> torches;
    for (const RunModel& m : run.models)
        if (!m.torch.empty()) torches.insert(m.torch);
    std::string text;
    if (!run.generator.empty()) text += " by " + run.generator;
    if (!torches.empty()) {
        text += " from graphs of torch ";
        for (auto it = torches.begin(); it != torches.end(); ++it) text += (it == torches.begin() ? "" : ", ") + *it;
    }
    return text;
}

std::string runReportMarkdown(const RunReport& run, const ReportImages& images, const ReportLimits& limits,
                              const ReportBaseline* baseline) {
    if (baseline && !baseline->diff) baseline = nullptr;
    std::ostringstream out;
    out << "# AtenScope report\n\n";
    out << "Generated " << run.timestamp << madeByText(run) << ". " << summaryLine(run) << " " << totalsLine(run) << "\n\n";
    const auto changes = diffsByModel(baseline);
    if (baseline) {
        std::string section = diffMarkdownSection(*baseline->diff, {baseline->source, "this run"}, {}, "Changes since the baseline");
        out << section << "\nBaseline generated " << baseline->diff->before->timestamp << ".\n\n";
    }
    out << "## Models\n\n";
    out << "| Model | Status |";
    for (const char* c : kRunColumns) out << " " << c << " |";
    out << " Torch Ops Before | Torch Ops Remain | To/From Device Ops | Conversion |" << (baseline ? " Since Baseline |" : "") << "\n";
    out << "|---|:-:|--:|--:|--:|--:|--:|--:|--:|--:|--:|" << (baseline ? "---|" : "") << "\n";
    for (const RunModel& m : run.models) {
        std::string status = statusSymbol(m.status);
        if (m.predicted && m.status != ModelStatus::Failed) status += " (predicted)";
        out << "| " << mdCell(m.name) << " | " << status << " | ";
        for (const auto& v : runColumns(m)) out << measuredText(v) << " | ";
        out << beforeText(m) << " | " << remainText(m) << " | "
            << (m.status == ModelStatus::Failed ? std::string() : std::to_string(m.dataMovement)) << " | " << conversionText(m.conversion)
            << " |";
        if (baseline) {
            const auto it = changes.find(m.name);
            out << " " << (it == changes.end() ? std::string() : modelChange(*it->second).text()) << " |";
        }
        out << "\n";
    }
    bool anyFailure = false;
    for (const RunModel& m : run.models) anyFailure = anyFailure || !m.failure.empty();
    if (anyFailure) {
        out << "\nFailed:\n\n";
        for (const RunModel& m : run.models)
            if (!m.failure.empty()) out << "- " << m.name << ": " << m.failure << "\n";
    }
    out << "\n## What to lower next\n\n";
    if (run.priorityOps.empty()) out << "No aten op remains.\n";
    auto priorityTable = [&](const std::vector<PriorityItem>& items, bool variations) {
        if (items.empty()) return;
        out << (variations ? "| # | Op | Input variation | Nodes | Models | Models fully converted |\n|--:|---|---|--:|--:|--:|\n"
                           : "| # | Op | Nodes | Models | Models fully converted |\n|--:|---|--:|--:|--:|\n");
        for (std::size_t i = 0; i < items.size() && i < limits.priorityRows; ++i) {
            const auto& p = items[i];
            out << "| " << i + 1 << " | " << mdCell(p.op) << " | ";
            if (variations) out << mdCode(p.variation.value_or("")) << " | ";
            out << p.nodes << " | " << p.models << " | " << p.unblocks << " |\n";
        }
        if (items.size() > limits.priorityRows) out << "\n" << items.size() - limits.priorityRows << " more in report.json.\n";
    };
    if (!run.priorityOps.empty()) {
        out << "Each remaining op, and below each input variation: the nodes and models it accounts for, and how many models would "
               "be fully converted if it alone were lowered.\n\n";
        priorityTable(run.priorityOps, false);
        out << "\n### By input variation\n\n";
        priorityTable(run.priorityVariations, true);
    }
    if (const auto lines = linesWithRemaining(run.lines, limits.priorityRows); !lines.empty()) {
        out << "\n## Source lines that leave ops behind\n\nThe model's own lines (the innermost frame of each node's stack trace "
               "that is not torch's) ranked by the remaining nodes they make.\n\n"
               "| # | Line | Function | Code | Remaining | Converted | Ops | Models |\n|--:|---|---|---|--:|--:|---|---|\n";
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const auto& [key, stats] = lines[i];
            out << "| " << i + 1 << " | " << mdCode(key->file + ":" + std::to_string(key->line)) << " | " << mdCell(stats->function)
                << " | " << mdCode(stats->code) << " | " << stats->remaining << " | " << stats->converted << " | "
                << mdCell(lineOpsText(*stats)) << " | " << mdCell(lineModelsText(*stats)) << " |\n";
        }
        if (const std::size_t all = linesWithRemainingCount(run.lines); all > lines.size())
            out << "\n" << all - lines.size() << " more in report.json.\n";
    }
    if (!run.ops.empty()) {
        out << "\n## Remaining ops across models\n\n| Op | Count | Models | Input variations |\n|---|--:|--:|--:|\n";
        for (const RunOp& op : run.ops)
            out << "| " << mdCell(op.op) << " | " << op.count << " | " << op.models << " | " << op.variations.size() << " |\n";
        for (const RunOp& op : run.ops) {
            out << "\n### " << mdCell(op.op) << "\n\n"
                << op.count << (op.count == 1 ? " node in " : " nodes in ") << op.models << (op.models == 1 ? " model" : " models")
                << ".\n\n";
            out << "| Input variation | Nodes | Models (nodes) |\n|---|--:|---|\n";
            for (const RunVariation& v : op.variations)
                out << "| " << mdCode(v.variation) << " | " << v.count << " | " << mdCell(usesText(v, limits.nodesPerUse)) << " |\n";
        }
    }
    if (!images.empty()) {
        out << "\n## Graphs\n";
        for (const RunModel& m : run.models) {
            auto it = images.find(m.name);
            if (it == images.end() || it->second.empty()) continue;
            out << "\n### " << mdCell(m.name) << "\n";
            for (const ReportImage& r : it->second)
                out << "\n**" << mdCell(r.title) << "**: " << mdCell(r.caption) << "\n\n![" << mdCell(r.title) << "](" << r.file << ")\n";
        }
    }
    return out.str();
}

namespace {

std::string html(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string base64(std::string_view bytes) {
    static const char* const table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const auto n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
        out += table[(n >> 18) & 63];
        out += table[(n >> 12) & 63];
        out += table[(n >> 6) & 63];
        out += table[n & 63];
    }
    if (i < bytes.size()) {
        unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += table[(n >> 18) & 63];
        out += table[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? table[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

// A cell whose sort key is a number (blank cells sort as -1: below every count).
std::string num(const std::string& text, double key) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", key);
    return "<td class=\"n\" data-v=\"" + std::string(buf) + "\">" + html(text) + "</td>";
}

std::string num(std::uint64_t v) {
    return num(std::to_string(v), static_cast<double>(v));
}

constexpr const char* kStyle = R"(
:root{--red:#c62828;--amber:#b26a00;--green:#2e7d32;--grey:#5f6368;--line:#dadce0;--bg:#f8f9fa}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#202124;background:#fff}
header{background:#202124;color:#fff;padding:16px 28px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#bdc1c6}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding:8px 28px;z-index:2}nav a{margin-right:18px;color:#1a73e8;text-decoration:none}
main{padding:8px 28px 40px;max-width:1500px}h2{margin-top:32px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{margin:24px 0 6px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}.card{border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:150px;background:var(--bg)}
.card b{display:block;font-size:22px}.card span{color:var(--grey)}
table{border-collapse:collapse;margin:8px 0;width:100%}th,td{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
th{background:var(--bg);position:sticky;top:41px;cursor:pointer;user-select:none;white-space:nowrap}th[aria-sort=ascending]::after{content:" \25B2"}th[aria-sort=descending]::after{content:" \25BC"}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}tbody tr:hover{background:#f1f3f4}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f1f3f4;padding:1px 4px;border-radius:3px;word-break:break-word}
.tools{display:flex;gap:10px;align-items:center;margin:10px 0}.tools input{padding:5px 8px;width:320px;border:1px solid var(--line);border-radius:4px}
.tools select{padding:5px}.muted{color:var(--grey)}.bar{display:inline-block;height:8px;background:var(--red);opacity:.55;margin-left:6px;vertical-align:middle}
.st-failed{color:var(--red)}.st-remaining{color:var(--amber)}.st-converted{color:var(--green)}.ch-worse{color:var(--red)}.ch-better{color:var(--green)}
svg.st{vertical-align:-2px}figure{margin:8px 0 24px}figure .pic{overflow-x:auto}figure img{max-width:none;border:1px solid var(--line)}figcaption{color:var(--grey);margin-bottom:4px}
.uses{font-size:12px;color:#3c4043}
)";

constexpr const char* kScript = R"(
function cellKey(c){return c.dataset.v!==undefined?parseFloat(c.dataset.v):c.textContent.trim().toLowerCase();}
function sortBy(th){
  const table=th.closest('table'),idx=Array.prototype.indexOf.call(th.parentNode.children,th),body=table.tBodies[0];
  const numeric=th.classList.contains('num');
  const dir=th.getAttribute('aria-sort')==='descending'?'ascending':th.getAttribute('aria-sort')==='ascending'?'descending':(numeric?'descending':'ascending');
  const rows=Array.from(body.rows);
  rows.sort(function(a,b){const x=cellKey(a.cells[idx]),y=cellKey(b.cells[idx]);const r=x<y?-1:x>y?1:0;return dir==='ascending'?r:-r;});
  for(const h of th.parentNode.children)h.removeAttribute('aria-sort');
  th.setAttribute('aria-sort',dir);
  for(const r of rows)body.appendChild(r);
}
function applyFilter(id){
  const table=document.getElementById(id),q=(document.querySelector('input[data-table="'+id+'"]')||{value:''}).value.toLowerCase();
  const sel=document.querySelector('select[data-table="'+id+'"]'),st=sel?sel.value:'';
  let shown=0;const rows=table.tBodies[0].rows;
  for(const r of rows){const ok=r.textContent.toLowerCase().includes(q)&&(!st||r.dataset.status===st);r.hidden=!ok;if(ok)shown++;}
  const count=document.querySelector('[data-count="'+id+'"]');if(count)count.textContent=shown+' of '+rows.length;
}
document.addEventListener('click',function(e){const th=e.target.closest('th');if(th&&th.closest('table.sortable'))sortBy(th);});
document.addEventListener('input',function(e){if(e.target.dataset.table)applyFilter(e.target.dataset.table);});
document.addEventListener('change',function(e){if(e.target.dataset.table)applyFilter(e.target.dataset.table);});
)";

// A model's status drawn (inline SVG: a green tick, an orange bar, a red cross), not an emoji:
// a browser on a machine without an emoji font shows those as empty boxes.
std::string statusIcon(ModelStatus s) {
    const char* colour = s == ModelStatus::Converted ? "#2e7d32" : s == ModelStatus::Remaining ? "#ef6c00" : "#c62828";
    const char* mark = s == ModelStatus::Converted ? "<polyline points=\"4.2,7.2 6.2,9.2 9.8,5\"/>"
                       : s == ModelStatus::Remaining
                           ? "<line x1=\"4.2\" y1=\"7\" x2=\"9.8\" y2=\"7\"/>"
                           : "<line x1=\"4.6\" y1=\"4.6\" x2=\"9.4\" y2=\"9.4\"/><line x1=\"9.4\" y1=\"4.6\" x2=\"4.6\" y2=\"9.4\"/>";
    return std::string("<svg class=\"st\" width=\"14\" height=\"14\" viewBox=\"0 0 14 14\" role=\"img\" aria-label=\"") + statusName(s) +
           "\"><circle cx=\"7\" cy=\"7\" r=\"6\" fill=\"" + colour +
           "\"/><g stroke=\"#fff\" stroke-width=\"1.8\" stroke-linecap=\"round\" stroke-linejoin=\"round\" fill=\"none\">" + mark +
           "</g></svg>";
}

void filterTools(std::ostringstream& out, const std::string& table, std::size_t rows, bool statuses) {
    out << "<div class=\"tools\"><input type=\"search\" placeholder=\"Filter\" data-table=\"" << table << "\">";
    if (statuses)
        out << "<select data-table=\"" << table << "\"><option value=\"\">every status</option><option value=\"converted\">"
            << "nothing remains</option><option value=\"remaining\">aten ops remain</option><option "
               "value=\"failed\">failed</option></select>";
    out << "<span class=\"muted\" data-count=\"" << table << "\">" << rows << " of " << rows << "</span></div>\n";
}

// A change drawn (inline SVG, as the status icons): worse a red triangle up, better a green one
// down, new a blue dot, same a grey bar.
std::string changeIcon(ModelChange::Kind k) {
    const char* shape = k == ModelChange::Worse    ? "<path d=\"M7 2.5 12 11H2z\" fill=\"#c62828\"/>"
                        : k == ModelChange::Better ? "<path d=\"M7 11.5 12 3H2z\" fill=\"#2e7d32\"/>"
                        : k == ModelChange::New    ? "<circle cx=\"7\" cy=\"7\" r=\"4.5\" fill=\"#1a73e8\"/>"
                                                   : "<rect x=\"2.5\" y=\"6\" width=\"9\" height=\"2\" fill=\"#5f6368\"/>";
    return std::string("<svg class=\"st\" width=\"14\" height=\"14\" viewBox=\"0 0 14 14\" aria-hidden=\"true\">") + shape + "</svg>";
}

std::string signedCount(std::int64_t d) {
    return (d > 0 ? "+" : "") + std::to_string(d);
}

// "Changes since the baseline": the run's totals then and now, each model that changed and why,
// the ops newly remaining and converted across the run.
template <typename OpLink, typename ModelLink>
void changesSection(std::ostringstream& out, const ReportBaseline& baseline, const OpLink& opLink, const ModelLink& modelLink) {
    const RunDiff& diff = *baseline.diff;
    const RunTotals& b = diff.before->totals;
    const RunTotals& a = diff.after->totals;
    const std::size_t worse = diff.worseModels(), better = diff.betterModels();
    std::size_t added = 0;
    for (const ModelDiff& m : diff.models) added += m.before ? 0 : 1;
    out << "<h2 id=\"changes\">Changes since the baseline</h2>\n<p class=\"muted\">Compared with <code>" << html(baseline.source)
        << "</code> (generated " << html(diff.before->timestamp) << "): " << counted(worse, "model", "models") << " worse, " << better
        << " better, " << added << " new, " << diff.models.size() - worse - better - added << " unchanged.</p>\n";
    out << "<div class=\"cards\">";
    auto card = [&](const std::string& value, const std::string& label, const std::string& icon = {}) {
        out << "<div class=\"card\"><b>" << icon << (icon.empty() ? "" : " ") << html(value) << "</b><span>" << html(label)
            << "</span></div>";
    };
    const std::int64_t delta = static_cast<std::int64_t>(a.remaining) - static_cast<std::int64_t>(b.remaining);
    card(signedCount(delta), "remaining aten ops (" + std::to_string(b.remaining) + " \u2192 " + std::to_string(a.remaining) + ")",
         changeIcon(delta > 0   ? ModelChange::Worse
                    : delta < 0 ? ModelChange::Better
                                : ModelChange::Same));
    if (a.conversion && b.conversion)
        card((*a.conversion >= *b.conversion ? "+" : "") + percentText(*a.conversion - *b.conversion) + " pts",
             "conversion (" + percentText(*b.conversion) + " % \u2192 " + percentText(*a.conversion) + " %)");
    card(std::to_string(worse), "models worse", changeIcon(ModelChange::Worse));
    card(std::to_string(better), "models better", changeIcon(ModelChange::Better));
    card(std::to_string(diff.newOps.size()), "ops newly remaining");
    card(std::to_string(diff.convertedOps.size()), "ops converted");
    out << "</div>\n";
    bool any = false;
    for (const ModelDiff& m : diff.models) {
        if (m.before && m.after && !m.changed()) continue;
        if (!any)
            out << "<table id=\"changes-table\" class=\"sortable\"><thead><tr><th>Model</th><th class=\"num\">Change</th><th "
                   "class=\"num\">Remaining then</th><th class=\"num\">Remaining now</th><th>What changed</th></tr></thead><tbody>\n";
        any = true;
        const ModelChange c = modelChange(m);
        auto side = [](const RunModel* r) {
            return !r                                 ? std::string("absent")
                   : r->status == ModelStatus::Failed ? std::string("failed")
                                                      : totalUnique(r->remaining, r->remainingUnique);
        };
        out << "<tr><td>" << (m.after ? modelLink(m.model) : html(m.model)) << "</td><td class=\"n ch-" << c.word() << "\" data-v=\""
            << c.delta.value_or(0) << "\">" << changeIcon(c.kind) << " " << html(c.text()) << "</td>" << num(side(m.before), -1.0)
            << num(side(m.after), -1.0) << "<td>";
        bool first = true;
        for (const auto* list : {&m.worse, &m.better})
            for (const std::string& why : *list) {
                out << (first ? "" : "<br>") << changeIcon(list == &m.worse ? ModelChange::Worse : ModelChange::Better) << " " << html(why);
                first = false;
            }
        if (first) out << (m.before ? "op counts changed" : "new in this run");
        out << "</td></tr>\n";
    }
    if (any) {
        out << "</tbody></table>\n";
    } else {
        out << "<p>No model changed.</p>\n";
    }
    if (!diff.ops.empty()) {
        out << "<h3>Ops across the run</h3>\n<table class=\"sortable\"><thead><tr><th>Op</th><th class=\"num\">Then</th><th "
               "class=\"num\">Now</th><th class=\"num\">Change</th></tr></thead><tbody>\n";
        for (const CountChange& c : diff.ops)
            out << "<tr><td>" << (c.after ? opLink(c.op) : html(c.op)) << "</td>" << num(c.before) << num(c.after)
                << num(signedCount(c.delta()) + (c.before == 0  ? " new"
                                                 : c.after == 0 ? " converted"
                                                                : ""),
                       static_cast<double>(c.delta()))
                << "</tr>\n";
        out << "</tbody></table>\n";
    }
}

}  // namespace

std::string runReportHtml(const RunReport& run, const ReportImages& images, const ReportLimits& limits, const ReportBaseline* baseline) {
    if (baseline && !baseline->diff) baseline = nullptr;
    const RunTotals& t = run.totals;
    const auto changes = diffsByModel(baseline);
    std::map<std::string, std::size_t> opIndex;
    for (std::size_t i = 0; i < run.ops.size(); ++i) opIndex[run.ops[i].op] = i;
    auto opLink = [&](const std::string& op) { return "<a href=\"#op-" + std::to_string(opIndex[op]) + "\">" + html(op) + "</a>"; };
    auto modelLink = [&](const std::string& m) { return "<a href=\"#model-" + html(safeFileName(m)) + "\">" + html(m) + "</a>"; };
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\n"
        << "<title>AtenScope report</title><style>" << kStyle << "</style></head><body>\n";
    out << "<header><h1>AtenScope report</h1><p>Generated " << html(run.timestamp) << html(madeByText(run)) << " &middot; "
        << html(summaryLine(run, false)) << "</p></header>\n";
    out << "<nav>" << (baseline ? "<a href=\"#changes\">Changes</a>" : "")
        << "<a href=\"#models\">Models</a><a href=\"#priority\">What to lower next</a>"
        << (linesWithRemainingCount(run.lines) ? "<a href=\"#lines\">Source lines</a>" : "")
        << "<a href=\"#ops\">Ops</a><a href=\"#graphs\">Graphs</a></nav>\n<main>\n";
    out << "<div class=\"cards\">";
    auto card = [&](const std::string& value, const std::string& label, const std::string& icon = {}) {
        out << "<div class=\"card\"><b>" << icon << (icon.empty() ? "" : " ") << html(value) << "</b><span>" << html(label)
            << "</span></div>";
    };
    card(std::to_string(t.models), "models");
    card(std::to_string(t.converted), "nothing remains", statusIcon(ModelStatus::Converted));
    card(std::to_string(t.remainingModels), "aten ops remain", statusIcon(ModelStatus::Remaining));
    card(std::to_string(t.failed), "failed", statusIcon(ModelStatus::Failed));
    card(totalUnique(t.remaining, t.uniqueOps), "remaining aten ops (unique)");
    card(std::to_string(t.variations), "input variations");
    card(t.conversion ? percentText(*t.conversion) + " %" : std::string("n/a"),
         "conversion of " + std::to_string(t.opsBefore) + " original ops");
    card(std::to_string(t.dataMovement), "To/From Device ops");
    out << "</div>\n";
    if (baseline) changesSection(out, *baseline, opLink, modelLink);

    out << "<h2 id=\"models\">Models</h2>\n";
    filterTools(out, "models-table", run.models.size(), true);
    out << "<table id=\"models-table\" class=\"sortable\"><thead><tr><th>Model</th><th>Status</th>";
    for (const char* c : kRunColumns) out << "<th class=\"num\">" << c << "</th>";
    out << "<th class=\"num\">Torch Ops Before</th>"
           "<th class=\"num\">Torch Ops Remain</th><th class=\"num\">To/From Device Ops</th><th "
           "class=\"num\">Conversion</th>"
        << (baseline ? "<th class=\"num\">Since Baseline</th>" : "") << "</tr></thead><tbody>\n";
    for (const RunModel& m : run.models) {
        const bool failed = m.status == ModelStatus::Failed;
        out << "<tr data-status=\"" << statusName(m.status) << "\"><td>" << modelLink(m.name) << "</td><td class=\"st-"
            << statusName(m.status) << "\" data-v=\"" << statusRank(m.status) << "\""
            << (failed ? " title=\"" + html(m.failure) + "\"" : std::string()) << ">" << statusIcon(m.status) << " " << statusName(m.status)
            << (m.predicted && !failed ? " <span class=\"muted\">(predicted)</span>" : "") << "</td>";
        for (const auto& v : runColumns(m)) out << num(measuredText(v), v.value_or(-1.0));
        out << num(beforeText(m), m.opsBefore ? static_cast<double>(*m.opsBefore) : -1.0);
        out << num(remainText(m), failed ? -1.0 : static_cast<double>(m.remaining));
        out << num(failed ? std::string() : std::to_string(m.dataMovement), failed ? -1.0 : static_cast<double>(m.dataMovement));
        out << num(conversionText(m.conversion), m.conversion.value_or(-1.0));
        if (baseline) {
            const auto it = changes.find(m.name);
            if (it == changes.end()) {
                out << "<td></td>";
            } else {
                const ModelChange c = modelChange(*it->second);
                out << "<td class=\"n ch-" << c.word() << "\" data-v=\"" << c.delta.value_or(0) << "\">" << changeIcon(c.kind) << " "
                    << html(c.text()) << "</td>";
            }
        }
        out << "</tr>\n";
    }
    out << "</tbody></table>\n";

    out << "<h2 id=\"priority\">What to lower next</h2>\n";
    if (run.priorityOps.empty()) {
        out << "<p>No aten op remains in any model.</p>\n";
    } else {
        out << "<p class=\"muted\">For each remaining op and each of its input variations: the nodes and models it accounts for, and how "
               "many "
               "models would be fully converted if it alone were lowered.</p>\n";
        auto priorityTable = [&](const std::string& id, const std::vector<PriorityItem>& items, bool variations) {
            const std::size_t rows = variations ? std::min(items.size(), limits.priorityRows * 4) : items.size();
            out << "<table id=\"" << id << "\" class=\"sortable\"><thead><tr><th class=\"num\">#</th><th>Op</th>"
                << (variations ? "<th>Input variation</th>" : "")
                << "<th class=\"num\">Nodes</th><th class=\"num\">Models</th><th class=\"num\">Models fully "
                   "converted</th></tr></thead><tbody>\n";
            for (std::size_t i = 0; i < rows; ++i) {
                const auto& p = items[i];
                out << "<tr>" << num(std::to_string(i + 1), static_cast<double>(i + 1)) << "<td>" << opLink(p.op) << "</td>";
                if (variations) out << "<td><code>" << html(p.variation.value_or("")) << "</code></td>";
                out << num(p.nodes) << num(p.models) << num(p.unblocks) << "</tr>\n";
            }
            out << "</tbody></table>\n";
            if (rows < items.size()) out << "<p class=\"muted\">" << items.size() - rows << " more in report.json.</p>\n";
        };
        priorityTable("priority-ops", run.priorityOps, false);
        out << "<h3>By input variation</h3>\n";
        priorityTable("priority-variations", run.priorityVariations, true);
    }

    if (const auto lines = linesWithRemaining(run.lines, limits.priorityRows * 4); !lines.empty()) {
        out << "<h2 id=\"lines\">Source lines</h2>\n<p class=\"muted\">The model's own lines (the innermost frame of each node's "
               "stack trace that is not torch's) ranked by the remaining nodes they make.</p>\n";
        filterTools(out, "lines-table", lines.size(), false);
        out << "<table id=\"lines-table\" class=\"sortable\"><thead><tr><th class=\"num\">#</th><th>Line</th><th>Function</th>"
               "<th>Code</th><th class=\"num\">Remaining</th><th class=\"num\">Converted</th><th>Ops</th><th>Models</th></tr>"
               "</thead><tbody>\n";
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const auto& [key, stats] = lines[i];
            std::vector<std::pair<std::string, std::uint64_t>> ops(stats->ops.begin(), stats->ops.end());
            std::stable_sort(ops.begin(), ops.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
            // The file's name and line, its folder below (a path breaks badly inside a cell).
            const auto slash = key->file.rfind('/');
            const std::string name = slash == std::string::npos ? key->file : key->file.substr(slash + 1);
            const std::string folder = slash == std::string::npos ? std::string() : key->file.substr(0, slash);
            out << "<tr>" << num(std::to_string(i + 1), static_cast<double>(i + 1)) << "<td title=\"" << html(key->file) << ":" << key->line
                << "\"><code>" << html(name) << ":" << key->line << "</code>"
                << (folder.empty() ? std::string() : "<br><span class=\"muted\">" + html(folder) + "</span>") << "</td><td>"
                << html(stats->function) << "</td><td><code>" << html(stats->code) << "</code></td>" << num(stats->remaining)
                << num(stats->converted) << "<td class=\"uses\">";
            for (std::size_t k = 0; k < ops.size(); ++k) out << (k ? "<br>" : "") << opLink(ops[k].first) << " (" << ops[k].second << ")";
            out << "</td><td class=\"uses\">";
            std::size_t k = 0;
            for (const auto& [m, n] : stats->models) out << (k++ ? "<br>" : "") << modelLink(m) << " (" << n << ")";
            out << "</td></tr>\n";
        }
        out << "</tbody></table>\n";
        if (const std::size_t all = linesWithRemainingCount(run.lines); all > lines.size())
            out << "<p class=\"muted\">" << all - lines.size() << " more in report.json.</p>\n";
    }

    out << "<h2 id=\"ops\">Remaining ops across models</h2>\n";
    filterTools(out, "ops-table", run.ops.size(), false);
    std::uint64_t maxCount = 1;
    for (const RunOp& op : run.ops) maxCount = std::max(maxCount, op.count);
    out << "<table id=\"ops-table\" class=\"sortable\"><thead><tr><th>Op</th><th class=\"num\">Count</th><th class=\"num\">Models</th>"
           "<th class=\"num\">Input variations</th></tr></thead><tbody>\n";
    for (const RunOp& op : run.ops) {
        const int bar = static_cast<int>(120.0 * static_cast<double>(op.count) / static_cast<double>(maxCount));
        out << "<tr><td>" << opLink(op.op) << "<span class=\"bar\" style=\"width:" << std::max(bar, 1) << "px\"></span></td>"
            << num(op.count) << num(op.models) << num(op.variations.size()) << "</tr>\n";
    }
    out << "</tbody></table>\n";
    for (std::size_t i = 0; i < run.ops.size(); ++i) {
        const RunOp& op = run.ops[i];
        out << "<h3 id=\"op-" << i << "\">" << html(op.op) << "</h3><p class=\"muted\">" << op.count
            << (op.count == 1 ? " node in " : " nodes in ") << op.models << (op.models == 1 ? " model" : " models") << ", "
            << op.variations.size() << (op.variations.size() == 1 ? " input variation" : " input variations") << "</p>\n";
        // The pictures that show this op by name.
        std::string pictured;
        for (const auto& [model, pictures] : images)
            for (std::size_t k = 0; k < pictures.size(); ++k)
                if (std::find(pictures[k].ops.begin(), pictures[k].ops.end(), op.op) != pictures[k].ops.end())
                    pictured += std::string(pictured.empty() ? "" : ", ") + "<a href=\"#pic-" + html(safeFileName(model)) + "-" +
                                std::to_string(k) + "\">" + html(model) + ": " + html(pictures[k].title) + "</a>";
        if (!pictured.empty()) out << "<p class=\"muted\">Pictured in " << pictured << "</p>\n";
        out << "<table class=\"sortable\"><thead><tr><th>Input variation</th><th class=\"num\">Nodes</th><th>Models and "
               "nodes</th></tr></thead><tbody>\n";
        for (const RunVariation& v : op.variations) {
            out << "<tr><td><code>" << (v.variation.empty() ? std::string("(not recorded)") : html(v.variation)) << "</code></td>"
                << num(v.count) << "<td class=\"uses\">";
            for (std::size_t k = 0; k < v.models.size(); ++k) {
                const ModelUse& u = v.models[k];
                out << (k ? "<br>" : "") << modelLink(u.model) << " (" << u.count << ")";
                if (!u.nodes.empty()) {
                    out << ": ";
                    for (std::size_t n = 0; n < u.nodes.size() && n < limits.nodesPerUse; ++n) out << (n ? ", " : "") << html(u.nodes[n]);
                    if (u.count > std::min<std::uint64_t>(u.nodes.size(), limits.nodesPerUse)) out << ", &hellip;";
                }
            }
            out << "</td></tr>\n";
        }
        out << "</tbody></table>\n";
    }

    out << "<h2 id=\"graphs\">Models</h2>\n";
    std::size_t pictureBytes = 0;
    for (const auto& [name, list] : images)
        for (const ReportImage& r : list) pictureBytes += r.png.size();
    const bool inlined = pictureBytes <= limits.inlinePictureBytes;
    if (!inlined)
        out << "<p>The pictures (" << images.size() << " models, " << (pictureBytes >> 20)
            << " MB) are in <code>images/</code> beside this page, not inlined: keep the folder together.</p>\n";
    for (const RunModel& m : run.models) {
        out << "<h3 id=\"model-" << html(safeFileName(m.name)) << "\">" << statusIcon(m.status) << " " << html(m.name)
            << "</h3>\n<p class=\"muted\">";
        if (m.status == ModelStatus::Failed) {
            out << "Failed: " << html(m.failure);
        } else {
            out << "Remaining aten ops " << totalUnique(m.remaining, m.remainingUnique) << ", converted ops " << m.converted
                << ", To/From Device ops " << m.dataMovement;
            if (m.conversion) out << ", conversion " << percentText(*m.conversion) << " %";
            out << "; profile " << html(m.profile) << (m.predicted ? " (predicted: no compiled graph)" : "");
            if (!m.hasGraph) out << "; from the recorded op lists (no graph)";
        }
        out << "</p>\n";
        if (!m.ops.empty()) {
            out << "<p>";
            bool first = true;
            for (const auto& [op, n] : m.ops) {
                out << (first ? "" : ", ") << opLink(op) << " &times; " << n;
                first = false;
            }
            out << "</p>\n";
        }
        if (auto it = images.find(m.name); it != images.end())
            for (std::size_t k = 0; k < it->second.size(); ++k) {
                const ReportImage& r = it->second[k];
                // At its own size (the page scrolls): a picture shrunk to the column is no longer legible.
                out << "<figure id=\"pic-" << html(safeFileName(m.name)) << "-" << k << "\"><figcaption><b>" << html(r.title)
                    << "</b>: " << html(r.caption) << "</figcaption><div class=\"pic\"><img alt=\"" << html(r.title) << "\" "
                    << (inlined ? "src=\"data:image/png;base64," + base64(r.png) : "loading=\"lazy\" src=\"" + html(r.file))
                    << "\"></div></figure>\n";
            }
    }
    out << "</main>\n<script>" << kScript << "</script>\n</body></html>\n";
    return out.str();
}

}  // namespace atenscope
