#include "Cli.h"

#include <iostream>
#include <string>
#include <vector>

namespace atenscope::cli {

const char* version() { return ATENSCOPE_VERSION; }

int mainHelp() {
    std::cout << R"(Usage: atenscope COMMAND [ARGS...]

AtenScope finds the aten ops a PyTorch compiler backend failed to convert.

Commands:
  analyze GRAPH...   report the remaining aten ops of compiled graphs
                     (see 'atenscope analyze --help')

Options:
  -h, --help         show this help
  --version          show the version
)";
    return 0;
}

}  // namespace atenscope::cli

int main(int argc, char** argv) {
    using namespace atenscope::cli;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") return mainHelp();
    if (args[0] == "--version") {
        std::cout << "atenscope " << version() << "\n";
        return 0;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    if (command == "analyze") return analyzeCommand(args);
    std::cerr << "atenscope: unknown command '" << command << "'\nTry 'atenscope --help'.\n";
    return 2;
}
