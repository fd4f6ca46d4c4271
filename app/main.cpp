// SPDX-License-Identifier: MIT
#include "commands/Args.h"
#include "commands/Cli.h"

#include "base/Versions.h"
#include "readers/ArchiveReader.h"

#include <QtGlobal>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace atenscope::cli {

const char* version() {
    return ATENSCOPE_VERSION;
}

int mainHelp() {
    std::cout << R"(Usage: atenscope [FILE...]              open the window (graph dumps, .pt2, TorchScript, traces, folders)
       atenscope COMMAND [ARGS...]

AtenScope finds the aten ops a PyTorch compiler backend failed to convert.

Commands:
  analyze GRAPH...   report the remaining aten ops (see 'atenscope analyze --help')
  render GRAPH...    draw the graph to PNG or SVG, no display needed
                     (see 'atenscope render --help')
  report PATH...     a whole run as HTML, Markdown and JSON: models, ops across
                     models, what to lower next (see 'atenscope report --help')
  diff BEFORE AFTER  what changed between two runs; a CI gate
                     (see 'atenscope diff --help')

Options:
  --profile NAME|FILE  the window's backend profile (ttnn, partitioned, generic,
                     ttnn:predict, or a profile file)
  --screenshot FILE  with FILE...: open the window, grab it to FILE once loaded, quit
  --baseline PATH    with FILE...: compare with this run (last night's): the changes,
                     and the nodes that became remaining marked in the graph
  --view start|fit|collapsed
                     what the graph shows once loaded: the first remaining node
                     (start, the default), all of it as after Fit (0), or every
                     group collapsed, then fitted
  --listen PATH      take requests on the local socket PATH: other processes (the
                     Python companion's show()) add files to this window
  --no-follow        do not read the files again as a run rewrites them (View >
                     Follow changes; on by default for folders)
  --source-dir DIR   look for the model's source files (its stack traces' paths)
                     under DIR too, for the Source panel; repeatable
  -h, --help         show this help ('atenscope help COMMAND': a command's)
  --version          show the version

Every option's value may follow it or an '=' (--top 3, --top=3); '--' ends the
options (what follows is a file, even one named like an option).

Exit status: 0 done (window closed, screenshot written), 2 bad input or usage
(no display and no --screenshot, too).
)";
    return 0;
}

}  // namespace atenscope::cli

namespace {

// Qt's notices that say nothing to a user of this program.
void quietMessages(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (message.contains(QLatin1String("propagateSizeHints")) || message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR")))
        return;
    qt_message_output(type, context, message);
}

}  // namespace

int main(int argc, char** argv) {
    using namespace atenscope::cli;
    qInstallMessageHandler(quietMessages);
    atenscope::enableTorchScript();  // TorchScript archives, through the libtorch plugin
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty()) {
        const std::string& first = args[0];
        if (first == "help" && args.size() > 1) {  // "atenscope help analyze": that command's help
            const std::string& command = args[1];
            const std::vector<std::string> help{"--help"};
            if (command == "analyze") return analyzeCommand(help);
            if (command == "render") return renderCommand(argc, argv, help);
            if (command == "report") return reportCommand(argc, argv, help);
            if (command == "diff") return diffCommand(help);
            return usageError({}, "help: '" + command + "' is not a command (analyze, render, report, diff)");
        }
        if (first == "-h" || first == "--help" || first == "help") return mainHelp();
        if (first == "--version") {
            std::cout << "atenscope " << version() << "\n";
            std::cout << "  Qt " << qVersion() << "\n";
            for (const auto& [name, v] : atenscope::libraryVersions()) std::cout << "  " << name << " " << v << "\n";
            return 0;
        }
        if (first == "analyze") return analyzeCommand({args.begin() + 1, args.end()});
        if (first == "render") return renderCommand(argc, argv, {args.begin() + 1, args.end()});
        if (first == "report") return reportCommand(argc, argv, {args.begin() + 1, args.end()});
        if (first == "diff") return diffCommand({args.begin() + 1, args.end()});
    }
    std::vector<std::string> paths;
    std::string screenshot, profile, baseline, view, listen;
    bool noFollow = false;
    std::vector<std::string> sourceDirs;
    try {
        ArgParser()
            .value("--profile", &profile, "a profile name or file")
            .value("--screenshot", &screenshot, "a file")
            .value("--baseline", &baseline, "a run (a folder) or a file to compare with")
            .value("--view", &view, "start, fit or collapsed")
            .value("--listen", &listen, "a socket path")
            .flag("--no-follow", &noFollow)
            .repeated("--source-dir", &sourceDirs, "a folder")
            .positionals(&paths)
            .parse(args);
        if (!baseline.empty() && !std::filesystem::exists(baseline))
            throw UsageError{"--baseline: '" + baseline + "' is neither a file nor a folder"};
        if (!baseline.empty() && paths.empty()) throw UsageError{"--baseline needs a FILE to open and compare with it"};
        for (const auto& p : paths)
            if (!std::filesystem::exists(p)) throw UsageError{"'" + p + "' is neither a command nor a file or folder"};
        if (!screenshot.empty() && paths.empty()) throw UsageError{"--screenshot needs a FILE to open"};
        for (const auto& d : sourceDirs)
            if (!std::filesystem::is_directory(d)) throw UsageError{"--source-dir: '" + d + "' is not a folder"};
        if (!view.empty() && view != "start" && view != "fit" && view != "collapsed")
            throw UsageError{"--view: '" + view + "' is not one of start, fit, collapsed"};
    } catch (const UsageError& e) {
        return usageError({}, e.message);
    }
    QStringList files, before;
    for (const auto& p : paths) files << QString::fromStdString(p);
    if (!baseline.empty()) before << QString::fromStdString(baseline);
    QStringList sources;
    for (const auto& d : sourceDirs) sources << QString::fromStdString(d);
    return guiMain(argc, argv, files, QString::fromStdString(screenshot), QString::fromStdString(profile), before,
                   QString::fromStdString(view), QString::fromStdString(listen), noFollow, sources);
}
