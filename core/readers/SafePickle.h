// SPDX-License-Identifier: MIT
#pragma once
// A pickle reader that never runs anything: protocols 2 to 5, data opcodes only. The few
// globals that torch_ttnn's metrics files hold (torch dtypes, torch.Size, OrderedDict, set,
// the protocol-2 bytes encoding) are mapped to plain values, never called; any other global,
// and INST, OBJ, NEWOBJ, BUILD, persistent ids and extension codes, are refused with the file
// and the byte offset. The result is JSON:
//   None, bool, int, float, str -> the same (an int beyond 64 bits -> its decimal digits, a string)
//   list, tuple, set, frozenset, torch.Size -> array
//   dict, OrderedDict -> object (keys str, or int/bool/None/float written as Python prints them)
//   bytes, bytearray -> {"$bytes": "<hex>"};  a torch dtype -> "torch.float32"
#include "base/Limits.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace atenscope {

// docs/limits.md; each is checked as the pickle is read.
struct PickleLimits {
    std::size_t maxBytes = scaledLimit(limits::kPickleBytes);    // memory the reader's own values take
    std::size_t maxValues = scaledLimit(limits::kPickleValues);  // values in the result: shared references cannot multiply without bound
    std::size_t maxTextBytes = scaledLimit(limits::kPickleTextBytes);  // text in the result, shared strings counted each time
    std::size_t maxDepth = limits::kDepth;
};

// Throws InputError(file, "byte N", ...) on anything it does not read.
nlohmann::ordered_json readPickle(std::string_view bytes, const std::string& file, const PickleLimits& limits = {});

}  // namespace atenscope
