// SPDX-License-Identifier: MIT
#include "analysis/Summary.h"

#include <unordered_map>

#include "graph/Recorded.h"

#include "analysis/Variation.h"
#include "base/Parallel.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <stdexcept>

namespace atenscope {

DetailList::Chunk& DetailList::writable() {
    // Write only into a chunk nobody else shares.
    if (chunks_.empty() || chunks_.back().use_count() > 1) chunks_.push_back(std::make_shared<Chunk>());
    return *chunks_.back();
}

void DetailList::reserve(std::size_t n) {
    Chunk& c = writable();
    c.items.reserve(c.items.size() + n);
}

void DetailList::push_back(const RemainingNode& node) {
    Chunk& c = writable();
    Arena& text = c.text;
    RemainingNode& r = c.items.emplace_back();
    r.opName = text.copy(node.opName);
    r.nodeName = text.copy(node.nodeName);
    r.graph = text.copy(node.graph);
    r.argsStr = text.copy(node.argsStr);
    r.kwargsStr = text.copy(node.kwargsStr);
    std::span<std::string_view> shapes = text.make<std::string_view>(node.inputShapes.size());
    for (std::size_t i = 0; i < shapes.size(); ++i) shapes[i] = text.copy(node.inputShapes[i]);
    r.inputShapes = shapes;
    r.outputShape = text.copy(node.outputShape);
    r.dtype = text.copy(node.dtype);
    r.modulePath = text.copy(node.modulePath);
    r.variation = text.copy(node.variation);
    ++size_;
}

void DetailList::append(const DetailList& other) {
    for (const auto& c : other.chunks_)
        if (!c->items.empty()) chunks_.push_back(c);
    size_ += other.size_;
}

const RemainingNode& DetailList::operator[](std::size_t i) const {
    for (const auto& c : chunks_) {
        if (i < c->items.size()) return c->items[i];
        i -= c->items.size();
    }
    throw std::out_of_range("DetailList index");
}

std::optional<double> Summary::conversionPercentage() const {
    if (!originalOpsCount || *originalOpsCount == 0) return std::nullopt;
    const double original = static_cast<double>(*originalOpsCount);
    return (original - static_cast<double>(remaining)) / original * 100.0;
}

std::vector<std::pair<std::string, std::uint64_t>> Summary::mostFrequent(std::size_t n) const {
    std::vector<std::pair<std::string, std::uint64_t>> all;
    all.reserve(ops.size());
    for (const auto& [op, stats] : ops) all.emplace_back(op, stats.count);
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (all.size() > n) all.resize(n);
    return all;
}

void Summary::merge(const Summary& o, std::string_view as) {
    nodes += o.nodes;
    remaining += o.remaining;
    converted += o.converted;
    dataMovement += o.dataMovement;
    structural += o.structural;
    other += o.other;
    for (const auto& [op, stats] : o.ops) {
        OpStats& mine = ops[op];
        mine.count += stats.count;
        for (const auto& [v, c] : stats.variations) mine.variations[v] += c;
        if (as.empty())
            mine.graphs.insert(stats.graphs.begin(), stats.graphs.end());
        else
            mine.graphs.emplace(as);
    }
    details.append(o.details);
    for (const auto& [key, stats] : o.lines) {
        SourceLineStats& mine = lines[key];
        mine.merge(stats);
        if (!as.empty() && stats.remaining) mine.models[std::string(as)] += stats.remaining;
    }
}

namespace {

constexpr std::size_t kNodesPerThread = 16384;

struct Walker {
    Walker(const Model& m, const AnalysisOptions& o, Summary& s) : model(m), options(o), summary(s) {}
    const Model& model;
    const AnalysisOptions& options;
    Summary& summary;

    const OpSchema* schemaFor(const Node& node) {
        if (node.schema) return node.schema;
        if (auto it = model.schemas.find(node.target); it != model.schemas.end()) return it->second.get();
        if (!options.schemas) return nullptr;
        auto found = options.schemas->find(std::string(node.target));
        if (!found) return nullptr;
        fallback.push_back(found);  // keep it alive while the walk uses it
        return found.get();
    }

    void walk(const Graph& graph, const std::string& graphName, bool insideConverted) {
        walk(graph, graphName, insideConverted, 0, graph.nodes.size());
    }

    void walk(const Graph& graph, const std::string& graphName, bool insideConverted, std::size_t begin, std::size_t end) {
        ClassifyOptions co;
        co.predict = options.predict;
        co.insideConverted = insideConverted;
        for (std::size_t i = begin; i < end; ++i) {
            const Node& node = graph.nodes[i];
            const NodeClass c = classify(graph, node, *options.profile, co);
            ++summary.nodes;
            switch (c) {
                case NodeClass::Remaining:
                    record(graph, graphName, node);
                    if (SourceLineStats* line = lineOf(node)) {
                        ++line->remaining;
                        ++entry(line->ops, node.target);
                    }
                    break;
                case NodeClass::Converted:
                    ++summary.converted;
                    if (SourceLineStats* line = lineOf(node)) ++line->converted;
                    break;
                case NodeClass::DataMovement:
                    ++summary.dataMovement;
                    break;
                case NodeClass::Structural:
                    ++summary.structural;
                    break;
                case NodeClass::Other:
                    ++summary.other;
                    break;
            }
            if (node.subgraph) walk(*node.subgraph, graphName, insideConverted || convertsSubgraph(node, *options.profile));
        }
    }

    // The tally of the model's line the node comes from, if its stack trace names one. Readers
    // share a trace between the nodes that have it: one lookup by its address per node.
    SourceLineStats* lineOf(const Node& node) {
        const std::string_view trace = node.more().stackTrace;
        if (trace.empty()) return nullptr;
        auto [it, added] = lineOfTrace.try_emplace(trace.data(), nullptr);
        if (added) {
            if (const SourceFrame* f = sourceLines.frameOf(node)) {
                SourceLineKey key{std::string(f->file), f->line};
                auto at = summary.lines.find(key);
                if (at == summary.lines.end()) {
                    at = summary.lines.emplace(std::move(key), SourceLineStats{}).first;
                    at->second.function = f->function;
                    at->second.code = f->code;
                }
                it->second = &at->second;
            }
        }
        return it->second;
    }

    // Text is built in buffers reused from node to node; the details keep copies.
    void record(const Graph& graph, const std::string& graphName, const Node& node) {
        ++summary.remaining;
        argsStr.clear();
        appendArgsRepr(graph, node, argsStr);
        kwargsStr.clear();
        appendKwargsRepr(graph, node, kwargsStr);
        shapes.clear();
        appendInputShapes(graph, node, shapes);
        variation.clear();
        appendInputVariation(graph, node, schemaFor(node), variation);
        const std::string modulePath = node.modulePath();
        RemainingNode r;
        r.opName = node.target;
        r.nodeName = node.name;
        r.graph = graphName;
        r.argsStr = argsStr;
        r.kwargsStr = kwargsStr;
        r.inputShapes = shapes;
        if (!node.outputs.empty() && node.outputs[0].isTensor) {
            r.outputShape = node.outputs[0].shape;
            r.dtype = node.outputs[0].dtype;
        }
        r.modulePath = modulePath;
        r.variation = variation;
        OpStats& stats = entry(summary.ops, node.target);
        ++stats.count;
        ++entry(stats.variations, variation);
        stats.graphs.insert(graphName);
        summary.details.push_back(r);
    }

    // map[key], without making a string of the key when it is already there.
    template <typename Map>
    static typename Map::mapped_type& entry(Map& map, std::string_view key) {
        auto it = map.find(key);
        if (it == map.end()) it = map.emplace(std::string(key), typename Map::mapped_type{}).first;
        return it->second;
    }

    std::vector<std::shared_ptr<const OpSchema>> fallback;
    SourceLineCache sourceLines;
    std::unordered_map<const char*, SourceLineStats*> lineOfTrace;  // by the trace's address
    std::string argsStr, kwargsStr, variation;
    std::vector<std::string_view> shapes;
};

}  // namespace

std::uint64_t countAtenOps(const Graph& graph) {
    std::uint64_t n = 0;
    for (const Node& node : graph.nodes) {
        if (node.isAten()) ++n;
        if (node.subgraph) n += countAtenOps(*node.subgraph);
    }
    return n;
}

std::uint64_t countAtenOps(const Model& model) {
    std::uint64_t n = 0;
    for (const auto& g : model.graphs) n += countAtenOps(g);
    return n;
}

namespace {
void collectAtenOps(const Graph& graph, std::set<std::string_view>& ops) {
    for (const Node& node : graph.nodes) {
        if (node.isAten()) ops.insert(node.target);
        if (node.subgraph) collectAtenOps(*node.subgraph, ops);
    }
}
}  // namespace

std::uint64_t countAtenOpTypes(const Model& model) {
    std::set<std::string_view> ops;
    for (const auto& g : model.graphs) collectAtenOps(g, ops);
    return ops.size();
}

std::string isoTimestamp(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string isoTimestampNow() {
    return isoTimestamp(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()));
}

std::string isoTimestampOfBuild() {
    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    if (!epoch || !*epoch) return isoTimestampNow();
    return isoTimestamp(static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10)));
}

double Summary::sharePercent(std::uint64_t count) const {
    return remaining ? 100.0 * static_cast<double>(count) / static_cast<double>(remaining) : 0.0;
}

std::string totalUnique(std::uint64_t total, std::uint64_t unique) {
    return std::to_string(total) + " (" + std::to_string(unique) + ")";
}

namespace {

std::uint64_t countAten(const std::vector<RecordedOp>& ops) {
    return static_cast<std::uint64_t>(
        std::count_if(ops.begin(), ops.end(), [](const RecordedOp& op) { return op.op.rfind("aten.", 0) == 0; }));
}

std::uint64_t countAtenTypes(const std::vector<RecordedOp>& ops) {
    std::set<std::string_view> names;
    for (const auto& op : ops)
        if (op.op.rfind("aten.", 0) == 0) names.insert(op.op);
    return names.size();
}

// A model known only by its metrics files (docs/metrics-folders.md): the compiled schema list
// classified op by op, else the op report the folder holds, else the original schema list
// taken as an uncompiled graph. No graph: no nodes to walk, no structure, no module paths.
Summary recordedSummary(const Recorded& r, const AnalysisOptions& options) {
    Summary s;
    auto add = [&](const std::string& op, const std::string& variation, const std::string& graph, const std::string& node) {
        ++s.remaining;
        OpStats& stats = s.ops[op];
        ++stats.count;
        ++stats.variations[variation];
        stats.graphs.insert(graph);
        RemainingNode n;
        n.opName = op;
        n.nodeName = node;
        n.graph = graph;
        n.variation = variation;
        s.details.push_back(n);
    };
    auto classifyAll = [&](const std::vector<RecordedOp>& ops, const std::string& graph, bool predict) {
        for (const auto& op : ops) {
            ++s.nodes;
            switch (classifyOp(op.op, *options.profile, predict)) {
                case NodeClass::Remaining:
                    add(op.op, op.variation, graph, "");
                    break;
                case NodeClass::Converted:
                    ++s.converted;
                    break;
                case NodeClass::DataMovement:
                    ++s.dataMovement;
                    break;
                case NodeClass::Structural:
                    ++s.structural;
                    break;
                case NodeClass::Other:
                    ++s.other;
                    break;
            }
        }
    };
    if (r.compiled && !(options.predict && r.original)) {
        s.graph = "compiled-schema_list";
        classifyAll(*r.compiled, s.graph, false);
        if (r.original) {
            s.originalOpsCount = countAten(*r.original);
            s.originalOpTypes = countAtenTypes(*r.original);
        }
    } else if (r.report && !(options.predict && r.original)) {
        s.graph = "remaining-aten-ops";
        for (const auto& d : r.report->details) {
            std::vector<std::string_view> shapes(d.inputShapes.begin(), d.inputShapes.end());
            RemainingNode n;
            n.opName = d.op;
            n.nodeName = d.node;
            n.graph = s.graph;
            n.argsStr = d.argsStr;
            n.kwargsStr = d.kwargsStr;
            n.inputShapes = shapes;
            n.outputShape = d.outputShape;
            s.details.push_back(n);
        }
        for (const auto& [op, count] : r.report->opFrequency) {
            OpStats& stats = s.ops[op];
            stats.count = count;
            stats.graphs.insert(s.graph);
            if (auto it = r.report->variations.find(op); it != r.report->variations.end())
                for (const auto& [text, n] : it->second) stats.variations[text] = n;
        }
        s.remaining = r.report->totalRemaining;
        s.nodes = s.remaining;
        s.originalOpsCount = r.report->originalOpsCount;
        if (r.original) s.originalOpTypes = countAtenTypes(*r.original);
        if (!s.originalOpsCount && r.original) s.originalOpsCount = countAten(*r.original);
    } else if (r.original) {
        s.graph = "original-schema_list";
        classifyAll(*r.original, s.graph, options.predict);
        if (options.predict) {
            s.originalOpsCount = countAten(*r.original);
            s.originalOpTypes = countAtenTypes(*r.original);
        }
    }
    return s;
}

}  // namespace

ModelReport analyze(const Model& model, const AnalysisOptions& options, const Model* original) {
    ModelReport report;
    const std::string timestamp = options.timestamp.empty() ? isoTimestampNow() : options.timestamp;
    auto stamp = [&](Summary& s, const std::string& graph) {
        s.model = model.name;
        s.graph = graph;
        s.profile = options.profile->name;
        s.predicted = options.predict;
        s.timestamp = timestamp;
    };
    stamp(report.total, "");
    report.recorded = model.recorded;
    report.torch = model.torch;
    if (options.predict && !original) original = &model;  // an uncompiled graph is its own original
    const bool pairwise = original && original->graphs.size() == model.graphs.size();
    for (std::size_t i = 0; i < model.graphs.size(); ++i) {
        const Graph& graph = model.graphs[i];
        // A large graph is walked in ranges on several threads, merged back in node order.
        std::vector<Summary> parts(rangeCount(graph.nodes.size(), kNodesPerThread));
        forRanges(graph.nodes.size(), kNodesPerThread, [&](std::size_t part, std::size_t begin, std::size_t end) {
            Summary local;                       // not parts[part]: neighbours in one array share cache lines
            local.details.reserve(end - begin);  // at most one each (nested subgraphs grow it as needed)
            Walker walker(model, options, local);
            walker.walk(graph, graph.name, false, begin, end);
            parts[part] = std::move(local);
        });
        Summary s = std::move(parts[0]);
        for (std::size_t p = 1; p < parts.size(); ++p) s.merge(parts[p]);
        stamp(s, graph.name);
        if (pairwise) s.originalOpsCount = countAtenOps(original->graphs[i]);
        report.total.merge(s);
        report.subgraphs.push_back(std::move(s));
    }
    if (original) {
        report.total.originalOpsCount = countAtenOps(*original);
        report.total.originalOpTypes = countAtenOpTypes(*original);
    } else if (!model.graphs.empty() && model.recorded && model.recorded->original) {
        // compiled graphs beside a metrics folder's original list: the list is the original
        report.total.originalOpsCount = countAten(*model.recorded->original);
        report.total.originalOpTypes = countAtenTypes(*model.recorded->original);
    }
    report.graphCount = model.graphs.size();
    if (model.graphs.empty() && model.recorded && model.recorded->hasOps()) {
        Summary s = recordedSummary(*model.recorded, options);
        const std::string graph = s.graph;
        stamp(s, graph);
        const auto originalCount = s.originalOpsCount;
        const auto originalTypes = s.originalOpTypes;
        report.total.merge(s);
        report.total.originalOpsCount = originalCount;
        report.total.originalOpTypes = originalTypes;
        report.subgraphs.push_back(std::move(s));
    }
    return report;
}

}  // namespace atenscope
