// SPDX-License-Identifier: MIT
// The layered engine as it was before the Sugiyama layout (longest-path ranks, one barycentre
// sweep, straight edges): kept for bench_layout's comparison only, as "old".
#include "layout/Layout.h"

#include <algorithm>
#include <numeric>

namespace atenscope {

namespace {

constexpr double kRankGap = 36;
constexpr double kNodeGap = 18;

class OldLayered final : public LayoutEngine {
public:
    std::string_view name() const override { return "old"; }

    LayoutResult layout(const LayoutInput& in) const override {
        const std::size_t n = in.nodes.size();
        std::vector<std::vector<std::uint32_t>> preds(n), succs(n);
        for (const auto& [a, b] : in.edges) {
            if (a >= n || b >= n || a == b) continue;
            preds[b].push_back(a);
            succs[a].push_back(b);
        }
        // Longest-path ranks in topological order (Kahn); leftovers of a cycle get rank 0.
        std::vector<std::uint32_t> indeg(n), order, rank(n, 0);
        for (std::size_t i = 0; i < n; ++i) indeg[i] = static_cast<std::uint32_t>(preds[i].size());
        for (std::uint32_t i = 0; i < n; ++i)
            if (!indeg[i]) order.push_back(i);
        for (std::size_t k = 0; k < order.size(); ++k)
            for (auto s : succs[order[k]]) {
                rank[s] = std::max(rank[s], rank[order[k]] + 1);
                if (--indeg[s] == 0) order.push_back(s);
            }
        // Sources (inputs, weights) and single-input chains hanging off them (a weight's
        // transpose, view, cast) sit just above their first user, not on the top ranks: in
        // reverse topological order, so a chain's head moves after the links below it.
        std::vector<char> chain(n, 0);
        for (auto v : order) chain[v] = preds[v].empty() || (preds[v].size() == 1 && chain[preds[v][0]]);
        for (auto it = order.rbegin(); it != order.rend(); ++it) {
            const auto v = *it;
            if (!chain[v] || succs[v].empty()) continue;
            std::uint32_t first = UINT32_MAX;
            for (auto s : succs[v]) first = std::min(first, rank[s]);
            rank[v] = std::max(rank[v], first > 0 ? first - 1 : 0);
        }
        const std::uint32_t ranks = n ? *std::max_element(rank.begin(), rank.end()) + 1 : 0;
        std::vector<std::vector<std::uint32_t>> layers(ranks);
        for (std::uint32_t i = 0; i < n; ++i) layers[rank[i]].push_back(i);

        // Order each layer by the mean position of its predecessors (one downward sweep).
        std::vector<double> pos(n, 0);
        for (auto& layer : layers) {
            for (auto v : layer) {
                if (preds[v].empty()) {
                    pos[v] = v;
                    continue;
                }
                double sum = 0;
                for (auto p : preds[v]) sum += pos[p];
                pos[v] = sum / static_cast<double>(preds[v].size());
            }
            std::stable_sort(layer.begin(), layer.end(), [&](auto a, auto b) { return pos[a] < pos[b]; });
            for (std::size_t k = 0; k < layer.size(); ++k) pos[layer[k]] = static_cast<double>(k);
        }

        LayoutResult out;
        out.engine = std::string(name());
        out.centers.resize(n);
        std::vector<double> layerWidth(ranks, 0);
        for (std::uint32_t r = 0; r < ranks; ++r)
            for (auto v : layers[r]) layerWidth[r] += in.nodes[v].width + kNodeGap;
        const double maxWidth = ranks ? *std::max_element(layerWidth.begin(), layerWidth.end()) : 0;
        double y = kRankGap / 2;
        for (std::uint32_t r = 0; r < ranks; ++r) {
            double h = 0;
            for (auto v : layers[r]) h = std::max(h, in.nodes[v].height);
            double x = (maxWidth - layerWidth[r]) / 2 + kNodeGap / 2;
            for (auto v : layers[r]) {
                out.centers[v] = {x + in.nodes[v].width / 2, y + h / 2};
                x += in.nodes[v].width + kNodeGap;
            }
            y += h + kRankGap;
        }
        out.width = maxWidth;
        out.height = y;
        for (const auto& [a, b] : in.edges) {
            if (a >= n || b >= n) continue;
            LayoutResult::Edge e;
            e.from = a;
            e.to = b;
            e.points = {{out.centers[a].x, out.centers[a].y + in.nodes[a].height / 2},
                        {out.centers[b].x, out.centers[b].y - in.nodes[b].height / 2}};
            out.edges.push_back(std::move(e));
        }
        return out;
    }
};

}  // namespace
std::unique_ptr<LayoutEngine> makeOldLayered() {
    return std::make_unique<OldLayered>();
}
}  // namespace atenscope
