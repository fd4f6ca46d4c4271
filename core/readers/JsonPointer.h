// SPDX-License-Identifier: MIT
#pragma once
// Where a reader is in a JSON document, as a JSON pointer (RFC 6901: /graphs/0/nodes/3/args/1),
// for error messages that name the place. Readers of any JSON format use it.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace atenscope {

// Where we are in the document, as a JSON pointer; built into text only on error.
// A fixed array: it is pushed and popped for every field of every node.
class JsonPath {
public:
    struct Part {
        std::string_view key;
        std::int64_t index = -1;
    };
    void push(std::string_view key) { push(Part{key, -1}); }
    void push(std::int64_t index) { push(Part{{}, index}); }
    void pop() { --depth_; }
    std::string str() const {
        std::string out;
        for (std::size_t i = 0; i < std::min(depth_, kMaxDepth); ++i) {
            const Part& p = parts_[i];
            out += '/';
            if (p.index >= 0) {
                out += std::to_string(p.index);
            } else {
                for (char c : p.key) out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
            }
        }
        if (depth_ > kMaxDepth) out += "/...";
        return out.empty() ? "/" : out;
    }

private:
    static constexpr std::size_t kMaxDepth = 48;  // deeper values are named by their first 48 steps
    void push(Part part) {
        if (depth_ < kMaxDepth) parts_[depth_] = part;
        ++depth_;
    }
    std::array<Part, kMaxDepth> parts_{};
    std::size_t depth_ = 0;
};

class JsonScope {
public:
    // The key is kept as a view: it must outlive the scope (a temporary string would not).
    JsonScope(JsonPath& path, std::string_view key) : path_(path) { path_.push(key); }
    JsonScope(JsonPath& path, const char* key) : JsonScope(path, std::string_view(key)) {}
    JsonScope(JsonPath& path, std::string&&) = delete;
    JsonScope(JsonPath& path, std::int64_t index) : path_(path) { path_.push(index); }
    JsonScope(JsonPath& path, int index) : JsonScope(path, std::int64_t{index}) {}
    JsonScope(JsonPath& path, std::size_t index) : JsonScope(path, static_cast<std::int64_t>(index)) {}
    ~JsonScope() { path_.pop(); }
    JsonScope(const JsonScope&) = delete;
    JsonScope& operator=(const JsonScope&) = delete;

private:
    JsonPath& path_;
};

}  // namespace atenscope
