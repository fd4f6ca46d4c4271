// SPDX-License-Identifier: MIT
#pragma once
// Which profile classifies the model shown, and why (widget-free: the toolbar's chooser shows it).
// Each open starts automatic (chooseProfile, from the model's graphs); a profile chosen by hand
// belongs to its model and is kept in the settings for it; --profile (chosen before any file)
// holds for every model of the window and is not kept.
#include "analysis/Profile.h"
#include "render/Session.h"

#include <QString>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace atenscope::gui {

// A profile in force, and whether it predicts (the graphs were not compiled).
struct ProfileInForce {
    Profile profile;
    bool predict = false;
};
// Per model name, a profile chosen by hand (the window's chooser); the others get `all` when
// set, else their own (chooseProfile).
struct ProfileChoices {
    std::optional<ProfileInForce> all;
    std::map<std::string, ProfileInForce, std::less<>> byModel;
    const ProfileInForce* of(std::string_view model) const {
        if (const auto it = byModel.find(model); it != byModel.end()) return &it->second;
        return all ? &*all : nullptr;
    }
};

// A profile as the chooser names it ("ttnn", "ttnn:predict", a file), loaded; throws when bad.
ProfileInForce loadChoice(const QString& nameOrFile);

class ProfileState {
public:
    enum class Source { Automatic, Hand, Window };

    ProfileState();
    const Profile& profile() const { return profile_; }
    bool predict() const { return predict_; }
    Source source() const { return source_; }
    bool automatic() const { return source_ == Source::Automatic; }
    QString reason() const { return reason_; }  // automatic: why this one
    // The choice in force as the chooser names it ("" when automatic).
    QString choice() const { return choice_; }
    QString model() const { return model_; }
    // "ttnn", "ttnn (predict)": what classifies the model.
    QString label() const;

    // The window's profile for every model (before any file, --profile); nullopt: automatic.
    // Throws (nothing changed) when the profile cannot be loaded; ":auto": none.
    void setForWindow(const QString& nameOrFile);
    const std::optional<std::pair<QString, ProfileInForce>>& forWindow() const { return window_; }
    // The profile of a model: its hand choice, else the window's, else chosen from its graphs.
    void apply(const Model& model);
    // Chosen by hand for `model` (":auto": automatic again), kept in the settings. Throws
    // (nothing changed) when the profile cannot be loaded.
    static void choose(const QString& model, const QString& nameOrFile);
    static QString handChoiceOf(const QString& model);
    // For a run's analysis: the hand choices of its models and the window's.
    ProfileChoices choices(const Session* session) const;

private:
    Profile profile_;
    bool predict_ = false;
    Source source_ = Source::Automatic;
    QString reason_, choice_, model_;
    std::optional<std::pair<QString, ProfileInForce>> window_;
};

}  // namespace atenscope::gui
