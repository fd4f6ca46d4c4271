// SPDX-License-Identifier: MIT
#include "analysis/Profile.h"

#include "BuiltinProfiles.h"
#include "base/InputFile.h"
#include "base/InstallPaths.h"
#include "base/LoadError.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

namespace atenscope {

namespace {

using json = nlohmann::json;

struct Reader {
    const std::string& file;
    [[noreturn]] void fail(const std::string& where, const std::string& what) const { throw InputError(file, where, what); }

    const json& need(const json& o, const std::string& key, json::value_t type, const char* typeName, const std::string& at) const {
        auto it = o.find(key);
        if (it == o.end()) fail(at.empty() ? "/" : at, "missing field \"" + key + "\"");
        if (it->type() != type && !(type == json::value_t::number_integer && it->is_number_unsigned()))
            fail(at + "/" + key, std::string("expected ") + typeName);
        return *it;
    }
    std::vector<std::string> strings(const json& arr, const std::string& at) const {
        if (!arr.is_array()) fail(at, "expected an array of strings");
        std::vector<std::string> out;
        for (std::size_t i = 0; i < arr.size(); ++i) {
            if (!arr[i].is_string()) fail(at + "/" + std::to_string(i), "expected a string");
            out.push_back(arr[i].get<std::string>());
        }
        return out;
    }
};

}  // namespace

std::vector<std::string> builtinProfileNames() {
    std::vector<std::string> names;
    for (const auto& p : kBuiltinProfiles) names.emplace_back(p.name);
    return names;
}

std::vector<std::string> profileNames() {
    std::vector<std::string> names = builtinProfileNames();
    for (const auto& dir : dataDirs()) {
        std::error_code ec;
        std::vector<std::string> found;
        for (const auto& entry : std::filesystem::directory_iterator(dir / "profiles", ec))
            if (entry.path().extension() == ".json") found.push_back(entry.path().stem().string());
        std::sort(found.begin(), found.end());
        for (auto& n : found)
            if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(std::move(n));
    }
    return names;
}

Profile parseProfile(std::string_view text, const std::string& file) {
    json doc;
    try {
        doc = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        throw InputError(file, "byte " + std::to_string(e.byte), std::string("invalid JSON: ") + e.what());
    }
    Reader r{file};
    if (!doc.is_object()) r.fail("/", "expected a JSON object (an AtenScope profile)");
    const auto& format = r.need(doc, "format", json::value_t::string, "a string", "");
    if (format.get<std::string>() != "atenscope.profile")
        r.fail("/format", "not an AtenScope profile: format is \"" + format.get<std::string>() + "\"");
    const auto& version = r.need(doc, "version", json::value_t::number_integer, "an integer", "");
    if (version.get<std::int64_t>() != 1) r.fail("/version", "profile version " + version.dump() + " is not one this AtenScope reads (1)");
    Profile p;
    p.source = file;
    p.name = r.need(doc, "name", json::value_t::string, "a string", "").get<std::string>();
    if (auto it = doc.find("description"); it != doc.end() && it->is_string()) p.description = it->get<std::string>();
    if (auto it = doc.find("converted"); it != doc.end()) {
        if (!it->is_object()) r.fail("/converted", "expected an object");
        if (auto t = it->find("target_prefixes"); t != it->end()) p.convertedPrefixes = r.strings(*t, "/converted/target_prefixes");
        if (auto t = it->find("call_module"); t != it->end()) {
            if (!t->is_boolean()) r.fail("/converted/call_module", "expected true or false");
            p.callModuleConverted = t->get<bool>();
        }
    }
    if (auto it = doc.find("data_movement"); it != doc.end()) {
        if (!it->is_object()) r.fail("/data_movement", "expected an object");
        if (auto t = it->find("targets"); t != it->end())
            for (auto& s : r.strings(*t, "/data_movement/targets")) p.dataMovement.insert(std::move(s));
        if (auto t = it->find("fed_by"); t != it->end()) {
            if (!t->is_object()) r.fail("/data_movement/fed_by", "expected an object");
            for (auto& [key, value] : t->items()) p.fedBy[key] = r.strings(value, "/data_movement/fed_by/" + key);
        }
    }
    if (auto it = doc.find("lowerable"); it != doc.end())
        for (auto& s : r.strings(*it, "/lowerable")) p.lowerable.insert(std::move(s));
    return p;
}

std::filesystem::path findProfileFile(const std::string& name) {
    if (name.empty() || name.find('/') != std::string::npos || name.ends_with(".json")) return {};
    for (const auto& dir : dataDirs()) {
        std::error_code ec;
        const auto file = dir / "profiles" / (name + ".json");
        if (std::filesystem::is_regular_file(file, ec)) return file;
    }
    return {};
}

Profile loadProfile(const std::string& nameOrFile) {
    // A name: the user's profiles, then the installed ones, then those compiled in.
    if (const auto file = findProfileFile(nameOrFile); !file.empty()) return loadProfile(file.string());
    for (const auto& b : kBuiltinProfiles) {
        if (nameOrFile == b.name) {
            Profile p = parseProfile(b.json, std::string("builtin profile ") + b.name);
            p.source = "builtin";
            return p;
        }
    }
    std::error_code ec;
    if (!std::filesystem::exists(nameOrFile, ec)) {
        std::string names;
        for (const auto& n : builtinProfileNames()) names += (names.empty() ? "" : ", ") + n;
        throw InputError(nameOrFile, "", "no such profile: neither a builtin profile (" + names + ") nor a readable file");
    }
    return parseProfile(readInputFile(nameOrFile), nameOrFile);
}

}  // namespace atenscope
