#include "atenscope/MetricsWriter.h"

#include "atenscope/AtomicFile.h"
#include "atenscope/Pickle.h"

#include <charconv>

namespace atenscope {

using ojson = nlohmann::ordered_json;

ojson shapeToJson(const std::string& shape) {
    if (shape.size() < 2) return nullptr;
    ojson out = ojson::array();
    std::string_view body(shape.data() + 1, shape.size() - 2);
    while (!body.empty()) {
        const auto comma = body.find(',');
        std::string_view item = body.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        std::int64_t v = 0;
        auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
        if (ec == std::errc() && ptr == item.data() + item.size()) {
            out.push_back(v);
        } else {
            out.push_back(std::string(item));
        }
        if (comma == std::string_view::npos) break;
        body.remove_prefix(comma + 1);
    }
    return out;
}

ojson summaryToJson(const Summary& s, std::size_t top) {
    ojson j;
    if (!s.graph.empty()) j["subgraph"] = s.graph;
    j["total_remaining_ops"] = s.remaining;
    j["unique_op_types"] = s.uniqueOpTypes();
    ojson freq = ojson::object();
    for (const auto& [op, stats] : s.ops) freq[op] = stats.count;
    j["op_frequency"] = std::move(freq);
    ojson most = ojson::array();
    for (const auto& [op, count] : s.mostFrequent(top)) most.push_back(ojson::array({op, count}));
    j["most_frequent_ops"] = std::move(most);
    ojson details = ojson::array();
    for (const auto& r : s.details) {
        ojson d;
        d["op_name"] = r.opName;
        d["node_name"] = r.nodeName;
        d["args_str"] = r.argsStr;
        d["kwargs_str"] = r.kwargsStr;
        ojson shapes = ojson::array();
        for (const auto& in : r.inputShapes) shapes.push_back(shapeToJson(in));
        d["input_shapes"] = std::move(shapes);
        d["output_shape"] = shapeToJson(r.outputShape);
        d["subgraph"] = r.graph;
        d["module_path"] = r.modulePath;
        d["input_variation"] = r.variation;
        details.push_back(std::move(d));
    }
    j["remaining_ops_details"] = std::move(details);
    j["original_ops_count"] = s.originalOpsCount ? ojson(*s.originalOpsCount) : ojson(nullptr);
    const auto pct = s.conversionPercentage();
    j["conversion_percentage"] = pct ? ojson(*pct) : ojson(nullptr);
    j["compilation_timestamp"] = s.timestamp;
    // Beyond the seed.
    j["converted_ops_count"] = s.converted;
    j["data_movement_ops_count"] = s.dataMovement;
    j["total_nodes"] = s.nodes;
    j["structural_nodes"] = s.structural;
    j["other_nodes"] = s.other;
    j["torch_ops_remain"] = totalUnique(s.remaining, s.uniqueOpTypes());
    ojson variations = ojson::object();
    for (const auto& [op, stats] : s.ops) {
        ojson list = ojson::array();
        for (const auto& [v, c] : stats.variations) list.push_back({{"input_variation", v}, {"count", c}});
        variations[op] = std::move(list);
    }
    j["input_variations"] = std::move(variations);
    return j;
}

ojson reportToJson(const ModelReport& report, std::size_t top) {
    ojson j;
    j["format"] = "atenscope.metrics";
    j["version"] = kMetricsVersion;
    j["model"] = report.total.model;
    j["profile"] = report.total.profile;
    j["predicted"] = report.total.predicted;
    const ojson total = summaryToJson(report.total, top);  // named: items() must not outlive it
    for (const auto& [key, value] : total.items()) j[key] = value;
    ojson subs = ojson::array();
    for (const auto& s : report.subgraphs) subs.push_back(summaryToJson(s, top));
    j["subgraphs"] = std::move(subs);
    return j;
}

ojson reportsToJson(const std::vector<ModelReport>& reports, std::size_t top) {
    ojson j;
    j["format"] = "atenscope.metrics";
    j["version"] = kMetricsVersion;
    ojson models = ojson::array();
    for (const auto& r : reports) models.push_back(reportToJson(r, top));
    j["models"] = std::move(models);
    return j;
}

std::vector<std::filesystem::path> writeMetrics(const std::filesystem::path& dir, const ModelReport& report, std::size_t top) {
    const ojson doc = reportToJson(report, top);
    const auto folder = dir / report.total.model;
    const auto jsonPath = folder / "remaining-aten-ops.json";
    const auto picklePath = folder / "remaining-aten-ops.pickle";
    // Both are encoded before either is written: no half of a pair on an encoding error.
    const std::string text = doc.dump(1) + "\n";
    const std::string pickle = toPickle(doc);
    writeFileAtomically(jsonPath, text);
    writeFileAtomically(picklePath, pickle);
    return {jsonPath, picklePath};
}

}  // namespace atenscope
