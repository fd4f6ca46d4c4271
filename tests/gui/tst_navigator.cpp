// SPDX-License-Identifier: MIT
// The window's navigation without any widget: the shown subgraph, the selection and the
// walk across subgraphs, driven as the window drives them and checked through its signals.
#include "analysis/Profile.h"
#include "analysis/SchemaSource.h"
#include "gui/Navigator.h"
#include "gui/NodeText.h"
#include "gui/ProfileState.h"
#include "gui/RunModels.h"
#include "gui/SourceModels.h"
#include "gui/TableModels.h"
#include "readers/GraphReader.h"
#include "render/QtText.h"

#include <QAbstractItemModelTester>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QtTest>

using namespace atenscope;
using namespace atenscope::gui;

namespace {

Model readOne(const char* name) {
    return std::move(readModels({std::string(ATENSCOPE_TEST_DATA "/") + name}).at(0));
}

// The op's nodes, found by a plain scan (not nodesOfOp).
std::vector<NodeRef> scan(const Model& m, const std::string& op) {
    std::vector<NodeRef> out;
    for (std::size_t g = 0; g < m.graphs.size(); ++g)
        for (std::size_t i = 0; i < m.graphs[g].nodes.size(); ++i)
            if (m.graphs[g].nodes[i].target == op) out.push_back({int(g), int(i)});
    return out;
}

}  // namespace

class TestNavigator : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName(QStringLiteral("AtenScopeTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_navigator"));
        QSettings().clear();
    }

    // A profile chosen by hand belongs to its model (kept in the settings); the others stay
    // automatic, or take the window's (--profile); a bad choice changes nothing.
    void profileOfAModelIsItsOwn() {
        QSettings().clear();
        const Model llama = readOne("llama.partitioned.json");
        const Model resnet = readOne("resnet18.partitioned.json");
        ProfileState state;
        state.apply(llama);
        QVERIFY(state.automatic());
        QCOMPARE(state.profile().name, std::string("partitioned"));
        QVERIFY(!state.reason().isEmpty());
        QVERIFY(state.choice().isEmpty());

        ProfileState::choose(QStringLiteral("llama"), QStringLiteral("generic"));
        QVERIFY_THROWS_EXCEPTION(std::exception, ProfileState::choose(QStringLiteral("llama"), QStringLiteral("no-such-profile")));
        state.apply(llama);
        QCOMPARE(state.source(), ProfileState::Source::Hand);
        QCOMPARE(state.profile().name, std::string("generic"));
        QCOMPARE(state.choice(), QStringLiteral("generic"));
        state.apply(resnet);  // another model: still its own
        QVERIFY(state.automatic());
        QCOMPARE(state.profile().name, std::string("partitioned"));

        // The window's profile: for every model without a hand choice, not kept.
        state.setForWindow(QStringLiteral("ttnn:predict"));
        state.apply(resnet);
        QCOMPARE(state.source(), ProfileState::Source::Window);
        QVERIFY(state.predict());
        QCOMPARE(state.label(), QStringLiteral("ttnn (predict)"));
        state.apply(llama);
        QCOMPARE(state.source(), ProfileState::Source::Hand);
        QVERIFY(!QSettings().contains(QStringLiteral("profileOfModel/resnet18")));

        // A run's analysis gets the same: llama's by hand, the window's for the rest.
        Session session;
        session.models.resize(2);
        session.models[0].model.name = llama.name;
        session.models[1].model.name = resnet.name;
        const ProfileChoices choices = state.choices(&session);
        QCOMPARE(choices.of(llama.name)->profile.name, std::string("generic"));
        QVERIFY(choices.of(resnet.name)->predict);

        ProfileState::choose(QStringLiteral("llama"), QStringLiteral(":auto"));
        state.setForWindow(QStringLiteral(":auto"));
        state.apply(llama);
        QVERIFY(state.automatic());
        QVERIFY(!state.choices(&session).of(llama.name));
    }

    // Following: after the same files are read again, the walk and the selection come back by
    // names (a new Model object, the same graph).
    void placeSurvivesAReload() {
        const Model before = readOne("llama.partitioned.json");
        Navigator nav;
        nav.setModel(&before);
        const std::string op = "aten.mul.Tensor";
        nav.walkOp(QString::fromStdString(op));
        QVERIFY(nav.walk().size() > 3);
        nav.goTo(2);
        const NodeRef at = nav.walk()[2];
        QCOMPARE(nav.currentNode(), nav.currentGraph() == at.graph ? at.node : -1);
        const Navigator::Place place = nav.place();
        QCOMPARE(place.op, QString::fromStdString(op));
        QCOMPARE(place.walkAt, 2);
        QVERIFY(!place.node.isEmpty());

        const Model after = readOne("llama.partitioned.json");
        nav.setModel(&after);
        QCOMPARE(nav.walkPosition(), -1);
        nav.restore(place);
        QCOMPARE(nav.walkSubject(), QString::fromStdString(op));
        QCOMPARE(nav.walkPosition(), 2);
        QCOMPARE(nav.selected(), at);
        QCOMPARE(nav.model(), &after);
    }

    // Choosing a source line walks its remaining nodes, as many as the analysis counts for the
    // line (the Lines table's Remaining column), classified node by node here.
    void walkOfALineIsItsRemainingNodes() {
        for (const char* file : {"llama.partitioned.json", "gpt2.simulated-ttnn.json", "bert.original.json"}) {
            const Model m = readOne(file);
            const Profile profile = loadProfile(std::string(file).find("partitioned") != std::string::npos ? "partitioned" : "ttnn");
            const bool predict = std::string(file).find("original") != std::string::npos;
            AnalysisOptions o;
            o.profile = &profile;
            o.predict = predict;
            const ModelReport report = analyze(m, o);
            QVERIFY2(!report.total.lines.empty(), file);
            int remainingLines = 0;
            for (const auto& [key, stats] : report.total.lines) {
                const auto walk = walkOfLine(m, key.file, key.line, profile, predict);
                const auto all = nodesOfLine(m, key.file, key.line);
                if (stats.remaining == 0) {
                    QVERIFY(walk == all);  // converted whole: all of its nodes
                    continue;
                }
                ++remainingLines;
                QCOMPARE(walk.size(), std::size_t(stats.remaining));
                QVERIFY(walk.size() <= all.size());
            }
            QVERIFY2(remainingLines > 0, file);
        }
    }

    // The NEW marks: nodes remaining now and not in the baseline (by node name with its graphs).
    void freshNodesAreThoseNewSinceTheBaseline() {
        const Model m = readOne("gpt2.simulated-ttnn.json");
        const Profile ttnn = loadProfile("ttnn"), generic = loadProfile("generic");
        AnalysisOptions o;
        o.profile = &generic;
        const ModelReport now = analyze(m, o);
        o.profile = &ttnn;
        const ModelReport base = analyze(m, o);
        QVERIFY(now.total.remaining > base.total.remaining);
        std::size_t fresh = 0;
        for (const Graph& g : m.graphs) {
            std::set<std::string, std::less<>> was, is;
            for (const auto& d : base.total.details)
                if (d.graph == g.name) was.insert(std::string(d.nodeName));
            for (const auto& d : now.total.details)
                if (d.graph == g.name) is.insert(std::string(d.nodeName));
            std::vector<bool> want(g.nodes.size(), false);
            for (std::size_t i = 0; i < g.nodes.size(); ++i)
                if (is.count(g.nodes[i].name) && !was.count(g.nodes[i].name)) want[i] = true, ++fresh;
            QVERIFY(freshNodes(g, now, &base) == want);
            const auto none = freshNodes(g, base, &base);
            QVERIFY(std::none_of(none.begin(), none.end(), [](bool b) { return b; }));
        }
        QVERIFY(fresh > 0);
    }

    // A line's nodes: those whose innermost non-torch frame is that line, found by a plain scan.
    void nodesOfALine() {
        const Model m = readOne("llama.partitioned.json");
        std::map<std::pair<std::string, std::uint32_t>, std::vector<NodeRef>> want;
        for (std::size_t g = 0; g < m.graphs.size(); ++g) {
            const PartitionIndex parts(m.graphs[g]);
            for (std::size_t i = 0; i < parts.size(); ++i)
                if (const auto f = modelFrame(parts.node(i).more().stackTrace))
                    want[{std::string(f->file), f->line}].push_back({int(g), int(i)});
        }
        QVERIFY(want.size() > 20);
        for (const auto& [key, nodes] : want) QVERIFY(nodesOfLine(m, key.first, key.second) == nodes);
        QVERIFY(nodesOfLine(m, "transformers/models/llama/modeling_llama.py", 1).empty());
    }

    // The Source panel reads a file a dump names only when it is a regular Python file within the
    // size cap, found as it is or under a root; a hostile dump's /dev/zero or /etc/passwd is not read.
    void sourceFilesAreFoundAndCapped() {
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("pkg/sub"))));
        auto write = [&](const QString& rel, const QByteArray& bytes) {
            QFile f(dir.filePath(rel));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        };
        write(QStringLiteral("pkg/sub/mod.py"), "a = 1\r\nb = 2\n");
        write(QStringLiteral("pkg/sub/data.txt"), "x\n");
        {
            QFile big(dir.filePath(QStringLiteral("pkg/big.py")));
            QVERIFY(big.open(QIODevice::WriteOnly));
            QVERIFY(big.resize(SourceFinder::kMaxBytes + 1));
        }
        SourceFinder finder;
        QVERIFY(finder.find(QStringLiteral("pkg/sub/mod.py")).isEmpty());  // no root yet
        finder.setRoots({QStringLiteral("/nonexistent"), dir.path()});
        const QString found = finder.find(QStringLiteral("pkg/sub/mod.py"));
        QCOMPARE(found, QFileInfo(dir.filePath(QStringLiteral("pkg/sub/mod.py"))).absoluteFilePath());
        QCOMPARE(finder.find(found), found);  // absolute: as it is
        // Another machine's absolute path: from its site-packages on, under a root.
        QCOMPARE(finder.find(QStringLiteral("/other/venv/lib/python3.11/site-packages/pkg/sub/mod.py")), found);
        const auto lines = finder.read(QStringLiteral("pkg/sub/mod.py"));
        QVERIFY(lines);
        QCOMPARE(*lines, QStringList({QStringLiteral("a = 1"), QStringLiteral("b = 2")}));
        QVERIFY(finder.find(QStringLiteral("pkg/sub/data.txt")).isEmpty());  // not Python
        QVERIFY(finder.find(QStringLiteral("pkg/big.py")).isEmpty());        // over the cap
        QVERIFY(finder.find(QStringLiteral("/dev/zero")).isEmpty());
        QVERIFY(finder.find(QStringLiteral("/etc/passwd")).isEmpty());
        QVERIFY(finder.find(QStringLiteral("pkg/sub")).isEmpty());  // a folder
        QVERIFY(!finder.read(QStringLiteral("/dev/zero")));
    }

    // The Lines table: rows ranked as the report ranks them, text and sort keys of its cells.
    void linesTableOfAModel() {
        const Model m = readOne("llama.partitioned.json");
        const Profile p = loadProfile("partitioned");
        AnalysisOptions o;
        o.profile = &p;
        const ModelReport r = analyze(m, o);
        SourceLineModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLines(r.total.lines);
        QCOMPARE(static_cast<std::size_t>(model.rowCount()), r.total.lines.size());
        const auto ranked = rankedLines(r.total.lines);
        for (int row = 0; row < model.rowCount(); ++row) {
            const auto& [key, stats] = ranked[static_cast<std::size_t>(row)];
            QCOMPARE(model.index(row, SourceLineModel::Remaining).data(SortRole).toULongLong(), stats->remaining);
            QCOMPARE(model.index(row, SourceLineModel::Converted).data().toULongLong(), stats->converted);
            QCOMPARE(model.index(row, SourceLineModel::Line).data().toString(),
                     QStringLiteral("%1:%2").arg(QFileInfo(qtext(key->file)).fileName()).arg(key->line));
            QCOMPARE(model.index(row, 0).data(FileRole).toString(), qtext(key->file));
            QCOMPARE(model.rowOf(qtext(key->file), key->line), row);
        }
        QCOMPARE(model.index(0, SourceLineModel::Ops).data().toString(), QStringLiteral("aten.add.Tensor (5), aten.rsqrt.default (5)"));
        std::uint64_t sum = 0;
        for (const auto& [key, stats] : r.total.lines) sum += stats.remaining;
        QVERIFY(sum > 0 && sum <= r.total.remaining);
    }

    void walkCoversEverySubgraphInOrderAndWraps() {
        const Model m = readOne("torch1.13/resnet18.simulated-ttnn.json");
        const auto want = scan(m, "aten.native_batch_norm.default");
        QCOMPARE(want.size(), std::size_t(20));
        QVERIFY(nodesOfOp(m, "aten.native_batch_norm.default") == want);
        Navigator nav;
        nav.setModel(&m);
        QSignalSpy graphs(&nav, &Navigator::currentGraphChanged);
        nav.walkOp(QStringLiteral("aten.native_batch_norm.default"));
        for (std::size_t k = 0; k < want.size(); ++k) {
            QCOMPARE(nav.selected(), want[k]);
            QCOMPARE(nav.currentGraph(), want[k].graph);
            nav.next();
        }
        QCOMPARE(nav.selected(), want.front());  // wrapped from the last node of subgraph 1
        QCOMPARE(graphs.count(), 2);             // to subgraph 1 and back
        nav.previous();
        QCOMPARE(nav.selected(), want.back());
        QVERIFY(nav.walkLabel().startsWith(QStringLiteral("20 of 20, subgraph 1")));
    }

    // An op's walk starts at its first node ("1 of 20") whatever subgraph is shown; a search's
    // in the shown subgraph.
    void walkStartsAtTheFirstNodeASearchInTheShownSubgraph() {
        const Model m = readOne("torch1.13/resnet18.simulated-ttnn.json");
        Navigator nav;
        nav.setModel(&m);
        nav.setCurrentGraph(1);
        nav.walkOp(QStringLiteral("aten.native_batch_norm.default"));
        QCOMPARE(nav.currentGraph(), 0);
        QCOMPARE(nav.selected(), scan(m, "aten.native_batch_norm.default")[0]);
        QVERIFY(nav.walkLabel().startsWith(QStringLiteral("1 of 20")));
        nav.setCurrentGraph(1);
        QVERIFY(nav.search(QStringLiteral("^native_batch_norm")));
        QCOMPARE(nav.currentGraph(), 1);
    }

    void selectingANodeOfTheWalkMovesItsPosition() {
        const Model m = readOne("torch1.13/mobilenet_v2.simulated-ttnn.json");
        Navigator nav;
        nav.setModel(&m);
        nav.walkOp(QStringLiteral("aten.native_batch_norm.default"));
        const auto walk = nav.walk();
        nav.select(walk[5]);
        QCOMPARE(nav.walkPosition(), 5);
        nav.next();
        QCOMPARE(nav.selected(), walk[6]);
        // A node outside the walk leaves the position where it was.
        nav.select({0, 0});
        QCOMPARE(nav.walkPosition(), 6);
    }

    void changingTheSubgraphKeepsTheWalk() {
        const Model m = readOne("torch1.13/resnet18.simulated-ttnn.json");
        Navigator nav;
        nav.setModel(&m);
        nav.walkOp(QStringLiteral("aten.native_batch_norm.default"));
        nav.setCurrentGraph(1);
        QCOMPARE(nav.walk().size(), std::size_t(20));
        QCOMPARE(nav.walkPosition(), 0);
        QVERIFY(!nav.selected().valid());  // the selection was in subgraph 0
        const auto mask = nav.walkMask(1);
        QCOMPARE(std::count(mask.begin(), mask.end(), true), 10);
        nav.next();
        QCOMPARE(nav.walkPosition(), 1);
    }

    void searchCoversEverySubgraphAndEnterGoesOn() {
        const Model m = readOne("llama.simulated-ttnn.json");
        Navigator nav;
        nav.setModel(&m);
        QVERIFY(nav.search(QStringLiteral("^alias_default")));
        std::vector<NodeRef> want;
        for (std::size_t g = 0; g < m.graphs.size(); ++g)
            for (std::size_t i = 0; i < m.graphs[g].nodes.size(); ++i)
                if (m.graphs[g].nodes[i].name.rfind("alias_default", 0) == 0) want.push_back({int(g), int(i)});
        QVERIFY(want.size() >= 2 && want.front().graph == 0 && want.back().graph == 1);
        QVERIFY(nav.walk() == want);
        QVERIFY(nav.search(QStringLiteral("^alias_default")));  // Enter again: the next hit
        QCOMPARE(nav.selected(), want[1]);
        QSignalSpy walks(&nav, &Navigator::walkChanged);
        QVERIFY(nav.search(QStringLiteral("(unclosed")));  // not a regular expression: searched as text
        QVERIFY(nav.error().isEmpty());
        QVERIFY(nav.walk().empty());
        QVERIFY(nav.walkLabel().contains(QStringLiteral("plain text")));
        QVERIFY(walks.count() >= 1);
        QVERIFY(nav.walkMask(0).empty());  // nothing stays marked
        QVERIFY(nav.search(QStringLiteral("no node is called this")));
        QVERIFY(nav.walkLabel().contains(QStringLiteral("no match")));
    }

    void selectByNameFindsAnySubgraph() {
        const Model m = readOne("llama.simulated-ttnn.json");
        Navigator nav;
        nav.setModel(&m);
        QSignalSpy selections(&nav, &Navigator::selectionChanged);
        const auto& g1 = m.graphs.at(1);
        QVERIFY(nav.selectByName(QString::fromStdString(g1.name),
                                 QString::fromUtf8(g1.nodes[3].name.data(), qsizetype(g1.nodes[3].name.size()))));
        QCOMPARE(nav.selected(), (NodeRef{1, 3}));
        QCOMPARE(nav.currentGraph(), 1);
        QCOMPARE(selections.count(), 1);
        QVERIFY(!nav.selectByName(QStringLiteral("no such graph"), QStringLiteral("x")));
        QVERIFY(!nav.selectByName(QString::fromStdString(g1.name), QStringLiteral("no such node")));
        nav.select({5, 0});  // out of range: ignored
        QCOMPARE(nav.selected(), (NodeRef{1, 3}));
    }

    // The table models, linked alone, pass Qt's model tester through a reset and a sort.
    void modelsPassTheModelTester() {
        const auto models = readModels({std::string(ATENSCOPE_TEST_DATA "/torch1.13/vit_b_16.partitioned.json")});
        const Profile p = loadProfile("generic");
        AnalysisOptions o;
        o.profile = &p;
        const ModelReport r = analyze(models[0], o);
        OpFrequencyModel ops;
        RemainingNodeModel nodes;
        QAbstractItemModelTester t1(&ops, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&nodes, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&ops);
        proxy.setSortRole(SortRole);
        QAbstractItemModelTester t3(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ops.setSummary(r.total);
        nodes.setSummary(r.total);
        QCOMPARE(ops.rowCount(), static_cast<int>(r.total.uniqueOpTypes()));
        QCOMPARE(nodes.rowCount(), static_cast<int>(r.total.remaining));
        proxy.sort(OpFrequencyModel::Count, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString().toStdString(), r.total.mostFrequent(1)[0].first);
        ops.setSummary(Summary{});  // a reset to empty
        QCOMPARE(proxy.rowCount(), 0);
        // Headers: a title and a tooltip for every column; counts sort largest first, names A to Z.
        for (const QAbstractItemModel* m : {static_cast<QAbstractItemModel*>(&ops), static_cast<QAbstractItemModel*>(&nodes)})
            for (int c = 0; c < m->columnCount(); ++c) {
                QVERIFY(!m->headerData(c, Qt::Horizontal).toString().isEmpty());
                QVERIFY(!m->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
            }
        QCOMPARE(ops.headerData(OpFrequencyModel::Count, Qt::Horizontal, Qt::InitialSortOrderRole).value<Qt::SortOrder>(),
                 Qt::DescendingOrder);
        QCOMPARE(ops.headerData(OpFrequencyModel::Op, Qt::Horizontal, Qt::InitialSortOrderRole).value<Qt::SortOrder>(), Qt::AscendingOrder);
        QCOMPARE(ops.defaultSortColumn(), int(OpFrequencyModel::Count));

        // The node model sorts itself (a proxy through QVariant is too slow at 500,000 rows): by
        // each column's text, both ways, ties in the summary's order; a row held by a persistent
        // index follows it; a new summary keeps the order.
        QVERIFY(nodes.sortsItself());
        std::vector<std::pair<std::string, std::size_t>> byName;  // (node name, position in the summary)
        for (std::size_t i = 0; i < r.total.details.size(); ++i) byName.emplace_back(std::string(r.total.details[i].nodeName), i);
        const QPersistentModelIndex held = nodes.index(3, RemainingNodeModel::Node);
        const QString heldName = held.data().toString();
        nodes.sort(RemainingNodeModel::Node, Qt::DescendingOrder);
        std::stable_sort(byName.begin(), byName.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        for (int row = 0; row < nodes.rowCount(); ++row)
            QCOMPARE(nodes.index(row, RemainingNodeModel::Node).data().toString().toStdString(),
                     byName[static_cast<std::size_t>(row)].first);
        QCOMPARE(held.data().toString(), heldName);
        QVERIFY(held.row() != 3 || byName[3].first == heldName.toStdString());
        std::vector<std::pair<QString, int>> byInputs;  // (input shapes as shown, position)
        for (std::size_t i = 0; i < r.total.details.size(); ++i) {
            QStringList ins;
            for (const auto& in : r.total.details[i].inputShapes)
                ins << (in.empty() ? QStringLiteral("?") : QString::fromUtf8(in.data(), static_cast<qsizetype>(in.size())));
            byInputs.emplace_back(ins.join(QStringLiteral(", ")), static_cast<int>(i));
        }
        std::stable_sort(byInputs.begin(), byInputs.end(),
                         [](const auto& a, const auto& b) { return a.first.toUtf8() < b.first.toUtf8(); });
        nodes.sort(RemainingNodeModel::InputShapes, Qt::AscendingOrder);
        for (int row = 0; row < nodes.rowCount(); ++row) {
            QCOMPARE(nodes.index(row, RemainingNodeModel::InputShapes).data().toString(), byInputs[static_cast<std::size_t>(row)].first);
            QCOMPARE(nodes.index(row, RemainingNodeModel::Node).data().toString().toStdString(),
                     std::string(r.total.details[static_cast<std::size_t>(byInputs[static_cast<std::size_t>(row)].second)].nodeName));
        }
        // It filters itself too: a row has the text when a cell it shows does (case aside).
        QVERIFY(nodes.filtersItself());
        for (const QString& text : {QStringLiteral("select"), QStringLiteral("SeLeCt"), QStringLiteral("197, 1"), QStringLiteral("], ["),
                                    QStringLiteral("encoder.LAYERS"), QStringLiteral("\u00e9"), QString()}) {
            int hits = 0;
            for (int row = 0; row < nodes.rowCount(); ++row) {
                bool shown = false;
                for (int c = 0; c < nodes.columnCount(); ++c)
                    shown = shown || nodes.index(row, c).data().toString().contains(text, Qt::CaseInsensitive);
                QCOMPARE(nodes.rowHas(row, text), shown);
                hits += shown;
            }
            if (text == QStringLiteral("select") || text.isEmpty()) QVERIFY(hits > 0);
        }
        nodes.setSummary(r.total);
        QCOMPARE(nodes.index(0, RemainingNodeModel::InputShapes).data().toString(), byInputs.front().first);
        QCOMPARE(nodes.rowOf(nodes.index(5, RemainingNodeModel::Subgraph).data().toString(),
                             nodes.index(5, RemainingNodeModel::Node).data().toString()),
                 5);
    }

    // The Details panel's text, on its own: a remaining node of a torch.compile graph.
    void detailsSayWhatTheNodeIs() {
        const Model m = readOne("llama.simulated-ttnn.json");
        const Graph& g = m.graphs.at(1);
        const auto at = g.indexOf("alias_default");
        QVERIFY(at);
        const Node& n = g.nodes[*at];
        const QString html = nodeDetailsHtml(g, *at, NodeClass::Remaining, nullptr);
        QVERIFY(html.contains(QStringLiteral("Remaining aten")));
        QVERIFY(html.contains(QStringLiteral("aten.alias.default")));
        QVERIFY(html.contains(QString::fromUtf8(n.innermostModule()->path.data(), qsizetype(n.innermostModule()->path.size()))));
        QVERIFY(html.contains(QStringLiteral("LlamaAttention")));
        QVERIFY(html.contains(QStringLiteral("Tensor&lt;[1, 1, 32, 32]&gt; self = ?")));  // the input variation, escaped
        QVERIFY(html.contains(QStringLiteral("Stack trace")));
        for (auto in : n.inputs) QVERIFY(html.contains(QStringLiteral("href='node:%1'").arg(in)));
        const QString tip = nodeToolTipHtml(g, *at, NodeClass::Remaining);
        QVERIFY(tip.contains(QStringLiteral("alias_default")) && tip.contains(QStringLiteral("[1, 1, 32, 32]")));
    }

    void summarySaysWhyTheProfileWasChosen() {
        Summary t;
        t.model = "m";
        t.profile = "partitioned";
        t.remaining = 12;
        t.ops["aten.relu.default"].count = 12;
        const QString html = summaryHtml(t, nullptr, QStringLiteral("its graphs hold 3 fused partitions"));
        QVERIFY(html.contains(QStringLiteral("12 (1)")));
        QVERIFY(html.contains(QStringLiteral("automatic: its graphs hold 3 fused partitions")));
        QVERIFY(html.contains(QStringLiteral("n/a")));  // no original graph: no percentage
        QVERIFY(!summaryHtml(t, nullptr, {}).contains(QStringLiteral("automatic")));
    }
};

QTEST_GUILESS_MAIN(TestNavigator)
#include "tst_navigator.moc"
