// SPDX-License-Identifier: MIT
#include "gui/GraphView.h"

#include "analysis/ViewChoice.h"

#include "render/QtText.h"

#include <QHelpEvent>
#include <QToolTip>

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include <unistd.h>

namespace atenscope::gui {

namespace {
constexpr double kMinZoom = 0.002;
constexpr double kMaxZoom = 4.0;
constexpr double kMargin = 40;
}  // namespace

GraphView::GraphView(QWidget* parent) : QAbstractScrollArea(parent) {
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    viewport()->setMouseTracking(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
}

void GraphView::setDrawing(std::shared_ptr<const GraphDrawing> drawing, std::vector<NodeClass> classes) {
    drawing_ = std::move(drawing);
    classes_ = std::move(classes);
    counts_ = drawing_ ? drawing_->groupCounts(classes_) : std::vector<GroupCounts>{};
    highlight_ = {};
    startView();
    viewport()->update();
    emit viewChanged();
}

void GraphView::replaceDrawing(std::shared_ptr<const GraphDrawing> drawing, int anchorModule) {
    QPointF before(-1, -1);
    if (drawing_ && anchorModule >= 0)
        if (const int k = drawing_->drawnGroup(anchorModule); k >= 0)
            before = drawing_->groups()[static_cast<std::size_t>(k)].box.topLeft();
    const QPointF screen = (before - origin()) * zoom_;
    drawing_ = std::move(drawing);
    counts_ = drawing_ ? drawing_->groupCounts(classes_) : std::vector<GroupCounts>{};
    updateScrollBars();
    if (drawing_ && before.x() >= 0)
        if (const int k = drawing_->drawnGroup(anchorModule); k >= 0) {
            // The same top-left corner under the same screen point.
            const QPointF after = drawing_->groups()[static_cast<std::size_t>(k)].box.topLeft();
            const QRectF b = drawing_->bounds().adjusted(-kMargin, -kMargin, kMargin, kMargin);
            horizontalScrollBar()->setValue(static_cast<int>(std::lround((after.x() - b.left()) * zoom_ - screen.x())));
            verticalScrollBar()->setValue(static_cast<int>(std::lround((after.y() - b.top()) * zoom_ - screen.y())));
        }
    viewport()->update();
    emit viewChanged();
}

void GraphView::selectGroup(int module) {
    highlight_.group = module;
    viewport()->update();
    emit viewChanged();
}

void GraphView::centerOnGroup(int module) {
    if (!drawing_) return;
    const int k = drawing_->drawnGroup(module);
    if (k < 0) return;
    const QRectF box = drawing_->groups()[static_cast<std::size_t>(k)].box;
    // The box's top, or all of it when it fits.
    const QRectF visible = visibleSceneRect();
    centerOnScene(box.height() <= visible.height() ? box.center() : QPointF(box.center().x(), box.top() + visible.height() / 2 - 20));
}

void GraphView::setClasses(std::vector<NodeClass> classes) {
    classes_ = std::move(classes);
    counts_ = drawing_ ? drawing_->groupCounts(classes_) : std::vector<GroupCounts>{};
    viewport()->update();
    emit viewChanged();
}

void GraphView::setHighlight(const Highlight& h) {
    const int group = highlight_.group;  // a group selection is the view's own
    highlight_ = h;
    if (h.group < 0) highlight_.group = group;
    viewport()->update();
    emit viewChanged();
}

QPointF GraphView::origin() const {
    if (!drawing_) return {};
    const QRectF b = drawing_->bounds().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    // When the graph is smaller than the viewport, centre it.
    const double w = b.width() * zoom_, h = b.height() * zoom_;
    const double ox =
        w < viewport()->width() ? b.left() - (viewport()->width() - w) / 2 / zoom_ : b.left() + horizontalScrollBar()->value() / zoom_;
    const double oy =
        h < viewport()->height() ? b.top() - (viewport()->height() - h) / 2 / zoom_ : b.top() + verticalScrollBar()->value() / zoom_;
    return {ox, oy};
}

QPointF GraphView::mapToScene(const QPoint& p) const {
    return origin() + QPointF(p) / zoom_;
}

QRectF GraphView::visibleSceneRect() const {
    return QRectF(origin(), QSizeF(viewport()->width() / zoom_, viewport()->height() / zoom_));
}

void GraphView::updateScrollBars() {
    if (!drawing_) {
        horizontalScrollBar()->setRange(0, 0);
        verticalScrollBar()->setRange(0, 0);
        return;
    }
    const QRectF b = drawing_->bounds().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    const int w = static_cast<int>(std::ceil(b.width() * zoom_));
    const int h = static_cast<int>(std::ceil(b.height() * zoom_));
    horizontalScrollBar()->setRange(0, std::max(0, w - viewport()->width()));
    verticalScrollBar()->setRange(0, std::max(0, h - viewport()->height()));
    horizontalScrollBar()->setPageStep(viewport()->width());
    verticalScrollBar()->setPageStep(viewport()->height());
    horizontalScrollBar()->setSingleStep(40);
    verticalScrollBar()->setSingleStep(40);
}

void GraphView::setZoom(double zoom, const QPointF& anchor) {
    if (!drawing_) return;
    const QPointF a = anchor.x() < 0 ? QPointF(viewport()->width() / 2.0, viewport()->height() / 2.0) : anchor;
    const QPointF sceneAnchor = origin() + a / zoom_;
    zoom_ = std::clamp(zoom, std::min(kMinZoom, fitZoom()), kMaxZoom);
    updateScrollBars();
    const QRectF b = drawing_->bounds().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    horizontalScrollBar()->setValue(static_cast<int>(std::lround((sceneAnchor.x() - b.left()) * zoom_ - a.x())));
    verticalScrollBar()->setValue(static_cast<int>(std::lround((sceneAnchor.y() - b.top()) * zoom_ - a.y())));
    viewport()->update();
    emit viewChanged();
}

double GraphView::fitZoom() const {
    if (!drawing_) return 1.0;
    const QRectF b = drawing_->bounds().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    return std::min({1.0, viewport()->width() / b.width(), viewport()->height() / b.height()});
}

void GraphView::startView() {
    if (!drawing_) return;
    const QRectF b = drawing_->bounds().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    // Fit the width and start at the top (graphs are tall); a graph too wide for that to be
    // read starts at the least readable zoom, at the middle of its top.
    const double z = std::max(std::min(1.0, viewport()->width() / b.width()), kLegibleScale);
    zoom_ = std::clamp(z, std::min(kMinZoom, fitZoom()), 1.0);
    updateScrollBars();
    horizontalScrollBar()->setValue((horizontalScrollBar()->maximum() + horizontalScrollBar()->minimum()) / 2);
    verticalScrollBar()->setValue(0);
    viewport()->update();
    emit viewChanged();
}

void GraphView::fitToView() {
    if (!drawing_) return;
    const auto here = std::make_tuple(zoom_, horizontalScrollBar()->value(), verticalScrollBar()->value());
    if (foldsToFit_ && fitZoom() < kLegibleScale && legibleFit_ != here) {
        // The room the drawing has at the least readable zoom, less the margins.
        emit foldToFit(QSizeF(viewport()->width() / kLegibleScale - 2 * kMargin, viewport()->height() / kLegibleScale - 2 * kMargin));
        return;
    }
    fitLegibly();
}

void GraphView::fitLegibly() {
    if (!drawing_) return;
    const QRectF b = drawing_->bounds().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    const double fit = fitZoom();
    const auto here = std::make_tuple(zoom_, horizontalScrollBar()->value(), verticalScrollBar()->value());
    if (fit < kLegibleScale && legibleFit_ != here) {
        // Whole, the labels would be specks: where the graph starts (its topmost node, at the top
        // of the view) at the least readable zoom.
        zoom_ = std::max(kLegibleScale, fit);
        updateScrollBars();
        QRectF top;
        for (std::size_t i = 0; i < drawing_->size(); ++i)
            if (drawing_->shown(i) && (top.isNull() || drawing_->box(i).top() < top.top())) top = drawing_->box(i);
        const QPointF at = top.isNull() ? b.center() : top.center();
        centerOnScene(QPointF(at.x(), at.y() - top.height() / 2 - kMargin + viewport()->height() / 2.0 / zoom_));
        legibleFit_ = std::make_tuple(zoom_, horizontalScrollBar()->value(), verticalScrollBar()->value());
        emit note(tr("Whole, this graph's labels would be %1 px high: shown from its top at %2 %. Press 0 again for all of it; "
                     "collapse groups (Ctrl+Shift+E) for an overview.")
                      .arg(QString::number(12 * fit, 'f', 1))
                      .arg(std::lround(zoom_ * 100)));
        return;
    }
    // The whole graph, however tall: below the usual least zoom if it must.
    legibleFit_.reset();
    zoom_ = fit;
    updateScrollBars();
    centerOnScene(b.center());
}

QString GraphView::toolTipAt(const QPoint& viewportPoint) const {
    if (!drawing_) return {};
    const QPointF at = mapToScene(viewportPoint);
    if (const int node = drawing_->nodeAt(at); node >= 0) return toolTips_ ? toolTips_(node) : QString();
    // A group's box or title band: all of what the box says, unelided.
    const int k = drawing_->groupAt(at);
    if (k < 0 || !drawing_->moduleTree()) return {};
    const DrawnGroup& g = drawing_->groups()[static_cast<std::size_t>(k)];
    const ModuleNode& m = drawing_->moduleTree()->modules[static_cast<std::size_t>(g.module)];
    const GroupCounts c = static_cast<std::size_t>(g.module) < counts_.size() ? counts_[static_cast<std::size_t>(g.module)] : GroupCounts{};
    QString text = QStringLiteral("<b>%1</b>").arg(qtext(m.path).toHtmlEscaped());
    if (!m.type.empty()) text += QStringLiteral(" &nbsp;<i>%1</i>").arg(qtext(m.type).toHtmlEscaped());
    text +=
        tr("<br>%1 nodes: %2 remaining, %3 converted, %4 data movement").arg(c.nodes).arg(c.remaining).arg(c.converted).arg(c.dataMovement);
    if (!m.holds.empty()) text += tr("<br>holds %1").arg(qtext(m.holds).toHtmlEscaped());
    text += g.expanded ? tr("<br><i>double-click the title to close</i>") : tr("<br><i>double-click to open</i>");
    return QStringLiteral("<qt>%1</qt>").arg(text);
}

bool GraphView::viewportEvent(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(e);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(e);
}

void GraphView::centerOnScene(const QPointF& p) {
    if (!drawing_) return;
    const QRectF b = drawing_->bounds().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    horizontalScrollBar()->setValue(static_cast<int>(std::lround((p.x() - b.left()) * zoom_ - viewport()->width() / 2.0)));
    verticalScrollBar()->setValue(static_cast<int>(std::lround((p.y() - b.top()) * zoom_ - viewport()->height() / 2.0)));
    viewport()->update();
    emit viewChanged();
}

void GraphView::centerOn(int node) {
    if (!drawing_ || node < 0 || static_cast<std::size_t>(node) >= drawing_->size()) return;
    if (!drawing_->shown(static_cast<std::size_t>(node))) return;  // a hidden weight: nowhere to go
    if (zoom_ < 0.35) {
        zoom_ = 0.8;  // close enough to read labels
        updateScrollBars();
    }
    centerOnScene(drawing_->box(static_cast<std::size_t>(node)).center());
}

void GraphView::setEmptyMessage(const QString& text) {
    emptyMessage_ = text;
    viewport()->update();
}

QString GraphView::emptyMessage() const {
    return emptyMessage_.isEmpty() ? tr("Open a graph dump, a .pt2 archive or a metrics folder (File > Open, or drop it here)")
                                   : emptyMessage_;
}

void GraphView::paintEvent(QPaintEvent*) {
    QPainter p(viewport());
    if (!drawing_) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(viewport()->rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, emptyMessage());
        return;
    }
    p.scale(zoom_, zoom_);
    p.translate(-origin());
    paintGraph(p, *drawing_, classes_, highlight_, visibleSceneRect(), false, &counts_);
    noteFirstFrame();
}

namespace {
// Milliseconds since the process started (from /proc: its start in clock ticks since boot).
double sinceProcessStart() {
    std::ifstream stat("/proc/self/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');  // the command name may hold spaces
    if (close == std::string::npos) return -1;
    std::istringstream rest(text.substr(close + 2));
    std::string field;
    for (int k = 3; k < 22 && rest >> field;) ++k;  // fields 3 to 21
    unsigned long long startTicks = 0;
    if (!(rest >> startTicks)) return -1;
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    return (static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9) * 1000.0 -
           static_cast<double>(startTicks) * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}
}  // namespace

void GraphView::noteFirstFrame() {
    // ATENSCOPE_FIRST_FRAME=1: the benchmarks' "window open to first frame" (docs/benchmarks.md).
    static const bool wanted = qEnvironmentVariableIsSet("ATENSCOPE_FIRST_FRAME");
    static bool noted = false;
    if (!wanted || noted) return;
    noted = true;
    std::fprintf(stderr, "atenscope: first frame of the graph %.0f ms after the process started\n", sinceProcessStart());
}

QImage GraphView::renderView() const {
    QImage image(viewport()->size() * devicePixelRatioF(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(devicePixelRatioF());
    image.fill(Qt::white);
    if (drawing_) {
        QPainter p(&image);
        p.scale(zoom_, zoom_);
        p.translate(-origin());
        paintGraph(p, *drawing_, classes_, highlight_, visibleSceneRect(), false, &counts_);
    }
    return image;
}

void GraphView::resizeEvent(QResizeEvent* e) {
    QAbstractScrollArea::resizeEvent(e);
    updateScrollBars();
    emit viewChanged();
}

void GraphView::scrollContentsBy(int, int) {
    viewport()->update();
    emit viewChanged();
}

void GraphView::wheelEvent(QWheelEvent* e) {
    if (e->modifiers() & Qt::ShiftModifier) {
        QAbstractScrollArea::wheelEvent(e);  // scroll
        return;
    }
    const double steps = e->angleDelta().y() / 120.0;
    setZoom(zoom_ * std::pow(1.2, steps), e->position());
    e->accept();
}

void GraphView::mousePressEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton) return;
    dragging_ = true;
    moved_ = false;
    dragStart_ = e->pos();
    dragScroll_ = QPoint(horizontalScrollBar()->value(), verticalScrollBar()->value());
    viewport()->setCursor(Qt::ClosedHandCursor);
}

void GraphView::mouseMoveEvent(QMouseEvent* e) {
    if (!dragging_) return;
    const QPoint d = e->pos() - dragStart_;
    if (d.manhattanLength() > 3) moved_ = true;
    horizontalScrollBar()->setValue(dragScroll_.x() - d.x());
    verticalScrollBar()->setValue(dragScroll_.y() - d.y());
}

void GraphView::mouseReleaseEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton) return;
    dragging_ = false;
    viewport()->unsetCursor();
    if (moved_ || !drawing_) return;
    const QPointF at = mapToScene(e->pos());
    const int node = drawing_->nodeAt(at);
    const int group = node < 0 ? drawing_->groupAt(at) : -1;
    if (group >= 0) {
        const int module = drawing_->groups()[static_cast<std::size_t>(group)].module;
        selectGroup(module);
        emit groupClicked(module);
        return;
    }
    if (highlight_.group >= 0) selectGroup(-1);
    emit nodeClicked(node);
}

void GraphView::mouseDoubleClickEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton || !drawing_) return;
    const QPointF at = mapToScene(e->pos());
    if (drawing_->nodeAt(at) >= 0) return;
    const int group = drawing_->groupAt(at);
    if (group >= 0) emit groupActivated(drawing_->groups()[static_cast<std::size_t>(group)].module);
}

void GraphView::keyPressEvent(QKeyEvent* e) {
    switch (e->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoomIn();
            return;
        case Qt::Key_Minus:
            zoomOut();
            return;
        case Qt::Key_0:
            fitToView();
            return;
        case Qt::Key_Space:
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (highlight_.group >= 0) {
                emit groupActivated(highlight_.group);
                return;
            }
            QAbstractScrollArea::keyPressEvent(e);
            return;
        default:
            QAbstractScrollArea::keyPressEvent(e);
    }
}

OverviewWidget::OverviewWidget(GraphView* view, QWidget* parent) : QWidget(parent), view_(view) {
    setMinimumSize(160, 120);
    connect(view, &GraphView::viewChanged, this, qOverload<>(&QWidget::update));
}

void OverviewWidget::invalidate() {
    cache_ = QPixmap();
    update();
}

QTransform OverviewWidget::sceneToWidget() const {
    if (!view_ || !view_->drawing()) return {};
    const QRectF b = view_->drawing()->bounds();
    const double s = std::min((width() - 8) / b.width(), (height() - 8) / b.height());
    QTransform t;
    t.translate((width() - b.width() * s) / 2, (height() - b.height() * s) / 2);
    t.scale(s, s);
    t.translate(-b.left(), -b.top());
    return t;
}

void OverviewWidget::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    if (!view_ || !view_->drawing()) return;
    if (cache_.size() != size() * devicePixelRatioF()) {
        cache_ = QPixmap(size() * devicePixelRatioF());
        cache_.setDevicePixelRatio(devicePixelRatioF());
        cache_.fill(Qt::transparent);
        QPainter c(&cache_);
        c.setTransform(sceneToWidget());
        paintGraph(c, *view_->drawing(), view_->classes(), view_->highlight(), view_->drawing()->bounds(), false, &view_->groupCounts());
    }
    p.drawPixmap(0, 0, cache_);
    const QRectF r = sceneToWidget().mapRect(view_->visibleSceneRect());
    p.setPen(QPen(QColor(0x15, 0x65, 0xc0), 1.5));
    p.setBrush(QColor(0x15, 0x65, 0xc0, 40));
    p.drawRect(r.adjusted(0, 0, -1, -1));
}

void OverviewWidget::mousePressEvent(QMouseEvent* e) {
    if (view_) view_->centerOnScene(sceneToWidget().inverted().map(e->position()));
}

void OverviewWidget::mouseMoveEvent(QMouseEvent* e) {
    if ((e->buttons() & Qt::LeftButton) && view_) view_->centerOnScene(sceneToWidget().inverted().map(e->position()));
}

void OverviewWidget::resizeEvent(QResizeEvent*) {
    cache_ = QPixmap();
}

}  // namespace atenscope::gui
