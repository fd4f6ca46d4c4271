// SPDX-License-Identifier: MIT
#include "gui/ProfileState.h"

#include "analysis/ProfileChoice.h"
#include "render/QtText.h"

#include <QSettings>
#include <QUrl>

namespace atenscope::gui {

namespace {

QString settingsKeyOf(const QString& model) {
    return QStringLiteral("profileOfModel/") + QString::fromLatin1(QUrl::toPercentEncoding(model));
}

}  // namespace

ProfileInForce loadChoice(const QString& nameOrFile) {
    QString name = nameOrFile;
    const bool predict = name.endsWith(QLatin1String(":predict"));
    if (predict) name.chop(8);
    return {loadProfile(name.toStdString()), predict};
}

ProfileState::ProfileState() : profile_(loadProfile("ttnn")) {}

QString ProfileState::label() const {
    return qtext(profile_.name) + (predict_ ? QStringLiteral(" (predict)") : QString());
}

void ProfileState::setForWindow(const QString& nameOrFile) {
    if (nameOrFile == QLatin1String(":auto")) {
        window_.reset();
    } else {
        window_.emplace(nameOrFile, loadChoice(nameOrFile));
    }
}

QString ProfileState::handChoiceOf(const QString& model) {
    return QSettings().value(settingsKeyOf(model)).toString();
}

void ProfileState::choose(const QString& model, const QString& nameOrFile) {
    if (nameOrFile == QLatin1String(":auto")) {
        QSettings().remove(settingsKeyOf(model));
        return;
    }
    (void)loadChoice(nameOrFile);  // throws on a bad one: nothing is kept
    QSettings().setValue(settingsKeyOf(model), nameOrFile);
}

void ProfileState::apply(const Model& model) {
    model_ = qtext(model.name);
    choice_ = handChoiceOf(model_);
    source_ = Source::Hand;
    if (!choice_.isEmpty()) {
        try {
            const ProfileInForce p = loadChoice(choice_);
            profile_ = p.profile;
            predict_ = p.predict;
            reason_.clear();
            return;
        } catch (const std::exception&) {  // a profile file gone since: the model is automatic again
            QSettings().remove(settingsKeyOf(model_));
        }
    }
    if (window_) {
        source_ = Source::Window;
        choice_ = window_->first;
        profile_ = window_->second.profile;
        predict_ = window_->second.predict;
        reason_.clear();
        return;
    }
    source_ = Source::Automatic;
    choice_.clear();
    const ProfileChoice chosen = chooseProfile(model);
    profile_ = loadProfile(chosen.profile);
    predict_ = chosen.predict;
    reason_ = qtext(chosen.reason);
}

ProfileChoices ProfileState::choices(const Session* session) const {
    ProfileChoices choices;
    if (window_) choices.all = window_->second;
    if (!session) return choices;
    for (const auto& lm : session->models) {
        const QString hand = handChoiceOf(qtext(lm.model.name));
        if (hand.isEmpty()) continue;
        try {
            choices.byModel.emplace(lm.model.name, loadChoice(hand));
        } catch (const std::exception&) {  // a profile file gone since: that model is automatic
        }
    }
    return choices;
}

}  // namespace atenscope::gui
