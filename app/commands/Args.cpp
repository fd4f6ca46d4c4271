// SPDX-License-Identifier: MIT
#include "commands/Args.h"

#include <charconv>
#include <cstdint>
#include <iostream>

namespace atenscope::cli {

ArgParser& ArgParser::flag(const std::string& name, bool* target, const std::string& alias) {
    options_.push_back({name, alias, {}, target, nullptr, nullptr});
    return *this;
}

ArgParser& ArgParser::value(const std::string& name, std::string* target, const std::string& what) {
    options_.push_back({name, {}, what, nullptr, target, nullptr});
    return *this;
}

ArgParser& ArgParser::values(const std::string& name, std::vector<std::string>* target, const std::string& what) {
    options_.push_back({name, {}, what, nullptr, nullptr, target});
    return *this;
}

ArgParser& ArgParser::repeated(const std::string& name, std::vector<std::string>* target, const std::string& what) {
    options_.push_back({name, {}, what, nullptr, nullptr, target, true});
    return *this;
}

ArgParser& ArgParser::positionals(std::vector<std::string>* target) {
    positionals_ = target;
    return *this;
}

const ArgParser::Option* ArgParser::find(const std::string& arg) const {
    for (const auto& o : options_)
        if (arg == o.name || (!o.alias.empty() && arg == o.alias)) return &o;
    return nullptr;
}

void ArgParser::parse(const std::vector<std::string>& args) const {
    // GNU's conventions (and QCommandLineParser's): "--name=value" as well as "--name value", and
    // "--" ends the options (what follows is a file, even "-x").
    auto isOption = [](const std::string& a) { return a.size() > 1 && a[0] == '-'; };
    bool optionsEnded = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (optionsEnded || !isOption(arg)) {
            if (!positionals_) throw UsageError{"unexpected argument '" + arg + "'"};
            positionals_->push_back(arg);
            continue;
        }
        if (arg == "--") {
            optionsEnded = true;
            continue;
        }
        const std::size_t eq = arg.rfind("--", 0) == 0 ? arg.find('=') : std::string::npos;
        const std::string a = eq == std::string::npos ? arg : arg.substr(0, eq);
        const Option* o = find(a);
        if (!o) throw UsageError{"unknown option '" + a + "'"};
        if (o->flag) {
            if (eq != std::string::npos) throw UsageError{a + " takes no value"};
            *o->flag = true;
        } else if (eq != std::string::npos) {
            const std::string v = arg.substr(eq + 1);
            if (v.empty()) throw UsageError{a + " needs " + o->what};
            if (o->value) {
                *o->value = v;
            } else {
                o->values->push_back(v);
            }
        } else if (o->value || o->one) {
            if (i + 1 >= args.size() || isOption(args[i + 1])) throw UsageError{a + " needs " + o->what};
            if (o->value) {
                *o->value = args[++i];
            } else {
                o->values->push_back(args[++i]);
            }
        } else {
            const std::size_t before = o->values->size();
            while (i + 1 < args.size() && !isOption(args[i + 1])) o->values->push_back(args[++i]);
            if (o->values->size() == before) throw UsageError{a + " needs " + o->what};
        }
    }
}

std::size_t parseCount(const std::string& option, const std::string& text, std::size_t min, std::size_t max) {
    std::size_t v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || v < min || v > max) {
        std::string range =
            max == SIZE_MAX ? "a whole number" : "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
        throw UsageError{option + " takes " + range + ", got '" + text + "'"};
    }
    return v;
}

int usageError(const std::string& command, const std::string& message) {
    const std::string who = command.empty() ? "atenscope" : "atenscope " + command;
    std::cerr << who << ": error: " << message << " (see '" << who << " --help')\n";
    return 2;
}

int inputError(const std::string& command, const std::string& message) {
    std::cerr << (command.empty() ? "atenscope" : "atenscope " + command) << ": error: " << message << "\n";
    return 2;
}

}  // namespace atenscope::cli
