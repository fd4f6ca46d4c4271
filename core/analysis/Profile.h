// SPDX-License-Identifier: MIT
#pragma once
// A backend profile says which nodes a backend converted, which are plumbing
// between host and device, and which aten ops it can lower (docs/profiles.md).
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace atenscope {

// Hashing that looks up std::string keys by std::string_view without making a string.
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using TextSet = std::unordered_set<std::string, TextHash, std::equal_to<>>;
template <typename T>
using TextMap = std::unordered_map<std::string, T, TextHash, std::equal_to<>>;

struct Profile {
    std::string name;
    std::string description;
    std::string source;  // "builtin" or the file it came from
    std::vector<std::string> convertedPrefixes;
    bool callModuleConverted = false;
    TextSet dataMovement;
    // target -> producers: the target is data movement when fed by one of them
    TextMap<std::vector<std::string>> fedBy;
    TextSet lowerable;
};

std::vector<std::string> builtinProfileNames();
// The builtin names, then those of profile files in the data folders (dataDirs()/profiles/).
std::vector<std::string> profileNames();
// Parses a profile document; `file` names it in errors.
Profile parseProfile(std::string_view json, const std::string& file);
// The file of a profile named `name` in the data folders (dataDirs()/profiles/NAME.json); empty when none.
std::filesystem::path findProfileFile(const std::string& name);
// A profile name (looked up by findProfileFile(), then among the builtin ones: ttnn,
// partitioned, generic) or a path to a profile file.
Profile loadProfile(const std::string& nameOrFile);

}  // namespace atenscope
