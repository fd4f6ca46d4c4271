// SPDX-License-Identifier: MIT
// Graphviz dot through libgvc. Graphviz keeps global state: one layout at a time.
#include "layout/Layout.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <cstdio>
#include <cstring>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>

namespace atenscope {

namespace {

std::mutex& graphvizMutex() {
    static std::mutex m;
    return m;
}

// One Graphviz context for the process, made on first use under the mutex and kept:
// each gvContext() reads the plugin configuration again and loses 3.6 KB doing it
// (valgrind: gvconfig), so a context per layout leaked a little at every layout.
GVC_t* graphvizContext() {
    static GVC_t* const gvc = gvContext();
    return gvc;
}

constexpr double kPointsPerInch = 72.0;

char* cstr(const char* s) {
    return const_cast<char*>(s);
}

class GraphvizLayout final : public LayoutEngine {
public:
    explicit GraphvizLayout(std::vector<std::pair<std::string, std::string>> attributes) : attributes_(std::move(attributes)) {}
    std::string_view name() const override { return attributes_.empty() ? "graphviz-dot" : "graphviz-dot (limited)"; }

    LayoutResult layout(const LayoutInput& in) const override {
        std::lock_guard<std::mutex> lock(graphvizMutex());
        GVC_t* gvc = graphvizContext();
        Agraph_t* g = agopen(cstr("g"), Agstrictdirected, nullptr);
        agattr(g, AGRAPH, cstr("rankdir"), cstr("TB"));
        agattr(g, AGRAPH, cstr("nodesep"), cstr("0.25"));
        agattr(g, AGRAPH, cstr("ranksep"), cstr("0.35"));
        agattr(g, AGRAPH, cstr("splines"), cstr("spline"));
        agattr(g, AGNODE, cstr("shape"), cstr("box"));
        agattr(g, AGNODE, cstr("fixedsize"), cstr("true"));
        agattr(g, AGNODE, cstr("label"), cstr(""));
        agattr(g, AGNODE, cstr("width"), cstr("1"));
        agattr(g, AGNODE, cstr("height"), cstr("0.5"));
        for (const auto& [key, value] : attributes_) agattr(g, AGRAPH, cstr(key.c_str()), cstr(value.c_str()));
        std::vector<Agnode_t*> nodes(in.nodes.size());
        char buf[64];
        for (std::size_t i = 0; i < in.nodes.size(); ++i) {
            std::snprintf(buf, sizeof buf, "n%zu", i);
            nodes[i] = agnode(g, buf, 1);
            std::snprintf(buf, sizeof buf, "%.4f", in.nodes[i].width / kPointsPerInch);
            agsafeset(nodes[i], cstr("width"), buf, cstr("1"));
            std::snprintf(buf, sizeof buf, "%.4f", in.nodes[i].height / kPointsPerInch);
            agsafeset(nodes[i], cstr("height"), buf, cstr("0.5"));
        }
        std::vector<Agedge_t*> edges;
        for (const auto& [a, b] : in.edges)
            edges.push_back(a < nodes.size() && b < nodes.size() && a != b ? agedge(g, nodes[a], nodes[b], nullptr, 1) : nullptr);

        LayoutResult out;
        out.engine = std::string(name());
        if (gvLayout(gvc, g, "dot") != 0) {
            agclose(g);
            throw std::runtime_error("Graphviz could not lay out the graph");
        }
        // Rendering to the "dot" format attaches pos/bb attributes: read them back.
        char* data = nullptr;
        unsigned int length = 0;
        gvRenderData(gvc, g, "dot", &data, &length);
        gvFreeRenderData(data);

        double llx = 0, lly = 0, urx = 0, ury = 0;
        std::sscanf(agget(g, cstr("bb")), "%lf,%lf,%lf,%lf", &llx, &lly, &urx, &ury);
        out.width = urx - llx;
        out.height = ury - lly;
        auto flip = [&](double x, double y) { return Point{x - llx, ury - y}; };  // y down
        out.centers.resize(in.nodes.size());
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            double x = 0, y = 0;
            std::sscanf(agget(nodes[i], cstr("pos")), "%lf,%lf", &x, &y);
            out.centers[i] = flip(x, y);
        }
        for (std::size_t k = 0; k < in.edges.size(); ++k) {
            LayoutResult::Edge e;
            e.from = in.edges[k].first;
            e.to = in.edges[k].second;
            if (edges[k]) {
                // "e,x,y s,x,y x1,y1 x2,y2 ...": optional end/start points, then 3n+1 Bezier points.
                const char* pos = agget(edges[k], cstr("pos"));
                std::istringstream ss(pos ? pos : "");
                std::string tok;
                Point endPoint{};
                bool hasEnd = false;
                while (ss >> tok) {
                    if (tok.rfind("e,", 0) == 0) {
                        std::sscanf(tok.c_str() + 2, "%lf,%lf", &endPoint.x, &endPoint.y);
                        hasEnd = true;
                        continue;
                    }
                    if (tok.rfind("s,", 0) == 0) continue;
                    Point p{};
                    std::sscanf(tok.c_str(), "%lf,%lf", &p.x, &p.y);
                    e.points.push_back(flip(p.x, p.y));
                }
                e.spline = e.points.size() >= 4 && (e.points.size() - 1) % 3 == 0;
                if (hasEnd) {
                    // The arrow tip: continue the curve with a straight segment to it.
                    if (e.spline) {
                        const Point last = e.points.back();
                        const Point tip = flip(endPoint.x, endPoint.y);
                        e.points.push_back(last);
                        e.points.push_back(tip);
                        e.points.push_back(tip);
                    } else {
                        e.points.push_back(flip(endPoint.x, endPoint.y));
                    }
                }
            }
            out.edges.push_back(std::move(e));
        }
        gvFreeLayout(gvc, g);
        agclose(g);
        return out;
    }

private:
    std::vector<std::pair<std::string, std::string>> attributes_;  // graph attributes beyond the defaults
};

}  // namespace

std::unique_ptr<LayoutEngine> makeGraphvizLayout(std::vector<std::pair<std::string, std::string>> graphAttributes) {
    return std::make_unique<GraphvizLayout>(std::move(graphAttributes));
}

}  // namespace atenscope
