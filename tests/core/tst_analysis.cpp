// SPDX-License-Identifier: MIT
// The analysis and what it writes: profile choice, ranking, conversion percentage, layouts, metrics.
#include "analysis/Profile.h"
#include "analysis/ProfileChoice.h"
#include "analysis/SchemaSource.h"
#include "analysis/SchemaTable.h"
#include "analysis/SourceLines.h"
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

class TestAnalysis : public QObject {
    Q_OBJECT

private slots:

    // Both forms torch writes a frame in; the innermost frame not torch's own is the model's line.
    void stackTracesNameTheModelsLine() {
        const std::string traceback =
            "  File \"/venv/lib/python3.11/site-packages/transformers/models/llama/modeling_llama.py\", line 459, in forward\n"
            "    outputs = self.model(\n"
            "              ^^^^^^^^^^^\n"
            "  File \"transformers/models/llama/modeling_llama.py\", line 66, in forward\n"
            "    hidden_states = hidden_states * torch.rsqrt(variance)\n"
            "  File \"/venv/lib/python3.11/site-packages/torch/nn/modules/module.py\", line 1775, in _call_impl\n"
            "    return forward_call(*args, **kwargs)\n"
            "  File \"<eval_with_key>.3\", line 5, in forward\n";
        const auto frames = parseStackTrace(traceback);
        QCOMPARE(frames.size(), std::size_t(4));
        QCOMPARE(frames[0].line, 459u);
        QCOMPARE(std::string(frames[0].code), std::string("outputs = self.model("));  // not the ^^^ marker line
        QCOMPARE(std::string(frames[3].file), std::string("<eval_with_key>.3"));
        QVERIFY(frames[3].code.empty());
        const auto f = modelFrame(traceback);
        QVERIFY(f);
        QCOMPARE(std::string(f->file), std::string("transformers/models/llama/modeling_llama.py"));
        QCOMPARE(f->line, 66u);
        QCOMPARE(std::string(f->function), std::string("forward"));
        QCOMPARE(std::string(f->code), std::string("hidden_states = hidden_states * torch.rsqrt(variance)"));
        const auto fx = modelFrame("File: /x/site-packages/torchvision/models/resnet.py:268 in _forward_impl, code: x = self.conv1(x)");
        QVERIFY(fx);
        QCOMPARE(std::string(fx->file), std::string("/x/site-packages/torchvision/models/resnet.py"));  // torchvision is the model's
        QCOMPARE(fx->line, 268u);
        QCOMPARE(std::string(fx->function), std::string("_forward_impl"));
        QCOMPARE(std::string(fx->code), std::string("x = self.conv1(x)"));
        QVERIFY(isTorchSource("torch/fx/proxy.py"));
        QVERIFY(isTorchSource("/usr/lib/python3/dist-packages/functorch/_src/x.py"));
        QVERIFY(!isTorchSource("my_torchmodel/net.py"));
        QVERIFY(!modelFrame("  File \"torch/nn/modules/module.py\", line 1, in f\n"));  // only torch's
        QVERIFY(!modelFrame("no frame here"));
        QVERIFY(!modelFrame("  File \"x.py\", line notanumber, in f\n"));
    }

    // A dump's source_roots are read, a hostile list cut to its first 64.
    void sourceRootsAreReadAndCapped() {
        json doc = readJson(data(QStringLiteral("gpt2.simulated-ttnn.json")));
        for (int i = 0; i < 1000; ++i) doc["source_roots"].push_back("/root/" + std::to_string(i));
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("roots.json")).toStdString();
        std::ofstream(path) << doc.dump();
        const Model m = std::move(readModels({path}).at(0));
        QCOMPARE(m.sourceRoots.size(), std::size_t(64));
        QCOMPARE(m.sourceRoots.front(), std::string("/root/0"));
        QCOMPARE(m.sourceRoots.back(), std::string("/root/63"));
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
};

QTEST_GUILESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"
