// SPDX-License-Identifier: MIT
#pragma once
// The compiled graph: zoom (wheel, keys, fit), pan (drag), click to select.
// Paints only what is visible, at a level of detail set by the zoom.
#include "render/GraphPainter.h"

#include <QAbstractScrollArea>

#include <QPointer>
#include <optional>
#include <tuple>

#include <functional>

#include <memory>

namespace atenscope::gui {

class GraphView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit GraphView(QWidget* parent = nullptr);

    void setDrawing(std::shared_ptr<const GraphDrawing> drawing, std::vector<NodeClass> classes);
    void setClasses(std::vector<NodeClass> classes);
    // The same graph drawn again (groups expanded or collapsed): the zoom and the highlight
    // stay, and the group `anchorModule` stays where it is on screen.
    void replaceDrawing(std::shared_ptr<const GraphDrawing> drawing, int anchorModule = -1);
    // Selects a module group (its module index; -1: none) and shows it.
    void selectGroup(int module);
    void centerOnGroup(int module);
    const std::vector<GroupCounts>& groupCounts() const { return counts_; }
    // What the view says when it has no drawing (empty: how to open a file).
    void setEmptyMessage(const QString& text);
    QString emptyMessage() const;
    void setHighlight(const Highlight& h);
    const Highlight& highlight() const { return highlight_; }
    const GraphDrawing* drawing() const { return drawing_.get(); }
    const std::vector<NodeClass>& classes() const { return classes_; }
    NodeClass classOf(int node) const {
        return node >= 0 && static_cast<std::size_t>(node) < classes_.size() ? classes_[static_cast<std::size_t>(node)] : NodeClass::Other;
    }

    // The text shown when the pointer rests on a node (rich text); none without a provider.
    void setToolTipProvider(std::function<QString(int node)> provider) { toolTips_ = std::move(provider); }
    QString toolTipAt(const QPoint& viewportPoint) const;

    double zoom() const { return zoom_; }
    void setZoom(double zoom, const QPointF& anchorViewport = QPointF(-1, -1));
    void zoomIn() { setZoom(zoom_ * 1.25); }
    void zoomOut() { setZoom(zoom_ / 1.25); }
    // Key 0: the whole graph when its labels stay readable there (kLegibleScale). Else, when the
    // graph has module groups (setFoldsToFit), asks for the overview that fits (foldToFit: the
    // window collapses the modules to the depth that reads, then calls fitLegibly); without
    // groups, fitLegibly. A second press from there: the whole graph however small.
    void fitToView();
    // The whole graph when it reads; else its top at the least readable zoom, saying so.
    void fitLegibly();
    void setFoldsToFit(bool on) { foldsToFit_ = on; }
    void startView();  // a readable zoom at the top, the width fitted when that reads (a newly shown graph)
    void centerOn(int node);
    QRectF visibleSceneRect() const;
    void centerOnScene(const QPointF& p);
    QPointF mapToScene(const QPoint& viewportPoint) const;

    // Renders the visible part (what the user sees) or the whole graph to an image size.
    QImage renderView() const;

signals:
    void nodeClicked(int node);
    // A click on a group's box or title band (its module index).
    void groupClicked(int module);
    // Double-click on a group, or Space / Return with it selected: expand or collapse it.
    void groupActivated(int module);
    void viewChanged();
    // Something the status bar should say ("labels would be unreadable: press 0 again ...").
    void note(const QString& text);
    // Fit wants the modules collapsed so that the drawing fits `room` (scene units) legibly.
    void foldToFit(QSizeF room);

protected:
    void paintEvent(QPaintEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseDoubleClickEvent(QMouseEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;
    void scrollContentsBy(int dx, int dy) override;
    bool viewportEvent(QEvent* e) override;

private:
    QString emptyMessage_;
    void updateScrollBars();
    void noteFirstFrame();
    QPointF origin() const;  // scene point at the viewport's top-left
    double fitZoom() const;  // the zoom that shows the whole graph

    std::shared_ptr<const GraphDrawing> drawing_;
    std::vector<NodeClass> classes_;
    std::vector<GroupCounts> counts_;
    Highlight highlight_;
    std::function<QString(int)> toolTips_;
    double zoom_ = 1.0;
    // Where the last Fit stopped at a readable zoom: a second Fit from there fits the whole.
    std::optional<std::tuple<double, int, int>> legibleFit_;
    bool foldsToFit_ = false;
    QPoint dragStart_;
    QPoint dragScroll_;
    bool dragging_ = false;
    bool moved_ = false;
};

// The bird's-eye view: the whole graph scaled down, the main view's rectangle on it;
// click or drag to move the main view.
class OverviewWidget : public QWidget {
    Q_OBJECT
public:
    explicit OverviewWidget(GraphView* view, QWidget* parent = nullptr);
    void invalidate();

protected:
    void paintEvent(QPaintEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;

private:
    QTransform sceneToWidget() const;
    QPointer<GraphView> view_;
    QPixmap cache_;
};

}  // namespace atenscope::gui
