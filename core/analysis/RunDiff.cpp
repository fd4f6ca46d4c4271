// SPDX-License-Identifier: MIT
#include "analysis/RunDiff.h"
#include "base/Words.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace atenscope {

namespace {

std::string percent(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %%", v);
    return buf;
}

// Tolerance for conversion figures read back from JSON.
constexpr double kEpsilon = 1e-9;

std::string variationLabel(const std::string& v) {
    return v.empty() ? std::string("(variation not recorded)") : "[" + v + "]";
}

void compareModel(ModelDiff& d) {
    const RunModel* b = d.before;
    const RunModel* a = d.after;
    if (!a) {
        d.worse.push_back("missing from AFTER");
        return;
    }
    if (!b) return;  // a new model: nothing to compare with
    if (statusRank(a->status) > statusRank(b->status))
        d.worse.push_back(std::string("status ") + statusName(b->status) + " -> " + statusName(a->status) +
                          (a->failure.empty() ? std::string() : " (" + a->failure + ")"));
    else if (statusRank(a->status) < statusRank(b->status))
        d.better.push_back(std::string("status ") + statusName(b->status) + " -> " + statusName(a->status));
    if (b->status == ModelStatus::Failed && a->status != ModelStatus::Failed) {
        // Running now: what it still leaves is news (its count before is unknown, not 0).
        for (const auto& [op, n] : a->ops) {
            d.newOps.push_back(op);
            d.ops.push_back({op, std::nullopt, 0, n});
        }
        return;
    }
    if (a->status == ModelStatus::Failed || b->status == ModelStatus::Failed) return;  // no op lists to compare
    if (a->remaining > b->remaining)
        d.worse.push_back("remaining aten ops " + std::to_string(b->remaining) + " -> " + std::to_string(a->remaining));
    else if (a->remaining < b->remaining)
        d.better.push_back("remaining aten ops " + std::to_string(b->remaining) + " -> " + std::to_string(a->remaining));
    if (a->conversion && b->conversion) {
        if (*a->conversion < *b->conversion - kEpsilon)
            d.worse.push_back("conversion " + percent(*b->conversion) + " -> " + percent(*a->conversion));
        else if (*a->conversion > *b->conversion + kEpsilon)
            d.better.push_back("conversion " + percent(*b->conversion) + " -> " + percent(*a->conversion));
    }
    std::set<std::string> ops;
    for (const auto& [op, n] : b->ops) ops.insert(op);
    for (const auto& [op, n] : a->ops) ops.insert(op);
    static const std::map<std::string, std::uint64_t, std::less<>> noVariations;
    for (const std::string& op : ops) {
        const auto bi = b->ops.find(op), ai = a->ops.find(op);
        const std::uint64_t nb = bi == b->ops.end() ? 0 : bi->second, na = ai == a->ops.end() ? 0 : ai->second;
        if (nb == 0 && na > 0) {
            d.newOps.push_back(op);
            d.worse.push_back("new remaining op " + op + " (" + std::to_string(na) + ")");
        } else if (nb > 0 && na == 0) {
            d.convertedOps.push_back(op);
            d.better.push_back(op + " converted (" + std::to_string(nb) + ")");
        }
        if (na != nb) d.ops.push_back({op, std::nullopt, nb, na});
        const auto bv = b->variations.find(op), av = a->variations.find(op);
        const auto& vb = bv == b->variations.end() ? noVariations : bv->second;
        const auto& va = av == a->variations.end() ? noVariations : av->second;
        std::set<std::string> texts;
        for (const auto& [v, n] : vb) texts.insert(v);
        for (const auto& [v, n] : va) texts.insert(v);
        for (const std::string& v : texts) {
            const auto x = vb.find(v), y = va.find(v);
            const std::uint64_t cb = x == vb.end() ? 0 : x->second, ca = y == va.end() ? 0 : y->second;
            if (ca == cb) continue;
            d.variations.push_back({op, v, cb, ca});
            // A new variation of an op that already remained (a new op is said once, above).
            if (cb == 0 && nb > 0)
                d.worse.push_back("new input variation of " + op + " " + variationLabel(v) + " (" + std::to_string(ca) + ")");
        }
    }
}

}  // namespace

std::size_t RunDiff::worseModels() const {
    return static_cast<std::size_t>(std::count_if(models.begin(), models.end(), [](const ModelDiff& m) { return !m.worse.empty(); }));
}

std::size_t RunDiff::betterModels() const {
    return static_cast<std::size_t>(
        std::count_if(models.begin(), models.end(), [](const ModelDiff& m) { return m.worse.empty() && !m.better.empty(); }));
}

RunDiff diffRuns(const RunReport& before, const RunReport& after) {
    RunDiff diff;
    diff.before = &before;
    diff.after = &after;
    std::map<std::string, ModelDiff> byName;
    for (const RunModel& m : before.models) {
        ModelDiff& d = byName[m.name];
        d.model = m.name;
        d.before = &m;
    }
    for (const RunModel& m : after.models) {
        ModelDiff& d = byName[m.name];
        d.model = m.name;
        d.after = &m;
    }
    for (auto& [name, d] : byName) {
        compareModel(d);
        diff.models.push_back(std::move(d));
    }
    std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> counts;
    for (const RunOp& op : before.ops) counts[op.op].first = op.count;
    for (const RunOp& op : after.ops) counts[op.op].second = op.count;
    for (const auto& [op, c] : counts) {
        if (c.first != c.second) diff.ops.push_back({op, std::nullopt, c.first, c.second});
        if (c.first == 0 && c.second > 0) diff.newOps.push_back(op);
        if (c.first > 0 && c.second == 0) diff.convertedOps.push_back(op);
    }
    std::stable_sort(diff.ops.begin(), diff.ops.end(), [](const CountChange& a, const CountChange& b) {
        const auto x = a.delta() < 0 ? -a.delta() : a.delta(), y = b.delta() < 0 ? -b.delta() : b.delta();
        return x > y;
    });
    return diff;
}

std::vector<std::string> gateFailures(const RunDiff& diff, const GateLimits& limits) {
    std::vector<std::string> out;
    if (limits.failOnRegression)
        for (const ModelDiff& m : diff.models)
            for (const std::string& why : m.worse) out.push_back(m.model + ": " + why);
    const RunReport& after = *diff.after;
    for (const RunModel& m : after.models) {
        if (limits.maxRemaining && m.status != ModelStatus::Failed && m.remaining > *limits.maxRemaining)
            out.push_back(m.name + ": " + counted(m.remaining, "aten op remains", "aten ops remain") + ", more than --max-remaining " +
                          std::to_string(*limits.maxRemaining));
        if (limits.minConversion && m.status != ModelStatus::Failed && m.conversion && *m.conversion < *limits.minConversion - kEpsilon)
            out.push_back(m.name + ": conversion " + percent(*m.conversion) + ", below --min-conversion " + percent(*limits.minConversion));
    }
    if (limits.maxTotalRemaining && after.totals.remaining > *limits.maxTotalRemaining)
        out.push_back("the run: " + counted(after.totals.remaining, "aten op remains", "aten ops remain") +
                      ", more than --max-total-remaining " + std::to_string(*limits.maxTotalRemaining));
    if (limits.minTotalConversion && (!after.totals.conversion || *after.totals.conversion < *limits.minTotalConversion - kEpsilon))
        out.push_back("the run: conversion " + (after.totals.conversion ? percent(*after.totals.conversion) : std::string("unknown")) +
                      ", below --min-total-conversion " + percent(*limits.minTotalConversion));
    return out;
}

}  // namespace atenscope
