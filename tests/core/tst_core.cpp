// SPDX-License-Identifier: MIT
// Core units: variation strings, Python reprs, op names, schemas, grouping, ranking.
#include "analysis/Profile.h"
#include "analysis/ProfileChoice.h"
#include "analysis/SchemaSource.h"
#include "analysis/SchemaTable.h"
#include "analysis/Summary.h"
#include "analysis/Variation.h"
#include "base/Arena.h"
#include "base/LoadError.h"
#include "graph/OpName.h"
#include "layout/Layout.h"
#include "readers/FxJsonReader.h"
#include "readers/GraphReader.h"
#include "writers/MetricsWriter.h"
#include "writers/Pickle.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <set>

using namespace atenscope;
using json = nlohmann::json;

namespace {

QString data(const QString& name) {
    return QDir(QStringLiteral(ATENSCOPE_TEST_DATA)).filePath(name);
}

Model readOne(const QString& name) {
    auto models = readModels({data(name).toStdString()});
    return std::move(models.at(0));
}

// Every graph fixture: PyTorch 2.x (tests/data) and torch 1.13 (tests/data/torch1.13).
QStringList fixtureFiles() {
    QStringList files;
    for (const QString& folder : {QString(), QStringLiteral("torch1.13")}) {
        const QDir dir(data(folder));
        for (const auto& f : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
            if (!f.endsWith(QLatin1String(".expected.json")) && f != QLatin1String("python-float-repr.json")) files << dir.filePath(f);
    }
    return files;
}

// Compares a schema source with the schemas the dumps carry; returns how many ops it
// compared. Ops the source does not know fail the test unless `unknown` collects them.
std::size_t compareWithDumpedSchemas(const SchemaSource& source, const QStringList& files, std::set<std::string>* unknown) {
    std::set<std::string> seen;
    for (const auto& f : files) {
        const Model m = std::move(readModels({f.toStdString()}).at(0));
        for (const auto& [op, dumped] : m.schemas) {
            if (!seen.insert(op).second) continue;
            const auto found = source.find(op);
            if (!found && unknown) {
                unknown->insert(op);
                continue;
            }
            if (!found) qFatal("%s: %s unknown", qPrintable(f), op.c_str());
            const auto text = [](const OpSchema& s) {
                std::string t;
                for (const auto& a : s.arguments) t += (a.kwargOnly ? "*" : "") + a.name + ":" + a.type + ";";
                return t;
            };
            if (text(*found) != text(*dumped))
                qFatal("%s: %s differs:\n  %s\n  %s", qPrintable(f), op.c_str(), text(*found).c_str(), text(*dumped).c_str());
        }
    }
    return seen.size() - (unknown ? unknown->size() : 0);
}

// torch_ttnn's own report of ResNet18 prints its convolutions so.
constexpr const char* kTtnnResnet18Conv =
    "Tensor<[1, 128, 28, 28]> input = ?, Tensor<[128, 128, 3, 3]> weight = ?, Optional[Tensor] bias = ?, "
    "List[int] stride = [1, 1], List[int] padding = [1, 1], List[int] dilation = [1, 1], bool transposed = False, "
    "List[int] output_padding = [0, 0], int groups = 1";

}  // namespace

class TestCore : public QObject {
    Q_OBJECT

private slots:
    // The graph's strings and arrays live in arenas: views must outlive moves and adoption.
    void arenaKeepsWhatItHoldsThroughMovesAndAdoption() {
        Arena a;
        std::vector<std::string_view> views;
        std::vector<std::string> want;
        for (int i = 0; i < 20000; ++i) {  // several blocks
            want.push_back("node_" + std::to_string(i) + std::string(static_cast<std::size_t>(i % 40), 'x'));
            views.push_back(a.copy(want.back()));
        }
        std::span<double> reals = a.make<double>(3);
        QCOMPARE(reinterpret_cast<std::uintptr_t>(reals.data()) % alignof(double), std::uintptr_t(0));
        QCOMPARE(reals[0] + reals[1] + reals[2], 0.0);  // value-initialised
        const std::string big(200000, 'b');             // larger than a block: a block of its own
        const std::string_view bigView = a.copy(big);
        const std::string_view after = a.copy("after the big one");
        QVERIFY(a.capacity() >= big.size());
        std::span<Value> values = a.make<Value>(5);
        values[4] = Value::ofString(a.copy("text"));
        QCOMPARE(reinterpret_cast<std::uintptr_t>(values.data()) % alignof(Value), std::uintptr_t(0));
        QCOMPARE(a.copy(std::string_view()).size(), std::size_t(0));
        QVERIFY(a.make<int>(0).empty());

        Arena moved(std::move(a));
        Arena owner;
        {
            Arena worker;
            const std::string_view w = worker.copy("from a worker");
            owner.adopt(std::move(worker));
            QCOMPARE(w, std::string_view("from a worker"));
            views.push_back(w);
            want.emplace_back("from a worker");
        }
        owner.adopt(std::move(moved));
        for (std::size_t i = 0; i < views.size(); ++i) QCOMPARE(views[i], std::string_view(want[i]));
        QCOMPARE(bigView, std::string_view(big));
        QCOMPARE(after, std::string_view("after the big one"));
        QCOMPARE(values[4].text, std::string_view("text"));
        QCOMPARE(values[0].kind, Value::Kind::None);
    }

    void resnet18ConvolutionVariationIsTorchTtnns() {
        const Model m = readOne(QStringLiteral("resnet18.original.json"));
        const Graph& g = m.graphs.at(0);
        int found = 0;
        for (const Node& n : g.nodes) {
            if (n.target != "aten.convolution.default") continue;
            const auto shapes = inputShapes(g, n);
            if (shapes.at(0) == "[1, 128, 28, 28]" && shapes.at(1) == "[128, 128, 3, 3]") {
                QCOMPARE(QString::fromStdString(inputVariation(g, n, n.schema)), QString::fromLatin1(kTtnnResnet18Conv));
                ++found;
            }
        }
        QCOMPARE(found, 3);  // layer2 holds three such convolutions
    }

    void floatReprIsPythons() {
        std::ifstream in(data(QStringLiteral("python-float-repr.json")).toStdString());
        const json doc = json::parse(in);
        QVERIFY(doc["float_reprs"].size() > 100);
        for (const auto& row : doc["float_reprs"])
            QCOMPARE(QString::fromStdString(pythonFloatRepr(row[0].get<double>())), QString::fromStdString(row[1].get<std::string>()));
    }

    void stringReprIsPythons() {
        QCOMPARE(pythonStringRepr("abc"), std::string("'abc'"));
        QCOMPARE(pythonStringRepr("it's"), std::string("\"it's\""));
        QCOMPARE(pythonStringRepr("a\nb\\"), std::string("'a\\nb\\\\'"));
        QCOMPARE(pythonStringRepr("both ' and \""), std::string("'both \\' and \"'"));
    }

    void opNamesFromEveryFrontEndMeanOneOp() {
        QCOMPARE(normaliseOpName("aten.add.Tensor"), std::string("aten.add.Tensor"));
        QCOMPARE(normaliseOpName("torch.ops.aten.add.Tensor"), std::string("aten.add.Tensor"));
        QCOMPARE(normaliseOpName("aten::add", "Tensor"), std::string("aten.add.Tensor"));
        QCOMPARE(normaliseOpName("aten::relu", ""), std::string("aten.relu.default"));
        QCOMPARE(normaliseOpName("aten::add.Tensor"), std::string("aten.add.Tensor"));
        QCOMPARE(normaliseOpName("ttnn.add"), std::string("ttnn.add"));
        QCOMPARE(splitOpName("aten.add.Tensor").name, std::string("aten::add"));
        QCOMPARE(splitOpName("aten.relu.default").overload, std::string());
    }

    // The schema table AtenScope carries must give the schema the Python companion wrote,
    // for every op of every fixture, PyTorch 2.x and 1.13 alike.
    void schemaTableAgreesWithDumpedSchemas() {
        QVERIFY(builtinSchemaTableTorchVersion().rfind("2.", 0) == 0);
        const auto compared = compareWithDumpedSchemas(builtinSchemaTable(), fixtureFiles(), nullptr);
        QVERIFY2(compared >= 60, qPrintable(QString::number(compared)));
        QVERIFY(!builtinSchemaTable().find("ttnn.add"));
        QVERIFY(!builtinSchemaTable().find("aten.no_such_op.default"));
        QVERIFY(builtinSchemaTable().find("prims.convert_element_type.default"));
    }

    // libtorch's registry (Debian's 1.13) agrees on the ops it knows; those it does not
    // know are ops added since, which the table has.
    void torchRegistryAgreesWithDumpedSchemas() {
        const auto source = makeTorchSchemaSource();
        if (!source) QSKIP("built without libtorch");
        std::set<std::string> unknown;
        const auto compared = compareWithDumpedSchemas(*source, fixtureFiles(), &unknown);
        QVERIFY2(compared >= 30, qPrintable(QString::number(compared)));
        for (const auto& op : unknown) QVERIFY2(builtinSchemaTable().find(op), op.c_str());
        QVERIFY(!source->find("ttnn.add"));
        QVERIFY(!source->find("aten.no_such_op.default"));
    }

    // A graph without schemas gets the same variation strings from makeSchemaSource(),
    // 2.x ops (_native_batch_norm_legit_no_training, ...) included.
    void variationsWithoutDumpedSchemaComeFromTheSchemaSource_data() {
        QTest::addColumn<QString>("fixture");
        for (const char* f : {"vit_b_16.simulated-ttnn.json", "resnet18.original.json", "llama.original.json",
                              "lraspp_mobilenet_v3_large.original.json", "torch1.13/resnet18.original.json"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }
    void variationsWithoutDumpedSchemaComeFromTheSchemaSource() {
        QFETCH(QString, fixture);
        const auto source = makeSchemaSource();
        const Model withSchemas = readOne(fixture);
        std::ifstream in(data(fixture).toStdString());
        auto doc = nlohmann::ordered_json::parse(in);  // kwargs keep their order, as in the file
        doc.erase("schemas");
        Model bare = parseGraphDump(doc.dump(), "without-schemas.json");
        QVERIFY(bare.schemas.empty());
        const Profile p = loadProfile("generic");
        AnalysisOptions options;
        options.profile = &p;
        const auto a = analyze(withSchemas, options);
        const auto unaided = analyze(bare, options);
        options.schemas = source.get();
        const auto b = analyze(bare, options);
        QVERIFY(!a.total.details.empty());
        QCOMPARE(a.total.details.size(), b.total.details.size());
        bool differsUnaided = false;
        for (std::size_t i = 0; i < a.total.details.size(); ++i) {
            const auto text = [](std::string_view v) { return QString::fromUtf8(v.data(), qsizetype(v.size())); };
            QCOMPARE(text(b.total.details[i].variation), text(a.total.details[i].variation));
            differsUnaided = differsUnaided || unaided.total.details[i].variation != a.total.details[i].variation;
        }
        QVERIFY(differsUnaided);  // without a schema source the strings are arg0, arg1, ...
    }

    // Format 2 writes each stack trace once; format 1 inline. Both read the same, and nodes
    // with equal provenance share one copy of it.
    void stackTraceTableReadsAsInlineTraces() {
        std::ifstream in(data(QStringLiteral("llama.original.json")).toStdString());
        auto v2 = nlohmann::ordered_json::parse(in);
        QCOMPARE(v2["version"].get<int>(), 2);
        QVERIFY(v2["stack_traces"].size() > 10);
        auto v1 = v2;
        v1["version"] = 1;
        const auto table = v1["stack_traces"];
        v1.erase("stack_traces");
        std::size_t traced = 0;
        for (auto& node : v1["graphs"][0]["nodes"])
            if (node.contains("meta") && node["meta"].contains("stack_trace")) {
                node["meta"]["stack_trace"] = table.at(node["meta"]["stack_trace"].get<std::size_t>());
                ++traced;
            }
        QVERIFY(traced > table.size());  // traces repeat across the layers
        const Model a = parseGraphDump(v2.dump(), "v2.json");
        const Model b = parseGraphDump(v1.dump(), "v1.json");
        const Graph& ga = a.graphs.at(0);
        const Graph& gb = b.graphs.at(0);
        QCOMPARE(ga.nodes.size(), gb.nodes.size());
        std::set<const char*> distinct;
        for (std::size_t i = 0; i < ga.nodes.size(); ++i) {
            QCOMPARE(ga.nodes[i].more().stackTrace, gb.nodes[i].more().stackTrace);
            QCOMPARE(ga.nodes[i].modulePath(), gb.nodes[i].modulePath());
            if (!gb.nodes[i].more().stackTrace.empty()) distinct.insert(gb.nodes[i].more().stackTrace.data());
        }
        QCOMPARE(distinct.size(), table.size());  // one copy of each, read inline or from the table
    }

    // Without a named profile: what the graphs hold chooses it.
    void profileIsChosenFromTheGraphs() {
        QCOMPARE(chooseProfile(readOne(QStringLiteral("llama.simulated-ttnn.json"))).profile, std::string("ttnn"));
        QCOMPARE(chooseProfile(readOne(QStringLiteral("bert.partitioned.json"))).profile, std::string("partitioned"));
        const ProfileChoice original = chooseProfile(readOne(QStringLiteral("bert.original.json")));
        QVERIFY(original.profile == "ttnn" && original.predict);
        const Model compiled = parseGraphDump(
            R"({"format":"atenscope.graph","version":2,"model":"m","graphs":[{"name":"0","stage":"compiled","nodes":[)"
            R"({"name":"x","op":"placeholder","target":"x"},{"name":"r","op":"call_function","target":"aten.relu.default","args":[{"node":"x"}]}]}]})",
            "compiled.json");
        const ProfileChoice other = chooseProfile(compiled);
        QVERIFY(other.profile == "generic" && !other.predict && !other.reason.empty());
    }

    void filesOfOneModelBecomeItsSubgraphs() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const char* name : {"compiled-0.json", "compiled-1.json"})
            QVERIFY(QFile::copy(data(QStringLiteral("resnet18.original.json")), dir.filePath(QString::fromLatin1(name))));
        const auto models = readModels({dir.path().toStdString()});
        QCOMPARE(models.size(), std::size_t(1));
        QCOMPARE(models[0].name, std::string("resnet18"));
        QCOMPARE(models[0].graphs.size(), std::size_t(2));
        QVERIFY(models[0].graphs[0].name != models[0].graphs[1].name);
        const auto one = readOne(QStringLiteral("resnet18.original.json"));
        QCOMPARE(models[0].totalNodes(), 2 * one.totalNodes());
        ReadOptions renamed;
        renamed.modelName = "renamed";
        QCOMPARE(readModels({dir.path().toStdString()}, renamed).at(0).name, std::string("renamed"));
    }

    void mostFrequentBreaksTiesByName() {
        Summary s;
        s.ops["aten.b.default"].count = 2;
        s.ops["aten.a.default"].count = 2;
        s.ops["aten.c.default"].count = 5;
        const auto top = s.mostFrequent(2);
        QCOMPARE(top.size(), std::size_t(2));
        QCOMPARE(top[0].first, std::string("aten.c.default"));
        QCOMPARE(top[1].first, std::string("aten.a.default"));
    }

    void conversionPercentageNeedsAnOriginal() {
        Summary s;
        s.remaining = 3;
        QVERIFY(!s.conversionPercentage());
        s.originalOpsCount = 0;
        QVERIFY(!s.conversionPercentage());
        s.originalOpsCount = 12;
        QCOMPARE(*s.conversionPercentage(), 75.0);
    }

    // The name index: every name found at its own node, absent names not, duplicates refused,
    // through growth from empty and from a table sized up front.
    void nameIndexFindsEveryNodeAndRefusesDuplicates() {
        for (const std::size_t expected : {std::size_t(0), std::size_t(5000)}) {
            Graph g;
            g.nodes.resize(5000);
            for (std::size_t i = 0; i < g.nodes.size(); ++i)
                g.nodes[i].name = g.arena.copy((i % 3 ? "add_" : "_param_constant") + std::to_string(i));
            for (std::uint32_t i = 0; i < g.nodes.size(); ++i) QVERIFY(g.indexNode(i, expected));
            for (std::uint32_t i = 0; i < g.nodes.size(); ++i) QCOMPARE(g.indexOf(g.nodes[i].name), std::optional<std::uint32_t>(i));
            QVERIFY(!g.indexOf("add_0").has_value());  // 0 is a _param_constant
            QVERIFY(!g.indexOf("").has_value());
            QCOMPARE(g.find("add_4999"), &g.nodes[4999]);
            g.nodes.emplace_back().name = "add_17";
            QVERIFY(!g.indexNode(5000));
            QCOMPARE(g.indexNames(), std::optional<std::uint32_t>(5000));
        }
        Graph empty;
        QVERIFY(!empty.indexOf("x").has_value());
        QVERIFY(!empty.indexNames().has_value());
    }

    // Graphs this large are read, linked and analysed in ranges on several threads: the result
    // and the first error must be what one thread would give. A simulated chain, built here.
    void largeGraphsReadInRangesLikeSmallOnes() {
        constexpr int kNodes = 50000;  // several ranges of 16,384 nodes
        // Plain string literals: moc misreads raw ones that hold unbalanced braces.
        auto dump = [&](int danglingAt, int badOpAt, int alsoBadOpAt = -1) {
            std::string s =
                "{\"format\":\"atenscope.graph\",\"version\":1,\"model\":\"simulated-chain\",\"graphs\":[{\"name\":\"0\",\"nodes\":[";
            s += "{\"name\":\"n0\",\"op\":\"placeholder\",\"target\":\"x\",\"outputs\":[{\"shape\":[4,8],\"dtype\":\"float32\"}]}";
            for (int i = 1; i < kNodes; ++i) {
                const std::string prev = i == danglingAt ? "nowhere" : "n" + std::to_string(i - 1);
                const char* target = i % 3 == 0 ? "ttnn.add" : i % 3 == 1 ? "aten.relu.default" : "aten.add.Tensor";
                s += ",{\"name\":\"n" + std::to_string(i) + "\",\"op\":\"" +
                     (i == badOpAt || i == alsoBadOpAt ? "call_nothing" : "call_function") + "\",\"target\":\"" + target +
                     "\",\"args\":[{\"node\":\"" + prev + "\"},{\"node\":\"n0\"}],\"outputs\":[{\"shape\":[4,8],\"dtype\":\"float32\"}]}";
            }
            s += ",{\"name\":\"out\",\"op\":\"output\",\"target\":\"output\",\"args\":[[{\"node\":\"n" + std::to_string(kNodes - 1) +
                 "\"}]]}]}]}";
            return s;
        };
        const Model m = parseGraphDump(dump(-1, -1), "simulated-chain.json");
        const Graph& g = m.graphs.at(0);
        QCOMPARE(g.nodes.size(), std::size_t(kNodes + 1));
        for (int i = 1; i < kNodes; ++i) {
            const std::vector<std::uint32_t> want{static_cast<std::uint32_t>(i - 1), 0u};
            const auto& inputs = g.nodes[static_cast<std::size_t>(i)].inputs;
            QCOMPARE(std::vector<std::uint32_t>(inputs.begin(), inputs.end()), i == 1 ? std::vector<std::uint32_t>{0u} : want);
        }
        QCOMPARE(g.nodes[0].users.size(), std::size_t(kNodes - 1));
        QCOMPARE(std::vector<std::uint32_t>(g.nodes[12345].users.begin(), g.nodes[12345].users.end()), std::vector<std::uint32_t>{12346u});

        const Profile profile = loadProfile("ttnn");
        AnalysisOptions options;
        options.profile = &profile;
        const ModelReport r = analyze(m, options);
        const std::uint64_t relus = (kNodes - 1 + 2) / 3, adds = (kNodes - 1) / 3;  // i % 3 == 1, i % 3 == 2
        QCOMPARE(r.total.remaining, relus + adds);
        QCOMPARE(r.total.ops.at("aten.relu.default").count, relus);
        QCOMPARE(r.total.converted, std::uint64_t((kNodes - 1) / 3));
        QCOMPARE(r.total.details.size(), std::size_t(relus + adds));
        std::size_t previous = 0;  // details in node order across the ranges
        for (const auto& d : r.total.details) {
            const std::size_t at = std::stoul(std::string(d.nodeName.substr(1)));
            QVERIFY(at > previous);
            previous = at;
        }

        // Errors: the earliest in the document wins, whichever range found it.
        auto errorOf = [&](int danglingAt, int badOpAt, int alsoBadOpAt = -1) -> std::string {
            try {
                parseGraphDump(dump(danglingAt, badOpAt, alsoBadOpAt), "simulated-chain.json");
            } catch (const InputError& e) {
                return e.where();
            }
            return "no error";
        };
        QCOMPARE(errorOf(45000, -1), std::string("/graphs/0/nodes/45000/args/0"));
        QCOMPARE(errorOf(-1, 40000), std::string("/graphs/0/nodes/40000/op"));
        QCOMPARE(errorOf(-1, 20000), std::string("/graphs/0/nodes/20000/op"));
        QCOMPARE(errorOf(3, 49000), std::string("/graphs/0/nodes/49000/op"));  // reading comes before linking
        QCOMPARE(errorOf(30000, -1), std::string("/graphs/0/nodes/30000/args/0"));
        QCOMPARE(errorOf(-1, 45000, 10000), std::string("/graphs/0/nodes/10000/op"));  // one error in each range

        // A file of 1 MB or more is mapped rather than read: the same model whatever its size
        // modulo the page (the parser reads past the end), and errors still name the place.
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("chain.json")).toStdString();
        const std::string text = dump(-1, -1);
        QVERIFY(text.size() > (std::size_t{1} << 20));
        for (const std::size_t tail : {std::size_t{1}, std::size_t{0}, std::size_t{4095}, std::size_t{4090}}) {
            std::string padded = text + ' ';
            while (padded.size() % 4096 != tail) padded += ' ';
            std::ofstream(path, std::ios::binary) << padded;
            const auto models = readModels({path});
            const Graph& fg = models.at(0).graphs.at(0);
            QCOMPARE(fg.nodes.size(), g.nodes.size());
            QCOMPARE(fg.nodes.back().name, std::string_view("out"));
            QCOMPARE(fg.nodes[777].target, g.nodes[777].target);
            QCOMPARE(fg.nodes[777].inputs.size(), std::size_t(2));
        }
        std::ofstream(path, std::ios::binary) << text.substr(0, text.size() - 3);
        try {
            readModels({path});
            QFAIL("a truncated file was read");
        } catch (const InputError& e) {
            QCOMPARE(e.file(), path);
            QVERIFY2(e.where().rfind("line 1, column ", 0) == 0, e.where().c_str());
        }
    }

    // Both layout engines on a real graph: data flows down, boxes of one rank do not overlap;
    // the layered engine hangs weights and their single-input chains just above their user.
    void layoutsFlowDownAndKeepWeightsNearTheirUsers() {
        const Model m = readOne(QStringLiteral("vit_b_16.original.json"));
        const Graph& g = m.graphs.at(0);
        LayoutInput in;
        for (std::size_t i = 0; i < g.nodes.size(); ++i) in.nodes.push_back({100, 30});
        for (std::uint32_t i = 0; i < g.nodes.size(); ++i)
            for (auto from : g.nodes[i].inputs) in.edges.emplace_back(from, i);
        std::vector<std::unique_ptr<LayoutEngine>> engines;
        engines.push_back(makeLayeredLayout());
        if (auto dot = makeGraphvizLayout()) engines.push_back(std::move(dot));
        for (const auto& engine : engines) {
            const LayoutResult r = engine->layout(in);
            QCOMPARE(r.centers.size(), g.nodes.size());
            for (const auto& [a, b] : in.edges) QVERIFY2(r.centers[b].y > r.centers[a].y, std::string(g.nodes[b].name).c_str());
            std::map<double, std::vector<double>> rows;
            for (const auto& c : r.centers) rows[c.y].push_back(c.x);
            for (auto& [y, xs] : rows) {
                std::sort(xs.begin(), xs.end());
                for (std::size_t k = 1; k < xs.size(); ++k) QVERIFY(xs[k] - xs[k - 1] >= 100);
            }
            if (engine->name() != "layered") continue;
            int weights = 0;
            for (std::uint32_t i = 0; i < g.nodes.size(); ++i) {
                const Node& n = g.nodes[i];
                if (!n.inputs.empty() || n.users.empty()) continue;
                double firstUser = 1e300;
                for (auto u : n.users) firstUser = std::min(firstUser, r.centers[u].y);
                // No rank lies between a source and its first user.
                QVERIFY2(rows.lower_bound(r.centers[i].y + 1) == rows.lower_bound(firstUser), std::string(n.name).c_str());
                ++weights;
            }
            QVERIFY(weights > 100);  // vit_b_16's parameters and input
        }
    }

    // The metrics are written straight to text and pickle; nlohmann's tree of the same
    // document, dumped and pickled, must give the same bytes.
    void streamedMetricsEqualTheJsonTree() {
        const Profile profile = loadProfile("ttnn");
        AnalysisOptions options;
        options.profile = &profile;
        options.timestamp = "2026-11-24T00:00:00Z";
        std::vector<ModelReport> reports;
        const Model original = readOne(QStringLiteral("vit_b_16.original.json"));
        for (const char* name :
             {"resnet18.simulated-ttnn.json", "vit_b_16.simulated-ttnn.json", "lraspp_mobilenet_v3_large.partitioned.json"}) {
            const Model m = readOne(QString::fromLatin1(name));
            reports.push_back(analyze(m, options, m.name == original.name ? &original : nullptr));
        }
        // Strings JSON must escape, non-ASCII text, and odd numbers.
        Summary& odd = reports[0].total;
        odd.timestamp = std::string("quote \" backslash \\ tab \t newline \n bell \x07 del \x7f ") + "\xc3\xa9\xe2\x86\x92";
        odd.originalOpsCount = 3;
        QVERIFY(reports[1].total.conversionPercentage().has_value());
        for (const auto& r : reports) {
            QCOMPARE(reportJsonText(r, 10), reportToJson(r, 10).dump(1) + "\n");
            QCOMPARE(reportPickle(r, 10), toPickle(reportToJson(r, 10)));
        }
        QCOMPARE(reportsJsonText(reports, 3), reportsToJson(reports, 3).dump(1) + "\n");

        // Numbers as nlohmann writes them, over many magnitudes.
        std::vector<double> numbers{0.0,
                                    -0.0,
                                    1.0,
                                    100.0,
                                    75.0,
                                    79.5,
                                    0.1,
                                    1e-5,
                                    1e-4,
                                    1.5e-4,
                                    123456789012345.0,
                                    1e15,
                                    1e16,
                                    1.25e16,
                                    1e21,
                                    1e300,
                                    5e-324,
                                    -2.5,
                                    33.333333333333336,
                                    66.66666666666667};
        std::uint64_t seed = 42;
        for (int i = 0; i < 2000; ++i) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            std::uint64_t bits = seed;
            double d = 0;
            std::memcpy(&d, &bits, sizeof d);
            if (std::isfinite(d)) numbers.push_back(d);
            numbers.push_back(static_cast<double>(seed % 10000) / 100.0);  // percentages
        }
        for (const double d : numbers) QCOMPARE(jsonNumber(d), nlohmann::ordered_json(d).dump());
        QCOMPARE(jsonNumber(std::numeric_limits<double>::infinity()), std::string("null"));
    }

    // torch 2.x provenance: the innermost nn_module_stack frame names the module.
    void modulePathComesFromTheModuleStack() {
        const char* dump = R"({"format":"atenscope.graph","version":1,"model":"m","graphs":[{"name":"0","nodes":[
            {"name":"x","op":"placeholder","target":"x","outputs":[{"shape":[2,"s0"],"dtype":"float32"}]},
            {"name":"relu","op":"call_function","target":"torch.ops.aten.relu.default","args":[{"node":"x"}],
             "meta":{"nn_module_stack":[{"key":"L__self__","path":"","type":"M"},{"key":"L__self___block","path":"block","type":"Block"},
                                        {"key":"L__self___block_act","path":"block.act","type":"torch.nn.ReLU"}],
                     "stack_trace":"File \"m.py\", line 3"}},
            {"name":"output","op":"output","target":"output","args":[[{"node":"relu"}]]}]}]})";
        const Model m = parseGraphDump(dump, "simulated-torch2-meta.json");
        const Node* relu = m.graphs[0].find("relu");
        QVERIFY(relu);
        QCOMPARE(relu->target, std::string("aten.relu.default"));
        QCOMPARE(relu->modulePath(), std::string("block.act"));
        QCOMPARE(inputShapes(m.graphs[0], *relu).at(0), std::string("[2, s0]"));
        QCOMPARE(relu->inputs.size(), std::size_t(1));
        QCOMPARE(m.graphs[0].nodes[0].users.size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestCore)
#include "tst_core.moc"
