// SPDX-License-Identifier: MIT
// Every committed fixture, under every builtin profile: AtenScope's figures must
// equal the ones tools/make_fixtures.py computed in Python from the live torch.fx
// graphs when it wrote the fixture.
#include "analysis/Profile.h"
#include "analysis/SchemaTable.h"
#include "analysis/Summary.h"
#include "readers/GraphReader.h"

#include "TestData.h"

#include <QDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>

using namespace atenscope;
using json = nlohmann::json;

namespace {

using atenscope::test::readJson;

void compareSummary(const Summary& s, const json& want, const QString& what) {
    const auto label = [&](const char* field) { return qPrintable(what + " " + field); };
    QVERIFY2(s.nodes == want["nodes"].get<std::uint64_t>(), label("nodes"));
    QVERIFY2(s.remaining == want["remaining"].get<std::uint64_t>(), label("remaining"));
    QVERIFY2(s.converted == want["converted"].get<std::uint64_t>(), label("converted"));
    QVERIFY2(s.dataMovement == want["data_movement"].get<std::uint64_t>(), label("data_movement"));
    QVERIFY2(s.structural == want["structural"].get<std::uint64_t>(), label("structural"));
    QVERIFY2(s.other == want["other"].get<std::uint64_t>(), label("other"));
    QCOMPARE(s.uniqueOpTypes(), want["unique_op_types"].get<std::uint64_t>());
    std::map<std::string, std::uint64_t> freq;
    for (const auto& [op, stats] : s.ops) freq[op] = stats.count;
    QCOMPARE(json(freq).dump(), want["op_frequency"].dump());
    for (const auto& [op, variations] : want["variations"].items()) {
        const auto it = s.ops.find(op);
        QVERIFY2(it != s.ops.end(), qPrintable(what + " missing op " + QString::fromStdString(op)));
        for (const auto& [variation, count] : variations.items()) {
            const auto v = it->second.variations.find(variation);
            QVERIFY2(v != it->second.variations.end(),
                     qPrintable(what + " " + QString::fromStdString(op) + " lacks variation:\n  " + QString::fromStdString(variation) +
                                "\n  has: " + QString::fromStdString(it->second.variations.begin()->first)));
            QCOMPARE(v->second, count.get<std::uint64_t>());
        }
        QCOMPARE(it->second.variations.size(), variations.size());
    }
}

}  // namespace

class TestFixtures : public QObject {
    Q_OBJECT

private slots:
    void expectations_data() {
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("profile");
        // The PyTorch 2.x fixtures and, in their own folders, the torch 1.13 ones and the
        // torch.export archives (tools/make_pt2.py) and TORCH_TRACE logs (tools/make_traces.py).
        for (const auto& [folder, least] :
             {std::pair{QString(), 12}, {QStringLiteral("torch1.13"), 12}, {QStringLiteral("pt2"), 5}, {QStringLiteral("traces"), 3}}) {
            const QDir dir(QStringLiteral(ATENSCOPE_TEST_DATA "/") + folder);
            const auto files = dir.entryList({QStringLiteral("*.expected.json")}, QDir::Files, QDir::Name);
            QVERIFY2(files.size() >= least, qPrintable(dir.path() + ": the fixtures are missing: run tools/make_fixtures.py"));
            for (const auto& f : files)
                for (const char* profile : {"generic", "ttnn", "partitioned"})
                    // the metrics folder's (tst_metrics) and the runs' (the report and diff tests) are not a graph's
                    if (f != QLatin1String("metrics.expected.json") && f != QLatin1String("runs.expected.json"))
                        QTest::newRow(qPrintable(folder + (folder.isEmpty() ? "" : "/") + f + " " + profile))
                            << dir.filePath(f) << QString::fromLatin1(profile);
        }
    }

    void expectations() {
        QFETCH(QString, expected);
        QFETCH(QString, profile);
        const json want = readJson(expected);
        const QString fixture = QFileInfo(expected).dir().filePath(QString::fromStdString(want["fixture"].get<std::string>()));
        const auto models = readModels({fixture.toStdString()});
        QCOMPARE(models.size(), std::size_t(1));
        QCOMPARE(models[0].name, want["model"].get<std::string>());
        const Profile p = loadProfile(profile.toStdString());
        AnalysisOptions options;
        options.profile = &p;
        options.schemas = &builtinSchemaTable();  // as the command line does: archives carry no schemas
        const ModelReport report = analyze(models[0], options);
        const json& wp = want["profiles"][profile.toStdString()];
        QCOMPARE(report.subgraphs.size(), wp["graphs"].size());
        for (const auto& s : report.subgraphs) compareSummary(s, wp["graphs"][s.graph], "subgraph " + QString::fromStdString(s.graph));
        compareSummary(report.total, wp["total"], QStringLiteral("total"));
    }

    // torch_ttnn's input-variation strings, byte for byte, on PyTorch 2.x graphs: ResNet18's
    // convolutions and a Llama model's mm/bmm/_softmax, against the strings Python computed.
    void variationsOfNamedOpsAreByteExact_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("op");
        QTest::addColumn<int>("minVariations");
        QTest::newRow("resnet18 convolution") << QStringLiteral("resnet18") << QStringLiteral("aten.convolution.default") << 10;
        QTest::newRow("llama mm") << QStringLiteral("llama") << QStringLiteral("aten.mm.default") << 3;
        QTest::newRow("llama bmm") << QStringLiteral("llama") << QStringLiteral("aten.bmm.default") << 2;
        QTest::newRow("llama _softmax") << QStringLiteral("llama") << QStringLiteral("aten._softmax.default") << 1;
    }
    void variationsOfNamedOpsAreByteExact() {
        QFETCH(QString, model);
        QFETCH(QString, op);
        QFETCH(int, minVariations);
        const QDir dir(QStringLiteral(ATENSCOPE_TEST_DATA));
        const json want = readJson(dir.filePath(model + ".original.expected.json"));
        QVERIFY(want["torch"].get<std::string>().rfind("2.", 0) == 0);
        const json& variations = want["profiles"]["generic"]["total"]["variations"][op.toStdString()];
        QVERIFY2(int(variations.size()) >= minVariations, qPrintable(QString::number(variations.size())));
        const auto models = readModels({dir.filePath(model + ".original.json").toStdString()});
        const Profile p = loadProfile("generic");
        AnalysisOptions options;
        options.profile = &p;
        const ModelReport report = analyze(models.at(0), options);
        const auto& got = report.total.ops.at(op.toStdString()).variations;
        QCOMPARE(got.size(), variations.size());
        for (const auto& [text, count] : variations.items()) {
            const auto it = got.find(text);
            QVERIFY2(it != got.end(), text.c_str());
            QCOMPARE(it->second, count.get<std::uint64_t>());
        }
    }

    void originalCountAndPercentage_data() {
        QTest::addColumn<QString>("model");
        for (const char* m : {"resnet18", "mobilenet_v2", "vit_b_16", "lraspp_mobilenet_v3_large", "gpt2", "bert", "llama",
                              "torch1.13/resnet18", "torch1.13/mobilenet_v2", "torch1.13/vit_b_16", "torch1.13/lraspp_mobilenet_v3_large"})
            QTest::newRow(m) << QString::fromLatin1(m);
    }

    void originalCountAndPercentage() {
        QFETCH(QString, model);
        const QDir dir(QStringLiteral(ATENSCOPE_TEST_DATA));
        const json want = readJson(dir.filePath(model + ".simulated-ttnn.expected.json"));
        const auto compiled = readModels({dir.filePath(model + ".simulated-ttnn.json").toStdString()});
        const auto original = readModels({dir.filePath(model + ".original.json").toStdString()});
        const Profile p = loadProfile("ttnn");
        AnalysisOptions options;
        options.profile = &p;
        const ModelReport report = analyze(compiled[0], options, &original[0]);
        const auto originalCount = want["original_aten_ops"].get<std::uint64_t>();
        QCOMPARE(report.total.originalOpsCount.value(), originalCount);
        const auto remaining = want["profiles"]["ttnn"]["total"]["remaining"].get<double>();
        QCOMPARE(report.total.conversionPercentage().value(), (double(originalCount) - remaining) / double(originalCount) * 100.0);
    }

    // The simulated lowering converts exactly the profile's lowerable ops, so a
    // prediction on the original graph must name the same remaining ops.
    void predictionMatchesSimulatedLowering_data() { originalCountAndPercentage_data(); }
    void predictionMatchesSimulatedLowering() {
        QFETCH(QString, model);
        const QDir dir(QStringLiteral(ATENSCOPE_TEST_DATA));
        const json want = readJson(dir.filePath(model + ".simulated-ttnn.expected.json"));
        const auto original = readModels({dir.filePath(model + ".original.json").toStdString()});
        const Profile p = loadProfile("ttnn");
        AnalysisOptions options;
        options.profile = &p;
        options.predict = true;
        const ModelReport report = analyze(original[0], options);
        json freq = json::object();
        for (const auto& [op, stats] : report.total.ops) freq[op] = stats.count;
        QCOMPARE(freq.dump(), want["profiles"]["ttnn"]["total"]["op_frequency"].dump());
    }
};

QTEST_GUILESS_MAIN(TestFixtures)
#include "tst_fixtures.moc"
