// SPDX-License-Identifier: MIT
#include "render/Session.h"

#include "base/LoadError.h"
#include "readers/GraphReader.h"
#include "render/QtText.h"

#include <cstdlib>
#include <stdexcept>

namespace atenscope {

LoadedModel splitStages(Model&& m) {
    LoadedModel lm;
    Model original;
    for (auto& g : m.graphs) (g.stage == "original" ? original.graphs : lm.model.graphs).push_back(std::move(g));
    lm.model.name = original.name = m.name;
    lm.model.sources = original.sources = m.sources;
    lm.model.schemas = original.schemas = m.schemas;
    lm.model.recorded = m.recorded;
    lm.model.torch = original.torch = m.torch;
    lm.model.sourceRoots = original.sourceRoots = m.sourceRoots;
    if (lm.model.graphs.empty()) {
        lm.model.graphs = std::move(original.graphs);  // only original graphs: show them
    } else if (!original.graphs.empty()) {
        lm.original = std::move(original);
    }
    return lm;
}

std::shared_ptr<GraphDrawing> layOut(const Graph& graph, bool weights) {
    const auto shown = GraphDrawing::shownNodes(graph, weights);
    const auto input = GraphDrawing::layoutInput(graph, shown);
    const auto engine = chooseLayout(input.nodes.size());
    return std::make_shared<GraphDrawing>(graph, engine->layout(input), shown);
}

std::shared_ptr<GraphDrawing> layOutForView(const Graph& graph, bool weights, std::shared_ptr<GroupedLayout>& grouped) {
    if (std::getenv("ATENSCOPE_LAYOUT") == nullptr) grouped = GroupedLayout::make(graph, weights);
    if (!grouped) return layOut(graph, weights);
    grouped->current = grouped->readableState();
    return grouped->draw(grouped->current);
}

std::shared_ptr<Session> loadSession(const QStringList& files, const std::atomic<bool>& cancel, const Progress& progress,
                                     const LoadOptions& options) {
    auto session = std::make_shared<Session>();
    session->files = files;
    std::vector<std::string> paths;
    for (const auto& f : files) paths.push_back(f.toStdString());
    progress(0, 1, QStringLiteral("Reading"));
    std::vector<InputError> failures;
    ReadOptions readOptions;
    readOptions.failures = &failures;
    std::vector<Model> models;
    try {
        models = readModels(paths, readOptions);
    } catch (const InputError&) {
        if (failures.size() <= 1) throw;
        // None could be read: each file and why, not only the first.
        std::string text = "none of the " + std::to_string(failures.size()) + " files could be opened:";
        for (const auto& f : failures) text += "\n" + std::string(f.what());
        throw std::runtime_error(text);
    }
    for (const auto& f : failures) session->failures << qtext(f.what());
    if (cancel) return nullptr;
    std::size_t graphs = 0;
    for (const auto& m : models) graphs += m.graphs.size();
    int done = 0;
    for (auto& m : models) {
        LoadedModel lm = splitStages(std::move(m));
        for (const auto& g : lm.model.graphs) {
            if (cancel) return nullptr;
            progress(done, static_cast<int>(graphs),
                     QStringLiteral("Laying out %1 / %2 (%3 nodes)").arg(qtext(lm.model.name), qtext(g.name)).arg(g.nodes.size()));
            lm.grouped.emplace_back();
            lm.drawings.push_back(layOutForView(g, options.weights, lm.grouped.back()));
            ++done;
        }
        session->models.push_back(std::move(lm));
    }
    progress(static_cast<int>(graphs), static_cast<int>(graphs), QStringLiteral("Done"));
    return session;
}

std::vector<NodeClass> viewClasses(const Graph& graph, const Profile& profile, bool predict) {
    std::vector<NodeClass> classes;
    classes.reserve(graph.nodes.size());
    ClassifyOptions options;
    options.predict = predict;
    for (const Node& n : graph.nodes)
        classes.push_back(convertsSubgraph(n, profile) ? NodeClass::Converted : classify(graph, n, profile, options));
    // Then the nodes inside partitions and higher-order branches (PartitionIndex's order), as
    // the analysis counts them.
    const PartitionIndex parts(graph);
    for (const std::uint32_t call : parts.partitions()) {
        const Node& n = graph.nodes[call];
        ClassifyOptions inside = options;
        inside.insideConverted = convertsSubgraph(n, profile);
        for (const Node& m : n.subgraph->nodes) classes.push_back(classify(*n.subgraph, m, profile, inside));
    }
    return classes;
}

ModelReport analyzeLoaded(const LoadedModel& m, const Profile& profile, bool predict, const SchemaSource* schemas) {
    AnalysisOptions options;
    options.profile = &profile;
    options.predict = predict;
    options.schemas = schemas;
    return analyze(m.model, options, m.original ? &*m.original : nullptr);
}

}  // namespace atenscope
