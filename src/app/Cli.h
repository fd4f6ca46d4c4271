#pragma once
// The command-line subcommands. Each returns the process exit code:
// 0 success, 1 a --max-remaining gate failed, 2 bad input or usage.
#include <string>
#include <vector>

namespace atenscope::cli {

int analyzeCommand(const std::vector<std::string>& args);
int mainHelp();
const char* version();

}  // namespace atenscope::cli
