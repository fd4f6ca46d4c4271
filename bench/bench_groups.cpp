// SPDX-License-Identifier: MIT
// Module groups on a large graph: the compound layout as the window opens it (collapsed to a
// readable depth), fully expanded, and one group toggled after that (the cache at work), with
// the drawing built each time; peak resident memory at the end.
//   bench_groups GRAPH   (a graph whose nodes have module paths: a .pt2 or a torch.compile dump)
#include "PeakMemory.h"
#include "readers/GraphReader.h"
#include "render/GroupedLayout.h"

#include <QGuiApplication>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

using namespace atenscope;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_groups GRAPH\n");
        return 2;
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    using Clock = std::chrono::steady_clock;
    auto ms = [](Clock::time_point a) { return std::chrono::duration<double, std::milli>(Clock::now() - a).count(); };
    auto t = Clock::now();
    auto models = readModels({argv[1]});
    const Graph& g = models.front().graphs.front();
    const double read = ms(t);
    t = Clock::now();
    auto grouped = GroupedLayout::make(g, true);
    if (!grouped) {
        std::fprintf(stderr, "%s: no module paths\n", argv[1]);
        return 1;
    }
    const double make = ms(t);
    t = Clock::now();
    const auto readable = grouped->readableState();
    const auto first = grouped->draw(readable);
    const double opened = ms(t);
    const std::size_t openedGroups = grouped->lastLaidOut();
    t = Clock::now();
    const std::vector<char> all(grouped->groupCount(), 1);
    auto d = grouped->draw(all);
    const double expanded = ms(t);
    const std::size_t expandedGroups = grouped->lastLaidOut();
    // Collapse and expand again the deepest group: only the boxes around it are laid out.
    int deepest = 1, depth = 0;
    for (std::size_t m = 1; m < grouped->groupCount(); ++m) {
        int k = 0;
        for (int p = static_cast<int>(m); p > 0; p = grouped->tree().modules[static_cast<std::size_t>(p)].parent) ++k;
        if (k > depth) depth = k, deepest = static_cast<int>(m);
    }
    auto one = all;
    one[static_cast<std::size_t>(deepest)] = 0;
    t = Clock::now();
    d = grouped->draw(one);
    const double toggled = ms(t);
    const std::size_t toggledGroups = grouped->lastLaidOut();
    std::printf("graph %s: %zu nodes, %zu module groups (deepest %d levels)\n", argv[1], g.nodes.size(), grouped->groupCount(), depth);
    std::printf("read %.0f ms, groups built %.0f ms\n", read, make);
    std::printf("opened (readable depth): %.0f ms, %zu groups laid out, %zu nodes and %zu boxes shown\n", opened, openedGroups,
                g.nodes.size() - first->foldedCount() - first->hiddenCount(), first->groups().size());
    std::printf("fully expanded: %.0f ms, %zu groups laid out\n", expanded, expandedGroups);
    std::printf("one group collapsed after that: %.0f ms, %zu groups laid out\n", toggled, toggledGroups);
    std::printf("peak resident %.0f MiB\n", bench::peakMiB());
    return 0;
}
