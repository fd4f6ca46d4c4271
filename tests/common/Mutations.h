// SPDX-License-Identifier: MIT
#pragma once
// Mutated graph dumps for robustness tests: a real dump with one value replaced, a key
// dropped, an array item removed or repeated, or (every sixth) the text cut short.
// Deterministic for a seed.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <iterator>
#include <random>
#include <string>
#include <vector>

namespace atenscope::testing {

class DumpMutator {
public:
    DumpMutator(std::string text, std::uint64_t seed) : text_(std::move(text)), original_(nlohmann::json::parse(text_)), rng_(seed) {}

    std::string next() {
        if (++round_ % 6 == 0) return text_.substr(0, pick(text_.size()));
        nlohmann::json doc = original_;
        std::vector<nlohmann::json*> values;
        std::function<void(nlohmann::json&)> collect = [&](nlohmann::json& v) {
            values.push_back(&v);
            if (v.is_structured())
                for (auto& child : v) collect(child);
        };
        collect(doc);
        nlohmann::json& target = *values[1 + pick(values.size() - 1)];
        const std::size_t kind = pick(3);
        if (kind == 0 || !target.is_structured() || target.empty()) {
            target = replacement(pick(13));
        } else if (target.is_object()) {
            auto it = target.begin();
            std::advance(it, static_cast<std::ptrdiff_t>(pick(target.size())));
            target.erase(it.key());
        } else if (kind == 1) {
            target.erase(pick(target.size()));
        } else {
            target.push_back(target[pick(target.size())]);  // e.g. a node twice
        }
        return doc.dump();
    }

private:
    std::size_t pick(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }
    static nlohmann::json replacement(std::size_t which) {
        switch (which) {
            case 0:
                return nullptr;
            case 1:
                return 7;
            case 2:
                return -1;
            case 3:
                return 1e300;
            case 4:
                return "x";
            case 5:
                return "";
            case 6:
                return nlohmann::json::array();
            case 7:
                return nlohmann::json::object();
            case 8:
                return true;
            case 9:
                return 18446744073709551615ull;
            case 10:
                return nlohmann::json::array({1, "a"});
            case 11:
                return nlohmann::json{{"node", "nowhere"}};
            default:
                return nlohmann::json{{"tuple", 3}};
        }
    }

    std::string text_;
    nlohmann::json original_;
    std::mt19937_64 rng_;
    int round_ = 0;
};

}  // namespace atenscope::testing
