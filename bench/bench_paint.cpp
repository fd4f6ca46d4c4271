// SPDX-License-Identifier: MIT
// Frame times of the graph view on a large graph with every module group expanded: the view
// (1600 x 1000 px) painted into an image the way GraphView paints its viewport, at fit, at
// 100 % and in between, and along a pan at each zoom (one frame per 120 px step, as a drag
// produces them). Prints the median and the worst frame of each.
//   bench_paint GRAPH [--flat] [--zoom Z]   (--flat: the drawing without groups, as ATENSCOPE_LAYOUT=layered;
//   --zoom: only the pan at that zoom, e.g. 1 for 100 %, for a profiler)
#include "PeakMemory.h"
#include "analysis/Profile.h"
#include "readers/GraphReader.h"
#include "render/GraphPainter.h"
#include "render/GroupedLayout.h"
#include "render/Session.h"

#include <QGuiApplication>
#include <QImage>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

using namespace atenscope;

namespace {

struct Frames {
    std::vector<double> ms;
    double median() {
        std::sort(ms.begin(), ms.end());
        return ms.empty() ? 0 : ms[ms.size() / 2];
    }
    double worst() const { return ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end()); }
};
}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_paint GRAPH [--flat] [--zoom Z]\n");
        return 2;
    }
    bool flat = false;
    double only = 0;  // --zoom Z: that pan only (for a profiler)
    for (int k = 2; k < argc; ++k) {
        if (std::strcmp(argv[k], "--flat") == 0) flat = true;
        if (std::strcmp(argv[k], "--zoom") == 0 && k + 1 < argc) only = std::atof(argv[++k]);
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    using Clock = std::chrono::steady_clock;
    auto ms = [](Clock::time_point a) { return std::chrono::duration<double, std::milli>(Clock::now() - a).count(); };
    auto models = readModels({argv[1]});
    const Graph& g = models.front().graphs.front();
    std::shared_ptr<const GraphDrawing> drawing;
    auto t = Clock::now();
    if (flat) {
        drawing = layOut(g, true);
    } else {
        auto grouped = GroupedLayout::make(g, true);
        if (!grouped) {
            std::fprintf(stderr, "%s: no module paths\n", argv[1]);
            return 1;
        }
        drawing = grouped->draw(std::vector<char>(grouped->groupCount(), 1));
    }
    const double drawn = ms(t);
    const auto classes = viewClasses(g, loadProfile("ttnn"), false);
    const auto counts = drawing->groupCounts(classes);
    const QRectF b = drawing->bounds();
    std::printf("graph %s: %zu nodes, %zu edges drawn, %zu group boxes; drawing %.0f x %.0f pt, built in %.0f ms\n", argv[1],
                g.nodes.size(), drawing->edges().size(), drawing->groups().size(), b.width(), b.height(), drawn);

    const QSize viewport(1600, 1000);
    QImage image(viewport, QImage::Format_ARGB32_Premultiplied);
    Highlight highlight;
    // One frame: the view's top-left corner at `origin` (scene), at `zoom`.
    auto frame = [&](double zoom, QPointF origin) {
        const auto start = Clock::now();
        image.fill(Qt::white);
        QPainter p(&image);
        p.scale(zoom, zoom);
        p.translate(-origin);
        paintGraph(p, *drawing, classes, highlight, QRectF(origin, QSizeF(viewport.width() / zoom, viewport.height() / zoom)), false,
                   &counts);
        p.end();
        return ms(start);
    };
    const double fit = std::min(viewport.width() / b.width(), viewport.height() / b.height());
    std::printf("%-26s %10s %10s %8s\n", "view", "median ms", "worst ms", "frames");
    auto report = [](const char* what, Frames f) { std::printf("%-26s %10.1f %10.1f %8zu\n", what, f.median(), f.worst(), f.ms.size()); };
    if (only == 0) {
        Frames f;
        for (int k = 0; k < 5; ++k) f.ms.push_back(frame(fit, b.topLeft()));
        report("fit (whole graph)", f);
    }
    // Pans: 120 px steps down the drawing's middle column from the top, then across, at each zoom.
    for (const double zoom : {1.0, 0.5, 0.25, 0.1, 0.03, 0.01}) {
        if (only > 0 && zoom != only) continue;
        Frames f;
        const double step = 120 / zoom;
        const QSizeF view(viewport.width() / zoom, viewport.height() / zoom);
        QPointF at(b.center().x() - view.width() / 2, b.top());
        for (int k = 0; k < 150 && at.y() < b.bottom(); ++k, at.ry() += step) f.ms.push_back(frame(zoom, at));
        for (int k = 0; k < 50 && at.x() < b.right(); ++k, at.rx() += step) f.ms.push_back(frame(zoom, at));
        char what[64];
        std::snprintf(what, sizeof what, "pan at %g %%", zoom * 100);
        report(what, f);
    }
    std::printf("peak resident %.0f MiB\n", bench::peakMiB());
    return 0;
}
