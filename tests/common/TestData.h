// SPDX-License-Identifier: MIT
#pragma once
// The tests' one way to the committed fixtures (tests/data, ATENSCOPE_TEST_DATA).
#include "readers/GraphReader.h"

#include <QDir>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <fstream>

namespace atenscope::test {

// A path under tests/data ("llama.original.json", "torch1.13/resnet18.original.json").
inline QString data(const QString& name) {
    return QDir(QStringLiteral(ATENSCOPE_TEST_DATA)).filePath(name);
}

// The one model a fixture holds.
inline Model readOne(const QString& name) {
    auto models = readModels({data(name).toStdString()});
    return std::move(models.at(0));
}

inline nlohmann::json readJson(const QString& path) {
    std::ifstream in(path.toStdString());
    return nlohmann::json::parse(in);
}

// Every graph fixture: PyTorch 2.x (tests/data) and torch 1.13 (tests/data/torch1.13).
inline QStringList fixtureFiles() {
    QStringList files;
    for (const QString& folder : {QString(), QStringLiteral("torch1.13")}) {
        const QDir dir(data(folder));
        for (const auto& f : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
            if (!f.endsWith(QLatin1String(".expected.json")) && f != QLatin1String("python-float-repr.json")) files << dir.filePath(f);
    }
    return files;
}

}  // namespace atenscope::test
