#pragma once
// Python pickle (protocol 2) of a JSON value: dicts, lists, str, int, float,
// bool and None, so that pickle.load() gives the same plain objects as json.load().
#include <nlohmann/json_fwd.hpp>

#include <string>

namespace atenscope {

std::string toPickle(const nlohmann::ordered_json& value);

}  // namespace atenscope
