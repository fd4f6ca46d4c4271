// SPDX-License-Identifier: MIT
#include "gui/GraphPane.h"

#include "gui/NodeText.h"

#include "render/QtText.h"

#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

namespace atenscope::gui {

GraphPane::GraphPane(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    summary_ = new QLabel(tr("No graph loaded"), this);
    summary_->setObjectName(QStringLiteral("summary"));
    summary_->setTextFormat(Qt::RichText);
    summary_->setWordWrap(true);
    summary_->setContentsMargins(10, 6, 10, 6);
    summary_->setStyleSheet(QStringLiteral("QLabel { background: #fafafa; border-bottom: 1px solid #e0e0e0; }"));
    legend_ = new QLabel(legendHtml(), this);
    legend_->setObjectName(QStringLiteral("legendStrip"));
    legend_->setTextFormat(Qt::RichText);
    legend_->setContentsMargins(10, 3, 10, 3);
    // Its width never widens the window (a baseline adds its NEW mark to it): a narrow window
    // shows its start.
    legend_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    legend_->setStyleSheet(QStringLiteral("QLabel { background: #ffffff; border-bottom: 1px solid #eeeeee; font-size: 8.5pt; }"));
    legend_->setVisible(QSettings().value(QStringLiteral("legend"), true).toBool());
    view_ = new GraphView(this);
    layout->addWidget(summary_);
    layout->addWidget(legend_);
    layout->addWidget(view_, 1);
    connect(view_, &GraphView::groupActivated, this, &GraphPane::toggleGroup);
    connect(view_, &GraphView::groupClicked, this, &GraphPane::describeGroup);
    connect(view_, &GraphView::note, this, [this](const QString& text) { emit note(text, 8000); });
    connect(view_, &GraphView::foldToFit, this, [this](QSizeF room) {
        if (grouped()) {
            fold({}, -1, -1, room);
        } else {
            view_->fitLegibly();
        }
    });
    connect(&folder_, &GroupFolder::drawn, this, &GraphPane::onFolded);
}

void GraphPane::setLegendShown(bool on) {
    legend_->setVisible(on);
    QSettings().setValue(QStringLiteral("legend"), on);
}

bool GraphPane::legendShown() const {
    return !legend_->isHidden();
}

void GraphPane::showGraph(std::shared_ptr<Session> session, int model, int graph, std::vector<NodeClass> classes) {
    session_ = std::move(session);
    model_ = model;
    graph_ = graph;
    view_->setEmptyMessage({});
    view_->setDrawing(session_->models[static_cast<std::size_t>(model)].drawings[static_cast<std::size_t>(graph)], std::move(classes));
    view_->setFoldsToFit(grouped() != nullptr);
}

void GraphPane::showNothing(const QString& why) {
    graph_ = -1;
    view_->setDrawing(nullptr, {});
    view_->setEmptyMessage(why);
}

GroupedLayout* GraphPane::grouped() const {
    if (!session_ || graph_ < 0) return nullptr;
    const auto& lm = session_->models[static_cast<std::size_t>(model_)];
    return static_cast<std::size_t>(graph_) < lm.grouped.size() ? lm.grouped[static_cast<std::size_t>(graph_)].get() : nullptr;
}

void GraphPane::describeGroup(int module) {
    const GroupedLayout* g = grouped();
    if (!g || module < 0 || static_cast<std::size_t>(module) >= g->tree().modules.size()) return;
    const ModuleNode& m = g->tree().modules[static_cast<std::size_t>(module)];
    const auto& c = view_->groupCounts();
    const GroupCounts n = static_cast<std::size_t>(module) < c.size() ? c[static_cast<std::size_t>(module)] : GroupCounts{};
    const bool open = static_cast<std::size_t>(module) < g->current.size() && g->current[static_cast<std::size_t>(module)];
    emit note(tr("%1 (%2): %3 nodes, %4 remaining, %5 converted, %6 data movement. Double-click or Space: %7")
                  .arg(qtext(m.path), qtext(m.type))
                  .arg(n.nodes)
                  .arg(n.remaining)
                  .arg(n.converted)
                  .arg(n.dataMovement)
                  .arg(open ? tr("collapse") : tr("expand")),
              8000);
}

bool GraphPane::revealNode(int node) {
    GroupedLayout* g = grouped();
    if (!g || node < 0) return false;
    std::vector<char> state = g->current;
    if (!g->reveal(state, static_cast<std::size_t>(node))) return false;
    fold(std::move(state), -1, node);
    return true;
}

void GraphPane::fold(std::vector<char> state, int anchorModule, int revealNode, QSizeF fitRoom) {
    FoldRequest r;
    r.model = model_;
    r.graph = graph_;
    r.state = std::move(state);
    r.anchorModule = anchorModule;
    r.revealNode = revealNode;
    r.fitRoom = fitRoom;
    folder_.start(session_->models[static_cast<std::size_t>(model_)].grouped[static_cast<std::size_t>(graph_)], std::move(r));
    emit note(tr("Laying out..."), 0);
}

void GraphPane::onFolded(std::shared_ptr<const GraphDrawing> drawing, const FoldRequest& r) {
    if (!session_ || r.model != model_ || r.graph != graph_) return;  // another graph since
    auto& lm = session_->models[static_cast<std::size_t>(model_)];
    lm.grouped[static_cast<std::size_t>(r.graph)]->current = r.state;
    lm.drawings[static_cast<std::size_t>(r.graph)] = drawing;
    view_->replaceDrawing(drawing, r.anchorModule);
    emit redrawn();
    const auto& groups = drawing->groups();
    emit note(tr("%1 groups shown, %2 expanded")
                  .arg(groups.size())
                  .arg(std::count_if(groups.begin(), groups.end(), [](const DrawnGroup& g) { return g.expanded; })),
              4000);
    if (!r.fitRoom.isEmpty()) {
        const QSizeF size = drawing->bounds().size();
        if (size.width() <= r.fitRoom.width() && size.height() <= r.fitRoom.height())
            emit note(tr("Fit: the modules to depth %1, so that every label reads. Double-click a box to open it, Ctrl+Alt+E expands all.")
                          .arg(r.depth),
                      8000);
        view_->fitLegibly();  // says so when even the outermost modules do not fit
    } else if (r.revealNode >= 0) {
        view_->centerOn(r.revealNode);
    } else if (r.anchorModule < 0) {
        view_->startView();
    }
}

void GraphPane::toggleGroup(int module) {
    GroupedLayout* g = grouped();
    if (!g || module <= 0 || module >= static_cast<int>(g->groupCount())) return;
    std::vector<char> state = g->current;
    state.resize(g->groupCount(), 0);
    state[static_cast<std::size_t>(module)] = !state[static_cast<std::size_t>(module)];
    fold(std::move(state), module);
}

void GraphPane::expandRemainingGroups() {
    GroupedLayout* g = grouped();
    if (!g) return;
    const auto& counts = view_->groupCounts();
    std::vector<char> want(g->groupCount(), 0);
    for (std::size_t m = 0; m < want.size() && m < counts.size(); ++m) want[m] = counts[m].remaining > 0;
    fold(g->expandedWhere(want), -1);
}

void GraphPane::collapseAllGroups() {
    if (GroupedLayout* g = grouped()) fold(std::vector<char>(g->groupCount(), 0), -1);
}

void GraphPane::expandAllGroups() {
    if (GroupedLayout* g = grouped()) fold(std::vector<char>(g->groupCount(), 1), -1);
}

}  // namespace atenscope::gui
