// SPDX-License-Identifier: MIT
#include "writers/TextReport.h"

#include "graph/Recorded.h"

#include <cstdio>
#include <sstream>

namespace atenscope {

namespace {

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string pad(const std::string& s, std::size_t width, bool right = false) {
    if (s.size() >= width) return s;
    return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}

std::string conversion(const Summary& s) {
    const auto pct = s.conversionPercentage();
    if (!pct) return "n/a (no original graph given)";
    return fixed(*pct, 1) + " % of " + std::to_string(*s.originalOpsCount) + " original aten ops";
}

}  // namespace

std::string textReport(const ModelReport& report, std::size_t top) {
    const Summary& t = report.total;
    std::ostringstream out;
    out << "Model " << t.model << "  (profile " << t.profile << (t.predicted ? ", predicted" : "") << ", " << report.subgraphs.size()
        << (report.subgraphs.size() == 1 ? " subgraph, " : " subgraphs, ") << t.nodes << " nodes)\n";
    out << "  Remaining aten ops   " << totalUnique(t.remaining, t.uniqueOpTypes()) << "\n";
    out << "  Conversion           " << conversion(t) << "\n";
    out << "  Converted ops        " << t.converted << "\n";
    out << "  To/From Device ops   " << t.dataMovement << "\n";
    if (report.recorded) {
        std::string runs;
        for (const auto& [name, run] : {std::pair<const char*, const RecordedRun*>{"original", &report.recorded->originalRun},
                                        {"compiled", &report.recorded->compiledRun}}) {
            if (!run->success) continue;
            runs += std::string(runs.empty() ? "" : "; ") + name + (*run->success ? " succeeded" : " failed");
            if (const auto time = run->averageRunTime ? run->averageRunTime : run->runTime) runs += " (" + fixed(*time, 2) + " s)";
            if (run->accuracy) runs += ", accuracy " + fixed(*run->accuracy * 100.0, 2) + " %";
        }
        if (!runs.empty()) out << "  Runs                 " << runs << "\n";
    }
    if (report.subgraphs.size() > 1) {
        out << "  Subgraphs\n";
        std::size_t w = 4;
        for (const auto& s : report.subgraphs) w = std::max(w, s.graph.size());
        for (const auto& s : report.subgraphs) {
            out << "    " << pad(s.graph, w) << "  remaining " << pad(totalUnique(s.remaining, s.uniqueOpTypes()), 10) << "  converted "
                << pad(std::to_string(s.converted), 6) << "  to/from device " << pad(std::to_string(s.dataMovement), 6) << "  nodes "
                << s.nodes;
            if (const auto pct = s.conversionPercentage()) out << "  conversion " << fixed(*pct, 1) << " %";
            out << "\n";
        }
    }
    const auto most = t.mostFrequent(top);
    if (most.empty()) {
        out << "  No aten op remains.\n";
        return out.str();
    }
    std::size_t w = 2;
    for (const auto& [op, count] : most) w = std::max(w, op.size());
    out << "  Top remaining ops\n";
    out << "    " << pad("#", 3, true) << "  " << pad("Op", w) << "  " << pad("Count", 6, true) << "  " << pad("Share", 6, true) << "  "
        << pad("Variations", 10, true) << "  Subgraphs\n";
    std::size_t rank = 0;
    for (const auto& [op, count] : most) {
        const OpStats& stats = t.ops.at(op);
        std::string graphs;
        for (const auto& g : stats.graphs) graphs += (graphs.empty() ? "" : ", ") + g;
        const double share = t.sharePercent(count);
        out << "    " << pad(std::to_string(++rank), 3, true) << "  " << pad(op, w) << "  " << pad(std::to_string(count), 6, true) << "  "
            << pad(fixed(share, 1) + "%", 6, true) << "  " << pad(std::to_string(stats.variations.size()), 10, true) << "  " << graphs
            << "\n";
    }
    if (t.ops.size() > most.size()) out << "    ... and " << (t.ops.size() - most.size()) << " more op types\n";
    return out.str();
}

}  // namespace atenscope
