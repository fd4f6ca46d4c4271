// SPDX-License-Identifier: MIT
#pragma once
// Python pickle (protocol 2) of a JSON value: dicts, lists, str, int, float,
// bool and None, so that pickle.load() gives the same plain objects as json.load().
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace atenscope {

// Writes a pickle one value at a time: containers are opened with begin*, closed with
// end(); inside a dict, keys and values alternate.
class PickleWriter {
public:
    PickleWriter();
    void beginDict();
    void beginList();
    void end();
    void string(std::string_view s);
    void integer(std::int64_t v);
    void unsignedInteger(std::uint64_t v);
    void real(double d);
    void boolean(bool b);
    void none();
    std::string finish();  // the whole pickle, with its STOP

private:
    struct Open {
        bool dict;
        bool hasItems;
    };
    void item();  // a value or key goes into the open container
    std::string out_;
    std::vector<Open> open_;
};

std::string toPickle(const nlohmann::ordered_json& value);

}  // namespace atenscope
