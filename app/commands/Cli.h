// SPDX-License-Identifier: MIT
#pragma once
// The command-line subcommands. Each returns the process exit code:
// 0 success, 1 a gate failed (--max-remaining, diff's gate), 2 bad input or usage.
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace atenscope::cli {

int analyzeCommand(const std::vector<std::string>& args);
int renderCommand(int argc, char** argv, const std::vector<std::string>& args);
int reportCommand(int argc, char** argv, const std::vector<std::string>& args);
int diffCommand(const std::vector<std::string>& args);
// The window, on `files` when given; with `screenshot`, grabs it once loaded and quits.
int guiMain(int argc, char** argv, const QStringList& files, const QString& screenshot, const QString& profile = {},
            const QStringList& baseline = {}, const QString& view = {}, const QString& listen = {}, bool noFollow = false,
            const QStringList& sourceDirs = {});
int mainHelp();
const char* version();

}  // namespace atenscope::cli
