// SPDX-License-Identifier: MIT
#include "commands/Cli.h"

#include "commands/Args.h"

#include "analysis/ProfileChoice.h"
#include "base/LoadError.h"
#include "layout/LayoutCheck.h"
#include "readers/GraphReader.h"
#include "render/GraphExport.h"
#include "render/Session.h"
#include "writers/AtomicFile.h"

#include <QGuiApplication>

#include <iostream>

namespace atenscope::cli {

namespace {

constexpr const char* kRenderHelp = R"(Usage: atenscope render GRAPH... --out FILE.png|FILE.svg|FILE.json [options]

Draw a compiled graph with its remaining aten ops highlighted, with no display
(Qt's offscreen platform): the same drawing as the GUI's.

Options:
  --out FILE           the image to write: .png or .svg, or .json: the laid-out
                       drawing (node boxes, edge routes, engine) (required)
  --profile NAME|FILE  backend profile (default: chosen from the graph; see 'atenscope analyze --help')
  --predict            an uncompiled graph: colour what the profile would not lower
  --focus OP           mark every node of this op (e.g. aten.native_batch_norm.default)
  --no-weights         leave out weights, buffers and constants (get_attr nodes and
                       placeholders named as lifted parameters)
  --width N            image width in pixels (default 1600)
  --model NAME         which model, when the files hold several (default: the first)
  --subgraph NAME      which subgraph (default: the first)
  -h, --help           show this help
)";

}  // namespace

int renderCommand(int argc, char** argv, const std::vector<std::string>& args) {
    std::vector<std::string> graphs;
    std::string out, profileName, focus, model, subgraph, widthText;  // no profile named: chosen from the graph
    bool predict = false, noWeights = false, help = false;
    int width = 1600;
    try {
        ArgParser()
            .flag("--help", &help, "-h")
            .flag("--predict", &predict)
            .flag("--no-weights", &noWeights)
            .value("--out", &out, "a file (FILE.png or FILE.svg)")
            .value("--profile", &profileName, "a profile name or file")
            .value("--focus", &focus, "an op")
            .value("--width", &widthText, "a number")
            .value("--model", &model, "a name")
            .value("--subgraph", &subgraph, "a name")
            .positionals(&graphs)
            .parse(args);
        if (help) {
            std::cout << kRenderHelp;
            return 0;
        }
        if (!widthText.empty()) width = static_cast<int>(parseCount("--width", widthText, 64, 20000));
        if (graphs.empty()) throw UsageError{"no GRAPH given"};
        if (out.empty()) throw UsageError{"--out FILE.png|FILE.svg is required"};
    } catch (const UsageError& e) {
        return usageError("render", e.message);
    }
    const bool weights = !noWeights;
    const bool svg = out.size() > 4 && out.substr(out.size() - 4) == ".svg";
    const bool png = out.size() > 4 && out.substr(out.size() - 4) == ".png";
    const bool json = out.size() > 5 && out.substr(out.size() - 5) == ".json";
    if (!svg && !png && !json) return usageError("render", "--out must end in .png, .svg or .json");

    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    try {
        if (!profileName.empty()) (void)loadProfile(profileName);  // a bad profile fails before any graph is read
        QStringList files;
        for (const auto& g : graphs) files << QString::fromStdString(g);
        std::atomic<bool> cancel{false};
        LoadOptions options;
        options.weights = weights;
        const auto session = loadSession(
            files, cancel, [](int, int, const QString&) {}, options);
        const LoadedModel* lm = &session->models.front();
        if (!model.empty()) {
            lm = nullptr;
            for (const auto& m : session->models)
                if (m.model.name == model) lm = &m;
            if (!lm) throw InputError(graphs.front(), "", "no model named \"" + model + "\"");
        }
        std::size_t gi = 0;
        if (!subgraph.empty()) {
            gi = lm->model.graphs.size();
            for (std::size_t k = 0; k < lm->model.graphs.size(); ++k)
                if (lm->model.graphs[k].name == subgraph) gi = k;
            if (gi == lm->model.graphs.size())
                throw InputError(graphs.front(), "", "model \"" + lm->model.name + "\" has no subgraph \"" + subgraph + "\"");
        }
        const Graph& g = lm->model.graphs[gi];
        if (profileName.empty() && !predict) {
            const ProfileChoice choice = chooseProfile(lm->model);
            profileName = choice.profile;
            predict = choice.predict;
            std::cerr << "atenscope render: " << lm->model.name << ": profile " << choice.profile << (predict ? " (predicted)" : "") << ": "
                      << choice.reason << " (--profile chooses another)\n";
        }
        const Profile profile = loadProfile(profileName.empty() ? "ttnn" : profileName);
        const auto classes = viewClasses(g, profile, predict);
        Highlight h;
        if (!focus.empty()) {
            h.marked.assign(g.nodes.size(), false);
            const auto hits = nodesOfOp(g, focus);
            for (const auto k : hits) h.marked[k] = true;
            if (hits.empty()) std::cerr << "atenscope render: note: no node of " << focus << " in subgraph " << g.name << "\n";
        }
        const GraphDrawing& d = *lm->drawings[gi];
        const QString path = QString::fromStdString(out);
        if (json) {
            // The laid-out drawing itself (docs/layout.md): boxes and routes, for tests and benchmarks.
            const auto shown = GraphDrawing::shownNodes(g, weights);
            const LayoutInput input = GraphDrawing::layoutInput(g, shown);
            const LayoutResult result = chooseLayout(input.nodes.size())->layout(input);
            std::vector<std::string> names;
            for (std::size_t i = 0; i < g.nodes.size(); ++i)
                if (shown.empty() || shown[i]) names.emplace_back(g.nodes[i].name);
            writeFileAtomically(out, layoutToJson(input, result, names).dump() + "\n", false);
        } else if (svg) {
            QString error;
            if (!writeGraphSvg(path, d, classes, h, width, &error)) throw std::runtime_error(out + ": " + error.toStdString());
        } else {
            QString error;
            if (!writeImage(path, renderGraphImage(d, classes, h, width), &error)) throw std::runtime_error(error.toStdString());
        }
        std::cerr << "wrote " << out << " (" << g.nodes.size() - d.hiddenCount() << " nodes";
        if (d.hiddenCount()) std::cerr << ", " << d.hiddenCount() << " weights and constants left out";
        std::cerr << ", " << d.engine() << " layout)\n";
    } catch (const std::exception& e) {
        std::cerr << "atenscope: error: " << e.what() << "\n";
        return 2;
    }
    return 0;
}

}  // namespace atenscope::cli
