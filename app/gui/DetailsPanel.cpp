// SPDX-License-Identifier: MIT
#include "gui/DetailsPanel.h"

#include "gui/NodeText.h"

#include <QUrl>

namespace atenscope::gui {

DetailsPanel::DetailsPanel(QWidget* parent) : QTextBrowser(parent) {
    setObjectName(QStringLiteral("details"));
    setOpenLinks(false);
    setMinimumWidth(380);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        bool ok = false;
        const int node = url.path().toInt(&ok);
        if (url.scheme() == QLatin1String("source")) emit sourceAsked();
        if (url.scheme() == QLatin1String("node") && ok) emit nodeChosen(node);
    });
}

void DetailsPanel::showNode(const Graph& graph, int index, NodeClass cls, const SchemaSource* schemas) {
    setHtml(shownNodeDetailsHtml(graph, static_cast<std::size_t>(index), cls, schemas));
}

void DetailsPanel::showOp(const Summary& summary, const QString& op) {
    setHtml(opDetailsHtml(summary, op.toStdString()));
}

}  // namespace atenscope::gui
