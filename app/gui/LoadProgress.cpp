// SPDX-License-Identifier: MIT
#include "gui/LoadProgress.h"

#include "gui/Loader.h"

#include <QHBoxLayout>
#include <QProgressBar>
#include <QToolButton>

namespace atenscope::gui {

LoadProgress::LoadProgress(Loader* loader, QWidget* parent) : QWidget(parent) {
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    bar_ = new QProgressBar(this);
    bar_->setMaximumWidth(360);
    bar_->setTextVisible(true);
    auto* cancel = new QToolButton(this);
    cancel->setText(tr("Cancel"));
    row->addWidget(bar_);
    row->addWidget(cancel);
    connect(cancel, &QToolButton::clicked, loader, &Loader::cancel);
    connect(loader, &Loader::progress, this, [this](int done, int total, const QString& what) {
        bar_->setMaximum(std::max(total, 1));
        bar_->setValue(done);
        bar_->setFormat(what);
    });
    connect(loader, &Loader::loaded, this, &QWidget::hide);
    connect(loader, &Loader::failed, this, &QWidget::hide);
    connect(loader, &Loader::canceled, this, &QWidget::hide);
    hide();
}

void LoadProgress::begin() {
    bar_->setValue(0);
    bar_->setFormat(tr("Reading"));
    show();
}

}  // namespace atenscope::gui
