// SPDX-License-Identifier: MIT
// The window as a user drives it: models checked by QAbstractItemModelTester,
// op/node linking, F3 walking, search, profile change, exports, a bad file.
#include "TestData.h"
#include "analysis/ViewChoice.h"
#include "gui/MainWindow.h"

#include "analysis/ModuleTree.h"
#include "analysis/Profile.h"
#include "analysis/SourceLines.h"
#include "readers/ArchiveReader.h"
#include "readers/GraphReader.h"
#include "render/GraphExport.h"
#include "render/GraphPainter.h"
#include "render/GroupedLayout.h"
#include "render/QtText.h"
#include "render/Session.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPainter>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

#include <set>

#include "../common/Mutations.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>

using namespace atenscope;

// How long a load or layout may take: far longer under AddressSanitizer (the asan preset), where
// the window's work runs several times slower.
#if defined(__SANITIZE_ADDRESS__)
constexpr int kWait = 300000;
#else
constexpr int kWait = 30000;
#endif
using namespace atenscope::gui;

namespace {

using atenscope::test::data;

nlohmann::json expected(const QString& name) {
    std::ifstream in(data(name).toStdString());
    return nlohmann::json::parse(in);
}

// Node indices of `op` in a graph, found without the window.
std::vector<int> nodesOf(const Graph& g, const std::string& op) {
    std::vector<int> out;
    for (std::size_t i = 0; i < g.nodes.size(); ++i)
        if (g.nodes[i].target == op) out.push_back(static_cast<int>(i));
    return out;
}

// The window's parts, found as a user's tools would: by their object names.
QTableView* opTable(const MainWindow& w) {
    return w.findChild<QTableView*>(QStringLiteral("opTable"));
}
QTableView* nodeTable(const MainWindow& w) {
    return w.findChild<QTableView*>(QStringLiteral("nodeTable"));
}
QLineEdit* searchField(const MainWindow& w) {
    return w.findChild<QLineEdit*>(QStringLiteral("search"));
}
QTextBrowser* detailsView(const MainWindow& w) {
    return w.findChild<QTextBrowser*>(QStringLiteral("details"));
}
QLabel* legendStrip(const MainWindow& w) {
    return w.findChild<QLabel*>(QStringLiteral("legendStrip"));
}
QString summaryText(const MainWindow& w) {
    return w.findChild<QLabel*>(QStringLiteral("summary"))->text();
}

// The walk's nodes in one subgraph, in order.
std::vector<int> walkIn(const MainWindow& w, int graph) {
    std::vector<int> out;
    for (const NodeRef& r : w.navigator().walk())
        if (r.graph == graph) out.push_back(r.node);
    return out;
}

bool load(MainWindow& w, const QStringList& files) {
    QSignalSpy loaded(w.loader(), &Loader::loaded);
    w.openFiles(files);
    return loaded.wait(2 * kWait);
}

}  // namespace

class TestGui : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // settings go to a test location
        QApplication::setOrganizationName(QStringLiteral("AtenScopeTest"));
        QApplication::setApplicationName(QStringLiteral("tst_gui"));
        enableTorchScript();  // as the executable does
        QSettings().clear();  // nothing a run left (a profile chosen) decides this one
    }

    // The project's own PNG writer (encodePng, through pngBytes): what Qt's decoder reads back is
    // the picture, pixel for pixel, whatever the width (rows not a multiple of 4 bytes), the
    // content (flat ground, text, noise that no filter helps) and the size (one pixel).
    void pngBytesRoundTrips() {
        QRandomGenerator random(7);
        for (const QSize size : {QSize(1, 1), QSize(3, 2), QSize(101, 67), QSize(640, 97)}) {
            QImage image(size, QImage::Format_ARGB32);
            image.fill(Qt::white);
            {
                QPainter p(&image);
                p.setPen(QColor(0x8a, 0x0c, 0x0c));
                p.drawText(QRect(QPoint(0, 0), size), QStringLiteral("aten.view.default [1, 32]"));
                p.fillRect(QRect(0, size.height() / 2, size.width() / 3 + 1, size.height() / 4 + 1), QColor(0xff, 0xe4, 0xe6));
            }
            for (int y = size.height() * 3 / 4; y < size.height(); ++y)
                for (int x = 0; x < size.width(); ++x) image.setPixel(x, y, 0xff000000u | (random.generate() & 0xffffffu));
            const QByteArray png = pngBytes(image);
            QVERIFY(png.startsWith("\x89PNG\r\n\x1a\n"));
            const QImage back = QImage::fromData(png, "PNG");
            QCOMPARE(back.size(), size);
            QCOMPARE(back.convertToFormat(QImage::Format_RGB888), image.convertToFormat(QImage::Format_RGB888));
        }
    }

    void loadsAndStartsOnTheTopOp() {
        MainWindow w;
        w.show();
        QVERIFY(load(
            w, {data(QStringLiteral("torch1.13/resnet18.simulated-ttnn.json")), data(QStringLiteral("torch1.13/resnet18.original.json"))}));
        const auto want = expected(QStringLiteral("torch1.13/resnet18.simulated-ttnn.expected.json"));
        QCOMPARE(w.report().total.remaining, want["profiles"]["ttnn"]["total"]["remaining"].get<std::uint64_t>());
        QCOMPARE(w.report().total.originalOpsCount.value(), want["original_aten_ops"].get<std::uint64_t>());
        QVERIFY(summaryText(w).contains(QStringLiteral("80.4 %")));
        // The op table is sorted by count, most first, and the top op is chosen.
        auto* proxy = qobject_cast<QSortFilterProxyModel*>(opTable(w)->model());
        QCOMPARE(proxy->sortColumn(), int(OpFrequencyModel::Count));
        QCOMPARE(proxy->sortOrder(), Qt::DescendingOrder);
        QCOMPARE(opTable(w)->horizontalHeader()->sortIndicatorSection(), int(OpFrequencyModel::Count));
        const std::string top = w.report().total.mostFrequent(1)[0].first;
        QCOMPARE(opTable(w)->currentIndex().data(OpNameRole).toString().toStdString(), top);
        QCOMPARE(w.navigator().currentGraph(), 0);
        const auto nodes = nodesOf(*w.currentGraph(), top);
        QVERIFY(nodes.size() > 1);
        QCOMPARE(walkIn(w, 0), nodes);
        QCOMPARE(w.currentNode(), nodes[0]);
        QCOMPARE(w.graphView()->highlight().marked.size(), w.currentGraph()->nodes.size());
        for (int n : nodes) QVERIFY(w.graphView()->highlight().marked[static_cast<std::size_t>(n)]);
    }

    // F3 walks every node of the op in every subgraph, in order, and wraps around: ResNet18's
    // native_batch_norm has 10 nodes in subgraph 0 and 10 in subgraph 1.
    void f3WalksTheNodesOfTheOpAcrossSubgraphs() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(load(w, {data(QStringLiteral("torch1.13/resnet18.simulated-ttnn.json"))}));
        const auto models = readModels({data(QStringLiteral("torch1.13/resnet18.simulated-ttnn.json")).toStdString()});
        const std::string op = "aten.native_batch_norm.default";
        std::vector<std::pair<int, int>> want;
        for (int g = 0; g < 2; ++g)
            for (int n : nodesOf(models[0].graphs[static_cast<std::size_t>(g)], op)) want.emplace_back(g, n);
        QCOMPARE(want.size(), std::size_t(20));
        QVERIFY(want.front().first == 0 && want.back().first == 1);
        w.setSubgraph(1);  // chosen while another subgraph is shown: the op's first node all the same
        w.selectOp(QString::fromStdString(op));
        for (std::size_t k = 0; k < want.size(); ++k) {
            QCOMPARE(w.navigator().currentGraph(), want[k].first);
            QCOMPARE(w.currentNode(), want[k].second);
            QVERIFY(w.navigator().walkLabel().startsWith(QStringLiteral("%1 of 20").arg(k + 1)));
            // The node table follows the walk.
            const Node& current = w.currentGraph()->nodes[static_cast<std::size_t>(w.currentNode())];
            QCOMPARE(nodeTable(w)->currentIndex().data(NodeNameRole).toString().toStdString(), std::string(current.name));
            QTest::keyClick(&w, Qt::Key_F3);
        }
        QCOMPARE(w.navigator().currentGraph(), 0);  // "20 of 20" in subgraph 1 wraps to "1 of 20" in subgraph 0
        QCOMPARE(w.currentNode(), want.front().second);
        QTest::keyClick(&w, Qt::Key_F3, Qt::ShiftModifier);  // and back
        QCOMPARE(w.navigator().currentGraph(), 1);
        QCOMPARE(w.currentNode(), want.back().second);
        // A filter typed in the op table: the highlighted row is the walked op, or none.
        auto* filter = opTable(w)->parentWidget()->findChild<QLineEdit*>();
        QVERIFY(filter);
        const QString walked = w.navigator().walkSubject();
        for (const QString& text : {QStringLiteral("relu"), QStringLiteral("batch"), QStringLiteral("a"), QString()}) {
            filter->setText(text);
            const QModelIndex current = opTable(w)->currentIndex();
            const bool shown = walked.contains(text, Qt::CaseInsensitive);
            QCOMPARE(current.isValid(), shown);
            if (shown) QCOMPARE(current.data(OpNameRole).toString(), walked);
            QCOMPARE(w.navigator().walkSubject(), walked);  // filtering never starts another walk
            QVERIFY(opTable(w)->selectionModel()->selectedRows().size() <= 1);
            if (!shown) QVERIFY(opTable(w)->selectionModel()->selectedRows().isEmpty());
        }
    }

    // The walk stays in step: switching the subgraph keeps it, and a node of the walk chosen
    // elsewhere (graph, node table) is where F3 goes on from.
    // The walk and the op table count the same nodes: those in the graphs of higher-order ops
    // (torch.cond's branches, on get_attr nodes) too, drawn as boxes that open in place.
    void walkCountsWhatTheTableCounts() {
        MainWindow w;
        w.setProfile(QStringLiteral("generic"));  // every aten op remains: every op has a walk
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("pt2/cond.pt2"))}));
        const Graph& g = *w.currentGraph();
        std::size_t branches = 0, inBranches = 0;
        for (const Node& n : g.nodes)
            if (n.op == OpKind::GetAttr && n.subgraph) {
                ++branches;
                for (const Node& m : n.subgraph->nodes) inBranches += m.isAten();
            }
        QVERIFY(branches >= 2 && inBranches > 0);  // the fixture has ops inside its branches
        // Each branch's get_attr is drawn (not folded away as a weight): the box's edge to the
        // higher-order op that runs it starts there.
        w.expandAllGroups();
        QVERIFY(QTest::qWaitFor([&] { return !w.busy(); }, kWait));
        for (std::size_t i = 0; i < g.nodes.size(); ++i)
            if (g.nodes[i].op == OpKind::GetAttr && g.nodes[i].subgraph) {
                QVERIFY(!g.nodes[i].isWeight());
                QVERIFY(!g.nodes[i].users.empty());
                QVERIFY(w.graphView()->drawing()->shown(i));
            }
        QCOMPARE(w.graphView()->classes().size(), PartitionIndex(g).size());
        auto* model = opTable(w)->model();
        QVERIFY(model->rowCount() > 0);
        std::uint64_t walked = 0;
        for (int r = 0; r < model->rowCount(); ++r) {
            const QString op = model->index(r, OpFrequencyModel::Op).data(OpNameRole).toString();
            w.selectOp(op);
            const auto count = model->index(r, OpFrequencyModel::Count).data(SortRole).toULongLong();
            QCOMPARE(static_cast<std::uint64_t>(w.navigator().walk().size()), count);
            walked += count;
        }
        QCOMPARE(walked, w.report().total.remaining);
    }

    void walkStaysInStep() {
        MainWindow w;
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("torch1.13/mobilenet_v2.simulated-ttnn.json"))}));
        const std::string op = "aten.native_batch_norm.default";
        w.selectOp(QString::fromStdString(op));
        const auto& walk = w.navigator().walk();
        QVERIFY(walk.size() > 10);
        // Click the sixth node of the op in the graph: F3 goes to the seventh.
        w.selectNode(walk[5].node);
        QVERIFY(w.navigator().walkLabel().startsWith(QStringLiteral("6 of ")));
        QTest::keyClick(&w, Qt::Key_F3);
        QCOMPARE(w.currentNode(), walk[6].node);
        // Through the node table too.
        const QString name = qtext(w.currentGraph()->nodes[static_cast<std::size_t>(walk[2].node)].name);
        auto* model = nodeTable(w)->model();
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->index(r, 0).data(NodeNameRole).toString() == name) nodeTable(w)->setCurrentIndex(model->index(r, 0));
        QCOMPARE(w.selectedNode(), walk[2].node);
        QTest::keyClick(&w, Qt::Key_F3);
        QCOMPARE(w.currentNode(), walk[3].node);

        MainWindow two;
        two.show();
        QVERIFY(load(two, {data(QStringLiteral("torch1.13/resnet18.simulated-ttnn.json"))}));
        two.selectOp(QString::fromStdString(op));
        two.setSubgraph(1);  // as the Subgraph chooser does
        QVERIFY(!two.navigator().walkLabel().isEmpty());
        QVERIFY(std::count(two.graphView()->highlight().marked.begin(), two.graphView()->highlight().marked.end(), true) == 10);
        QTest::keyClick(&two, Qt::Key_F3);  // goes on from where the walk was (subgraph 0)
        QCOMPARE(two.navigator().currentGraph(), 0);
        QCOMPARE(two.currentNode(), two.navigator().walk()[1].node);
    }

    // Typing in a table's filter never moves the graph or changes Details.
    void filteringATableMovesNothing() {
        MainWindow w;
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("torch1.13/resnet18.simulated-ttnn.json"))}));
        const int selected = w.selectedNode();
        const int graph = w.navigator().currentGraph();
        const QString details = detailsView(w)->toPlainText();
        auto* filter = nodeTable(w)->parentWidget()->findChild<QLineEdit*>();
        QVERIFY(filter);
        QTest::keyClicks(filter, QStringLiteral("ReShape"));
        // Exactly the rows whose shown texts hold it, case aside (counted from the report here).
        int want = 0;
        for (const RemainingNode& r : w.report().total.details)
            want += QString::fromUtf8(r.opName.data(), static_cast<qsizetype>(r.opName.size()))
                        .contains(QStringLiteral("reshape"), Qt::CaseInsensitive) ||
                    QString::fromUtf8(r.nodeName.data(), static_cast<qsizetype>(r.nodeName.size()))
                        .contains(QStringLiteral("reshape"), Qt::CaseInsensitive);
        QVERIFY(want >= 1);
        QCOMPARE(nodeTable(w)->model()->rowCount(), want);
        QCOMPARE(w.selectedNode(), selected);
        QCOMPARE(w.navigator().currentGraph(), graph);
        QCOMPARE(detailsView(w)->toPlainText(), details);
    }

    // After a profile change, Details says what the new profile makes of the selected node.
    void profileChangeUpdatesDetails() {
        MainWindow w;
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("torch1.13/mobilenet_v2.partitioned.json"))}));
        w.setProfile(QStringLiteral("generic"));
        QVERIFY(w.selectNodeByName(QStringLiteral("0"), QStringLiteral("fused_0")) || w.selectedNode() >= 0);
        const int node = w.selectedNode();
        QVERIFY(node >= 0);
        const QString before = detailsView(w)->toPlainText();
        w.setProfile(QStringLiteral("partitioned"));
        QCOMPARE(w.selectedNode(), node);
        const QString after = detailsView(w)->toPlainText();
        const NodeClass c = w.graphView()->classes()[static_cast<std::size_t>(node)];
        QVERIFY2(after.contains(classLabel(c)), qPrintable(after.left(200)));
        QVERIFY(before != after || classLabel(c) == QString());
    }

    void choosingAnOpGoesToTheSubgraphThatHoldsIt() {
        MainWindow w;
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("torch1.13/resnet18.simulated-ttnn.json"))}));
        QCOMPARE(w.navigator().currentGraph(), 0);
        const auto models = readModels({data(QStringLiteral("torch1.13/resnet18.simulated-ttnn.json")).toStdString()});
        const std::string op = "aten._reshape_alias.default";
        QVERIFY(nodesOf(models[0].graphs[0], op).empty());
        const auto inSecond = nodesOf(models[0].graphs[1], op);
        QCOMPARE(inSecond.size(), std::size_t(1));
        // Click its row in the op table.
        auto* model = opTable(w)->model();
        int row = -1;
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->index(r, 0).data(OpNameRole).toString().toStdString() == op) row = r;
        QVERIFY(row >= 0);
        opTable(w)->setCurrentIndex(model->index(row, 0));
        QCOMPARE(w.navigator().currentGraph(), 1);
        QCOMPARE(w.currentNode(), inSecond[0]);
    }

    void nodeAndTableSelectionAreLinked() {
        MainWindow w;
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("torch1.13/vit_b_16.simulated-ttnn.json"))}));
        const Graph& g = *w.currentGraph();
        // Selecting a remaining node in the graph selects its row.
        const auto remaining = nodesOf(g, "aten._reshape_alias.default");
        QCOMPARE(remaining.size(), std::size_t(1));
        w.selectNode(remaining[0]);
        QCOMPARE(w.selectedNode(), remaining[0]);
        QCOMPARE(nodeTable(w)->currentIndex().data(NodeNameRole).toString().toStdString(),
                 g.nodes[static_cast<std::size_t>(remaining[0])].name);
        // Choosing a row selects its node.
        auto* model = nodeTable(w)->model();
        QVERIFY(model->rowCount() > 0);
        const QModelIndex last = model->index(model->rowCount() - 1, 0);
        nodeTable(w)->setCurrentIndex(last);
        const auto at = g.indexOf(last.data(NodeNameRole).toString().toStdString());
        QVERIFY(at.has_value());
        QCOMPARE(w.selectedNode(), static_cast<int>(*at));
        // Clicking a converted node selects it and clears the node table's selection.
        const auto converted = nodesOf(g, "ttnn.matmul");
        QVERIFY(!converted.empty());
        w.selectNode(converted[0]);
        QCOMPARE(w.selectedNode(), converted[0]);
        QVERIFY(!nodeTable(w)->selectionModel()->hasSelection());
    }

    void ctrlFSearchesByRegex() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(load(w, {data(QStringLiteral("torch1.13/vit_b_16.original.json"))}));
        QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(searchField(w)->hasFocus());
        QTest::keyClicks(searchField(w), QStringLiteral("softmax|\\[12, 197, 197\\]"));
        QTest::keyClick(searchField(w), Qt::Key_Return);
        const Graph& g = *w.currentGraph();
        const QRegularExpression re(QStringLiteral("softmax|\\[12, 197, 197\\]"), QRegularExpression::CaseInsensitiveOption);
        std::vector<int> want;
        for (std::size_t i = 0; i < g.nodes.size(); ++i) {
            const Node& n = g.nodes[i];
            if (re.match(qtext(n.name)).hasMatch() || re.match(qtext(n.target)).hasMatch() || re.match(qtext(n.singleShape())).hasMatch())
                want.push_back(static_cast<int>(i));
        }
        QVERIFY(want.size() > 12);
        QCOMPARE(walkIn(w, 0), want);
        QCOMPARE(w.currentNode(), want[0]);
        // Enter again goes to the next hit.
        QTest::keyClick(searchField(w), Qt::Key_Return);
        QCOMPARE(w.currentNode(), want[1]);
        // Not a regular expression ("[1, 197"): searched as plain text, and said so.
        const QString text = QStringLiteral("[1, 197");
        QVERIFY(w.search(text));
        std::vector<int> plain;
        for (std::size_t i = 0; i < g.nodes.size(); ++i) {
            const Node& n = g.nodes[i];
            if (qtext(n.name).contains(text, Qt::CaseInsensitive) || qtext(n.target).contains(text, Qt::CaseInsensitive) ||
                qtext(n.singleShape()).contains(text, Qt::CaseInsensitive))
                plain.push_back(static_cast<int>(i));
        }
        QVERIFY(!plain.empty());
        QCOMPARE(walkIn(w, 0), plain);
        QVERIFY(w.navigator().walkLabel().contains(QStringLiteral("plain text")));
        // A pattern matching nothing: the old hits are no longer marked.
        QVERIFY(w.search(QStringLiteral("(unclosed")));
        const auto& marked = w.graphView()->highlight().marked;
        QCOMPARE(std::count(marked.begin(), marked.end(), true), 0);
        QVERIFY(w.navigator().walkLabel().contains(QStringLiteral("no match")));
        // Another file: the search text and every table filter are cleared; the same files
        // again (the weights shown apart) keep them.
        const auto fields = w.findChildren<QLineEdit*>();
        QVERIFY(fields.size() >= 4);
        for (QLineEdit* f : fields) f->setText(QStringLiteral("relu"));
        w.setShowWeights(true);
        QSignalSpy again(w.loader(), &Loader::loaded);
        QVERIFY(again.wait(2 * kWait));
        for (QLineEdit* f : fields) QCOMPARE(f->text(), QStringLiteral("relu"));
        QVERIFY(load(w, {data(QStringLiteral("torch1.13/resnet18.original.json"))}));
        for (QLineEdit* f : fields) QVERIFY2(f->text().isEmpty(), qPrintable(f->placeholderText()));
        w.setShowWeights(false);
    }

    // Files opened together: the good ones load, the window says which failed and why; an
    // empty file is called empty. The title follows the model shown.
    void goodFilesLoadBesideBadOnes() {
        QTemporaryDir dir;
        const QString empty = dir.filePath(QStringLiteral("empty.json"));
        QFile f(empty);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        MainWindow w;
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("gpt2.simulated-ttnn.json")), empty, data(QStringLiteral("bert.simulated-ttnn.json"))}));
        QCOMPARE(w.navigator().model()->name, std::string("gpt2"));
        QVERIFY2(w.lastError().contains(empty + QStringLiteral(": empty file")), qPrintable(w.lastError()));
        QVERIFY(w.lastError().contains(QStringLiteral("2 of 3")));
        QVERIFY2(w.windowTitle().startsWith(QStringLiteral("gpt2")), qPrintable(w.windowTitle()));
        auto* models = w.findChild<QComboBox*>(QStringLiteral("modelBox"));
        QVERIFY(models);
        QCOMPARE(models->count(), 2);
        w.setModel(1);
        QCOMPARE(w.navigator().model()->name, std::string("bert"));
        QVERIFY2(w.windowTitle().startsWith(QStringLiteral("bert - 3 files (2 models)")), qPrintable(w.windowTitle()));
        // All bad: nothing loads, one clear error.
        QSignalSpy failed(w.loader(), &Loader::failed);
        w.openFiles({empty});
        QVERIFY(failed.wait(kWait));
        QVERIFY(w.lastError().contains(QStringLiteral("empty file")));
        // All of several bad: one error naming each of them and why, not only the first.
        const QString notJson = dir.filePath(QStringLiteral("broken.json"));
        QFile b(notJson);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write("{\"format\": \"atenscope.graph\", ");
        b.close();
        w.openFiles({empty, notJson});
        QVERIFY(failed.wait(kWait));
        QVERIFY2(w.lastError().contains(QStringLiteral("none of the 2 files")), qPrintable(w.lastError()));
        QVERIFY2(w.lastError().contains(empty + QStringLiteral(": empty file")), qPrintable(w.lastError()));
        QVERIFY2(w.lastError().contains(notJson + QStringLiteral(": ")), qPrintable(w.lastError()));
    }

    // Fit (key 0) of a graph too tall to read whole shows its top at a readable zoom and says so;
    // pressed again, the whole graph, however tall. A node under the pointer has a tooltip.
    void fitShowsTheWholeGraphAndNodesHaveToolTips() {
        MainWindow w;
        w.resize(1300, 500);  // the docks take 820 px of the width
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(load(w, {data(QStringLiteral("torch1.13/mobilenet_v2.simulated-ttnn.json"))}));
        GraphView* view = w.graphView();
        const QRectF bounds = view->drawing()->bounds();
        QVERIFY(!view->visibleSceneRect().contains(bounds));  // opened readable, at the top
        view->setFocus();
        QTest::keyClick(view, Qt::Key_0);
        QVERIFY(view->zoom() >= kLegibleScale);
        QVERIFY(!view->visibleSceneRect().contains(bounds));
        QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("Press 0 again")), qPrintable(w.statusBar()->currentMessage()));
        // Its top: the topmost node is in view.
        int top = -1;
        for (std::size_t i = 0; i < view->drawing()->size(); ++i)
            if (view->drawing()->shown(i) &&
                (top < 0 || view->drawing()->box(i).top() < view->drawing()->box(static_cast<std::size_t>(top)).top()))
                top = static_cast<int>(i);
        QVERIFY(view->visibleSceneRect().contains(view->drawing()->box(static_cast<std::size_t>(top))));
        QTest::keyClick(view, Qt::Key_0);
        QVERIFY2(view->visibleSceneRect().contains(bounds), "fit leaves part of the graph out");
        QVERIFY(view->zoom() < 0.05);  // far below a readable zoom: a tall graph
        // A node in the middle of the view, and its tooltip.
        const int node = w.navigator().walk().at(3).node;
        view->setZoom(1.0);
        view->centerOn(node);
        const QString tip = view->toolTipAt(view->viewport()->rect().center());
        const Node& n = w.currentGraph()->nodes[static_cast<std::size_t>(node)];
        QVERIFY2(tip.contains(qtext(n.name)) && tip.contains(qtext(n.target)) && tip.contains(qtext(n.singleShape())), qPrintable(tip));
        // Between nodes there is none.
        QPoint gap(-1, -1);
        for (int y = 0; y < view->viewport()->height() && gap.x() < 0; y += 7)
            for (int x = 0; x < view->viewport()->width() && gap.x() < 0; x += 7)
                if (view->drawing()->nodeAt(view->mapToScene(QPoint(x, y))) < 0 &&
                    view->drawing()->groupAt(view->mapToScene(QPoint(x, y))) < 0)
                    gap = QPoint(x, y);
        QVERIFY(gap.x() >= 0);
        QVERIFY(view->toolTipAt(gap).isEmpty());
        // A remaining node's row: its input variation in a tooltip that wraps (rich text).
        const QModelIndex row = nodeTable(w)->model()->index(0, 0);
        const QString rowTip = row.data(Qt::ToolTipRole).toString();
        QVERIFY(Qt::mightBeRichText(rowTip));
        QVERIFY2(rowTip.contains(QStringLiteral(" = ")) && rowTip.contains(row.data(NodeNameRole).toString()), qPrintable(rowTip));
    }

    // With no profile named, each model's comes from its graphs, and the summary says why;
    // the chooser overrides it for the model shown (remembered for that model, not the others,
    // and not for other files) and can give it back.
    void profileIsChosenFromTheGraph() {
        QSettings().clear();
        MainWindow w;
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("vit_b_16.partitioned.json")), data(QStringLiteral("gpt2.simulated-ttnn.json"))}));
        QCOMPARE(w.navigator().model()->name, std::string("vit_b_16"));
        QCOMPARE(w.report().total.profile, std::string("partitioned"));
        const auto want = expected(QStringLiteral("vit_b_16.partitioned.expected.json"));
        QCOMPARE(w.report().total.remaining, want["profiles"]["partitioned"]["total"]["remaining"].get<std::uint64_t>());
        QVERIFY2(summaryText(w).contains(QStringLiteral("automatic")) && summaryText(w).contains(QStringLiteral("fused partitions")),
                 qPrintable(summaryText(w)));
        QVERIFY2(w.profileInForce().startsWith(QStringLiteral("automatic: partitioned")), qPrintable(w.profileInForce()));
        w.setModel(1);  // gpt2: TT-NN nodes
        QCOMPARE(w.report().total.profile, std::string("ttnn"));
        w.setProfile(QStringLiteral("generic"));
        QCOMPARE(w.report().total.profile, std::string("generic"));
        QCOMPARE(w.profileInForce(), QStringLiteral("generic"));
        QVERIFY(!summaryText(w).contains(QStringLiteral("automatic")));
        w.waitForRun();  // the run tables: gpt2 under generic, vit_b_16 under its own
        QCOMPARE(w.run()->reports[1].total.profile, std::string("generic"));
        QCOMPARE(w.run()->reports[0].total.profile, std::string("partitioned"));
        w.setModel(0);  // the hand choice is gpt2's: vit_b_16 keeps its own
        QCOMPARE(w.report().total.profile, std::string("partitioned"));
        QVERIFY(w.profileInForce().startsWith(QStringLiteral("automatic")));
        w.setModel(1);
        QCOMPARE(w.report().total.profile, std::string("generic"));
        {
            MainWindow later;  // another window, the same files: gpt2's choice is remembered
            QVERIFY(load(later, {data(QStringLiteral("vit_b_16.partitioned.json")), data(QStringLiteral("gpt2.simulated-ttnn.json"))}));
            QCOMPARE(later.report().total.profile, std::string("partitioned"));
            later.setModel(1);
            QCOMPARE(later.report().total.profile, std::string("generic"));
            // ...and another file opens with its own, not the one chosen for gpt2.
            QVERIFY(load(later, {data(QStringLiteral("llama.simulated-ttnn.json"))}));
            QCOMPARE(later.report().total.profile, std::string("ttnn"));
            QVERIFY(later.profileInForce().startsWith(QStringLiteral("automatic: ttnn")));
        }
        w.setProfile(QStringLiteral(":auto"));  // given back: gpt2's own again
        QCOMPARE(w.report().total.profile, std::string("ttnn"));
        QVERIFY(w.profileInForce().startsWith(QStringLiteral("automatic")));
        QSettings().clear();
    }

    // At the default size no column is cut: each is as wide as its header and its cells
    // (up to half the table), and the header layout comes back in the next window.
    void columnsFitTheirContent() {
        QSettings().clear();
        {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QVERIFY(load(w, {data(QStringLiteral("torch1.13/resnet18.simulated-ttnn.json"))}));
            for (QTableView* table : {opTable(w), nodeTable(w)}) {
                const auto* model = table->model();
                const QFontMetrics fm(table->font());
                const int cap = std::max(160, table->viewport()->width() / 2);
                for (int c = 0; c < model->columnCount(); ++c) {
                    if (table->horizontalHeader()->sectionResizeMode(c) == QHeaderView::Stretch) continue;  // takes the rest, elided
                    int widest = 0;
                    for (int r = 0; r < model->rowCount(); ++r)
                        widest = std::max(widest, fm.horizontalAdvance(model->index(r, c).data().toString()));
                    const int header =
                        QFontMetrics(table->horizontalHeader()->font()).horizontalAdvance(model->headerData(c, Qt::Horizontal).toString());
                    QVERIFY2(table->horizontalHeader()->sectionSize(c) >= std::min(cap, std::max(widest, header)),
                             qPrintable(model->headerData(c, Qt::Horizontal).toString()));
                }
            }
            // The op table's columns all show in its dock: the op names give way.
            const QHeaderView* ops = opTable(w)->horizontalHeader();
            QVERIFY2(ops->length() <= opTable(w)->viewport()->width() + 1, qPrintable(QString::number(ops->length())));
            nodeTable(w)->horizontalHeader()->moveSection(0, 3);
            w.close();
        }
        MainWindow again;
        QCOMPARE(nodeTable(again)->horizontalHeader()->visualIndex(0), 3);
        QSettings().clear();
    }

    // Help: the shortcuts come from the menus (so they never drift), About names the libraries.
    void helpListsShortcutsAndVersions() {
        MainWindow w;
        const QString keys = w.shortcutsHtml();
        for (const QAction* a : w.findChildren<QAction*>())
            if (!a->shortcut().isEmpty() && !a->text().isEmpty())
                QVERIFY2(keys.contains(a->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped()), qPrintable(a->text()));
        QVERIFY(keys.contains(QStringLiteral("F3")) && keys.contains(QStringLiteral("Find next")));
        QVERIFY(keys.contains(QStringLiteral("open or close it in place")));  // the group boxes
        const QString about = w.aboutHtml();
        QVERIFY(about.contains(QString::fromLatin1(qVersion())));
        for (const char* library : {"simdjson", "Graphviz", "op schema table"}) QVERIFY2(about.contains(QLatin1String(library)), library);
    }

    // Search covers every subgraph: a node of subgraph 1 is found from subgraph 0.
    void searchCoversEverySubgraph() {
        MainWindow w;
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("llama.simulated-ttnn.json"))}));
        w.setSubgraph(0);
        const Graph& first = w.navigator().model()->graphs.at(0);
        const Graph& second = w.navigator().model()->graphs.at(1);
        int only = -1;  // the last node of subgraph 1 whose name subgraph 0 lacks
        for (std::size_t i = 0; i < second.nodes.size(); ++i)
            if (!first.find(second.nodes[i].name)) only = static_cast<int>(i);
        QVERIFY(only >= 0);
        const QString name = qtext(second.nodes[static_cast<std::size_t>(only)].name);
        QVERIFY(w.search(QStringLiteral("^%1$").arg(QRegularExpression::escape(name))));
        QCOMPARE(w.navigator().walk().size(), std::size_t(1));
        QCOMPARE(w.navigator().currentGraph(), 1);
        QCOMPARE(w.currentNode(), only);
    }

    void profileChangeReanalyses() {
        MainWindow w;
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("torch1.13/mobilenet_v2.partitioned.json"))}));
        const auto want = expected(QStringLiteral("torch1.13/mobilenet_v2.partitioned.expected.json"));
        for (const char* profile : {"partitioned", "generic", "ttnn"}) {
            w.setProfile(QString::fromLatin1(profile));
            QCOMPARE(w.report().total.remaining, want["profiles"][profile]["total"]["remaining"].get<std::uint64_t>());
            QCOMPARE(opTable(w)->model()->rowCount(), want["profiles"][profile]["total"]["unique_op_types"].get<int>());
        }
    }

    void exportsWriteWhatTheySay() {
        MainWindow w;
        w.resize(1200, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(load(w, {data(QStringLiteral("torch1.13/resnet18.simulated-ttnn.json"))}));
        QTemporaryDir dir;
        QVERIFY(w.exporter()->view(dir.filePath(QStringLiteral("view.png"))));
        // The status bar says where; the next export proposes that folder and a name of its own.
        QVERIFY(w.statusBar()->currentMessage().contains(dir.filePath(QStringLiteral("view.png"))));
        QCOMPARE(w.exporter()->defaultPath(QStringLiteral("graph"), QStringLiteral("png")),
                 dir.filePath(QStringLiteral("resnet18-0-graph.png")));
        QCOMPARE(w.exporter()->defaultPath(QStringLiteral("ops"), QStringLiteral("csv")), dir.filePath(QStringLiteral("resnet18-ops.csv")));
        QImage view(dir.filePath(QStringLiteral("view.png")));
        QCOMPARE(view.size(), w.graphView()->viewport()->size() * w.graphView()->devicePixelRatioF());

        QVERIFY(w.exporter()->picture(dir.filePath(QStringLiteral("whole.png")), 1800));
        QImage whole(dir.filePath(QStringLiteral("whole.png")));
        QVERIFY(whole.width() <= 1800 && whole.width() > 800);  // the picture render writes, at most that wide
        QVERIFY(whole.height() > 1000);
        // The remaining nodes' red is in the picture.
        const QColor red = styleFor(NodeClass::Remaining).fill;
        int redPixels = 0;
        for (int y = 0; y < whole.height(); y += 2)
            for (int x = 0; x < whole.width(); x += 2)
                if (whole.pixelColor(x, y) == red) ++redPixels;
        QVERIFY2(redPixels > 100, qPrintable(QString::number(redPixels)));

        QVERIFY(w.exporter()->picture(dir.filePath(QStringLiteral("whole.svg"))));
        QFile svg(dir.filePath(QStringLiteral("whole.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray svgText = svg.readAll();
        QVERIFY(svgText.contains("<svg") && svgText.contains("native_batch_norm"));

        QVERIFY(w.exporter()->opTable(dir.filePath(QStringLiteral("ops.csv"))));
        QFile csv(dir.filePath(QStringLiteral("ops.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), opTable(w)->model()->rowCount() + 1);
        QVERIFY2(lines[0].startsWith(QStringLiteral("Op,Count,Share (%),")), qPrintable(lines[0]));
        QVERIFY(lines[1].startsWith(QStringLiteral("aten.native_batch_norm.default,20,")));
        // Shares are numbers (a spreadsheet's), each count's part of the total.
        int total = 0;
        for (int i = 1; i < lines.size(); ++i) total += lines[i].split(QLatin1Char(',')).value(1).toInt();
        QCOMPARE(lines[1].split(QLatin1Char(',')).value(2), QString::number(100.0 * 20 / total, 'f', 1));

        QVERIFY(w.exporter()->nodeTable(dir.filePath(QStringLiteral("nodes.md"))));
        QFile md(dir.filePath(QStringLiteral("nodes.md")));
        QVERIFY(md.open(QIODevice::ReadOnly));
        const QStringList mdLines = QString::fromUtf8(md.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(mdLines.size(), nodeTable(w)->model()->rowCount() + 2);
        QVERIFY(mdLines[0].startsWith(QStringLiteral("| Op | Node | Subgraph |")));  // the subgraph beside the name

        QVERIFY(!w.exporter()->picture(QStringLiteral("/nonexistent-dir/x.png")));
        QVERIFY(!w.exporter()->lastError().isEmpty());
    }

    void loadingReportsProgressAndCanBeCanceled() {
        Loader loader;
        QSignalSpy progress(&loader, &Loader::progress);
        QSignalSpy loaded(&loader, &Loader::loaded);
        QSignalSpy canceled(&loader, &Loader::canceled);
        loader.start({data(QStringLiteral("torch1.13/mobilenet_v2.original.json"))});
        loader.cancel();  // said at once; the dropped load says nothing more
        QCOMPARE(canceled.count(), 1);
        QVERIFY(!loader.busy());
        loader.start({data(QStringLiteral("torch1.13/mobilenet_v2.original.json"))});
        QVERIFY(loaded.wait(kWait));
        QCOMPARE(loaded.count(), 1);
        QVERIFY(progress.count() >= 2);
        QCOMPARE(canceled.count(), 1);
    }

    // Opening files while a long load runs returns at once: the old load is dropped, not
    // waited for, and only the new one is delivered.
    void aNewLoadNeverWaitsForTheOldOne() {
        QTemporaryDir dir;
        const QString big = dir.filePath(QStringLiteral("chain.json"));
        {
            QFile f(big);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"({"format":"atenscope.graph","version":2,"model":"chain","graphs":[{"name":"0","nodes":[)");
            f.write(R"({"name":"n0","op":"placeholder","target":"x","outputs":[{"shape":[4],"dtype":"float32"}]})");
            // Each node adds the one before and one a few back: long edges to lay out.
            for (int i = 1; i < 200000; ++i)
                f.write(QStringLiteral(
                            R"(,{"name":"n%1","op":"call_function","target":"aten.add.Tensor","args":[{"node":"n%2"},{"node":"n%3"}]})")
                            .arg(i)
                            .arg(i - 1)
                            .arg(std::max(0, i - 1 - i % 7))
                            .toUtf8());
            f.write("]}]}");
        }
        Loader loader;
        QSignalSpy loaded(&loader, &Loader::loaded);
        QSignalSpy progress(&loader, &Loader::progress);
        // How long reading the big file takes (until layout starts): what a new load must not
        // wait for (the reader notices a cancel only once it has read).
        QElapsedTimer whole;
        whole.start();
        qint64 read = -1;
        connect(&loader, &Loader::progress, this, [&](int, int, const QString& what) {
            if (read < 0 && what.startsWith(QLatin1String("Laying out"))) read = whole.elapsed();
        });
        loader.start({big});
        QVERIFY(loaded.wait(2 * kWait));
        QVERIFY(read > 0);
        if (read < 40) QSKIP("the read is too quick here to tell waiting from not waiting");
        loaded.clear();
        loader.start({big});
        QElapsedTimer timer;
        timer.start();
        loader.start({data(QStringLiteral("gpt2.simulated-ttnn.json"))});  // at once, while the big file is read
        QVERIFY2(timer.elapsed() < read / 4,
                 qPrintable(QString::number(timer.elapsed()) + " ms; the read takes " + QString::number(read) + " ms"));
        QVERIFY(loaded.wait(2 * kWait));
        const auto session = loaded.at(0).at(0).value<std::shared_ptr<Session>>();
        QCOMPARE(session->models.at(0).model.name, std::string("gpt2"));
        loader.wait();
        QCoreApplication::processEvents();
        QCOMPARE(loaded.count(), 1);  // the dropped load delivered nothing
    }

    // Weights and constants are chips of their users at first; View > Show weights and constants
    // lays the graph out again with them as nodes, on the same subgraph (make_fx's parameters,
    // which a split graph takes as placeholders).
    void weightsAreChipsOrApart() {
        QSettings().clear();
        MainWindow w;
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("torch1.13/resnet18.simulated-ttnn.json"))}));
        w.setSubgraph(1);
        const Graph* g = w.currentGraph();
        QVERIFY(g);
        auto isWeight = [](const Node& n) { return n.name.rfind("_param_constant", 0) == 0 || n.name.rfind("_tensor_constant", 0) == 0; };
        // Folded: the weights, and the TT-NN nodes that only move them (to the device, to a layout).
        const std::set<std::string_view> moves{"ttnn.from_torch", "ttnn.to_device", "ttnn.to_layout", "ttnn.typecast"};
        std::vector<char> folded(g->nodes.size(), 0);
        std::size_t weights = 0, chains = 0;
        for (std::size_t i = 0; i < g->nodes.size(); ++i) {
            const Node& n = g->nodes[i];
            if (isWeight(n)) {
                folded[i] = 1;
                ++weights;
            } else if (moves.count(n.target) && !n.inputs.empty() &&
                       std::all_of(n.inputs.begin(), n.inputs.end(), [&](std::uint32_t p) { return folded[p] != 0; })) {
                folded[i] = 1;
                ++chains;
            }
        }
        QVERIFY(weights > 10);
        QVERIFY(chains > 10);
        {
            const GraphDrawing& d = *w.graphView()->drawing();
            QCOMPARE(d.hiddenCount(), weights + chains);
            // Each user of a weight or of its chain carries it as a chip named after the weight.
            std::size_t chipped = 0;
            for (std::size_t i = 0; i < g->nodes.size(); ++i) {
                QCOMPARE(d.shown(i), !folded[i]);
                if (folded[i]) continue;
                for (const auto p : g->nodes[i].inputs)
                    if (folded[p]) {
                        QVERIFY(!d.chips(i).isEmpty());
                        QVERIFY(d.chips(i).join(QLatin1Char(' ')).contains(QStringLiteral("_constant")));
                        ++chipped;
                        break;
                    }
            }
            QVERIFY(chipped > 5);
            for (const auto& [a, b] : d.edgeEnds()) QVERIFY(d.shown(a) && d.shown(b));
        }
        // Going to a weight leaves the view where it was and says it is a chip.
        const QRectF before = w.graphView()->visibleSceneRect();
        QVERIFY(w.search(QStringLiteral("^_param_constant")));
        QCOMPARE(w.graphView()->visibleSceneRect(), before);
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("chip")));

        QSignalSpy loaded(w.loader(), &Loader::loaded);
        w.setShowWeights(true);
        QVERIFY(loaded.wait(2 * kWait));
        QCOMPARE(w.navigator().currentGraph(), 1);
        g = w.currentGraph();  // the session was read again
        const GraphDrawing& apart = *w.graphView()->drawing();
        QCOMPARE(apart.hiddenCount(), std::size_t(0));
        for (std::size_t i = 0; i < g->nodes.size(); ++i) QVERIFY(apart.chips(i).isEmpty());
        QCOMPARE(QSettings().value(QStringLiteral("showWeightsApart")).toBool(), true);
        QSettings().clear();
    }

    // View > Legend hides the legend from the view and its exports, and is remembered.
    void legendCanBeHidden() {
        QSettings().clear();
        MainWindow w;
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("torch1.13/resnet18.simulated-ttnn.json"))}));
        QVERIFY(legendStrip(w)->isVisibleTo(&w));
        // Off the graph: the strip and the view do not overlap, and the view's image holds no legend.
        const QRect strip(legendStrip(w)->mapTo(&w, QPoint(0, 0)), legendStrip(w)->size());
        const QRect graph(w.graphView()->mapTo(&w, QPoint(0, 0)), w.graphView()->size());
        QVERIFY(!strip.intersects(graph));
        QAction* legend = nullptr;
        for (QAction* a : w.findChildren<QAction*>())
            if (a->text() == QStringLiteral("&Legend")) legend = a;
        QVERIFY(legend);
        legend->trigger();
        QVERIFY(!legendStrip(w)->isVisibleTo(&w));
        QCOMPARE(QSettings().value(QStringLiteral("legend")).toBool(), false);
        MainWindow again;
        QVERIFY(!legendStrip(again)->isVisibleTo(&again));
        QSettings().clear();
    }

    // Odd but readable graphs (mutated real dumps) load, lay out, draw, search and export
    // without a crash; unreadable ones fail cleanly and leave the window usable.
    void mutatedDumpsNeverBreakTheWindow() {
        QFile f(data(QStringLiteral("torch1.13/resnet18.simulated-ttnn.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        testing::DumpMutator mutator(f.readAll().toStdString(), 7);
        QTemporaryDir dir;
        MainWindow w;
        w.show();
        int loaded = 0, failed = 0;
        for (int round = 0; round < 60; ++round) {
            const QString path = dir.filePath(QStringLiteral("mutated-%1.json").arg(round));
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QByteArray::fromStdString(mutator.next()));
            out.close();
            QSignalSpy ok(w.loader(), &Loader::loaded);
            QSignalSpy bad(w.loader(), &Loader::failed);
            w.openFiles({path});
            QVERIFY(QTest::qWaitFor([&] { return !ok.isEmpty() || !bad.isEmpty(); }, kWait));
            if (!bad.isEmpty()) {
                QVERIFY(w.lastError().contains(path));
                ++failed;
                continue;
            }
            ++loaded;
            w.search(QStringLiteral("native_batch_norm|to_copy"));
            w.findNext();
            w.setProfile(QStringLiteral("generic"));
            w.setProfile(QStringLiteral("ttnn"));
            QVERIFY(!w.graphView()->renderView().isNull());
            QVERIFY(w.exporter()->picture(dir.filePath(QStringLiteral("whole.png")), 400));
        }
        QVERIFY2(loaded > 10 && failed > 10, qPrintable(QStringLiteral("%1 loaded, %2 failed").arg(loaded).arg(failed)));
    }

    // The details name a node's inputs and users as links that go to them.
    void detailsLinkInputsAndUsers() {
        MainWindow w;
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("torch1.13/resnet18.simulated-ttnn.json"))}));
        const Graph* g = w.currentGraph();
        const auto norms = nodesOf(*g, "aten.native_batch_norm.default");
        QVERIFY(!norms.empty());
        const Node& n = g->nodes[static_cast<std::size_t>(norms[0])];
        QVERIFY(!n.inputs.empty() && !n.users.empty());
        w.selectNode(norms[0]);
        const QString html = detailsView(w)->toHtml();
        for (auto in : n.inputs) QVERIFY(html.contains(QStringLiteral("node:%1").arg(in)));
        for (auto user : n.users) QVERIFY(html.contains(QStringLiteral("node:%1").arg(user)));
        emit detailsView(w)->anchorClicked(QUrl(QStringLiteral("node:%1").arg(n.inputs[0])));
        QCOMPARE(w.selectedNode(), static_cast<int>(n.inputs[0]));
        QVERIFY(w.graphView()->visibleSceneRect().intersects(w.graphView()->drawing()->box(n.inputs[0])));
    }

    // A PyTorch 2.x graph from torch.compile (Llama, two subgraphs): the report equals the
    // figures Python computed, and a remaining node's details name the module it came from.
    void torchCompileGraphShowsModulePaths() {
        MainWindow w;
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("llama.simulated-ttnn.json")), data(QStringLiteral("llama.original.json"))}));
        const auto want = expected(QStringLiteral("llama.simulated-ttnn.expected.json"));
        QVERIFY(want["torch"].get<std::string>().rfind("2.", 0) == 0);
        QCOMPARE(w.report().total.remaining, want["profiles"]["ttnn"]["total"]["remaining"].get<std::uint64_t>());
        QCOMPARE(w.report().subgraphs.size(), want["profiles"]["ttnn"]["graphs"].size());
        const double original = want["original_aten_ops"].get<double>();
        const double remaining = want["profiles"]["ttnn"]["total"]["remaining"].get<double>();
        const QString percent = QString::number((original - remaining) / original * 100.0, 'f', 1) + QStringLiteral(" %");
        QVERIFY2(summaryText(w).contains(percent), qPrintable(percent + " not in " + summaryText(w)));
        QVERIFY(w.selectNodeByName(QStringLiteral("1"), QStringLiteral("alias_default")));
        QCOMPARE(w.navigator().currentGraph(), 1);
        const QString details = detailsView(w)->toPlainText();
        QVERIFY2(details.contains(QStringLiteral("model.layers.1.self_attn")), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("LlamaAttention")), qPrintable(details));
    }

    // Files given relative to the folder AtenScope was started in are remembered absolute.
    void recentFilesAreAbsolute() {
        QSettings().clear();
        const QString before = QDir::currentPath();
        QVERIFY(QDir::setCurrent(QStringLiteral(ATENSCOPE_TEST_DATA)));
        {
            MainWindow w;
            QVERIFY(load(w, {QStringLiteral("resnet18.original.json")}));
        }
        QVERIFY(QDir::setCurrent(before));
        const QString entry = QSettings().value(QStringLiteral("recentFiles")).toStringList().value(0);
        QCOMPARE(entry, QFileInfo(data(QStringLiteral("resnet18.original.json"))).absoluteFilePath());
        QSettings().clear();
    }

    void dropOpensFilesAndSettingsPersist() {
        QSettings().clear();
        {
            MainWindow w;
            w.show();
            QSignalSpy loaded(w.loader(), &Loader::loaded);
            QMimeData mime;
            mime.setUrls({QUrl::fromLocalFile(data(QStringLiteral("torch1.13/resnet18.original.json")))});
            QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(&w, &enter);
            QVERIFY(enter.isAccepted());
            QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(&w, &drop);
            QVERIFY(loaded.wait(kWait));
            QCOMPARE(w.report().total.model, std::string("resnet18"));
            w.setProfile(QStringLiteral("generic"));
            w.close();
        }
        QSettings settings;
        QCOMPARE(settings.value(QStringLiteral("recentFiles")).toStringList().value(0),
                 data(QStringLiteral("torch1.13/resnet18.original.json")));
        QCOMPARE(settings.value(QStringLiteral("profileOfModel/resnet18")).toString(), QStringLiteral("generic"));
        QVERIFY(!settings.value(QStringLiteral("geometry")).toByteArray().isEmpty());
        MainWindow again;  // a new window: the model's profile chosen by hand is kept for it
        QVERIFY(load(again, {data(QStringLiteral("torch1.13/resnet18.original.json"))}));
        QCOMPARE(again.report().total.profile, std::string("generic"));
        QVERIFY(load(again, {data(QStringLiteral("torch1.13/mobilenet_v2.original.json"))}));  // another: its own
        QVERIFY(again.profileInForce().startsWith(QStringLiteral("automatic")));
        QSettings().clear();
    }

    void aBadFileLeavesTheWindowUsable() {
        MainWindow w;
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("torch1.13/resnet18.simulated-ttnn.json"))}));
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            R"({"format":"atenscope.graph","version":1,"graphs":[{"nodes":[{"name":"a","op":"call_function","target":"aten.relu.default","args":[{"node":"b"}]}]}]})");
        f.close();
        QSignalSpy failed(w.loader(), &Loader::failed);
        w.openFiles({bad});
        QVERIFY(failed.wait(kWait));
        QVERIFY(w.lastError().contains(bad));
        QVERIFY(w.lastError().contains(QStringLiteral("/graphs/0/nodes/0/args/0")));
        QVERIFY(w.hasSession());  // the previous graph is still there
        QVERIFY(w.search(QStringLiteral("relu")));
        QVERIFY(!w.navigator().walk().empty());
    }

    // A metrics root without graphs: a model per folder, its tables from the pickles, the graph
    // pane saying how to get a graph, an op's variations in the details; profiles still apply.
    void metricsFolderWithoutGraphs() {
        const nlohmann::json want = test::readJson(data(QStringLiteral("metrics.expected.json")));
        MainWindow w;
        w.resize(1200, 800);
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("metrics"))}));
        auto* models = w.findChild<QComboBox*>();
        QVERIFY(models);
        QCOMPARE(models->count(), int(want["models"].size()));
        const int llama = models->findText(QStringLiteral("hf/llama"));
        QVERIFY(llama >= 0);
        w.setModel(llama);
        QVERIFY(!w.currentGraph());
        QVERIFY2(w.graphView()->emptyMessage().contains(QStringLiteral("has no graph")), qPrintable(w.graphView()->emptyMessage()));
        QVERIFY(w.graphView()->emptyMessage().contains(QStringLiteral("compiled-schema_list.pickle")));
        auto* ops = w.findChild<QTableView*>(QStringLiteral("opTable"));
        QVERIFY(ops);
        const auto& llamaWant = want["models"]["hf/llama"];
        QCOMPARE(ops->model()->rowCount(), int(llamaWant["op_frequency"].size()));
        auto* summary = w.findChild<QLabel*>(QStringLiteral("summary"));
        QVERIFY(summary);
        QVERIFY2(summary->text().contains(QString::number(llamaWant["remaining"].get<int>())), qPrintable(summary->text()));
        w.selectOp(QStringLiteral("aten.alias.default"));
        auto* details = w.findChild<QTextBrowser*>(QStringLiteral("details"));
        QVERIFY(details);
        const std::string variation = llamaWant["variations"]["aten.alias.default"].begin().key();
        QVERIFY2(details->toPlainText().contains(QString::fromStdString(variation)), qPrintable(details->toPlainText()));
        w.setProfile(QStringLiteral("generic"));
        w.setProfile(QStringLiteral(":auto"));
        QVERIFY(w.search(QStringLiteral("alias")) || !w.lastError().isEmpty());
        w.findNext();
        // Every model of the root, shown in turn; the one whose compiled run failed says so.
        for (int i = 0; i < models->count(); ++i) {
            w.setModel(i);
            QVERIFY(!w.graphView()->emptyMessage().isEmpty());
            const bool failed = want["models"][models->itemText(i).toStdString()].value("status", "") == "\u274C";
            QCOMPARE(summary->text().contains(QStringLiteral("failed</b>")), failed);
        }
    }

    // A run (a metrics root): the Models table and the op-by-model matrix hold what Python
    // computed of the fixture; choosing a model row or a matrix cell shows that model; the op
    // table switches between the model and the whole run.
    void runPanelShowsEveryModel() {
        const nlohmann::json want = test::readJson(data(QStringLiteral("runs.expected.json")))["runs"]["regressed"];
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("runs/regressed"))}));
        w.waitForRun();
        QVERIFY(w.run());
        // The title names the model shown and the run.
        QVERIFY2(w.windowTitle().contains(QStringLiteral(" - regressed (%1 models)").arg(want.size())), qPrintable(w.windowTitle()));
        auto* dock = w.findChild<QDockWidget*>(QStringLiteral("runDock"));
        QVERIFY(dock && dock->isVisible());
        auto* table = w.findChild<QTableView*>(QStringLiteral("modelsTable"));
        QVERIFY(table);
        QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(table->model()->rowCount(), int(want.size()));
        std::uint64_t total = 0;
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            const QString name = table->model()->index(r, RunModelTable::Model).data().toString();
            const auto& e = want[name.toStdString()];
            const bool failed = e["status"] == "\u274C";
            QCOMPARE(table->model()->index(r, RunModelTable::Status).data(StatusRole).toString(),
                     QString::fromLatin1(failed                      ? "failed"
                                         : e["remaining"].get<int>() ? "remaining"
                                                                     : "converted"));
            if (failed) continue;
            QCOMPARE(table->model()->index(r, RunModelTable::Remaining).data(SortRole).toLongLong(), e["remaining"].get<qlonglong>());
            QCOMPARE(table->model()->index(r, RunModelTable::Unique).data(SortRole).toLongLong(), e["unique_op_types"].get<qlonglong>());
            total += e["remaining"].get<std::uint64_t>();
        }
        // Sorted by remaining, most first.
        for (int r = 1; r < table->model()->rowCount(); ++r)
            QVERIFY(table->model()->index(r - 1, RunModelTable::Remaining).data(SortRole).toLongLong() >=
                    table->model()->index(r, RunModelTable::Remaining).data(SortRole).toLongLong());
        // The status filter.
        auto* status = w.findChild<QComboBox*>(QStringLiteral("statusFilter"));
        QVERIFY(status);
        status->setCurrentIndex(status->findData(QStringLiteral("failed")));
        int shown = 0;
        for (int r = 0; r < table->model()->rowCount(); ++r) shown += table->isRowHidden(r) ? 0 : 1;
        QCOMPARE(shown, 1);
        status->setCurrentIndex(0);
        // Choosing a row shows that model.
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            table->setCurrentIndex(table->model()->index(r, 0));
            const QString name = table->model()->index(r, 0).data().toString();
            QCOMPARE(qtext(w.report().total.model), name);
        }
        // The matrix: one row per model, one column per op of the run, each cell the model's count.
        auto* matrix = w.findChild<QTableView*>(QStringLiteral("opMatrix"));
        QVERIFY(matrix);
        QCOMPARE(matrix->model()->rowCount(), int(want.size()));
        std::map<std::string, std::uint64_t> ops;
        for (const auto& [name, e] : want.items())
            for (const auto& [op, n] : e["op_frequency"].items())
                if (e["status"] != "\u274C") ops[op] += n.get<std::uint64_t>();
        QCOMPARE(matrix->model()->columnCount(), int(ops.size()));
        for (int r = 0; r < matrix->model()->rowCount(); ++r)
            for (int c = 0; c < matrix->model()->columnCount(); ++c) {
                const QModelIndex cell = matrix->model()->index(r, c);
                const auto& e = want[cell.data(ModelNameRole).toString().toStdString()];
                const std::string op = cell.data(OpNameRole).toString().toStdString();
                const std::uint64_t n =
                    e["status"] == "\u274C" || !e["op_frequency"].contains(op) ? 0 : e["op_frequency"][op].get<std::uint64_t>();
                QCOMPARE(cell.data(SortRole).toULongLong(), n);
                // A failed model's row says so: its header, and a dash (unknown) in every cell.
                const bool failed = e["status"] == "\u274C";
                QCOMPARE(matrix->model()->headerData(r, Qt::Vertical).toString().endsWith(QStringLiteral(" (failed)")), failed);
                if (failed) QCOMPARE(cell.data().toString(), QStringLiteral("\u2013"));
            }
        // A cell with nodes: its model shown, its op walked.
        const QModelIndex gpt2Addmm = [&] {
            for (int r = 0; r < matrix->model()->rowCount(); ++r)
                for (int c = 0; c < matrix->model()->columnCount(); ++c) {
                    const QModelIndex i = matrix->model()->index(r, c);
                    if (i.data(ModelNameRole) == QStringLiteral("gpt2") && i.data(OpNameRole) == QStringLiteral("aten.addmm.default"))
                        return i;
                }
            return QModelIndex();
        }();
        QVERIFY(gpt2Addmm.isValid());
        matrix->clicked(gpt2Addmm);
        QCOMPARE(qtext(w.report().total.model), QStringLiteral("gpt2"));
        QCOMPARE(w.navigator().walkSubject(), QStringLiteral("aten.addmm.default"));
        QCOMPARE(int(w.navigator().walk().size()), want["gpt2"]["op_frequency"]["aten.addmm.default"].get<int>());
        // The op table over the whole run: every op, counts summed over the models.
        auto* ops_ = w.findChild<QTableView*>(QStringLiteral("opTable"));
        w.setRunScope(true);
        // The op being walked (addmm, from the matrix) stays the current row.
        QCOMPARE(ops_->currentIndex().data(OpNameRole).toString(), QStringLiteral("aten.addmm.default"));
        QCOMPARE(ops_->model()->rowCount(), int(ops.size()));
        std::uint64_t sum = 0;
        for (int r = 0; r < ops_->model()->rowCount(); ++r) {
            const std::string op = ops_->model()->index(r, OpFrequencyModel::Op).data().toString().toStdString();
            QCOMPARE(ops_->model()->index(r, OpFrequencyModel::Count).data(SortRole).toULongLong(), ops[op]);
            sum += ops[op];
        }
        QCOMPARE(sum, total);
        QCOMPARE(ops_->model()->headerData(OpFrequencyModel::Where, Qt::Horizontal).toString(), QStringLiteral("Models"));
        w.setRunScope(false);
        QCOMPARE(ops_->model()->rowCount(), int(w.report().total.ops.size()));
    }

    // Against a baseline run: the Changes table lists the models Python found worse, and in
    // the graph exactly the nodes that became remaining are marked.
    void baselineDiffMarksNewlyRemainingNodes() {
        const nlohmann::json want = test::readJson(data(QStringLiteral("runs.expected.json")))["diffs"]["baseline->regressed"];
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        w.openBaseline({data(QStringLiteral("runs/baseline"))});
        QVERIFY(load(w, {data(QStringLiteral("runs/regressed"))}));
        w.waitForRun();
        QVERIFY(w.diff());
        QTest::qWait(100);
        QCOMPARE(w.width(), 1400);  // the changes shown, the window keeps its size
        // The next baseline is looked for beside the run.
        QCOMPARE(w.baselineStartFolder(), QFileInfo(data(QStringLiteral("runs/baseline"))).absolutePath());
        auto* changes = w.findChild<QTableView*>(QStringLiteral("changesTable"));
        QVERIFY(changes);
        QStringList worse;
        for (int r = 0; r < changes->model()->rowCount(); ++r)
            if (changes->model()->index(r, ModelChangeModel::Verdict).data().toString() == QStringLiteral("worse"))
                worse << changes->model()->index(r, ModelChangeModel::Model).data().toString();
        worse.sort();
        QStringList expectWorse;
        for (const auto& [name, e] : want.items())
            if (e["worse"].get<bool>()) expectWorse << QString::fromStdString(name);
        expectWorse.sort();
        QCOMPARE(worse, expectWorse);
        for (const char* model : {"gpt2", "resnet18"}) {
            QVERIFY(w.setModelByName(QString::fromLatin1(model)));
            const Graph* g = w.currentGraph();
            QVERIFY(g);
            const auto& fresh = w.graphView()->highlight().fresh;
            QCOMPARE(fresh.size(), g->nodes.size());
            QStringList marked;
            for (std::size_t i = 0; i < fresh.size(); ++i)
                if (fresh[i]) marked << qtext(g->nodes[i].name);
            marked.sort();
            QStringList expect;
            for (const auto& n : want[model]["newly_remaining_nodes"]) expect << QString::fromStdString(n.get<std::string>());
            expect.sort();
            QCOMPARE(marked, expect);
            QVERIFY(!marked.isEmpty());
        }
        // Cleared: no marks, no changes.
        w.openBaseline({});
        QVERIFY(!w.diff());
        QVERIFY(w.graphView()->highlight().fresh.empty());
    }

    // A window following a folder: the dump rewritten (as the companion writes: a whole file
    // renamed into place), the window reads it again on its own, keeps the model and the walk,
    // and marks NEW exactly the nodes Python found newly remaining; the status bar says how many.
    // Source lines: the Lines table ranks the model's own lines; choosing one walks its remaining
    // nodes and shows it in its file (found under a source folder), annotated with the counts; a
    // line chosen in the Source panel walks that line's nodes; a node shows its own line.
    void sourceLinesWalkAndAnnotate() {
        QTemporaryDir dir;
        const QString rel = QStringLiteral("transformers/models/llama/modeling_llama.py");
        QVERIFY(QDir().mkpath(QFileInfo(dir.filePath(rel)).absolutePath()));
        {
            QFile f(dir.filePath(rel));
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int i = 1; i <= 600; ++i) f.write(QStringLiteral("code_of_line_%1 = %1\n").arg(i).toUtf8());
        }
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("llama.partitioned.json"))}));
        w.setSourceFolders({dir.path()});
        auto* sourceDock = w.findChild<QDockWidget*>(QStringLiteral("sourceDock"));
        QVERIFY(sourceDock && !sourceDock->isVisible());  // the graph keeps its height until asked
        {
            // The Details name the selected node's line; following the link shows the Source panel.
            auto* details = w.findChild<QTextBrowser*>(QStringLiteral("details"));
            QVERIFY(details->toHtml().contains(QStringLiteral("source:")));
            emit details->anchorClicked(QUrl(QStringLiteral("source:")));
            QVERIFY(sourceDock->isVisible());
            QVERIFY(!w.sourcePanel()->file().isEmpty());
            sourceDock->hide();
        }
        const SourceLineMap& lines = w.report().total.lines;
        const SourceLineModel& model = w.linesPanel()->model();
        QCOMPARE(static_cast<std::size_t>(model.rowCount()), lines.size());
        const auto ranked = rankedLines(lines);
        QCOMPARE(model.index(0, 0).data(FileRole).toString(), qtext(ranked[0].first->file));
        QCOMPARE(model.index(0, 0).data(LineRole).toUInt(), ranked[0].first->line);
        // The table as the user sees it (through its proxy, sorted by Remaining): the same top row.
        QTableView* table = w.linesPanel()->table();
        QCOMPARE(table->model()->index(0, SourceLineModel::Remaining).data().toULongLong(), ranked[0].second->remaining);

        const QString file = qtext(ranked[0].first->file);
        const quint32 line = ranked[0].first->line;
        QCOMPARE(file, rel);
        table->setCurrentIndex(table->model()->index(0, 0));  // the user chooses the top line
        QVERIFY(sourceDock->isVisible());
        QVERIFY(!opTable(w)->selectionModel()->hasSelection());  // the walk is no op's: no op row highlighted
        QCOMPARE(w.navigator().walk().size(), ranked[0].second->remaining);
        QCOMPARE(w.navigator().walkSubject(), QStringLiteral("modeling_llama.py:%1").arg(line));
        for (const NodeRef& r : w.navigator().walk()) {
            const Graph& g = w.navigator().model()->graphs[static_cast<std::size_t>(r.graph)];
            const auto f = modelFrame(PartitionIndex(g).node(static_cast<std::size_t>(r.node)).more().stackTrace);
            QVERIFY(f);
            QCOMPARE(qtext(f->file), file);
            QCOMPARE(f->line, line);
        }
        SourcePanel* source = w.sourcePanel();
        QCOMPARE(source->foundAt(), QFileInfo(dir.filePath(rel)).absoluteFilePath());
        QCOMPARE(source->line(), line);
        QVERIFY2(source->title().contains(QStringLiteral("%1 remaining").arg(ranked[0].second->remaining)), qPrintable(source->title()));
        const QString text = source->text()->toPlainText();
        QVERIFY(text.contains(QStringLiteral("code_of_line_%1 = %1").arg(line)));
        // Every line of the file that nodes come from carries its counts in the margin.
        const QString html = annotatedSourceHtml({QStringLiteral("a"), QStringLiteral("b")}, {{2, {3, 4}}}, 2);
        QVERIFY(html.contains(QStringLiteral("<b>3</b>")) && html.contains(QStringLiteral(">4</td>")) &&
                html.contains(QStringLiteral("href='line:2'")));

        // Another line chosen in the Source panel: its nodes walked.
        auto other = std::find_if(ranked.begin(), ranked.end(), [&](const auto& r) {
            return r.first->file == ranked[0].first->file && r.first->line != line && r.second->remaining > 0;
        });
        QVERIFY(other != ranked.end());
        emit source->text()->anchorClicked(QUrl(QStringLiteral("line:%1").arg(other->first->line)));
        QCOMPARE(w.navigator().walk().size(), other->second->remaining);
        QCOMPARE(source->line(), other->first->line);
        QCOMPARE(table->currentIndex().data(LineRole).toUInt(), other->first->line);  // the table follows

        // A node selected in the graph shows its own line.
        const Graph* g = w.currentGraph();
        for (std::size_t i = 0; i < g->nodes.size(); ++i) {
            const auto f = modelFrame(g->nodes[i].more().stackTrace);
            if (!f || f->line == other->first->line) continue;
            w.selectNode(static_cast<int>(i));
            QCOMPARE(source->line(), f->line);
            QCOMPARE(source->file(), qtext(f->file));
            break;
        }
        // A placeholder has no trace: said plainly.
        for (std::size_t i = 0; i < g->nodes.size(); ++i)
            if (g->nodes[i].op == OpKind::Placeholder && g->nodes[i].more().stackTrace.empty()) {
                w.selectNode(static_cast<int>(i));
                QVERIFY(source->file().isEmpty());
                QVERIFY(source->text()->toPlainText().contains(QStringLiteral("no stack trace")));
                break;
            }
        // Without the file (no folder holds it): the frame as the trace gives it.
        w.setSourceFolders({});
        w.chooseLine(file, line);
        QVERIFY(source->foundAt().isEmpty());
        QVERIFY(source->text()->toPlainText().contains(QStringLiteral("is not on this machine")));
        QVERIFY(source->text()->toPlainText().contains(qtext(ranked[0].second->code)));
    }

    // The run's Lines: every model's lines, with the models that use each.
    void linesOfTheWholeRun() {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("llama.partitioned.json")), data(QStringLiteral("gpt2.simulated-ttnn.json"))}));
        w.waitForRun();
        w.setRunScope(true);
        const SourceLineMap& lines = w.run()->total.lines;
        QCOMPARE(static_cast<std::size_t>(w.linesPanel()->model().rowCount()), lines.size());
        QVERIFY(!w.linesPanel()->table()->isColumnHidden(SourceLineModel::Models));
        bool shared = false;
        for (const auto& [key, stats] : lines) shared = shared || stats.models.size() > 1;
        QVERIFY(shared);  // transformers' masking_utils.py makes ops in both
        w.setRunScope(false);
        QVERIFY(w.linesPanel()->table()->isColumnHidden(SourceLineModel::Models));
    }

    void followingARunMarksWhatIsNew() {
        const nlohmann::json want = test::readJson(data(QStringLiteral("runs.expected.json")))["diffs"]["baseline->regressed"]["gpt2"];
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("gpt2"));
        QVERIFY(QDir().mkpath(folder));
        const QString dump = folder + QStringLiteral("/compiled-0.json");
        QVERIFY(QFile::copy(data(QStringLiteral("runs/baseline/gpt2/compiled-0.json")), dump));
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        w.follower().setQuietMs(100);
        QVERIFY(load(w, {folder}));
        QVERIFY(w.following());                                   // a folder: followed by default
        const QString op = QStringLiteral("aten.alias.default");  // remaining before and after
        w.selectOp(op);
        QVERIFY(!w.navigator().walk().empty());
        QVERIFY(w.graphView()->highlight().fresh.empty());
        // Rewritten in place, whole.
        const QString part = folder + QStringLiteral("/.atenscope-partial.json");
        QVERIFY(QFile::copy(data(QStringLiteral("runs/regressed/gpt2/compiled-0.json")), part));
        QVERIFY(std::rename(part.toLocal8Bit().constData(), dump.toLocal8Bit().constData()) == 0);
        QSignalSpy reloaded(w.loader(), &Loader::loaded);
        QVERIFY(reloaded.wait(3 * kWait));
        QVERIFY(QTest::qWaitFor([&] { return w.diff() != nullptr && !w.busy(); }, 2 * kWait));
        QCOMPARE(w.navigator().walkSubject(), op);  // the walk kept, its row the op table's
        QCOMPARE(opTable(w)->currentIndex().data(OpNameRole).toString(), op);
        QVERIFY(w.findChild<QLabel*>(QStringLiteral("legendStrip"))->text().contains(QStringLiteral("since the last load")));
        const Graph* g = w.currentGraph();
        const auto& fresh = w.graphView()->highlight().fresh;
        QStringList marked, expect;
        for (std::size_t i = 0; i < fresh.size(); ++i)
            if (fresh[i]) marked << qtext(g->nodes[i].name);
        for (const auto& n : want["newly_remaining_nodes"]) expect << QString::fromStdString(n.get<std::string>());
        marked.sort();
        expect.sort();
        QVERIFY(!expect.isEmpty());
        QCOMPARE(marked, expect);
        QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("since the last load +%1").arg(expect.size())),
                 qPrintable(w.statusBar()->currentMessage()));
        // Off: a rewrite is not read.
        w.setFollow(false);
        QVERIFY(!w.following());
        QVERIFY(QFile::remove(dump));
        QVERIFY(QFile::copy(data(QStringLiteral("runs/baseline/gpt2/compiled-0.json")), dump));
        QVERIFY(!reloaded.wait(1000));
    }

    // The Modules outline: every module of the shown subgraph with the nodes in it and below it
    // (counted here by prefix over the nodes' module paths), remaining ops as the view colours
    // them; choosing one marks exactly its nodes; a profile change updates the counts.
    // Module groups in the graph view: collapse all, F3 and search expand what they need to
    // show the node they go to, a double-click toggles one group, "expand groups with
    // remaining ops" shows every remaining node and nothing else opens; only the groups around
    // the one toggled are laid out again.
    // What a frame draws of a large drawing: the edge pieces that meet the view (against every
    // piece of every edge, found here), and below a few pixels a node the coarse pass, where a
    // remaining op keeps its red pixel whatever else shares it.
    void framesDrawWhatIsInView() {
        const Model m = test::readOne(QStringLiteral("llama.original.json"));
        const Graph& g = m.graphs.at(0);
        auto grouped = GroupedLayout::make(g, true);
        QVERIFY(grouped);
        const auto d = grouped->draw(std::vector<char>(grouped->groupCount(), 1));
        const QRectF b = d->bounds();
        std::size_t pieces = 0;
        for (int k = 0; k < 24; ++k) {
            const QRectF view(b.left() + b.width() * (k % 4) / 4.0, b.top() + b.height() * k / 24.0, 400 + 300 * (k % 3),
                              250 + 100 * (k % 5));
            std::vector<GraphDrawing::EdgePiece> expected;
            for (std::uint32_t e = 0; e < d->edges().size(); ++e) {
                const QPainterPath& path = d->edges()[e];
                for (int i = 1; i < path.elementCount();) {
                    const int last = path.elementAt(i).type == QPainterPath::CurveToElement ? i + 2 : i;
                    double x0 = path.elementAt(i - 1).x, x1 = x0, y0 = path.elementAt(i - 1).y, y1 = y0;
                    for (int j = i; j <= last; ++j) {
                        x0 = std::min(x0, path.elementAt(j).x), x1 = std::max(x1, path.elementAt(j).x);
                        y0 = std::min(y0, path.elementAt(j).y), y1 = std::max(y1, path.elementAt(j).y);
                    }
                    if (QRectF(x0 - 2, y0 - 2, x1 - x0 + 4, y1 - y0 + 4).intersects(view))
                        expected.push_back({e, static_cast<std::uint32_t>(i)});
                    i = last + 1;
                }
            }
            const auto found = d->edgePiecesIn(view);
            QCOMPARE(found.size(), expected.size());
            QVERIFY(found == expected);
            pieces += found.size();
        }
        QVERIFY(pieces > 50);

        const auto classes = viewClasses(g, loadProfile(QStringLiteral("ttnn").toStdString()), false);
        const auto counts = d->groupCounts(classes);
        QImage image(40, 400, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        const double scale = std::min(image.width() / b.width(), image.height() / b.height());
        QVERIFY2(scale * GraphDrawing::kNodeHeight < 2.5, "small enough for the coarse pass");
        QPainter p(&image);
        p.scale(scale, scale);
        p.translate(-b.topLeft());
        paintGraph(p, *d, classes, {}, b, false, &counts);
        p.end();
        const QTransform toImage = QTransform::fromScale(scale, scale).translate(-b.left(), -b.top());
        std::size_t remaining = 0;
        for (std::size_t i = 0; i < d->size(); ++i) {
            if (!d->shown(i) || classes[i] != NodeClass::Remaining) continue;
            const QPointF at = toImage.map(d->box(i).topLeft());
            QCOMPARE(image.pixelColor(static_cast<int>(std::floor(at.x())), static_cast<int>(std::floor(at.y()))),
                     styleFor(NodeClass::Remaining).border);  // a speck: the strong red
            ++remaining;
        }
        QVERIFY(remaining > 0);
        // Nodes remaining since a baseline keep their own colour there too.
        Highlight h;
        h.fresh.assign(d->size(), false);
        std::vector<std::size_t> fresh;
        for (std::size_t i = 0; i < d->size() && fresh.size() < 3; ++i)
            if (d->shown(i) && classes[i] == NodeClass::Remaining) fresh.push_back(i), h.fresh[i] = true;
        image.fill(Qt::white);
        QPainter again(&image);
        again.scale(scale, scale);
        again.translate(-b.topLeft());
        paintGraph(again, *d, classes, h, b, false, &counts);
        again.end();
        for (const auto i : fresh) {
            const QPointF at = toImage.map(d->box(i).topLeft());
            QCOMPARE(image.pixelColor(static_cast<int>(std::floor(at.x())), static_cast<int>(std::floor(at.y()))), freshColor());
        }
    }

    // Fused partitions are groups: closed at first, each box what its partition holds; F3, search
    // and the remaining-nodes table open the one that hides the node; a double-click opens it in
    // place, its ops inside, its call node at the bottom.
    void partitionsOpenInPlace() {
        std::ifstream in(data(QStringLiteral("llama.partitioned.json")).toStdString());
        const auto doc = nlohmann::json::parse(in);
        std::map<std::string, std::size_t> drawnInside;  // per partition: its nodes but placeholders and output, and its call node
        std::string innerMm;                             // an aten.mm node inside a partition
        for (const auto& n : doc["graphs"][0]["nodes"]) {
            if (!n.contains("subgraph")) continue;
            std::size_t k = 1;
            for (const auto& m : n["subgraph"]["nodes"]) {
                if (m["op"] == "placeholder" || m["op"] == "output") continue;
                ++k;
                if (innerMm.empty() && m["target"] == "aten.mm.default") innerMm = m["name"];
            }
            drawnInside[n["name"]] = k;
        }
        QVERIFY(drawnInside.size() >= 10 && !innerMm.empty());

        MainWindow w;
        w.resize(1400, 900);
        w.show();
        w.setProfile(QStringLiteral("generic"));  // partitions not converted: their aten ops remain
        QVERIFY(load(w, {data(QStringLiteral("llama.partitioned.json"))}));
        auto idle = [&] { return QTest::qWaitFor([&] { return !w.busy(); }, kWait); };
        GroupedLayout* grouped = w.grouped();
        QVERIFY(grouped && grouped->partitions());
        const ModuleTree& tree = grouped->tree();
        std::size_t partitions = 0;
        for (std::size_t m = 1; m < tree.modules.size(); ++m) {
            const ModuleNode& mod = tree.modules[m];
            if (mod.partition < 0) continue;
            ++partitions;
            QVERIFY2(!grouped->current[m], "a partition starts closed");
            QCOMPARE(std::size_t(w.graphView()->groupCounts()[m].nodes), drawnInside.at(mod.path));
            QVERIFY(!mod.holds.empty());
        }
        QCOMPARE(partitions, drawnInside.size());
        // Each node in one group's own list; a call node in its partition's.
        std::vector<int> owner(grouped->partitions()->size(), -1);
        for (std::size_t m = 0; m < tree.modules.size(); ++m)
            for (const auto i : tree.modules[m].own) {
                QCOMPARE(owner[i], -1);
                owner[i] = static_cast<int>(m);
            }
        for (std::size_t m = 1; m < tree.modules.size(); ++m)
            if (tree.modules[m].partition >= 0) QCOMPARE(owner[static_cast<std::size_t>(tree.modules[m].partition)], static_cast<int>(m));

        // F3 on an op only partitions hold: the walk goes into the partition and opens it.
        w.selectOp(QStringLiteral("aten.mm.default"));
        QVERIFY(idle());
        int node = w.currentNode();
        const PartitionIndex parts(*w.currentGraph());
        QVERIFY(node >= 0 && parts.inner(static_cast<std::size_t>(node)));
        const int box = grouped->groupOf(static_cast<std::size_t>(node));
        QVERIFY(tree.modules[static_cast<std::size_t>(box)].partition >= 0);
        QVERIFY(grouped->current[static_cast<std::size_t>(box)]);
        const GraphDrawing* d = w.graphView()->drawing();
        QVERIFY(d->shown(static_cast<std::size_t>(node)));
        QVERIFY(d->groups()[static_cast<std::size_t>(d->drawnGroup(box))].box.contains(d->box(static_cast<std::size_t>(node))));
        QVERIFY(w.findChild<QTextBrowser*>(QStringLiteral("details"))->toPlainText().contains(QStringLiteral("Inside partition")));
        // Its links go to drawn nodes: a placeholder input to the argument it stands for outside.
        const QString html = w.findChild<QTextBrowser*>(QStringLiteral("details"))->toHtml();
        int links = 0;
        for (auto it = QRegularExpression(QStringLiteral("node:(\\d+)")).globalMatch(html); it.hasNext(); ++links) {
            const std::size_t k = it.next().captured(1).toULongLong();
            QVERIFY(k < parts.size());
            const Node& linked = parts.node(k);
            QVERIFY2(!parts.inner(k) || (linked.op != OpKind::Placeholder && linked.op != OpKind::Output),
                     std::string(linked.name).c_str());
        }
        QVERIFY(links >= 3);  // the partition, an input, a user

        // Search by a name only a partition holds; then the table's row of that node.
        w.collapseAllGroups();
        QVERIFY(idle());
        QVERIFY(w.search(QStringLiteral("^%1$").arg(QString::fromStdString(innerMm))));
        QVERIFY(idle());
        node = w.selectedNode() >= 0 ? w.selectedNode() : w.currentNode();
        QCOMPARE(parts.node(static_cast<std::size_t>(node)).name, std::string_view(innerMm));
        QVERIFY(w.graphView()->drawing()->shown(static_cast<std::size_t>(node)));
        w.collapseAllGroups();
        QVERIFY(idle());
        QVERIFY(w.selectNodeByName(QString::fromStdString(w.currentGraph()->name), QString::fromStdString(innerMm)));
        QVERIFY(idle());
        QVERIFY(w.graphView()->drawing()->shown(static_cast<std::size_t>(node)));

        // A double-click on a closed partition opens it in place.
        w.collapseAllGroups();
        QVERIFY(idle());
        w.toggleGroup(tree.modules[static_cast<std::size_t>(box)].parent);  // the module that holds it, open
        QVERIFY(idle());
        d = w.graphView()->drawing();
        const int k = d->drawnGroup(box);
        QVERIFY(k >= 0 && !d->groups()[static_cast<std::size_t>(k)].expanded);
        w.graphView()->centerOnGroup(box);
        const QPointF at =
            (d->groups()[static_cast<std::size_t>(k)].box.center() - w.graphView()->visibleSceneRect().topLeft()) * w.graphView()->zoom();
        // Its tooltip says all the box elides: what it holds, whole.
        const QString tip = w.graphView()->toolTipAt(at.toPoint());
        QVERIFY2(tip.contains(QString::fromStdString(tree.modules[static_cast<std::size_t>(box)].holds).toHtmlEscaped()), qPrintable(tip));
        QVERIFY(tip.contains(QStringLiteral("%1 nodes").arg(drawnInside.at(tree.modules[static_cast<std::size_t>(box)].path))));
        QTest::mouseDClick(w.graphView()->viewport(), Qt::LeftButton, {}, at.toPoint());
        QVERIFY(idle());
        d = w.graphView()->drawing();
        QVERIFY(d->groups()[static_cast<std::size_t>(d->drawnGroup(box))].expanded);
        std::size_t shownInside = 0;
        for (std::size_t i = 0; i < d->size(); ++i)
            if (grouped->groupOf(i) == box && d->shown(i)) ++shownInside;
        QCOMPARE(shownInside, drawnInside.at(tree.modules[static_cast<std::size_t>(box)].path));
        QSettings().clear();  // the profile chosen here
    }

    // Drawn flat (partitions as nodes), a walk into a partition goes to the node that holds it.
    void flatDrawingGoesToTheHoldingPartition() {
        qputenv("ATENSCOPE_LAYOUT", "layered");
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        w.setProfile(QStringLiteral("generic"));
        QVERIFY(load(w, {data(QStringLiteral("llama.partitioned.json"))}));
        qunsetenv("ATENSCOPE_LAYOUT");
        QVERIFY(!w.grouped());
        w.selectOp(QStringLiteral("aten.mm.default"));
        const int node = w.currentNode();
        const PartitionIndex parts(*w.currentGraph());
        const auto in = parts.inner(static_cast<std::size_t>(node));
        QVERIFY(in);
        const GraphDrawing* d = w.graphView()->drawing();
        QVERIFY(!d->shown(static_cast<std::size_t>(node)) && d->shown(in->partition));
        QVERIFY(w.graphView()->visibleSceneRect().contains(d->box(in->partition).center()));
        QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("inside partition")), qPrintable(w.statusBar()->currentMessage()));
        QSettings().clear();
    }

    void moduleGroupsFoldAndReveal() {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        w.setProfile(QStringLiteral(":auto"));
        QVERIFY(load(w, {data(QStringLiteral("llama.original.json"))}));
        auto idle = [&] { return QTest::qWaitFor([&] { return !w.busy(); }, kWait); };
        GroupedLayout* grouped = w.grouped();
        QVERIFY2(grouped, "the llama graph's nodes have module paths");
        const Graph* g = w.currentGraph();
        const ModuleTree& tree = grouped->tree();
        QVERIFY(tree.modules.size() > 10);

        w.collapseAllGroups();
        QVERIFY(idle());
        const GraphDrawing* d = w.graphView()->drawing();
        QVERIFY(!d->groups().empty());
        for (const DrawnGroup& grp : d->groups()) {
            QVERIFY(!grp.expanded);
            QCOMPARE(tree.modules[static_cast<std::size_t>(grp.module)].parent, 0);  // top-level boxes only
        }
        for (std::size_t i = 0; i < g->nodes.size(); ++i) QCOMPARE(d->shown(i), grouped->groupOf(i) == 0);
        // Badges count what each box holds, as the view classes it.
        const auto& classes = w.graphView()->classes();
        for (const DrawnGroup& grp : d->groups()) {
            std::uint32_t nodes = 0, remaining = 0;
            std::map<std::string, std::uint32_t> ops;  // the box lists these: remaining ops by type
            for (std::size_t i = 0; i < g->nodes.size(); ++i) {
                int m = grouped->groupOf(i);
                while (m > 0 && m != grp.module) m = tree.modules[static_cast<std::size_t>(m)].parent;
                if (m != grp.module) continue;
                ++nodes;
                remaining += classes[i] == NodeClass::Remaining;
                if (classes[i] == NodeClass::Remaining) ++ops[std::string(shortOpText(g->nodes[i]))];
            }
            const GroupCounts& c = w.graphView()->groupCounts()[static_cast<std::size_t>(grp.module)];
            QCOMPARE(c.nodes, nodes);
            QCOMPARE(c.remaining, remaining);
            QCOMPARE(c.ops.size(), ops.size());
            for (std::size_t k = 0; k < c.ops.size(); ++k) {
                QCOMPARE(c.ops[k].second, ops.at(std::string(c.ops[k].first)));
                if (k > 0) QVERIFY(c.ops[k - 1].second >= c.ops[k].second);  // most frequent first
            }
            // The box has room for the list: one line per few types, at least one.
            if (!ops.empty()) QVERIFY(grp.box.height() >= CollapsedBox::kHeight + CollapsedBox::kOpLine);
        }

        // Search and F3 go into collapsed groups: the node they reach is drawn and on screen.
        QVERIFY(w.search(QStringLiteral("mm")));
        w.findNext();
        QVERIFY(idle());
        int node = w.selectedNode() >= 0 ? w.selectedNode() : w.currentNode();
        QVERIFY(node >= 0);
        QVERIFY(grouped->groupOf(static_cast<std::size_t>(node)) > 0);  // it was inside a collapsed box
        d = w.graphView()->drawing();
        QVERIFY(d->shown(static_cast<std::size_t>(node)));
        QVERIFY(w.graphView()->visibleSceneRect().contains(d->box(static_cast<std::size_t>(node)).center()));
        for (int m = grouped->groupOf(static_cast<std::size_t>(node)); m > 0; m = tree.modules[static_cast<std::size_t>(m)].parent)
            QVERIFY(grouped->current[static_cast<std::size_t>(m)]);

        // The op table's walk (F3 after choosing an op) too.
        w.collapseAllGroups();
        QVERIFY(idle());
        std::string remainingOp;
        for (std::size_t i = 0; i < g->nodes.size() && remainingOp.empty(); ++i)
            if (classes[i] == NodeClass::Remaining && grouped->groupOf(i) > 0) remainingOp = g->nodes[i].target;
        QVERIFY(!remainingOp.empty());
        w.selectOp(QString::fromStdString(remainingOp));
        w.findNext();
        QVERIFY(idle());
        node = w.currentNode();
        QVERIFY(node >= 0);
        QCOMPARE(g->nodes[static_cast<std::size_t>(node)].target, remainingOp);
        QVERIFY(w.graphView()->drawing()->shown(static_cast<std::size_t>(node)));

        // A double-click on a collapsed box expands it; only it and the boxes around it are laid out.
        w.collapseAllGroups();
        QVERIFY(idle());
        d = w.graphView()->drawing();
        const DrawnGroup first = d->groups().front();
        w.graphView()->centerOnGroup(first.module);
        const QPointF at = (first.box.center() - w.graphView()->visibleSceneRect().topLeft()) * w.graphView()->zoom();
        QTest::mouseDClick(w.graphView()->viewport(), Qt::LeftButton, {}, at.toPoint());
        QVERIFY(idle());
        d = w.graphView()->drawing();
        QVERIFY(d->groups()[static_cast<std::size_t>(d->drawnGroup(first.module))].expanded);
        QVERIFY(grouped->lastLaidOut() <= 2);  // the box and the root
        QVERIFY(d->groups().size() > 1);
        w.toggleGroup(first.module);
        QVERIFY(idle());
        QVERIFY(!w.graphView()->drawing()->groups()[static_cast<std::size_t>(w.graphView()->drawing()->drawnGroup(first.module))].expanded);
        QCOMPARE(grouped->lastLaidOut(), std::size_t{1});  // the root only: the box's inside is kept

        // Every remaining node shown; no group without remaining ops opened.
        w.expandRemainingGroups();
        QVERIFY(idle());
        d = w.graphView()->drawing();
        for (std::size_t i = 0; i < g->nodes.size(); ++i)
            if (classes[i] == NodeClass::Remaining) QVERIFY(d->shown(i));
        for (const DrawnGroup& grp : d->groups())
            QCOMPARE(grp.expanded, w.graphView()->groupCounts()[static_cast<std::size_t>(grp.module)].remaining > 0);
    }

    // Fit (0) on a graph too large to read whole: the modules collapsed to the deepest level that
    // fits at a readable zoom, then all of it in view; 0 again from there keeps it (it reads).
    void fitFoldsToAReadableOverview() {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        w.setProfile(QStringLiteral(":auto"));
        QVERIFY(load(w, {data(QStringLiteral("llama.partitioned.json"))}));
        auto idle = [&] { return QTest::qWaitFor([&] { return !w.busy(); }, kWait); };
        GroupedLayout* grouped = w.grouped();
        QVERIFY(grouped);
        w.expandAllGroups();
        QVERIFY(idle());
        GraphView* view = w.graphView();
        QVERIFY(view->drawing()->bounds().height() * kLegibleScale > view->viewport()->height());  // too tall to read whole
        view->fitToView();
        QVERIFY(idle());
        const GraphDrawing* d = view->drawing();
        QVERIFY(view->zoom() >= kLegibleScale);
        QVERIFY(view->visibleSceneRect().contains(d->bounds()));
        // The deepest such overview: one level deeper would not fit.
        int depth = 0;
        for (int k = 1; k <= grouped->depth(); ++k)
            if (grouped->depthState(k) == grouped->current) depth = k;
        QVERIFY2(depth >= 1, "an overview state");
        if (depth < grouped->depth() && grouped->depthState(depth + 1) != grouped->current) {
            const QSizeF deeper = grouped->draw(grouped->depthState(depth + 1))->bounds().size();
            QVERIFY(deeper.width() * kLegibleScale > view->viewport()->width() - 80 ||
                    deeper.height() * kLegibleScale > view->viewport()->height() - 80);
        }
        QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("depth %1").arg(depth)),
                 qPrintable(w.statusBar()->currentMessage()));
        // Every remaining op of the graph is drawn as a node or named in a closed box's list.
        const PartitionIndex parts(*w.currentGraph());
        std::set<std::string> named;
        for (std::size_t i = 0; i < d->size(); ++i)
            if (d->shown(i) && view->classes()[i] == NodeClass::Remaining) named.insert(std::string(shortOpText(parts.node(i))));
        for (const DrawnGroup& grp : d->groups())
            if (!grp.expanded)
                for (const auto& [op, count] : view->groupCounts()[static_cast<std::size_t>(grp.module)].ops) named.insert(std::string(op));
        std::set<std::string> remaining;
        for (std::size_t i = 0; i < view->classes().size(); ++i)
            if (view->classes()[i] == NodeClass::Remaining) remaining.insert(std::string(shortOpText(parts.node(i))));
        QCOMPARE(named, remaining);
        // Pressed again: it reads, so it stays.
        const double zoom = view->zoom();
        view->fitToView();
        QVERIFY(idle());
        QCOMPARE(view->zoom(), zoom);
        QCOMPARE(view->drawing(), d);
        QSettings().clear();
    }

    void moduleOutlineCountsAndReveals() {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        w.setProfile(QStringLiteral(":auto"));
        QVERIFY(load(w, {data(QStringLiteral("llama.original.json"))}));  // predicted under ttnn
        const Graph* g = w.currentGraph();
        QVERIFY(g);
        const ModuleTreeModel& model = w.modules();
        QAbstractItemModelTester tester(const_cast<ModuleTreeModel*>(&model), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const ModuleTree& tree = model.tree();
        QVERIFY(tree.modules.size() > 10);
        const auto classes = viewClasses(*g, loadProfile("ttnn"), true);
        auto under = [&](const std::string& path, std::uint64_t* remaining) {
            std::uint64_t n = 0;
            *remaining = 0;
            for (std::size_t i = 0; i < g->nodes.size(); ++i) {
                const std::string p = g->nodes[i].modulePath();
                if (p == path || p.rfind(path + ".", 0) == 0) {
                    ++n;
                    if (classes[i] == NodeClass::Remaining) ++*remaining;
                }
            }
            return n;
        };
        std::uint64_t withRemaining = 0;
        for (std::size_t m = 1; m < tree.modules.size(); ++m) {
            std::uint64_t remaining = 0;
            QCOMPARE(tree.modules[m].nodes, under(tree.modules[m].path, &remaining));
            QCOMPARE(tree.modules[m].remaining, remaining);
            if (remaining) ++withRemaining;
        }
        QVERIFY(withRemaining > 0);
        // A block of layers: choosing it marks its nodes, no others, and goes to one of them.
        const int layer = [&] {
            for (int l = 0; l < 4; ++l)
                if (const int m = tree.find("model.layers." + std::to_string(l)); m > 0) return m;
            return -1;
        }();
        QVERIFY2(layer > 0, "a decoder layer (model.layers.N) is a module of the shown subgraph");
        const std::string path = tree.modules[static_cast<std::size_t>(layer)].path;
        auto inLayer = [&](const Node& n) {
            const std::string p = n.modulePath();
            return p == path || p.rfind(path + ".", 0) == 0;
        };
        QVERIFY(w.revealModule(QString::fromStdString(path)));
        const auto marked = w.graphView()->highlight().marked;
        std::uint64_t remaining = 0;
        const std::uint64_t expect = under(path, &remaining);
        QVERIFY(expect > 10);
        QCOMPARE(std::uint64_t(std::count(marked.begin(), marked.end(), true)), expect);
        for (std::size_t i = 0; i < marked.size(); ++i) QCOMPARE(bool(marked[i]), inLayer(g->nodes[i]));
        QVERIFY(w.currentNode() >= 0);
        QVERIFY(!w.revealModule(QStringLiteral("no.such.module")));
        // Under the generic profile every aten op remains: the counts follow.
        w.setProfile(QStringLiteral("generic"));
        const auto generic = viewClasses(*g, loadProfile("generic"), false);
        std::uint64_t all = 0;
        for (std::size_t i = 0; i < g->nodes.size(); ++i)
            if (generic[i] == NodeClass::Remaining && inLayer(g->nodes[i])) ++all;
        QCOMPARE(w.modules().tree().modules[static_cast<std::size_t>(w.modules().tree().find(path))].remaining, all);
        QVERIFY(all > remaining);
        w.setProfile(QStringLiteral(":auto"));
    }

    // Every committed malformed file (tests/data/bad, every format): an error naming the file
    // and the place, the window still usable, no crash and no freeze.
    void everyBadFileIsRefusedInTheWindow() {
        const nlohmann::json expected = test::readJson(data(QStringLiteral("bad/expected.json")));
        QVERIFY(expected.size() >= 40);
        MainWindow w;
        w.show();
        QVERIFY(load(w, {data(QStringLiteral("torch1.13/resnet18.simulated-ttnn.json"))}));
        for (const auto& [name, want] : expected.items()) {
            const QString path = data(QStringLiteral("bad/") + QString::fromStdString(name));
            QSignalSpy ok(w.loader(), &Loader::loaded);
            QSignalSpy bad(w.loader(), &Loader::failed);
            w.openFiles({path});
            QVERIFY2(QTest::qWaitFor([&] { return !ok.isEmpty() || !bad.isEmpty(); }, kWait), qPrintable(path));
            QVERIFY2(ok.isEmpty(), qPrintable(path));
            const QString error = w.lastError();
            QVERIFY2(error.contains(path), qPrintable(error));
            // Another reader version may say it as clearly in its own words ("or").
            auto says = [&](const nlohmann::json& e) {
                return error.contains(QString::fromStdString(e["where"].get<std::string>())) &&
                       error.contains(QString::fromStdString(e["what"].get<std::string>()));
            };
            QVERIFY2(says(want) || (want.contains("or") && says(want["or"])), qPrintable(error));
            QVERIFY(w.hasSession());  // the graph opened before is still there
        }
        QVERIFY(w.search(QStringLiteral("relu")));
    }
};

QTEST_MAIN(TestGui)
#include "tst_gui.moc"
