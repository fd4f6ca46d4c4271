// SPDX-License-Identifier: MIT
// How long a graph takes to be drawn where a person sees it (issue: "never slow to draw", no
// layout of a graph under 10,000 nodes over 1 s): for each graph, the window's first drawing (its
// module groups at a readable depth, or flat), every group expanded, and the picture `render`
// writes by default (planPicture: whole, or overview and places) and painted. Reading the file
// is not counted. Best of --repeat runs. Prints one JSON line per graph.
// Usage: bench_draw GRAPH... [--repeat R]   (inputs: bench/make_draw_inputs.py)
#include "analysis/Profile.h"
#include "analysis/ProfileChoice.h"
#include "readers/GraphReader.h"
#include "render/Picture.h"
#include "render/Session.h"

#include <QGuiApplication>

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

using namespace atenscope;

namespace {

double bestOf(int repeat, const std::function<void()>& f) {
    double best = 1e300;
    for (int r = 0; r < repeat; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    int repeat = 3;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--repeat" && i + 1 < argc) {
            repeat = std::stoi(argv[++i]);
        } else {
            files.push_back(a);
        }
    }
    if (files.empty()) {
        std::fprintf(stderr, "usage: bench_draw GRAPH... [--repeat R]\n");
        return 2;
    }
    for (const auto& file : files) {
        auto models = readModels({file});
        LoadedModel lm = splitStages(std::move(models.front()));
        const Graph& g = lm.model.graphs.front();
        const ProfileChoice choice = chooseProfile(lm.model);
        const Profile profile = loadProfile(choice.profile);
        const auto classes = viewClasses(g, profile, choice.predict);
        std::shared_ptr<GroupedLayout> grouped;
        std::size_t shown = 0;
        // The window: its first drawing (a fresh grouped layout each time: nothing cached).
        const double window = bestOf(repeat, [&] {
            std::shared_ptr<GroupedLayout> gl;
            shown = layOutForView(g, false, gl)->shownCount();
            grouped = gl;
        });
        double expanded = 0;
        if (grouped)
            expanded = bestOf(repeat, [&] {
                auto gl = GroupedLayout::make(g, false);
                (void)gl->draw(std::vector<char>(gl->groupCount(), 1));
            });
        const double flat = bestOf(repeat, [&] { (void)layOut(g, false); });
        // render's default picture: planned (its layouts) and painted.
        std::size_t panels = 0;
        QSize size;
        const double picture = bestOf(repeat, [&] {
            auto gl = GroupedLayout::make(g, false);
            const Picture p = planPicture({g, classes, gl.get(), QStringLiteral("bench")}, PictureRequest{});
            const QImage image = renderSheet(p, classes, 1600);
            panels = p.panels.size();
            size = image.size();
        });
        std::printf(
            "{\"file\": \"%s\", \"nodes\": %zu, \"shown\": %zu, \"grouped\": %s, \"window_ms\": %.1f, \"expanded_ms\": %.1f, "
            "\"flat_ms\": %.1f, \"picture_ms\": %.1f, \"panels\": %zu, \"picture_px\": \"%dx%d\"}\n",
            file.c_str(), g.nodes.size(), shown, grouped ? "true" : "false", window, expanded, flat, picture, panels, size.width(),
            size.height());
        std::fflush(stdout);
    }
    return 0;
}
