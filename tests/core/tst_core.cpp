// Core units: variation strings, Python reprs, op names, schemas, grouping, ranking.
#include "atenscope/FxJsonReader.h"
#include "atenscope/GraphReader.h"
#include "atenscope/OpName.h"
#include "atenscope/Profile.h"
#include "atenscope/SchemaSource.h"
#include "atenscope/Summary.h"
#include "atenscope/Variation.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>

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

// From torch_ttnn's own report of ResNet18 (FACTS.md section 3).
constexpr const char* kTtnnResnet18Conv =
    "Tensor<[1, 128, 28, 28]> input = ?, Tensor<[128, 128, 3, 3]> weight = ?, Optional[Tensor] bias = ?, "
    "List[int] stride = [1, 1], List[int] padding = [1, 1], List[int] dilation = [1, 1], bool transposed = False, "
    "List[int] output_padding = [0, 0], int groups = 1";

}  // namespace

class TestCore : public QObject {
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
                QCOMPARE(QString::fromStdString(inputVariation(g, n, n.schema.get())), QString::fromLatin1(kTtnnResnet18Conv));
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

    // libtorch's registry must give the schema the Python companion wrote, for
    // every op the fixtures hold (ops newer than libtorch's are skipped).
    void torchRegistryAgreesWithDumpedSchemas() {
        const auto source = makeTorchSchemaSource();
        if (!source) QSKIP("built without libtorch");
        int compared = 0;
        for (const char* f : {"resnet18.original.json", "vit_b_16.original.json", "lraspp_mobilenet_v3_large.original.json"}) {
            const Model m = readOne(QString::fromLatin1(f));
            for (const auto& [op, dumped] : m.schemas) {
                const auto registry = source->find(op);
                QVERIFY2(registry, op.c_str());
                QCOMPARE(registry->arguments.size(), dumped->arguments.size());
                for (std::size_t i = 0; i < dumped->arguments.size(); ++i) {
                    QCOMPARE(registry->arguments[i].name, dumped->arguments[i].name);
                    QCOMPARE(registry->arguments[i].type, dumped->arguments[i].type);
                    QCOMPARE(registry->arguments[i].kwargOnly, dumped->arguments[i].kwargOnly);
                }
                ++compared;
            }
        }
        QVERIFY(compared >= 20);
        QVERIFY(!source->find("ttnn.add"));
        QVERIFY(!source->find("aten.no_such_op.default"));
    }

    // A dump without schemas gets the same variation strings from the registry.
    void variationsWithoutDumpedSchemaComeFromTheRegistry() {
        const auto source = makeTorchSchemaSource();
        if (!source) QSKIP("built without libtorch");
        const Model withSchemas = readOne(QStringLiteral("vit_b_16.simulated-ttnn.json"));
        std::ifstream in(data(QStringLiteral("vit_b_16.simulated-ttnn.json")).toStdString());
        json doc = json::parse(in);
        doc.erase("schemas");
        Model bare = parseGraphDump(doc.dump(), "vit-without-schemas.json");
        const Profile p = loadProfile("generic");
        AnalysisOptions options;
        options.profile = &p;
        const auto a = analyze(withSchemas, options);
        options.schemas = source.get();
        const auto b = analyze(bare, options);
        QVERIFY(!a.total.details.empty());
        QCOMPARE(a.total.details.size(), b.total.details.size());
        for (std::size_t i = 0; i < a.total.details.size(); ++i) QCOMPARE(b.total.details[i].variation, a.total.details[i].variation);
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
