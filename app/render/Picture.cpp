// SPDX-License-Identifier: MIT
#include "render/Picture.h"

#include "render/GraphExport.h"
#include "render/QtText.h"
#include "render/Session.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

namespace atenscope {

namespace {

constexpr double kPad = 16;            // around the sheet and between panels
constexpr double kInset = 10;          // between a panel's frame and its drawing
constexpr double kWholeHeight = 9000;  // a whole graph taller than this at a legible scale is shown in parts
constexpr double kOverviewHeight = 4200;
constexpr double kMapHeight = 900;
constexpr double kPlaceHeight = 1400;  // a place's picture is cropped below this
constexpr double kMinPanelWidth = 300;
// A drawing is not enlarged past this: 15 px titles, which OCR (and a tired reader) take more
// surely than 12 px ones, without making a small graph a poster.
constexpr double kBestScale = 1.25;

QFont font(double points, bool bold = false) {
    QFont f;
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}
QFont headingFont() {
    return font(11.5, true);
}
QFont titleFont() {
    return font(9, true);
}
QFont captionFont() {
    return font(8);
}
QFont legendFont() {
    return font(8.5);
}

// Remaining ops (targets) among the nodes a drawing shows.
std::vector<std::string> remainingShown(const GraphDrawing& d, const Graph& g, const std::vector<NodeClass>& classes) {
    std::set<std::string> ops;
    const PartitionIndex* parts = d.partitions();
    for (std::size_t i = 0; i < d.size() && i < classes.size(); ++i)
        if (classes[i] == NodeClass::Remaining && d.shown(i)) ops.insert(std::string(parts ? parts->node(i).target : g.nodes[i].target));
    return {ops.begin(), ops.end()};
}

QString countsText(const Graph& g, const std::vector<std::uint32_t>& nodes) {
    std::map<std::string_view, int> counts;
    std::vector<std::string_view> order;
    for (const std::uint32_t i : nodes) {
        const std::string_view op = shortOp(g.nodes[i].target);
        if (counts[op]++ == 0) order.push_back(op);
    }
    QString text;
    for (const auto op : order) {
        if (!text.isEmpty()) text += QStringLiteral(", ");
        text += qtext(op) + (counts[op] > 1 ? QStringLiteral(" \u00d7%1").arg(counts[op]) : QString());
    }
    return text;
}

double innerWidth(const PictureRequest& r) {
    return std::max(200.0, r.width - 2 * kPad - 2 * kInset);
}

// A whole drawing at the largest scale up to 1 that fits the width.
PicturePanel framed(std::shared_ptr<const GraphDrawing> d, const PictureRequest& r, PicturePanel::Kind kind) {
    PicturePanel p;
    p.kind = kind;
    p.region = d->bounds().adjusted(-8, -8, 8, 8);
    p.scale = std::min(kBestScale, innerWidth(r) / p.region.width());
    p.legible = p.scale >= kLegibleScale;
    p.drawing = std::move(d);
    return p;
}

// Whether a drawing of this many nodes could be legible whole within the request: its boxes at
// a legible scale, with the room a layout leaves between them, against the pixels allowed.
bool mightFitWhole(const LayoutInput& in, const PictureRequest& r) {
    double area = 0;
    for (const auto& s : in.nodes) area += (s.width + 30) * (s.height + 40);
    return area * kLegibleScale * kLegibleScale < static_cast<double>(r.maxPixels);
}

std::shared_ptr<const GraphDrawing> subsetDrawing(const Graph& g, const std::vector<char>& shown) {
    const LayoutInput in = GraphDrawing::layoutInput(g, shown);
    return std::make_shared<GraphDrawing>(g, chooseLayout(in.nodes.size())->layout(in), shown);
}

// A gallery panel: the place's nodes with what is around them, marked, captioned.
PicturePanel placePanel(const Graph& g, const std::vector<Place>& places, std::size_t k, const FoldedWeights& folded,
                        const PictureRequest& r) {
    const Place& place = places[k];
    std::vector<char> shown = around(g, place.nodes, r.hops, folded);
    PicturePanel p;
    p.kind = PicturePanel::Kind::Place;
    p.drawing = subsetDrawing(g, shown);
    p.highlight.marked.assign(g.nodes.size(), false);
    for (const std::uint32_t i : place.nodes) p.highlight.marked[i] = true;
    const GraphDrawing& d = *p.drawing;
    p.region = d.bounds().adjusted(-8, -8, 8, 8);
    p.scale = std::min(kBestScale, innerWidth(r) / p.region.width());
    if (p.scale < kLegibleScale || p.region.height() * p.scale > kPlaceHeight) {
        // Too large whole: the part around the place's nodes, at full size.
        QRectF seeds;
        for (const std::uint32_t i : place.nodes) seeds = seeds.isNull() ? d.box(i) : seeds.united(d.box(i));
        const double w = std::min(p.region.width(), innerWidth(r) / kBestScale), h = std::min(p.region.height(), kPlaceHeight / kBestScale);
        QRectF crop(seeds.center().x() - w / 2, seeds.center().y() - h / 2, w, h);
        crop.moveLeft(std::clamp(crop.left(), p.region.left(), p.region.right() - w));
        crop.moveTop(std::clamp(crop.top(), p.region.top(), p.region.bottom() - h));
        p.region = crop;
        p.scale = kBestScale;
    }
    p.title = place.module.empty() ? QStringLiteral("outside every module") : qtext(place.module);
    if (!place.moduleType.empty()) p.title += QStringLiteral(" \u00b7 ") + qtext(place.moduleType);
    const std::size_t n = place.nodes.size();
    p.caption = QStringLiteral("%1 remaining: %2").arg(n).arg(countsText(g, place.nodes));
    if (!place.alike.empty()) {
        QString where;
        for (std::size_t a = 0; a < place.alike.size() && a < 3; ++a) {
            const std::string& m = places[place.alike[a]].module;
            where += (a ? QStringLiteral(", ") : QString()) + (m.empty() ? QStringLiteral("outside modules") : qtext(m));
        }
        if (place.alike.size() > 3) where += QStringLiteral(", \u2026");
        p.caption += QStringLiteral("; %1 more like it: %2").arg(place.alike.size()).arg(where);
    }
    std::set<std::string> ops;
    for (const std::uint32_t i : place.nodes) ops.insert(std::string(g.nodes[i].target));
    p.ops.assign(ops.begin(), ops.end());
    return p;
}

// The nodes an Around request names: a node by name, or every node of an op (its full target,
// its short name, or its name without overload).
std::vector<std::uint32_t> namedNodes(const Graph& g, const std::string& what) {
    std::vector<std::uint32_t> out;
    for (std::uint32_t i = 0; i < g.nodes.size(); ++i)
        if (g.nodes[i].name == what) return {i};
    for (std::uint32_t i = 0; i < g.nodes.size(); ++i) {
        const Node& n = g.nodes[i];
        if (n.op != OpKind::CallFunction && n.op != OpKind::CallMethod) continue;
        const std::string_view s = shortOp(n.target);
        const std::string_view base = s.substr(0, s.find('.'));
        if (n.target == what || s == what || base == what || ("aten." + std::string(base)) == what) out.push_back(i);
    }
    return out;
}

double panelCaptionHeight(const PicturePanel& p, double width) {
    const QFontMetricsF title(titleFont()), caption(captionFont());
    double h = title.height() + 2;
    if (!p.caption.isEmpty()) h += caption.boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap, p.caption).height() + 2;
    return h + 6;
}

// As wide as its drawing and its title need (a module path read whole), within the sheet.
double panelWidth(const PicturePanel& p, int sheetWidth) {
    const double title = QFontMetricsF(titleFont()).horizontalAdvance(p.title) + 4;
    return std::min(std::max({kMinPanelWidth, p.drawnSize().width(), title}) + 2 * kInset, std::max(kMinPanelWidth, sheetWidth - 2 * kPad));
}

struct Placed {
    QRectF frame;    // the panel's frame on the sheet
    QRectF drawing;  // where its drawing goes
    double captionHeight = 0;
};

struct SheetLayout {
    double headingHeight = 0, legendTop = 0, legendHeight = 0, noteTop = 0, height = 0;
    double width = 0;  // what the content needs, at most the width asked for
    std::vector<Placed> panels;
};

SheetLayout layoutSheet(const Picture& pic, int width) {
    SheetLayout s;
    const QFontMetricsF heading(headingFont()), legend(legendFont()), caption(captionFont());
    double y = kPad;
    s.headingHeight = heading.boundingRect(QRectF(0, 0, width - 2 * kPad, 1e6), Qt::TextWordWrap, pic.heading).height();
    y += s.headingHeight + 6;
    s.legendTop = y;
    s.legendHeight = legend.height() + 6;
    y += s.legendHeight + 10;
    double x = kPad, rowHeight = 0;
    const double maxRight = width - kPad;
    for (const PicturePanel& p : pic.panels) {
        const QSizeF drawn = p.drawnSize();
        const double frameWidth = panelWidth(p, width);
        const double captionHeight = panelCaptionHeight(p, frameWidth - 2 * kInset);
        const double frameHeight = captionHeight + drawn.height() + 2 * kInset;
        if (x > kPad && x + frameWidth > maxRight) {
            x = kPad;
            y += rowHeight + kPad;
            rowHeight = 0;
        }
        Placed placed;
        placed.frame = QRectF(x, y, frameWidth, frameHeight);
        placed.captionHeight = captionHeight;
        placed.drawing = QRectF(x + kInset, y + kInset + captionHeight, drawn.width(), drawn.height());
        s.panels.push_back(placed);
        s.width = std::max(s.width, placed.frame.right() + kPad);
        x += frameWidth + kPad;
        rowHeight = std::max(rowHeight, frameHeight);
    }
    y += rowHeight + (pic.panels.empty() ? 0 : kPad);
    s.noteTop = y;
    if (!pic.note.isEmpty()) y += caption.boundingRect(QRectF(0, 0, width - 2 * kPad, 1e6), Qt::TextWordWrap, pic.note).height() + kPad;
    s.height = y;
    // A small picture is not padded to the full width: the heading and legend set the least.
    s.width = std::min<double>(width, std::max({s.width, heading.horizontalAdvance(pic.heading) + 2 * kPad, 900.0}));
    return s;
}

void paintLegendRow(QPainter& p, QPointF at, bool chips) {
    p.setFont(legendFont());
    const QFontMetricsF fm(legendFont());
    double x = at.x();
    const double h = fm.height();
    for (const NodeClass c :
         {NodeClass::Remaining, NodeClass::Converted, NodeClass::DataMovement, NodeClass::Structural, NodeClass::Other}) {
        const NodeStyle s = styleFor(c);
        p.setPen(QPen(s.border, 1));
        p.setBrush(s.fill);
        p.drawRoundedRect(QRectF(x, at.y() + 2, 22, h - 2), 3, 3);
        x += 28;
        p.setPen(QColor(0x30, 0x30, 0x30));
        const QString label = classLabel(c);
        p.drawText(QRectF(x, at.y(), fm.horizontalAdvance(label) + 2, h + 2), Qt::AlignLeft | Qt::AlignVCenter, label);
        x += fm.horizontalAdvance(label) + 18;
    }
    if (chips) {
        const NodeStyle s = styleFor(NodeClass::Structural);
        p.setPen(QPen(s.border, 0.8));
        p.setBrush(s.fill);
        p.drawRoundedRect(QRectF(x, at.y() + 4, 30, h - 6), 3, 3);
        x += 36;
        p.setPen(QColor(0x30, 0x30, 0x30));
        const QString label = QStringLiteral("a weight or constant the node reads (name, shape)");
        p.drawText(QRectF(x, at.y(), fm.horizontalAdvance(label) + 2, h + 2), Qt::AlignLeft | Qt::AlignVCenter, label);
    }
}

void paintPanel(QPainter& p, const PicturePanel& panel, const Placed& at, const std::vector<NodeClass>& classes, bool vector) {
    p.setPen(QPen(QColor(0xcf, 0xd4, 0xdc), 1));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(at.frame, 6, 6);
    const double w = at.frame.width() - 2 * kInset;
    QRectF text(at.frame.left() + kInset, at.frame.top() + kInset - 4, w, QFontMetricsF(titleFont()).height() + 2);
    p.setFont(titleFont());
    p.setPen(QColor(0x1a, 0x1a, 0x1a));
    // A module path keeps its end when cut: "…self_attn.q_proj · Linear".
    p.drawText(text, Qt::AlignLeft | Qt::AlignVCenter, QFontMetricsF(titleFont()).elidedText(panel.title, Qt::ElideLeft, w));
    if (!panel.caption.isEmpty()) {
        p.setFont(captionFont());
        p.setPen(QColor(0x50, 0x50, 0x50));
        p.drawText(QRectF(text.left(), text.bottom() + 2, w, at.captionHeight), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop,
                   panel.caption);
    }
    p.save();
    p.setClipRect(at.drawing.adjusted(-1, -1, 1, 1));
    p.translate(at.drawing.topLeft());
    p.scale(panel.scale, panel.scale);
    p.translate(-panel.region.topLeft());
    // Vector output keeps every label (it is zoomed later); a bitmap drops those too small to read.
    paintGraph(p, *panel.drawing, classes, panel.highlight, panel.region, panel.legible || vector);
    p.restore();
}

// Whether the sheet, laid out as it would be (rows waste what their shorter panels leave), stays
// within the pixels the request allows.
bool withinPixels(const Picture& pic, const PictureRequest& r) {
    const QSize size = sheetSize(pic, r.width);
    return static_cast<std::size_t>(size.width()) * static_cast<std::size_t>(size.height()) <= r.maxPixels;
}

}  // namespace

Picture planPicture(const PictureSubject& subject, const PictureRequest& r) {
    const Graph& g = subject.graph;
    const std::vector<NodeClass>& classes = subject.classes;
    GroupedLayout* gl = subject.grouped;
    Picture pic;
    pic.heading = subject.heading;
    const FoldedWeights folded = r.weights ? FoldedWeights() : FoldedWeights(g);

    if (r.show == PictureRequest::Show::Around) {
        const auto seeds = namedNodes(g, r.around);
        if (seeds.empty()) {
            // Inside fused partitions (nodes the backend took over): say so, and where.
            std::string inside;
            std::size_t count = 0;
            for (const Node& call : g.nodes)
                if (call.subgraph) {
                    const std::size_t n = namedNodes(*call.subgraph, r.around).size();
                    if (n && inside.size() < 80) inside += (inside.empty() ? "" : ", ") + std::string(call.name);
                    count += n;
                }
            if (count)
                throw std::invalid_argument(std::to_string(count) + " nodes of \"" + r.around + "\" are inside fused partitions (" +
                                            inside +
                                            "), which the backend took over; --around pictures nodes outside them (open a partition "
                                            "in the window, or render --expand " +
                                            inside.substr(0, inside.find(',')) + ")");
            throw std::invalid_argument("no node and no op named \"" + r.around + "\" in subgraph \"" + g.name + "\"");
        }
        // The places of those nodes (each alike kind once); a node that is not remaining, alone.
        std::vector<NodeClass> only(classes.size(), NodeClass::Other);
        for (const std::uint32_t i : seeds) only[i] = NodeClass::Remaining;
        const auto places = remainingPlaces(g, only);
        const auto chosen = chooseGallery(places, r.maxPlaces);
        for (const std::size_t k : chosen) {
            PicturePanel p = placePanel(g, places, k, folded, r);
            p.caption.replace(QStringLiteral(" remaining: "), QStringLiteral(" of ") + qtext(r.around) + QStringLiteral(": "));
            pic.panels.push_back(std::move(p));
            if (pic.panels.size() > 1 && !withinPixels(pic, r)) {
                pic.panels.pop_back();
                break;
            }
        }
        const std::size_t shownPlaces = std::count_if(places.begin(), places.end(), [](const Place& p) { return p.shown; });
        if (pic.panels.size() < shownPlaces)
            pic.note = QStringLiteral("%1 more places of %2 not pictured.").arg(shownPlaces - pic.panels.size()).arg(qtext(r.around));
        return pic;
    }

    // Whole, when it fits legibly (or when asked for, at whatever scale fits).
    std::shared_ptr<const GraphDrawing> whole;
    const bool forceWhole = r.show == PictureRequest::Show::Whole;
    if (r.show != PictureRequest::Show::Overview) {
        const std::vector<char> shown = GraphDrawing::shownNodes(g, r.weights);
        if (forceWhole || mightFitWhole(GraphDrawing::layoutInput(g, shown), r)) {
            if (gl) {
                whole = gl->draw(std::vector<char>(gl->groupCount(), 1));
            } else {
                whole = layOut(g, r.weights);
            }
            PicturePanel p = framed(whole, r, PicturePanel::Kind::Whole);
            if (forceWhole || (p.legible && p.drawnSize().height() <= kWholeHeight)) {
                p.title = QStringLiteral("The whole graph");
                p.caption = QStringLiteral("%1 nodes drawn").arg(whole->shownCount());
                if (whole->hiddenCount())
                    p.caption += QStringLiteral(", %1 weights and constants as chips of their users").arg(whole->hiddenCount());
                if (!p.legible) p.caption += QStringLiteral("; too large to read at this width (render --overview, --around OP)");
                p.ops = remainingShown(*whole, g, classes);
                pic.panels.push_back(std::move(p));
                return pic;
            }
        }
    }

    // An overview: the module hierarchy collapsed to the deepest level that fits legibly.
    bool haveOverview = false;
    if (gl) {
        const int deepest = gl->depth();
        PicturePanel best;
        int bestDepth = 0;
        for (int d = 1; d <= deepest; ++d) {
            PicturePanel p = framed(gl->draw(gl->depthState(d)), r, PicturePanel::Kind::Overview);
            if (!p.legible || p.drawnSize().height() > kOverviewHeight) break;
            best = std::move(p);
            bestDepth = d;
        }
        if (bestDepth > 0) {
            best.title = QStringLiteral("Overview: the modules to depth %1").arg(bestDepth);
            best.caption = QStringLiteral(
                "Each closed box is a module (its path, class and nodes) or a fused partition; its red badge counts "
                "the aten ops remaining in it and its red list names them; double-click one in the window to open it.");
            best.ops = remainingShown(*best.drawing, g, classes);
            pic.panels.push_back(std::move(best));
            haveOverview = true;
        }
    }
    if (!haveOverview) {
        // No hierarchy that fits: a map of the whole, small, to see where the places lie.
        if (!whole) whole = gl ? gl->draw(std::vector<char>(gl->groupCount(), 0)) : layOut(g, r.weights);
        PicturePanel p = framed(whole, r, PicturePanel::Kind::Map);
        p.scale = std::min(p.scale, kMapHeight / p.region.height());
        p.legible = p.scale >= kLegibleScale;
        p.title = QStringLiteral("Map of the whole graph");
        p.caption = QStringLiteral("%1 nodes, remaining aten ops in red").arg(whole->shownCount());
        if (!p.legible) p.caption += QStringLiteral(": too many to read at this size; the places below show them");
        if (p.legible) p.ops = remainingShown(*whole, g, classes);
        pic.panels.push_back(std::move(p));
    }
    if (r.show == PictureRequest::Show::Overview) return pic;

    // The gallery: each kind of place once, those bringing op types first.
    const auto places = remainingPlaces(g, classes);
    const auto chosen = chooseGallery(places, r.maxPlaces);
    std::size_t pictured = 0;
    // An op in the overview is not yet named: there it is drawn at the least legible scale.
    std::set<std::string> named;
    for (const std::size_t k : chosen) {
        if (r.newOpsOnly) {
            bool brings = false;
            for (const std::uint32_t i : places[k].nodes) brings = brings || !named.count(std::string(g.nodes[i].target));
            if (!brings) continue;
            for (const std::uint32_t i : places[k].nodes) named.insert(std::string(g.nodes[i].target));
        }
        pic.panels.push_back(placePanel(g, places, k, folded, r));
        if (!withinPixels(pic, r)) {
            pic.panels.pop_back();
            break;
        }
        ++pictured;
    }
    const std::size_t kinds = std::count_if(places.begin(), places.end(), [](const Place& p) { return p.shown; });
    // The note saying what was left out takes room too: places give way to it until it fits.
    while (pictured < kinds && !r.newOpsOnly) {
        pic.note =
            QStringLiteral("%1 more places where ops remain are not pictured here: atenscope render --around OP shows those of one op.")
                .arg(kinds - pictured);
        if (withinPixels(pic, r) || pictured == 0 || pic.panels.size() <= 1) break;
        pic.panels.pop_back();
        --pictured;
    }
    return pic;
}

Picture pictureOf(std::shared_ptr<const GraphDrawing> drawing, const PictureRequest& r, const QString& heading) {
    Picture pic;
    pic.heading = heading;
    PicturePanel p = framed(std::move(drawing), r, PicturePanel::Kind::Whole);
    p.title = QStringLiteral("As asked: %1 nodes drawn").arg(p.drawing->shownCount());
    if (!p.legible) p.caption = QStringLiteral("Too large to read at this width: the default picture shows an overview and the places.");
    pic.panels.push_back(std::move(p));
    return pic;
}

QString pictureHeading(const Model& model, std::size_t subgraph, const std::string& profile, const std::vector<NodeClass>& classes) {
    const Graph& g = model.graphs[subgraph];
    const PartitionIndex parts(g);
    std::set<std::string_view> kinds;
    std::size_t remaining = 0;
    for (std::size_t i = 0; i < classes.size() && i < parts.size(); ++i)
        if (classes[i] == NodeClass::Remaining) {
            ++remaining;
            kinds.insert(parts.node(i).target);
        }
    QString text = qtext(model.name.empty() ? std::string("model") : model.name);
    text += QStringLiteral(" \u00b7 subgraph %1").arg(qtext(g.name.empty() ? std::to_string(subgraph) : g.name));
    if (model.graphs.size() > 1) text += QStringLiteral(" (%1 of %2)").arg(subgraph + 1).arg(model.graphs.size());
    text += QStringLiteral(" \u00b7 profile %1 \u00b7 %2 remaining aten op%3 (%4 kind%5)")
                .arg(qtext(profile))
                .arg(remaining)
                .arg(remaining == 1 ? "" : "s")
                .arg(kinds.size())
                .arg(kinds.size() == 1 ? "" : "s");
    return text;
}

QSize sheetSize(const Picture& picture, int width) {
    const SheetLayout s = layoutSheet(picture, width);
    return {static_cast<int>(std::ceil(s.width)), static_cast<int>(std::ceil(s.height))};
}

void paintSheet(QPainter& p, const Picture& picture, const std::vector<NodeClass>& classes, int width, bool vector) {
    const SheetLayout s = layoutSheet(picture, width);
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.fillRect(QRectF(0, 0, s.width, s.height), Qt::white);
    p.setFont(headingFont());
    p.setPen(QColor(0x10, 0x10, 0x10));
    p.drawText(QRectF(kPad, kPad, s.width - 2 * kPad, s.headingHeight), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, picture.heading);
    bool chips = false;
    for (const PicturePanel& panel : picture.panels)
        for (std::size_t i = 0; i < panel.drawing->size() && !chips; ++i) chips = !panel.drawing->chips(i).isEmpty();
    paintLegendRow(p, QPointF(kPad, s.legendTop), chips);
    for (std::size_t k = 0; k < picture.panels.size(); ++k) paintPanel(p, picture.panels[k], s.panels[k], classes, vector);
    if (!picture.note.isEmpty()) {
        p.setFont(captionFont());
        p.setPen(QColor(0x50, 0x50, 0x50));
        p.drawText(QRectF(kPad, s.noteTop, s.width - 2 * kPad, s.height - s.noteTop), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop,
                   picture.note);
    }
    p.restore();
}

QImage renderSheet(const Picture& picture, const std::vector<NodeClass>& classes, int width) {
    QImage image(sheetSize(picture, width), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    paintSheet(p, picture, classes, width);
    p.end();
    return image;
}

bool writeSheetSvg(const QString& path, const Picture& picture, const std::vector<NodeClass>& classes, int width, QString* error) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    const QSize size = sheetSize(picture, width);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(picture.heading);
    QPainter p(&svg);
    paintSheet(p, picture, classes, width, true);
    p.end();
    return writeBytes(path, bytes, error);
}

QImage renderPanel(const PicturePanel& panel, const std::vector<NodeClass>& classes) {
    Picture one;
    one.panels.push_back(panel);
    const QSizeF drawn = panel.drawnSize();
    const double frameWidth = panelWidth(panel, static_cast<int>(drawn.width() + 2 * kPad + 2 * kInset + 600));
    const double captionHeight = panelCaptionHeight(panel, frameWidth - 2 * kInset);
    const QSize size(static_cast<int>(std::ceil(frameWidth + 2)),
                     static_cast<int>(std::ceil(captionHeight + drawn.height() + 2 * kInset + 2)));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    Placed at;
    at.frame = QRectF(1, 1, frameWidth, captionHeight + drawn.height() + 2 * kInset);
    at.captionHeight = captionHeight;
    at.drawing = QRectF(1 + kInset, 1 + kInset + captionHeight, drawn.width(), drawn.height());
    paintPanel(p, panel, at, classes, false);
    p.end();
    return image;
}

}  // namespace atenscope
