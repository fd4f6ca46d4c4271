// SPDX-License-Identifier: MIT
// The layered layout's invariants (core/layout/LayoutCheck.h measures them): on real graphs
// of the fixtures and on shapes that stress it (a cycle, one value broadcast to many far
// users, a wide fan), no node overlaps, every edge routed, none drawn upward but those that
// close a cycle, none through a node.
#include "TestData.h"

#include "analysis/ModuleTree.h"
#include "layout/CompoundLayout.h"
#include "layout/LayoutCheck.h"
#include "readers/GraphReader.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

using namespace atenscope;

namespace {

// Boxes sized as the window sizes them, roughly: by the label's length.
LayoutInput inputOf(const Graph& g) {
    LayoutInput in;
    for (const Node& n : g.nodes) in.nodes.push_back({20.0 + 7.0 * static_cast<double>(std::max(n.target.size(), n.name.size())) / 2, 34});
    for (std::uint32_t i = 0; i < g.nodes.size(); ++i)
        for (const auto p : g.nodes[i].inputs) in.edges.emplace_back(p, i);
    return in;
}

void checkClean(const LayoutInput& in, const LayoutQuality& q, bool acyclic) {
    QCOMPARE(q.overlaps, 0u);
    QCOMPARE(q.missing, 0u);
    QCOMPARE(q.throughNodes, 0u);
    if (acyclic) QCOMPARE(q.upward, 0u);
    QCOMPARE(q.edges, static_cast<std::uint64_t>(in.edges.size()));
}

}  // namespace

class TestLayout : public QObject {
    Q_OBJECT
private slots:
    // The compound layout (module groups) with node boxes asked for as a drawing first shows them
    // (what the window does on a large graph) lays out exactly as with every box given up front,
    // and asks only for the boxes it draws; the closed boxes' sizes given after it is built too.
    void compoundSizesNodesWhenFirstDrawn() {
        const auto models = readModels({test::data(QStringLiteral("gpt2.original.json")).toStdString()});
        const Graph& g = models.front().graphs.front();
        const ModuleTree tree = buildModuleTree(g, {});
        QVERIFY(tree.modules.size() > 10);
        GroupStructure s;
        s.nodeGroup.assign(g.nodes.size(), 0);
        for (std::size_t m = 0; m < tree.modules.size(); ++m) {
            s.parent.push_back(tree.modules[m].parent);
            s.collapsed.push_back({120.0 + static_cast<double>(m % 7) * 10, 40});
            for (const auto i : tree.modules[m].own) s.nodeGroup[i] = static_cast<int>(m);
        }
        const LayoutInput in = inputOf(g);
        CompoundLayout eager(in, s);
        LayoutInput unsized = in;
        for (auto& size : unsized.nodes) size = {};
        GroupStructure lazyGroups = s;
        std::size_t asked = 0;
        lazyGroups.nodeSize = [&](std::uint32_t k) {
            ++asked;
            return in.nodes[k];
        };
        const std::vector<LayoutInput::Size> collapsed = lazyGroups.collapsed;
        lazyGroups.collapsed.assign(collapsed.size(), {});
        CompoundLayout lazy(unsized, lazyGroups);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, lazy.setCollapsed({}));
        lazy.setCollapsed(collapsed);
        QCOMPARE(asked, std::size_t(0));

        auto same = [&](const CompoundResult& a, const CompoundResult& b) {
            QCOMPARE(a.shown, b.shown);
            for (std::size_t i = 0; i < a.centers.size(); ++i)
                if (a.shown[i]) QVERIFY(a.centers[i].x == b.centers[i].x && a.centers[i].y == b.centers[i].y);
            QCOMPARE(a.groups.size(), b.groups.size());
            for (std::size_t k = 0; k < a.groups.size(); ++k)
                QVERIFY(a.groups[k].x == b.groups[k].x && a.groups[k].width == b.groups[k].width &&
                        a.groups[k].height == b.groups[k].height);
            QCOMPARE(a.width, b.width);
            QCOMPARE(a.height, b.height);
        };
        // Only the root open: the root's own nodes are drawn, and only they are sized.
        std::vector<char> closed(tree.modules.size(), 0);
        const CompoundResult top = lazy.layout(closed);
        same(eager.layout(closed), top);
        const auto drawn = static_cast<std::size_t>(std::count(top.shown.begin(), top.shown.end(), 1));
        QCOMPARE(asked, drawn);
        QVERIFY(asked < g.nodes.size() / 4);
        // Everything open: every node sized once, and the boxes are the ones given.
        const std::vector<char> open(tree.modules.size(), 1);
        same(eager.layout(open), lazy.layout(open));
        QCOMPARE(asked, g.nodes.size());
        same(eager.layout(closed), lazy.layout(closed));
        QCOMPARE(asked, g.nodes.size());
        for (std::size_t i = 0; i < in.nodes.size(); ++i)
            QVERIFY(lazy.nodeSizes()[i].width == in.nodes[i].width && lazy.nodeSizes()[i].height == in.nodes[i].height);
    }

    void realGraphs_data() {
        QTest::addColumn<QString>("file");
        for (const char* f :
             {"llama.simulated-ttnn.json", "gpt2.original.json", "vit_b_16.partitioned.json", "torch1.13/resnet18.simulated-ttnn.json"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }
    void realGraphs() {
        QFETCH(QString, file);
        const auto models = readModels({test::data(file).toStdString()});
        for (const Graph& g : models.front().graphs) {
            const LayoutInput in = inputOf(g);
            const LayoutResult r = makeLayeredLayout()->layout(in);
            QCOMPARE(r.centers.size(), in.nodes.size());
            checkClean(in, measureLayout(in, r), true);
        }
    }

    void cyclesAreBrokenNotDropped() {
        LayoutInput in;
        in.nodes.assign(6, {60, 30});
        in.edges = {{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 4}, {4, 2}, {4, 5}};
        const LayoutResult r = makeLayeredLayout()->layout(in);
        const LayoutQuality q = measureLayout(in, r, false);
        checkClean(in, q, false);
        QVERIFY(q.upward <= 2);  // one edge of each cycle runs up
    }

    void oneValueBroadcastToManyFarUsers() {
        // A chain of 400 nodes; node 1 feeds every 5th of them (a mask, rotary tables).
        LayoutInput in;
        in.nodes.assign(400, {80, 30});
        for (std::uint32_t i = 0; i + 1 < 400; ++i) in.edges.emplace_back(i, i + 1);
        for (std::uint32_t i = 10; i < 400; i += 5) in.edges.emplace_back(1, i);
        const LayoutResult r = makeLayeredLayout()->layout(in);
        const LayoutQuality q = measureLayout(in, r);
        checkClean(in, q, true);
        // The shared bus keeps the drawing narrow: a few columns, not one per user.
        QVERIFY2(r.width < 1000, qPrintable(QString::number(r.width)));
        QCOMPARE(q.crossings, 0u);
    }

    void farUsersPastTheBudgetShareALanePerSource() {
        // A chain of 300 nodes; its first 40 each feed every 10th node from 100 on: more buses
        // than the dummy budget (8 a node) holds, so the later sources' edges run down channels
        // beside the drawing. A source's channel edges share one lane (a bus down the side).
        LayoutInput in;
        in.nodes.assign(300, {80, 30});
        for (std::uint32_t i = 0; i + 1 < 300; ++i) in.edges.emplace_back(i, i + 1);
        for (std::uint32_t s = 0; s < 40; ++s)
            for (std::uint32_t t = 100; t < 300; t += 10) in.edges.emplace_back(s, t);
        const LayoutResult r = makeLayeredLayout()->layout(in);
        checkClean(in, measureLayout(in, r), true);
        double left = r.width;
        for (std::size_t i = 0; i < in.nodes.size(); ++i) left = std::min(left, r.centers[i].x - in.nodes[i].width / 2);
        std::set<long> lanes;             // the x of each vertical run left of every node (a lane)
        std::set<std::uint32_t> sources;  // the sources of the edges that run there
        std::size_t channelled = 0;
        for (const auto& e : r.edges) {
            bool side = false;
            for (std::size_t k = 1; k < e.points.size(); ++k) {
                const Point& a = e.points[k - 1];
                const Point& b = e.points[k];
                if (a.x < left - 1 && a.x == b.x && a.y != b.y) lanes.insert(std::lround(a.x)), side = true;
            }
            if (side) {
                ++channelled;
                sources.insert(e.from);
            }
        }
        QVERIFY2(channelled >= 100, qPrintable(QString::number(channelled)));
        QVERIFY2(lanes.size() <= sources.size(), qPrintable(QStringLiteral("%1 lanes, %2 sources").arg(lanes.size()).arg(sources.size())));
    }

    void randomDagsStayClean() {
        std::mt19937 rng(7);
        for (int round = 0; round < 20; ++round) {
            LayoutInput in;
            const std::uint32_t n = 50 + rng() % 300;
            for (std::uint32_t i = 0; i < n; ++i) in.nodes.push_back({30.0 + rng() % 120, 20.0 + rng() % 30});
            for (std::uint32_t i = 1; i < n; ++i)
                for (int k = 0; k < 1 + static_cast<int>(rng() % 3); ++k) in.edges.emplace_back(rng() % i, i);
            const LayoutResult r = makeLayeredLayout()->layout(in);
            checkClean(in, measureLayout(in, r), true);
        }
    }
};

QTEST_APPLESS_MAIN(TestLayout)
#include "tst_layout.moc"
