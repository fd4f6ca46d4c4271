// SPDX-License-Identifier: MIT
// Every bad input gives one InputError naming the file and the place in it.
#include "analysis/Profile.h"
#include "analysis/Summary.h"
#include "base/LoadError.h"
#include "base/SafeName.h"
#include "readers/FxJsonReader.h"
#include "readers/GraphReader.h"
#include "readers/JsonText.h"
#include "writers/AtomicFile.h"
#include "writers/MetricsWriter.h"
#include "writers/TextReport.h"

#include <QDir>
#include <QFile>
#include <QtTest>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "../common/Mutations.h"

using namespace atenscope;

namespace {

QByteArray fixture(const char* name) {
    QFile f(QDir(QStringLiteral(ATENSCOPE_TEST_DATA)).filePath(QString::fromLatin1(name)));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}

QString wrap(const char* nodes) {
    return QStringLiteral(R"({"format":"atenscope.graph","version":1,"model":"m","graphs":[{"name":"0","nodes":[%1]}]})")
        .arg(QString::fromLatin1(nodes));
}

}  // namespace

class TestBadInput : public QObject {
    Q_OBJECT

private slots:
    void graphDumps_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("what");
        const QByteArray resnet = fixture("resnet18.original.json");
        QVERIFY(resnet.size() > 5000);
        QTest::newRow("truncated") << QString::fromUtf8(resnet.left(4000)) << "line 1, column 4001"
                                   << "invalid JSON";
        QTest::newRow("not json") << "format: graph\n"
                                  << "line 1, column 2"
                                  << "invalid JSON";
        QTest::newRow("syntax on line 3") << "{\n\"format\": \"atenscope.graph\",\n\"version\": 1,,\n}"
                                          << "line 3, column 14"
                                          << "invalid JSON";
        QTest::newRow("dangling reference")
            << wrap(R"({"name":"a","op":"call_function","target":"aten.relu.default","args":[{"node":"ghost"}]})")
            << "/graphs/0/nodes/0/args/0"
            << "refers to \"ghost\"";
        QTest::newRow("dangling in a list")
            << wrap(
                   R"({"name":"a","op":"placeholder","target":"a"},{"name":"c","op":"call_function","target":"aten.cat.default","args":[[{"node":"a"},{"node":"b"}]]})")
            << "/graphs/0/nodes/1/args/0/1"
            << "refers to \"b\"";
        QTest::newRow("cycle")
            << wrap(
                   R"({"name":"a","op":"call_function","target":"aten.relu.default","args":[{"node":"b"}]},{"name":"b","op":"call_function","target":"aten.relu.default","args":[{"node":"a"}]})")
            << "/graphs/0/nodes/"
            << "cycle through node";
        QTest::newRow("self loop") << wrap(R"({"name":"a","op":"call_function","target":"aten.relu.default","args":[{"node":"a"}]})")
                                   << "/graphs/0/nodes/0"
                                   << "cycle";
        QTest::newRow("missing op") << wrap(R"({"name":"a","target":"x"})") << "/graphs/0/nodes/0"
                                    << "missing field \"op\"";
        QTest::newRow("name not a string") << wrap(R"({"name":5,"op":"placeholder","target":"x"})") << "/graphs/0/nodes/0/name"
                                           << "expected a string, found an integer";
        QTest::newRow("args not an array") << wrap(R"({"name":"a","op":"placeholder","target":"x","args":{}})") << "/graphs/0/nodes/0/args"
                                           << "expected an array";
        QTest::newRow("unknown op kind") << wrap(R"({"name":"a","op":"call_magic","target":"x"})") << "/graphs/0/nodes/0"
                                         << "unknown op \"call_magic\"";
        QTest::newRow("duplicate name")
            << wrap(R"({"name":"a","op":"placeholder","target":"a"},{"name":"a","op":"placeholder","target":"a"})") << "/graphs/0/nodes/1"
            << "duplicate node name";
        QTest::newRow("unknown value kind") << wrap(R"({"name":"a","op":"call_function","target":"aten.relu.default","args":[{"blob":1}]})")
                                            << "/graphs/0/nodes/0/args/0/blob"
                                            << "unknown value kind";
        QTest::newRow("bad shape") << wrap(R"({"name":"a","op":"placeholder","target":"a","outputs":[{"shape":[1,true]}]})")
                                   << "/graphs/0/nodes/0/outputs/0/shape/1"
                                   << "expected an integer or a symbolic size";
        QTest::newRow("not a dump") << R"({"hello":1})"
                                    << "/"
                                    << "missing field \"format\"";
        QTest::newRow("other format") << R"({"format":"netron","version":1,"graphs":[]})"
                                      << "/format"
                                      << "format is \"netron\"";
        QTest::newRow("too new") << R"({"format":"atenscope.graph","version":99,"graphs":[]})"
                                 << "/version"
                                 << "version 99";
        QTest::newRow("no graphs") << R"({"format":"atenscope.graph","version":1,"graphs":[]})"
                                   << "/graphs"
                                   << "no graph";
        QTest::newRow("stack trace out of the table")
            << R"({"format":"atenscope.graph","version":2,"stack_traces":["a"],"graphs":[{"name":"0","nodes":[)"
               R"({"name":"a","op":"placeholder","target":"a","meta":{"stack_trace":1}}]}]})"
            << "/graphs/0/nodes/0/meta/stack_trace"
            << "stack trace 1 is not in";
        QTest::newRow("stack trace table not strings") << R"({"format":"atenscope.graph","version":2,"stack_traces":[3],"graphs":[]})"
                                                       << "/stack_traces/0"
                                                       << "expected a string";
        // Found by the fuzzer: a number too large for the syntax diagnosis escaped as another exception.
        QTest::newRow("huge number") << QString(QStringLiteral("8").repeated(100) + QStringLiteral("e88888888")) << "line 1, column 1"
                                     << "is out of range";
        QTest::newRow("number out of range in a field") << R"({"format":"atenscope.graph","version":1e400,"graphs":[]})"
                                                        << "line 1, column 39"
                                                        << "the number 1e400 is out of range";
        QTest::newRow("integer past 2^63") << R"({"format":"atenscope.graph","version":9223372036854775808,"graphs":[]})"
                                           << "/version"
                                           << "9223372036854775808 is more than 2^63 - 1";
        QTest::newRow("nested too deep") << QString(QStringLiteral("[").repeated(1200)) << "line 1, column 1001"
                                         << "nested deeper than 1000 levels";
        QTest::newRow("top level array") << "[1,2]"
                                         << "/"
                                         << "expected a JSON object";
    }

    void graphDumps() {
        QFETCH(QString, text);
        QFETCH(QString, where);
        QFETCH(QString, what);
        try {
            (void)parseGraphDump(text.toStdString(), "bad.json");
            QFAIL("no error");
        } catch (const InputError& e) {
            QCOMPARE(QString::fromStdString(e.file()), QStringLiteral("bad.json"));
            QVERIFY2(QString::fromStdString(e.where()).startsWith(where), e.what());
            QVERIFY2(QString::fromUtf8(e.what()).contains(what), e.what());
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("bad.json: ")), e.what());
        }
    }

    void missingFile() { QVERIFY_THROWS_EXCEPTION(InputError, readModels({"/nonexistent/graph.json"})); }

    // Names from files (a dump's "model") never become paths unchecked: one safe file name.
    void safeNames_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("folders");
        QTest::newRow("plain") << "resnet18"
                               << "resnet18"
                               << "resnet18";
        QTest::newRow("nested") << "hf/bert"
                                << "hf_bert"
                                << "hf/bert";
        QTest::newRow("parent") << "../../escaped"
                                << "___.._escaped"
                                << "__/__/escaped";
        QTest::newRow("absolute") << "/etc/x"
                                  << "_etc_x"
                                  << "etc/x";
        QTest::newRow("dot") << "."
                             << "_"
                             << "model";
        QTest::newRow("dotdot") << ".."
                                << "__"
                                << "__";
        QTest::newRow("empty") << ""
                               << "model"
                               << "model";
        QTest::newRow("hidden") << ".hidden"
                                << "_hidden"
                                << "_hidden";
        QTest::newRow("backslashes") << "..\\..\\x"
                                     << "___.._x"
                                     << "__/__/x";
        QTest::newRow("spaces and unicode") << "a b/é"
                                            << "a_b___"
                                            << "a_b/__";
        QTest::newRow("slashes only") << "///"
                                      << "___"
                                      << "model";
    }
    void safeNames() {
        QFETCH(QString, name);
        QFETCH(QString, file);
        QFETCH(QString, folders);
        QCOMPARE(QString::fromStdString(safeFileName(name.toStdString())), file);
        QCOMPARE(QString::fromStdString(safeRelativePath(name.toStdString()).generic_string()), folders);
    }
    void longNamesAreCutAndKeptApart() {
        const std::string a(5000, 'a');
        const std::string b = a + "b";
        QCOMPARE(safeFileName(a).size(), kMaxSafeName);
        QVERIFY(safeFileName(a) != safeFileName(b));
        for (const auto& part : safeRelativePath(std::string(300, 'y') + "/" + std::string(300, 'y')))
            QVERIFY(part.string().size() <= kMaxSafeName);
    }
    void metricsStayInTheirFolder() {
        QTemporaryDir dir;
        const std::string inside = (dir.path() + QStringLiteral("/a/b/out")).toStdString();
        for (const std::string model : {"../../escaped", "/tmp/atenscope-test-escaped", "..", ""}) {
            ModelReport report;
            report.total.model = model;
            for (const auto& path : writeMetrics(inside, report, 10)) {
                const auto rel =
                    std::filesystem::relative(std::filesystem::weakly_canonical(path), std::filesystem::weakly_canonical(inside));
                QVERIFY2(!rel.empty() && *rel.begin() != "..", path.c_str());
                QVERIFY(std::filesystem::exists(path));
            }
        }
        QVERIFY(!std::filesystem::exists(dir.path().toStdString() + "/escaped"));
        QVERIFY(!std::filesystem::exists("/tmp/atenscope-test-escaped"));
    }

    // A temporary left by a killed run (its PID no longer runs) is removed at the next write into
    // its folder; one of a run still going is not.
    void staleTemporariesAreRemoved() {
        QTemporaryDir dir;
        const pid_t child = ::fork();
        if (child == 0) ::_exit(0);
        QVERIFY(child > 0);
        ::waitpid(child, nullptr, 0);
        const std::string base = dir.path().toStdString();
        const std::string dead = base + "/.remaining-aten-ops.json." + std::to_string(child) + ".a1b2c3";
        const std::string alive = base + "/.remaining-aten-ops.json.1.a1b2c3";  // init always runs
        for (const auto& f : {dead, alive}) std::ofstream(f) << "half";
        writeFileAtomically(base + "/remaining-aten-ops.json", "{}\n");
        QVERIFY(!std::filesystem::exists(dead));
        QVERIFY(std::filesystem::exists(alive));
        QVERIFY(std::filesystem::exists(base + "/remaining-aten-ops.json"));
    }

    // A UTF-8 byte order mark before a document is skipped (RFC 8259 lets a reader do so; the
    // parser would refuse it): the error, if any, is the document's own, in its own place.
    void byteOrderMarkIsSkipped() {
        const std::string bom = "\xEF\xBB\xBF";
        try {
            (void)parseGraphDump(bom + R"({"format":"atenscope.graph"})", "bom.json");
            QFAIL("no error");
        } catch (const InputError& e) {
            QCOMPARE(QString::fromStdString(e.where()), QStringLiteral("/"));
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("missing field \"version\"")), e.what());
        }
        try {
            (void)parseGraphDump(bom + "{\n  \"format\": tru}", "bom.json");
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(QString::fromStdString(e.where()).startsWith(QStringLiteral("line 2, column 16")), e.what());
        }
        QCOMPARE(parseJsonText(bom + R"({"a": 1})", "bom.json")["a"].get<int>(), 1);
    }

    // FIFOs, devices and sockets are refused at once, named, never opened for a blocking read.
    void specialFilesAreRefused() {
        QTemporaryDir dir;
        const std::string fifo = (dir.path() + QStringLiteral("/graph.json")).toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        for (const std::string& path : {fifo, std::string("/dev/zero")}) {
            try {
                (void)readModels({path});
                QFAIL("no error");
            } catch (const InputError& e) {
                QCOMPARE(QString::fromStdString(e.file()), QString::fromStdString(path));
                QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("not a regular file")), e.what());
            }
        }
        // In a folder: that model fails, naming the FIFO.
        try {
            (void)readModels({dir.path().toStdString()});
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("a FIFO")), e.what());
        }
    }

    void unknownProfileNamesTheBuiltins() {
        try {
            (void)loadProfile("no-such-profile");
            QFAIL("no error");
        } catch (const InputError& e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.contains("no-such-profile") && msg.contains("ttnn") && msg.contains("generic"), e.what());
        }
    }

    void badProfileFields_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("where");
        QTest::newRow("lowerable not strings") << R"({"format":"atenscope.profile","version":1,"name":"x","lowerable":[1]})"
                                               << "/lowerable/0";
        QTest::newRow("call_module not bool")
            << R"({"format":"atenscope.profile","version":1,"name":"x","converted":{"call_module":"yes"}})"
            << "/converted/call_module";
        QTest::newRow("missing name") << R"({"format":"atenscope.profile","version":1})"
                                      << "/";
        QTest::newRow("wrong format") << R"({"format":"atenscope.graph","version":1,"name":"x"})"
                                      << "/format";
        QTest::newRow("invalid json") << R"({"format":)"
                                      << "byte";
    }

    void badProfileFields() {
        QFETCH(QString, text);
        QFETCH(QString, where);
        try {
            (void)parseProfile(text.toStdString(), "bad-profile.json");
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(QString::fromStdString(e.where()).startsWith(where), e.what());
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("bad-profile.json: ")), e.what());
        }
    }

    // Mutated dumps: a real fixture with one value changed, a key dropped, an item removed or
    // repeated, or the text cut short. Each is either read (and then analysed and written out
    // under every profile) or refused with an InputError naming the file; nothing else, no crash
    // (the asan preset runs this under AddressSanitizer). A fixed seed: the same 400 cases each run.
    void mutatedDumpsAreReadOrRefusedCleanly_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("partitioned") << QStringLiteral("resnet18.partitioned.json");
        QTest::newRow("simulated-ttnn") << QStringLiteral("resnet18.simulated-ttnn.json");
    }
    void mutatedDumpsAreReadOrRefusedCleanly() {
        QFETCH(QString, file);
        const QByteArray text = fixture(file.toLatin1().constData());
        QVERIFY(!text.isEmpty());
        std::vector<Profile> profiles;
        for (const auto& n : builtinProfileNames()) profiles.push_back(loadProfile(n));
        testing::DumpMutator mutator(text.toStdString(), 20261124);
        int read = 0, refused = 0;
        for (int round = 0; round < 400; ++round) {
            const std::string mutated = mutator.next();
            try {
                const Model m = parseGraphDump(mutated, "mutated.json");
                for (const Profile& p : profiles) {
                    AnalysisOptions options;
                    options.profile = &p;
                    const ModelReport r = analyze(m, options);
                    QVERIFY(!textReport(r, 10).empty());
                    QVERIFY(!reportJsonText(r, 10).empty());
                    QVERIFY(!reportPickle(r, 10).empty());
                }
                ++read;
            } catch (const InputError& e) {
                QVERIFY2(std::string(e.what()).rfind("mutated.json", 0) == 0, e.what());
                ++refused;
            }
        }
        qInfo("%d mutated dumps read, %d refused", read, refused);
        // Both outcomes occur: the mutations reach past the syntax and the format checks.
        QVERIFY2(read > 40 && refused > 80, qPrintable(QStringLiteral("%1 read, %2 refused").arg(read).arg(refused)));
    }

    void everyBuiltinProfileLoads() {
        const auto names = builtinProfileNames();
        QCOMPARE(names.size(), std::size_t(3));
        for (const auto& n : names) QCOMPARE(loadProfile(n).name, n);
        QVERIFY(loadProfile("ttnn").lowerable.count("aten.convolution.default"));
    }
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_bad_input.moc"
