// SPDX-License-Identifier: MIT
#pragma once
// The selections of files opened lately (File > Open recent), kept in the settings: each the
// files opened together, as absolute paths, most recent first.
#include <QList>
#include <QStringList>

namespace atenscope::gui {

inline constexpr int kMaxRecent = 10;

QList<QStringList> recentSelections();
// Puts `files` first (made absolute: a path as typed means nothing from another folder).
void rememberSelection(const QStringList& files);

}  // namespace atenscope::gui
