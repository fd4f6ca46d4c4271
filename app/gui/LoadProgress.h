// SPDX-License-Identifier: MIT
#pragma once
// The status bar's load progress: a bar saying what is read, and Cancel; shown while the
// loader works, gone when it has loaded, failed or been canceled.
#include <QWidget>

class QProgressBar;

namespace atenscope::gui {

class Loader;

class LoadProgress : public QWidget {
    Q_OBJECT
public:
    LoadProgress(Loader* loader, QWidget* parent = nullptr);
    void begin();  // a load starts

private:
    QProgressBar* bar_ = nullptr;
};

}  // namespace atenscope::gui
