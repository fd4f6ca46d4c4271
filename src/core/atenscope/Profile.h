#pragma once
// A backend profile says which nodes a backend converted, which are plumbing
// between host and device, and which aten ops it can lower (docs/profiles.md).
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace atenscope {

struct Profile {
    std::string name;
    std::string description;
    std::string source;  // "builtin" or the file it came from
    std::vector<std::string> convertedPrefixes;
    bool callModuleConverted = false;
    std::unordered_set<std::string> dataMovement;
    // target -> producers: the target is data movement when fed by one of them
    std::unordered_map<std::string, std::vector<std::string>> fedBy;
    std::unordered_set<std::string> lowerable;
};

std::vector<std::string> builtinProfileNames();
// Parses a profile document; `file` names it in errors.
Profile parseProfile(std::string_view json, const std::string& file);
// A builtin name (ttnn, partitioned, generic) or a path to a profile file.
Profile loadProfile(const std::string& nameOrFile);

}  // namespace atenscope
