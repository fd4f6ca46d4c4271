// SPDX-License-Identifier: MIT
#include "gui/ChooserBar.h"

#include "render/QtText.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>

namespace atenscope::gui {

ChooserBar::ChooserBar(QWidget* parent) : QToolBar(tr("Main"), parent) {
    setObjectName(QStringLiteral("mainToolbar"));
    auto combo = [this](const QString& label, const char* name) {
        addWidget(new QLabel(label, this));
        auto* box = new QComboBox(this);
        box->setObjectName(QLatin1String(name));
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        addWidget(box);
        return box;
    };
    models_ = combo(tr(" Model "), "modelBox");
    graphs_ = combo(tr("  Subgraph "), "graphBox");
    profiles_ = combo(tr("  Profile "), "profileBox");
    profiles_->addItem(tr("automatic"), QStringLiteral(":auto"));
    profiles_->setItemData(0,
                           tr("Chosen per model from its graphs: TT-NN nodes: ttnn; fused partitions: partitioned; original graphs only: "
                              "a ttnn prediction; else generic"),
                           Qt::ToolTipRole);
    for (const auto& n : profileNames()) profiles_->addItem(qtext(n));
    profiles_->addItem(tr("ttnn (predict)"), QStringLiteral("ttnn:predict"));
    profiles_->addItem(tr("Profile file..."), QStringLiteral(":file"));
    profiles_->setCurrentIndex(0);
    addSeparator();
    connect(models_, qOverload<int>(&QComboBox::activated), this, &ChooserBar::modelChosen);
    connect(graphs_, qOverload<int>(&QComboBox::activated), this, &ChooserBar::subgraphChosen);
    connect(profiles_, qOverload<int>(&QComboBox::activated), this, [this](int i) {
        const QString choice = profiles_->itemData(i).toString();
        if (choice == QLatin1String(":file")) {
            const QString file = QFileDialog::getOpenFileName(this, tr("Profile"), {}, tr("Profiles (*.json)"));
            if (!file.isEmpty()) emit profileChosen(file);
            return;
        }
        emit profileChosen(choice.isEmpty() ? profiles_->itemText(i) : choice);
    });
    search_ = new QLineEdit(this);
    search_->setObjectName(QStringLiteral("search"));
    search_->setPlaceholderText(tr("Find nodes: name, op or shape (regex)  Ctrl+F"));
    search_->setClearButtonEnabled(true);
    search_->setMinimumWidth(300);
    addWidget(search_);
    connect(search_, &QLineEdit::returnPressed, this, [this] { emit searchAsked(search_->text()); });
    walk_ = new QLabel(this);
    walk_->setContentsMargins(8, 0, 8, 0);
    addWidget(walk_);
}

void ChooserBar::setModels(const Session& session) {
    models_->clear();
    for (const auto& m : session.models) models_->addItem(qtext(m.model.name));
}

void ChooserBar::setCurrentModel(int index) {
    models_->setCurrentIndex(index);
}

void ChooserBar::setSubgraphs(const Model& model) {
    graphs_->clear();
    for (const auto& g : model.graphs) graphs_->addItem(qtext(g.name) + QStringLiteral("  (%1 nodes)").arg(g.nodes.size()));
}

void ChooserBar::setCurrentSubgraph(int index) {
    graphs_->setCurrentIndex(index);
}

int ChooserBar::subgraphCount() const {
    return graphs_->count();
}

void ChooserBar::showProfile(const ProfileState& state) {
    // The chooser says what is in force, and why.
    profiles_->setItemText(0, state.automatic() ? tr("automatic: %1").arg(state.label()) : tr("automatic"));
    int item = 0;
    if (!state.automatic()) {
        const QString inForce = state.choice();
        QString name = inForce;
        if (name.endsWith(QLatin1String(":predict"))) name.chop(8);
        item =
            inForce.endsWith(QLatin1String(":predict")) ? profiles_->findData(QStringLiteral("ttnn:predict")) : profiles_->findText(name);
        if (item < 0) item = profiles_->findData(name);
        if (item < 0) {  // a profile file: an item of its own, before "Profile file..."
            profiles_->insertItem(profiles_->count() - 1, QFileInfo(name).fileName(), name);
            item = profiles_->count() - 2;
        }
    }
    profiles_->setCurrentIndex(item);
    switch (state.source()) {
        case ProfileState::Source::Automatic:
            profiles_->setToolTip(tr("Chosen from the graphs of %1: %2").arg(state.model(), state.reason()));
            break;
        case ProfileState::Source::Hand:
            profiles_->setToolTip(tr("Chosen by hand for %1 (automatic again: choose \"automatic\")").arg(state.model()));
            break;
        case ProfileState::Source::Window:
            profiles_->setToolTip(tr("For every model (--profile)"));
            break;
    }
}

void ChooserBar::showWindowProfile(const QString& name) {
    profiles_->setCurrentIndex(name.isEmpty() ? 0 : std::max(0, profiles_->findText(name)));
}

QString ChooserBar::profileText() const {
    return profiles_->currentText();
}

void ChooserBar::setWalkText(const QString& text, bool error) {
    walk_->setText(error ? QStringLiteral("<span style='color:#c62828'>%1</span>").arg(text.toHtmlEscaped()) : text.toHtmlEscaped());
}

void ChooserBar::focusSearch() {
    search_->setFocus();
    search_->selectAll();
}

}  // namespace atenscope::gui
