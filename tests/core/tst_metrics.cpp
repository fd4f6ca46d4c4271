// SPDX-License-Identifier: MIT
// torch_ttnn metrics folders (tests/data/metrics, written by tools/make_metrics.py with Python's
// pickle at protocols 2, 4 and 5): models read from their pickles alone, their op report against
// what collect_metrics.py's rules give in Python.
#include "analysis/Profile.h"
#include "analysis/Summary.h"
#include "base/LoadError.h"
#include "graph/Recorded.h"
#include "readers/GraphReader.h"
#include "writers/RunReportWriter.h"

#include "TestData.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace atenscope;
using json = nlohmann::json;
using atenscope::test::data;
using atenscope::test::readJson;

namespace {

ModelReport report(const Model& m, const char* profile = "ttnn") {
    static std::map<std::string, Profile> profiles;
    auto it = profiles.find(profile);
    if (it == profiles.end()) it = profiles.emplace(profile, loadProfile(profile)).first;
    AnalysisOptions options;
    options.profile = &it->second;
    return analyze(m, options);
}

const Model* named(const std::vector<Model>& models, const std::string& name) {
    for (const auto& m : models)
        if (m.name == name) return &m;
    return nullptr;
}

}  // namespace

class TestMetrics : public QObject {
    Q_OBJECT

private slots:
    // index.html inlines a run's pictures up to a budget; past it, the page links them in images/
    // (lazily loaded) and says so, rather than growing to tens of megabytes.
    void reportPagePicturesInlinedUpToTheBudget() {
        atenscope::RunModel m;
        m.name = "net";
        m.hasGraph = true;
        m.remaining = m.remainingUnique = 1;
        m.ops["aten.view.default"] = 1;
        const atenscope::RunReport run = atenscope::buildRunReport(std::vector<atenscope::RunModel>{m}, "2026-12-07T00:00:00Z");
        atenscope::ReportImages images;
        images["net"].push_back({"images/net-1.png", std::string(1000, 'x'), "net", "1 remaining: view", {"aten.view.default"}});
        images["net"].push_back({"images/net-2.png", std::string(1000, 'y'), "net 2", "the same", {}});
        const std::string inlined = atenscope::runReportHtml(run, images);
        QVERIFY(inlined.find("data:image/png;base64,eHh4") != std::string::npos);
        QVERIFY(inlined.find("src=\"images/net-1.png\"") == std::string::npos);
        atenscope::ReportLimits small;
        small.inlinePictureBytes = 1500;  // the two pictures are 2000 bytes
        const std::string linked = atenscope::runReportHtml(run, images, small);
        QVERIFY(linked.find("data:image") == std::string::npos);
        QVERIFY(linked.find("loading=\"lazy\" src=\"images/net-1.png\"") != std::string::npos);
        QVERIFY(linked.find("loading=\"lazy\" src=\"images/net-2.png\"") != std::string::npos);
        QVERIFY(linked.find("not inlined") != std::string::npos);
    }

    // The root: a model per folder, nested names kept, figures as collect_metrics.py's rules.
    void rootAsCollectMetricsCountsIt() {
        const json want = readJson(data(QStringLiteral("metrics.expected.json")));
        const auto models = readModels({data(QStringLiteral("metrics")).toStdString()});
        QCOMPARE(models.size(), want["models"].size());
        for (const auto& [name, w] : want["models"].items()) {
            const Model* m = named(models, name);
            QVERIFY2(m, qPrintable(QString::fromStdString(name)));
            QVERIFY(m->graphs.empty());
            QVERIFY(m->recorded);
            QCOMPARE(m->sources.size(), w["files"].size());
            const Summary s = report(*m).total;
            const QString label = QString::fromStdString(name);
            if (w.contains("remaining")) {
                QVERIFY2(s.remaining == w["remaining"].get<std::uint64_t>(), qPrintable(label));
                QVERIFY2(s.uniqueOpTypes() == w["unique_op_types"].get<std::uint64_t>(), qPrintable(label));
                std::map<std::string, std::uint64_t> freq;
                for (const auto& [op, stats] : s.ops) freq[op] = stats.count;
                QCOMPARE(json(freq).dump(), w["op_frequency"].dump());
            }
            if (w.contains("to_from_device")) {
                QCOMPARE(s.dataMovement, w["to_from_device"].get<std::uint64_t>());
                QCOMPARE(s.converted, w["converted"].get<std::uint64_t>());
            }
            if (w.contains("variations"))
                for (const auto& [op, variations] : w["variations"].items()) {
                    const auto& got = s.ops.at(op).variations;
                    QCOMPARE(got.size(), variations.size());
                    for (const auto& [text, count] : variations.items()) {
                        const auto v = got.find(text);
                        QVERIFY2(v != got.end(), text.c_str());
                        QCOMPARE(v->second, count.get<std::uint64_t>());
                    }
                }
            if (w.contains("original_aten_ops") && w.contains("remaining"))
                QCOMPARE(s.originalOpsCount.value_or(0), w["original_aten_ops"].get<std::uint64_t>());
        }
    }

    // A folder with only the original list reads as an uncompiled graph: every aten op remains,
    // and under --predict the profile's lowerable ones are converted.
    void originalListAlone() {
        const json want = readJson(data(QStringLiteral("metrics.expected.json")))["models"]["gpt2"];
        const auto models = readModels({data(QStringLiteral("metrics/gpt2")).toStdString()});
        QCOMPARE(models.size(), std::size_t(1));
        QCOMPARE(models[0].name, std::string("gpt2"));
        QCOMPARE(report(models[0], "generic").total.remaining, want["original_aten_ops"].get<std::uint64_t>());
        const Profile ttnn = loadProfile("ttnn");
        AnalysisOptions options;
        options.profile = &ttnn;
        options.predict = true;
        const ModelReport predicted = analyze(models[0], options);
        QVERIFY(predicted.total.remaining < want["original_aten_ops"].get<std::uint64_t>());
        QCOMPARE(predicted.total.originalOpsCount.value(), want["original_aten_ops"].get<std::uint64_t>());
    }

    // Runs: success, times and accuracy from the run-time pickles; model_run.json's fields.
    void runsAndModelRun() {
        const auto models = readModels({data(QStringLiteral("metrics")).toStdString()});
        const Model* resnet = named(models, "resnet18");
        QVERIFY(resnet && resnet->recorded);
        QCOMPARE(resnet->recorded->compiledRun.success, std::optional<bool>(true));
        QCOMPARE(resnet->recorded->compiledRun.accuracy.value(), 0.9987);
        QCOMPARE(resnet->recorded->originalRun.runTime.value(), 0.42);
        QCOMPARE(resnet->recorded->modelRun.at("run_success"), std::string("true"));
        const Model* mobile = named(models, "mobilenet_v2");
        QVERIFY(mobile && mobile->recorded);
        QCOMPARE(mobile->recorded->compiledRun.success, std::optional<bool>(false));
        QVERIFY(!mobile->recorded->compiled);
    }

    // One model's folder given alone is named below its "metrics" folder; one file alone too.
    void oneFolderOrFileAlone() {
        auto models = readModels({data(QStringLiteral("metrics/hf/llama")).toStdString()});
        QCOMPARE(models.size(), std::size_t(1));
        QCOMPARE(models[0].name, std::string("hf/llama"));
        models = readModels({data(QStringLiteral("metrics/hf/llama/compiled-schema_list.pickle")).toStdString()});
        QCOMPARE(models.size(), std::size_t(1));
        QCOMPARE(models[0].name, std::string("hf/llama"));
        QVERIFY(models[0].recorded->compiled);
        QVERIFY(!models[0].recorded->original);
    }

    // Graph dumps beside the pickles: one model, with its graphs and what the folder records.
    void dumpsBesideThePickles() {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("metrics/resnet18"));
        QVERIFY(QDir().mkpath(folder));
        for (const char* f : {"original-schema_list.pickle", "compiled-schema_list.pickle", "compiled-run_time_metrics.pickle"})
            QVERIFY(
                QFile::copy(data(QStringLiteral("metrics/resnet18/") + QLatin1String(f)), folder + QLatin1Char('/') + QLatin1String(f)));
        QVERIFY(QFile::copy(data(QStringLiteral("resnet18.simulated-ttnn.json")), folder + QStringLiteral("/compiled-0.json")));
        const auto models = readModels({dir.filePath(QStringLiteral("metrics")).toStdString()});
        QCOMPARE(models.size(), std::size_t(1));
        QCOMPARE(models[0].name, std::string("resnet18"));
        QVERIFY(!models[0].graphs.empty());
        QVERIFY(models[0].recorded && models[0].recorded->compiled);
        // the graphs make the report: the data-movement _to_copy nodes are told apart by what feeds them
        const json want = readJson(data(QStringLiteral("resnet18.simulated-ttnn.expected.json")));
        QCOMPARE(report(models[0]).total.remaining, want["profiles"]["ttnn"]["total"]["remaining"].get<std::uint64_t>());
    }

    // A metrics root with a bad file among good ones: the command line stops at it; the window
    // (failures collected) opens the others and names the bad one.
    void aBadFolderAmongGoodOnes() {
        QTemporaryDir dir;
        for (const char* m : {"a", "b"}) {
            const QString folder = dir.filePath(QStringLiteral("metrics/") + QLatin1String(m));
            QVERIFY(QDir().mkpath(folder));
            QVERIFY(QFile::copy(data(QStringLiteral("metrics/resnet18/compiled-schema_list.pickle")),
                                folder + QStringLiteral("/compiled-schema_list.pickle")));
        }
        QFile bad(dir.filePath(QStringLiteral("metrics/b/original-schema_list.pickle")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("\x80\x04]q\x00(");
        bad.close();
        const std::string root = dir.filePath(QStringLiteral("metrics")).toStdString();
        QVERIFY_THROWS_EXCEPTION(InputError, readModels({root}));
        std::vector<InputError> failures;
        ReadOptions options;
        options.failures = &failures;
        const auto models = readModels({root}, options);
        QCOMPARE(models.size(), std::size_t(1));
        QCOMPARE(models[0].name, std::string("a"));
        QCOMPARE(failures.size(), std::size_t(1));
        QVERIFY(std::string(failures[0].what()).find("original-schema_list.pickle") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
