// SPDX-License-Identifier: MIT
// Layout engines on the same graph, as the window gives it to them (its box sizes): time and
// the drawing's quality measured the same way for each (core/layout/LayoutCheck.h).
// Usage: bench_layout GRAPH [--nodes N] [--engine layered|dot|dot-limited|old]... [--repeat R] [--json FILE]
//        [--export-input FILE] (the boxes and edges as JSON, for bench/js/peers.js)
// --nodes N keeps the graph's first N nodes (a real graph cut, edges among them kept).
#include "layout/LayoutCheck.h"
#include "readers/GraphReader.h"
#include "render/GraphDrawing.h"

#include <QGuiApplication>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

using namespace atenscope;
namespace atenscope {
std::unique_ptr<LayoutEngine> makeOldLayered();
}

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    std::string file, jsonOut, exportInput;  // --export-input: the boxes and edges, for the JS engines
    std::size_t keep = 0;
    int repeat = 1;
    std::vector<std::string> engines;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--nodes" && i + 1 < argc)
            keep = std::stoul(argv[++i]);
        else if (a == "--engine" && i + 1 < argc)
            engines.push_back(argv[++i]);
        else if (a == "--repeat" && i + 1 < argc)
            repeat = std::stoi(argv[++i]);
        else if (a == "--json" && i + 1 < argc)
            jsonOut = argv[++i];
        else if (a == "--export-input" && i + 1 < argc)
            exportInput = argv[++i];
        else
            file = a;
    }
    if (file.empty()) {
        std::fprintf(stderr, "usage: bench_layout GRAPH [--nodes N] [--engine layered|dot]... [--repeat R] [--json FILE]\n");
        return 2;
    }
    if (engines.empty() && exportInput.empty()) engines = {"layered"};
    auto models = readModels({file});
    const Graph& g = models.front().graphs.front();
    LayoutInput input = GraphDrawing::layoutInput(g);
    if (keep && keep < input.nodes.size()) {
        // The graph's first ops in order with the inputs they read (weights, placeholders):
        // a real piece of the model, as a smaller model's graph would be.
        std::vector<char> kept(g.nodes.size(), 0);
        std::size_t count = 0;
        for (std::size_t i = 0; i < g.nodes.size() && count < keep; ++i) {
            const Node& node = g.nodes[i];
            if (node.op == OpKind::Placeholder || node.op == OpKind::GetAttr) continue;
            for (const auto in : node.inputs)
                if (!kept[in]) {
                    kept[in] = 1;
                    ++count;
                }
            if (!kept[i]) {
                kept[i] = 1;
                ++count;
            }
        }
        std::vector<std::uint32_t> index(g.nodes.size(), UINT32_MAX);
        LayoutInput cut;
        for (std::size_t i = 0; i < g.nodes.size(); ++i)
            if (kept[i]) {
                index[i] = static_cast<std::uint32_t>(cut.nodes.size());
                cut.nodes.push_back(input.nodes[i]);
            }
        for (const auto& [a, b] : input.edges)
            if (index[a] != UINT32_MAX && index[b] != UINT32_MAX) cut.edges.emplace_back(index[a], index[b]);
        input = std::move(cut);
    }
    if (!exportInput.empty()) {
        std::ofstream out(exportInput);
        out << "{\"nodes\": [";
        for (std::size_t i = 0; i < input.nodes.size(); ++i)
            out << (i ? "," : "") << "[" << input.nodes[i].width << "," << input.nodes[i].height << "]";
        out << "], \"edges\": [";
        for (std::size_t i = 0; i < input.edges.size(); ++i)
            out << (i ? "," : "") << "[" << input.edges[i].first << "," << input.edges[i].second << "]";
        out << "]}\n";
    }
    for (const auto& name : engines) {
        // dot-limited: network simplex and crossing reduction bounded (nslimit, nslimit1, mclimit),
        // searchsize lowered: dot that finishes on thousands of nodes, at some cost in quality.
        auto engine = name == "dot" ? makeGraphvizLayout()
                      : name == "dot-limited"
                          ? makeGraphvizLayout({{"nslimit", "2"}, {"nslimit1", "2"}, {"mclimit", "0.2"}, {"searchsize", "10"}})
                      : name == "old" ? makeOldLayered()
                                      : makeLayeredLayout();
        LayoutResult result;
        double best = 1e300;
        for (int r = 0; r < repeat; ++r) {
            const auto t0 = std::chrono::steady_clock::now();
            result = engine->layout(input);
            best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
        const LayoutQuality q = measureLayout(input, result);
        std::printf(
            "{\"engine\": \"%s\", \"nodes\": %zu, \"edges\": %zu, \"ms\": %.1f, \"crossings\": %llu, \"overlaps\": %llu, "
            "\"upward\": %llu, \"through_nodes\": %llu, \"missing\": %llu, \"width\": %.0f, \"height\": %.0f}\n",
            name.c_str(), input.nodes.size(), input.edges.size(), best, static_cast<unsigned long long>(q.crossings),
            static_cast<unsigned long long>(q.overlaps), static_cast<unsigned long long>(q.upward),
            static_cast<unsigned long long>(q.throughNodes), static_cast<unsigned long long>(q.missing), q.width, q.height);
        std::fflush(stdout);
        if (!jsonOut.empty()) std::ofstream(jsonOut + "." + name + ".json") << layoutToJson(input, result).dump() << "\n";
    }
    return 0;
}
