// SPDX-License-Identifier: MIT
#pragma once
// The main toolbar: the model, subgraph and profile choosers, the find field and the walk's
// place ("3 of 20"). It says what the user chose; the window decides what follows.
#include "gui/ProfileState.h"

#include <QToolBar>

class QComboBox;
class QLabel;
class QLineEdit;

namespace atenscope::gui {

class ChooserBar : public QToolBar {
    Q_OBJECT
public:
    explicit ChooserBar(QWidget* parent = nullptr);

    void setModels(const Session& session);
    void setCurrentModel(int index);
    void setSubgraphs(const Model& model);  // each with its node count
    void setCurrentSubgraph(int index);
    int subgraphCount() const;
    // The chooser shows the profile in force and why (its tooltip).
    void showProfile(const ProfileState& state);
    // Before any file: the window's choice, or automatic.
    void showWindowProfile(const QString& name);
    QString profileText() const;
    void setWalkText(const QString& text, bool error);
    void focusSearch();

signals:
    void modelChosen(int index);
    void subgraphChosen(int index);
    void profileChosen(const QString& nameOrFile);  // ":auto", a name, "ttnn:predict", a file
    void searchAsked(const QString& pattern);

private:
    QComboBox* models_ = nullptr;
    QComboBox* graphs_ = nullptr;
    QComboBox* profiles_ = nullptr;
    QLineEdit* search_ = nullptr;
    QLabel* walk_ = nullptr;
};

}  // namespace atenscope::gui
