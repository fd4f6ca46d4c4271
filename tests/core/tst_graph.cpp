// SPDX-License-Identifier: MIT
// The graph model and reading: arenas, interned provenance, the name index, reading in ranges, module paths, files grouped into a model's
// subgraphs.
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

#include "TestData.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <set>

using namespace atenscope;
using namespace atenscope::test;
using json = nlohmann::json;

class TestGraph : public QObject {
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

    // A dump past kKeptParserLimit is parsed by a parser of its own, let go (with its text)
    // before the graph is built: the same graph as the kept parser makes, on a dump made to
    // take that path (limit 0), with partitions (nested subgraphs) and module paths.
    void largeDumpPathReadsTheSameGraph() {
        for (const char* name : {"llama.partitioned.json", "gpt2.original.json"}) {
            QFile f(data(QString::fromLatin1(name)));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const std::string text = f.readAll().toStdString();
            const Model kept = parseGraphDump(text, name);
            const Model alone = parseGraphDump(text, name, 0);
            QCOMPARE(alone.graphs.size(), kept.graphs.size());
            QCOMPARE(alone.totalNodes(), kept.totalNodes());
            for (std::size_t g = 0; g < kept.graphs.size(); ++g) {
                const Graph& a = kept.graphs[g];
                const Graph& b = alone.graphs[g];
                QCOMPARE(b.nodes.size(), a.nodes.size());
                for (std::size_t i = 0; i < a.nodes.size(); ++i) {
                    QCOMPARE(b.nodes[i].name, a.nodes[i].name);
                    QCOMPARE(b.nodes[i].target, a.nodes[i].target);
                    QCOMPARE(b.nodes[i].modulePath(), a.nodes[i].modulePath());
                    QCOMPARE(b.nodes[i].singleShape(), a.nodes[i].singleShape());
                    QVERIFY(
                        std::equal(a.nodes[i].inputs.begin(), a.nodes[i].inputs.end(), b.nodes[i].inputs.begin(), b.nodes[i].inputs.end()));
                    QCOMPARE(b.nodes[i].subgraph != nullptr, a.nodes[i].subgraph != nullptr);
                }
            }
        }
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

QTEST_GUILESS_MAIN(TestGraph)
#include "tst_graph.moc"
