// SPDX-License-Identifier: MIT
#include "writers/DiffWriter.h"

#include "writers/RunReportWriter.h"

#include <sstream>

namespace atenscope {

using ojson = nlohmann::ordered_json;

namespace {

std::string signedText(std::int64_t d) {
    return d > 0 ? "+" + std::to_string(d) : std::to_string(d);
}

std::string remainText(const RunModel* m) {
    if (!m) return "absent";
    std::string s = statusSymbol(m->status);
    if (m->status != ModelStatus::Failed) s += " " + totalUnique(m->remaining, m->remainingUnique);
    return s;
}

std::string conversionText(const std::optional<double>& c) {
    return c ? percentText(*c) + " %" : std::string("n/a");
}

std::string statusCounts(const RunTotals& t) {
    return std::string(statusSymbol(ModelStatus::Converted)) + " " + std::to_string(t.converted) + "  " +
           statusSymbol(ModelStatus::Remaining) + " " + std::to_string(t.remainingModels) + "  " + statusSymbol(ModelStatus::Failed) + " " +
           std::to_string(t.failed);
}

std::string changeText(const CountChange& c) {
    std::string s = std::to_string(c.before) + " -> " + std::to_string(c.after) + " (" + signedText(c.delta()) + ")";
    if (c.before == 0) s += " new";
    if (c.after == 0) s += " converted";
    return s;
}

std::string modelLine(const ModelDiff& m) {
    std::string s = remainText(m.before) + " -> " + remainText(m.after);
    const auto cb = m.before ? m.before->conversion : std::nullopt, ca = m.after ? m.after->conversion : std::nullopt;
    if (cb || ca) s += ", conversion " + conversionText(cb) + " -> " + conversionText(ca);
    return s;
}

}  // namespace

std::string diffText(const RunDiff& diff, const DiffLabels& labels, const std::vector<std::string>& gate) {
    const RunTotals& b = diff.before->totals;
    const RunTotals& a = diff.after->totals;
    std::ostringstream out;
    out << "Diff  " << labels.before << " (" << b.models << (b.models == 1 ? " model" : " models") << ") -> " << labels.after << " ("
        << a.models << (a.models == 1 ? " model" : " models") << ")\n";
    out << "  Remaining aten ops   " << totalUnique(b.remaining, b.uniqueOps) << " -> " << totalUnique(a.remaining, a.uniqueOps) << "   "
        << signedText(static_cast<std::int64_t>(a.remaining) - static_cast<std::int64_t>(b.remaining)) << "\n";
    out << "  Conversion           " << conversionText(b.conversion) << " -> " << conversionText(a.conversion) << "\n";
    out << "  Models               " << statusCounts(b) << "  ->  " << statusCounts(a) << "\n";
    const std::size_t worse = diff.worseModels(), better = diff.betterModels();
    out << "  Changed models       " << worse << " worse, " << better << " better, " << diff.models.size() - worse - better
        << " unchanged\n";
    auto section = [&](const char* title, bool worseSide) {
        bool any = false;
        for (const ModelDiff& m : diff.models) {
            if (worseSide ? m.worse.empty() : (!m.worse.empty() || m.better.empty())) continue;
            if (!any) out << "\n" << title << "\n";
            any = true;
            out << "  " << m.model << "   " << modelLine(m) << "\n";
            for (const std::string& why : worseSide ? m.worse : m.better) out << "    - " << why << "\n";
            for (const CountChange& c : m.variations)
                out << "      " << c.op << " " << (c.variation->empty() ? "(variation not recorded)" : "[" + *c.variation + "]") << "  "
                    << changeText(c) << "\n";
        }
    };
    section("Worse", true);
    section("Better", false);
    if (!diff.ops.empty()) {
        out << "\nOps across the run\n";
        for (const CountChange& c : diff.ops) out << "  " << c.op << "  " << changeText(c) << "\n";
    }
    if (!gate.empty()) {
        out << "\nGate failed\n";
        for (const std::string& g : gate) out << "  - " << g << "\n";
    }
    return out.str();
}

namespace {

std::string md(const std::string& s) {
    std::string out;
    for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

}  // namespace

std::string diffMarkdown(const RunDiff& diff, const DiffLabels& labels, const std::vector<std::string>& gate) {
    return diffMarkdownSection(diff, labels, gate, "AtenScope diff");
}

std::string diffMarkdownSection(const RunDiff& diff, const DiffLabels& labels, const std::vector<std::string>& gate,
                                const std::string& heading) {
    const RunTotals& b = diff.before->totals;
    const RunTotals& a = diff.after->totals;
    std::ostringstream out;
    const std::size_t worse = diff.worseModels(), better = diff.betterModels();
    out << "## " << heading << "\n\n";
    out << (gate.empty() ? (worse ? "\u26A0\uFE0F " : "\u2705 ") : "\u274C ") << worse << " models worse, " << better << " better, "
        << diff.models.size() - worse - better << " unchanged (`" << md(labels.before) << "` \u2192 `" << md(labels.after) << "`).\n\n";
    out << "| | Before | After | Change |\n|---|--:|--:|--:|\n";
    out << "| Remaining aten ops | " << totalUnique(b.remaining, b.uniqueOps) << " | " << totalUnique(a.remaining, a.uniqueOps) << " | "
        << signedText(static_cast<std::int64_t>(a.remaining) - static_cast<std::int64_t>(b.remaining)) << " |\n";
    out << "| Conversion | " << conversionText(b.conversion) << " | " << conversionText(a.conversion) << " | ";
    if (a.conversion && b.conversion)
        out << (*a.conversion >= *b.conversion ? "+" : "") << percentText(*a.conversion - *b.conversion) << " pts";
    out << " |\n";
    out << "| Models " << statusSymbol(ModelStatus::Converted) << " / " << statusSymbol(ModelStatus::Remaining) << " / "
        << statusSymbol(ModelStatus::Failed) << " | " << b.converted << " / " << b.remainingModels << " / " << b.failed << " | "
        << a.converted << " / " << a.remainingModels << " / " << a.failed << " | |\n";
    bool any = false;
    for (const ModelDiff& m : diff.models) {
        if (!m.changed() && m.before && m.after) continue;
        if (!any) out << "\n### Models that changed\n\n| Model | Before | After | What changed |\n|---|---|---|---|\n";
        any = true;
        std::string what;
        for (const std::string& w : m.worse) what += (what.empty() ? "" : "<br>") + std::string("\U0001F53A ") + w;
        for (const std::string& w : m.better) what += (what.empty() ? "" : "<br>") + std::string("\U0001F53D ") + w;
        if (what.empty()) what = m.before ? "op counts changed" : "new model";
        out << "| " << md(m.model) << " | " << remainText(m.before) << " | " << remainText(m.after) << " | " << md(what) << " |\n";
    }
    if (!diff.ops.empty()) {
        out << "\n### Ops across the run\n\n| Op | Before | After | Change |\n|---|--:|--:|--:|\n";
        for (const CountChange& c : diff.ops)
            out << "| " << md(c.op) << " | " << c.before << " | " << c.after << " | " << signedText(c.delta())
                << (c.before == 0  ? " new"
                    : c.after == 0 ? " converted"
                                   : "")
                << " |\n";
    }
    if (!gate.empty()) {
        out << "\n### Gate failed\n\n";
        for (const std::string& g : gate) out << "- " << md(g) << "\n";
    }
    return out.str();
}

ojson diffChangesToJson(const RunDiff& diff) {
    // `unknownBefore`: the model failed before, so its counts then are unknown (null), not 0.
    auto changes = [](const std::vector<CountChange>& list, bool unknownBefore = false) {
        ojson a = ojson::array();
        for (const CountChange& c : list) {
            ojson o;
            o["op"] = c.op;
            if (c.variation) o["variation"] = *c.variation;
            o["before"] = unknownBefore ? ojson(nullptr) : ojson(c.before);
            o["after"] = c.after;
            o["change"] = unknownBefore ? ojson(nullptr) : ojson(c.delta());
            a.push_back(std::move(o));
        }
        return a;
    };
    auto side = [](const RunModel* m) {
        if (!m) return ojson(nullptr);
        ojson o;
        o["status"] = statusName(m->status);
        const bool failed = m->status == ModelStatus::Failed;  // unknown, not none (0 reads as converted)
        o["total_remaining_ops"] = failed ? ojson(nullptr) : ojson(m->remaining);
        o["unique_op_types"] = failed ? ojson(nullptr) : ojson(m->remainingUnique);
        o["conversion_percentage"] = m->conversion ? ojson(*m->conversion) : ojson(nullptr);
        return o;
    };
    ojson doc;
    doc["regressed"] = diff.regressed();
    doc["worse_models"] = diff.worseModels();
    doc["better_models"] = diff.betterModels();
    doc["new_ops"] = diff.newOps;
    doc["converted_ops"] = diff.convertedOps;
    doc["ops"] = changes(diff.ops);
    ojson models = ojson::array();
    for (const ModelDiff& m : diff.models) {
        ojson o;
        o["model"] = m.model;
        o["before"] = side(m.before);
        o["after"] = side(m.after);
        o["worse"] = m.worse;
        o["better"] = m.better;
        o["new_ops"] = m.newOps;
        o["converted_ops"] = m.convertedOps;
        const bool failedBefore = m.before && m.before->status == ModelStatus::Failed;
        o["ops"] = changes(m.ops, failedBefore);
        o["variations"] = changes(m.variations, failedBefore);
        models.push_back(std::move(o));
    }
    doc["models"] = std::move(models);
    return doc;
}

ojson diffToJson(const RunDiff& diff, const DiffLabels& labels, const std::vector<std::string>& gate) {
    ojson doc;
    doc["format"] = "atenscope-diff";
    doc["version"] = 1;
    doc["before"] = {{"source", labels.before}, {"summary", runTotalsToJson(diff.before->totals)}};
    doc["after"] = {{"source", labels.after}, {"summary", runTotalsToJson(diff.after->totals)}};
    ojson changes = diffChangesToJson(diff);
    for (auto& [key, value] : changes.items()) doc[key] = std::move(value);
    doc["gate"] = {{"passed", gate.empty()}, {"failures", gate}};
    return doc;
}

}  // namespace atenscope
