// SPDX-License-Identifier: MIT
#include "commands/Cli.h"

#include "commands/Args.h"

#include "analysis/ProfileChoice.h"
#include "base/LoadError.h"
#include "layout/LayoutCheck.h"
#include "readers/GraphReader.h"
#include "render/GraphExport.h"
#include "render/Picture.h"
#include "render/Session.h"
#include "writers/AtomicFile.h"

#include <QGuiApplication>

#include <iostream>

namespace atenscope::cli {

namespace {

constexpr const char* kRenderHelp = R"(Usage: atenscope render GRAPH... --out FILE.png|FILE.svg|FILE.json [options]

Draw a compiled graph with its remaining aten ops highlighted, with no display
(Qt's offscreen platform), so that a person can read it: every label at least
9 px high. A graph that fits the width that way is drawn whole; a larger one as
an overview (its modules collapsed to the depth that fits, each box with its
remaining ops counted) and a gallery of the places its ops remain (each with
its inputs and users, captioned with its module; places alike shown once).
A heading (model, subgraph, profile, remaining ops) and the legend sit above.

Options:
  --out FILE           the image to write: .png or .svg, or .json: the laid-out
                       drawing (node boxes, edge routes, engine) (required)
  --whole              the whole graph at whatever scale fits the width, even
                       when its labels are too small to read
  --overview           only the overview (or, without modules, a map)
  --around OP|NODE     only the places of one op (aten.bmm.default, bmm) or
                       around one node (by name), each with what is around it
  --hops K             how far around a place its inputs and users go (default 1)
  --profile NAME|FILE  backend profile (default: chosen from the graph; see 'atenscope analyze --help')
  --predict            an uncompiled graph: colour what the profile would not lower
  --focus OP           mark every node of this op (e.g. aten.native_batch_norm.default)
  --weights            draw weights, buffers and constants (and the chains moving
                       them to the device) as nodes of their own; by default each is
                       a chip (name, shape) of the nodes that use it
  --width N            the picture's width in pixels (default 1600)
  --model NAME         which model, when the files hold several (default: the first)
  --subgraph NAME      which subgraph (default: the first)
  --groups MODE        draw one state of the module groups instead of the chosen
                       picture: readable (as the window opens it), all (every
                       group expanded), remaining (those holding remaining ops
                       expanded), collapsed (the top-level modules only), flat
                       (none); with .json, the drawing's state (default readable)
  --expand PATH        also expand this module or partition and those around it
                       (e.g. model.layers.3, fused_2); implies --groups readable
  -v, --verbose        say which profile was chosen and why (said anyway when
                       the render fails)
  -h, --help           show this help

Exit status: 0 written, 2 bad input or usage (nothing is written then).
)";

// The drawing of a grouped graph (docs/layout.md): the shown nodes, the module groups with
// their boxes and counts, the drawn edges (bundled between groups) as polylines.
nlohmann::ordered_json groupedDrawingJson(const Graph& g, const GraphDrawing& d, const std::vector<NodeClass>& classes) {
    nlohmann::ordered_json doc;
    doc["format"] = "atenscope-drawing";
    doc["version"] = 1;
    doc["engine"] = d.engine();
    doc["width"] = d.bounds().width();
    doc["height"] = d.bounds().height();
    std::vector<std::int64_t> index(d.size(), -1);
    auto nodes = nlohmann::ordered_json::array();
    const PartitionIndex* parts = d.partitions();
    for (std::size_t i = 0; i < d.size(); ++i) {
        if (!d.shown(i)) continue;
        index[i] = static_cast<std::int64_t>(nodes.size());
        const QRectF& b = d.box(i);
        const int m = d.groupOf(i);
        nlohmann::ordered_json node{{"name", parts ? parts->node(i).name : g.nodes[i].name},
                                    {"x", b.x()},
                                    {"y", b.y()},
                                    {"width", b.width()},
                                    {"height", b.height()},
                                    {"group", m > 0 ? d.moduleTree()->modules[static_cast<std::size_t>(m)].path : std::string()}};
        // A node inside a fused partition: the partition's call_module node.
        if (const auto inner = parts ? parts->inner(i) : std::nullopt) node["partition"] = g.nodes[inner->partition].name;
        nodes.push_back(std::move(node));
    }
    doc["nodes"] = std::move(nodes);
    const auto counts = d.groupCounts(classes);
    auto groups = nlohmann::ordered_json::array();
    for (const DrawnGroup& grp : d.groups()) {
        const ModuleNode& m = d.moduleTree()->modules[static_cast<std::size_t>(grp.module)];
        const GroupCounts& c = counts[static_cast<std::size_t>(grp.module)];
        groups.push_back({{"path", m.path},
                          {"type", m.type},
                          {"expanded", grp.expanded},
                          {"x", grp.box.x()},
                          {"y", grp.box.y()},
                          {"width", grp.box.width()},
                          {"height", grp.box.height()},
                          {"nodes", c.nodes},
                          {"remaining", c.remaining},
                          {"converted", c.converted},
                          {"data_movement", c.dataMovement}});
        if (m.partition >= 0) groups.back()["holds"] = m.holds;
    }
    doc["groups"] = std::move(groups);
    auto edges = nlohmann::ordered_json::array();
    for (std::size_t e = 0; e < d.edges().size(); ++e) {
        const auto [a, b] = d.edgeEnds()[e];
        nlohmann::ordered_json o;
        o["from"] = a == UINT32_MAX ? nlohmann::ordered_json() : nlohmann::ordered_json(index[a]);
        o["to"] = b == UINT32_MAX ? nlohmann::ordered_json() : nlohmann::ordered_json(index[b]);
        o["count"] = d.edgeCounts()[e];
        auto pts = nlohmann::ordered_json::array();
        for (const QPolygonF& poly : d.edges()[e].toSubpathPolygons())
            for (const QPointF& p : poly) pts.push_back({p.x(), p.y()});
        o["points"] = std::move(pts);
        edges.push_back(std::move(o));
    }
    doc["edges"] = std::move(edges);
    return doc;
}

}  // namespace

int renderCommand(int argc, char** argv, const std::vector<std::string>& args) {
    std::vector<std::string> graphs;
    std::string out, profileName, focus, model, subgraph, widthText, groups, expand, around,
        hopsText;  // no profile named: chosen from the graph
    bool predict = false, weights = false, noWeights = false, help = false, whole = false, overview = false, verbose = false;
    int width = 1600, hops = 1;
    std::string profileNote;  // which profile was chosen and why: said with --verbose, or after a failure
    try {
        ArgParser()
            .flag("--help", &help, "-h")
            .flag("--predict", &predict)
            .flag("--verbose", &verbose, "-v")
            .flag("--weights", &weights)
            .flag("--no-weights", &noWeights)  // the default now; kept for scripts
            .value("--out", &out, "a file (FILE.png or FILE.svg)")
            .value("--profile", &profileName, "a profile name or file")
            .value("--focus", &focus, "an op")
            .value("--width", &widthText, "a number")
            .value("--model", &model, "a name")
            .value("--subgraph", &subgraph, "a name")
            .value("--groups", &groups, "readable, all, remaining, collapsed or flat")
            .value("--expand", &expand, "a module path")
            .flag("--whole", &whole)
            .flag("--overview", &overview)
            .value("--around", &around, "an op or a node name")
            .value("--hops", &hopsText, "a number")
            .positionals(&graphs)
            .parse(args);
        if (help) {
            std::cout << kRenderHelp;
            return 0;
        }
        if (!widthText.empty()) width = static_cast<int>(parseCount("--width", widthText, 64, 20000));
        if (graphs.empty()) throw UsageError{"no GRAPH given"};
        if (!groups.empty() && groups != "readable" && groups != "all" && groups != "remaining" && groups != "collapsed" &&
            groups != "flat")
            throw UsageError{"--groups must be readable, all, remaining, collapsed or flat, not '" + groups + "'"};
        if (out.empty()) throw UsageError{"--out FILE.png|FILE.svg is required"};
        if (int(whole) + int(overview) + int(!around.empty()) + int(!groups.empty() || !expand.empty()) > 1)
            throw UsageError{"--whole, --overview, --around and --groups/--expand each choose the picture: give one"};
        if (!hopsText.empty()) hops = static_cast<int>(parseCount("--hops", hopsText, 0, 6));
    } catch (const UsageError& e) {
        return usageError("render", e.message);
    }
    if (noWeights) weights = false;
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
            profileNote = "atenscope render: " + lm->model.name + ": profile " + choice.profile + (predict ? " (predicted)" : "") + ": " +
                          choice.reason + " (--profile chooses another)\n";
            if (verbose) std::cerr << profileNote;
        }
        const Profile profile = loadProfile(profileName.empty() ? "ttnn" : profileName);
        const auto classes = viewClasses(g, profile, predict);
        Highlight h;
        if (!focus.empty()) {
            h.marked.assign(PartitionIndex(g).size(), false);
            const auto hits = nodesOfOp(g, focus);
            for (const auto k : hits) h.marked[k] = true;
            if (hits.empty()) std::cerr << "atenscope render: note: no node of " << focus << " in subgraph " << g.name << "\n";
        }
        const bool stateAsked = !groups.empty() || !expand.empty() || json;
        std::shared_ptr<const GraphDrawing> drawing = lm->drawings[gi];
        if (stateAsked) {
            if (groups == "flat" && lm->grouped[gi]) drawing = layOut(g, weights);
            if (GroupedLayout* gl = lm->grouped[gi].get(); gl && groups != "flat") {
                std::vector<char> state = gl->current;
                if (groups == "all") state.assign(gl->groupCount(), 1);
                if (groups == "collapsed") state.assign(gl->groupCount(), 0);
                if (groups == "remaining") {
                    const auto counts = drawing->groupCounts(classes);
                    std::vector<char> want(counts.size(), 0);
                    for (std::size_t m = 0; m < counts.size(); ++m) want[m] = counts[m].remaining > 0;
                    state = gl->expandedWhere(want);
                }
                if (!expand.empty()) {
                    const int m = gl->tree().find(expand);
                    if (m < 0) throw InputError(graphs.front(), "", "subgraph \"" + g.name + "\" has no module \"" + expand + "\"");
                    gl->expandTo(state, m);
                }
                if (state != gl->current) drawing = gl->draw(state);
            }
        }
        const QString path = QString::fromStdString(out);
        if (json) {
            const GraphDrawing& d = *drawing;
            if (!d.groups().empty()) {
                writeFileAtomically(out, groupedDrawingJson(g, d, classes).dump() + "\n", false);
            } else {
                // The laid-out drawing itself (docs/layout.md): boxes and routes, for tests and benchmarks.
                const auto shown = GraphDrawing::shownNodes(g, weights);
                const LayoutInput input = GraphDrawing::layoutInput(g, shown);
                const LayoutResult result = chooseLayout(input.nodes.size())->layout(input);
                std::vector<std::string> names;
                for (std::size_t i = 0; i < g.nodes.size(); ++i)
                    if (shown.empty() || shown[i]) names.emplace_back(g.nodes[i].name);
                writeFileAtomically(out, layoutToJson(input, result, names).dump() + "\n", false);
            }
            std::cerr << "wrote " << out << "\n";
            return 0;
        }
        PictureRequest request;
        request.width = width;
        request.hops = hops;
        request.weights = weights;
        request.show = whole             ? PictureRequest::Show::Whole
                       : overview        ? PictureRequest::Show::Overview
                       : !around.empty() ? PictureRequest::Show::Around
                                         : PictureRequest::Show::Auto;
        request.around = around;
        const QString heading = pictureHeading(lm->model, gi, profile.name + (predict ? " (predicted)" : ""), classes);
        Picture picture;
        if (stateAsked) {
            picture = pictureOf(drawing, request, heading);
        } else {
            try {
                picture = planPicture({g, classes, lm->grouped[gi].get(), heading}, request);
            } catch (const std::invalid_argument& e) {
                throw InputError(graphs.front(), "", e.what());
            }
        }
        if (!h.marked.empty())
            for (PicturePanel& panel : picture.panels) {
                if (panel.highlight.marked.size() < h.marked.size()) panel.highlight.marked.resize(h.marked.size(), false);
                for (std::size_t k = 0; k < h.marked.size(); ++k)
                    if (h.marked[k]) panel.highlight.marked[k] = true;
            }
        QString error;
        if (svg ? !writeSheetSvg(path, picture, classes, width, &error) : !writeImage(path, renderSheet(picture, classes, width), &error))
            throw std::runtime_error(error.toStdString());
        const QSize size = sheetSize(picture, width);
        std::cerr << "wrote " << out << " (" << size.width() << " x " << size.height() << " px: ";
        std::size_t places = 0;
        for (const PicturePanel& panel : picture.panels) {
            if (panel.kind == PicturePanel::Kind::Place) {
                ++places;
                continue;
            }
            const GraphDrawing& d = *panel.drawing;
            std::cerr << (panel.kind == PicturePanel::Kind::Whole      ? "the whole graph"
                          : panel.kind == PicturePanel::Kind::Overview ? "an overview"
                                                                       : "a map")
                      << " (" << d.shownCount() << " nodes";
            if (d.hiddenCount()) std::cerr << ", " << d.hiddenCount() << " weights and constants as chips";
            if (!d.groups().empty()) std::cerr << ", " << d.groups().size() << " module groups";
            if (d.foldedCount()) std::cerr << ", " << d.foldedCount() << " nodes in collapsed groups";
            std::cerr << ", " << d.engine() << " layout" << (panel.legible ? "" : ", too small to read") << ")";
        }
        if (places)
            std::cerr << (picture.panels.size() > places ? " and " : "") << places << (places == 1 ? " place" : " places")
                      << " where ops remain";
        std::cerr << ")\n";
    } catch (const std::exception& e) {
        inputError("render", e.what());
        if (!verbose) std::cerr << profileNote;  // the profile in force, for what failed under it
        return 2;
    }
    return 0;
}

}  // namespace atenscope::cli
