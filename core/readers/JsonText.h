// SPDX-License-Identifier: MIT
#pragma once
// JSON text, before or instead of a DOM: linear scans that need no parse tree. Where a parse
// failed (line and column, and what is wrong: nesting past the limit, a number
// no double holds, a syntax error), what a simdjson DOM of a document will cost, and small
// documents (model_run.json, trace records, report.json) parsed by nlohmann (which, like simdjson,
// skips a UTF-8 byte order mark) with every error it
// can raise turned into one InputError naming the file and the place.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace atenscope {

// Where a document starts in its file: a trace record starts inside a line of the log.
struct TextOrigin {
    std::size_t line = 1, column = 1;
};

// "line 3, column 17" of a byte offset.
std::string lineColumn(std::string_view json, std::size_t byte, TextOrigin origin = {});

// What a simdjson DOM of `json` takes, counted in one pass: the structural index (4 bytes per
// structural character), the tape (8 bytes per value, 16 per number or container) and the
// string buffer. Also the deepest nesting, and where it first passes `maxDepth`.
struct JsonCost {
    std::uint64_t structurals = 0;
    std::uint64_t tapeWords = 0;
    std::uint64_t stringBytes = 0;
    std::uint64_t depth = 0;
    std::size_t tooDeepAt = std::string_view::npos;  // the byte where nesting passes maxDepth
    std::uint64_t domBytes() const { return 4 * structurals + 8 * tapeWords + stringBytes; }
};
JsonCost measureJson(std::string_view json, std::uint64_t maxDepth);

// After a parser refused `json`: throws one InputError naming the file, the place (`where`
// prefixes it: an archive entry, a line of a log) and what is wrong, found by scans that keep
// nothing but a position. `fallback` is the parser's own word, used when no scan places it.
[[noreturn]] void diagnoseJson(std::string_view json, const std::string& file, const std::string& where, const std::string& fallback,
                               TextOrigin origin = {});

nlohmann::json parseJsonText(std::string_view json, const std::string& file, TextOrigin origin = {});
nlohmann::ordered_json parseOrderedJsonText(std::string_view json, const std::string& file, TextOrigin origin = {});

}  // namespace atenscope
