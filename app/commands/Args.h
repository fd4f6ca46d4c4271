// SPDX-License-Identifier: MIT
#pragma once
// The one command-line parser of every command (the window's, analyze, render): options are
// declared with what they take, and every mistake is one UsageError naming the option.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace atenscope::cli {

struct UsageError {
    std::string message;
};

class ArgParser {
public:
    // --name (and its alias, e.g. -h): sets *target.
    ArgParser& flag(const std::string& name, bool* target, const std::string& alias = {});
    // --name VALUE; `what` names the value in errors ("--out needs a file").
    ArgParser& value(const std::string& name, std::string* target, const std::string& what);
    // --name VALUE... : every following argument up to the next option.
    ArgParser& values(const std::string& name, std::vector<std::string>* target, const std::string& what);
    // --name VALUE, repeatable: each one adds its value.
    ArgParser& repeated(const std::string& name, std::vector<std::string>* target, const std::string& what);
    // What is not an option (graphs, files).
    ArgParser& positionals(std::vector<std::string>* target);

    // "--name VALUE" or "--name=VALUE"; "--" ends the options. Throws UsageError on an unknown
    // option, a missing value, or a value given to a flag.
    void parse(const std::vector<std::string>& args) const;

private:
    struct Option {
        std::string name, alias, what;
        bool* flag = nullptr;
        std::string* value = nullptr;
        std::vector<std::string>* values = nullptr;
        bool one = false;  // values: one value per occurrence (repeated)
    };
    const Option* find(const std::string& arg) const;
    std::vector<Option> options_;
    std::vector<std::string>* positionals_ = nullptr;
};

// A whole number from an option's value, within [min, max]; else a UsageError naming the option.
std::size_t parseCount(const std::string& option, const std::string& text, std::size_t min = 0, std::size_t max = SIZE_MAX);

// The one way commands report a mistake, on one line, exit status 2: a usage error,
// "atenscope COMMAND: error: MESSAGE (see 'atenscope COMMAND --help')"; bad input,
// "atenscope COMMAND: error: FILE: PLACE: MESSAGE".
int usageError(const std::string& command, const std::string& message);
int inputError(const std::string& command, const std::string& message);

}  // namespace atenscope::cli
