// SPDX-License-Identifier: MIT
// torch_ttnn's input-variation strings: Python reprs, op names, op schemas (the table, libtorch's registry) and the strings they give.
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

namespace {

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

class TestVariations : public QObject {
    Q_OBJECT

private slots:

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
};

QTEST_GUILESS_MAIN(TestVariations)
#include "tst_variations.moc"
