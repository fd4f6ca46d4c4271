// SPDX-License-Identifier: MIT
#pragma once
// Which lines of a model's own code its nodes come from: the innermost frame of a node's stack
// trace that is not torch's own, and the remaining and converted nodes per line.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace atenscope {

struct Graph;
struct Node;

// One frame of a stack trace; views into the trace's text.
struct SourceFrame {
    std::string_view file;  // as the trace gives it: absolute, or relative to a root of sys.path
    std::uint32_t line = 0;
    std::string_view function;
    std::string_view code;  // the line's code as the trace quotes it, trimmed ("" when not quoted)
};

// The frames of a stack trace, outermost first. Reads both forms torch writes: Python's
// traceback ('  File "f.py", line 12, in forward' then the code on the next line, as
// meta["stack_trace"] holds it) and fx's one-line comment ('File: f.py:12 in forward, code: x'),
// as TORCH_TRACE's graph code prints it. Lines of neither form are skipped.
std::vector<SourceFrame> parseStackTrace(std::string_view trace);

// A file of torch itself (torch/, functorch/, torchgen/ as a package) or generated code
// ("<eval_with_key>.3"): not a line of the model.
bool isTorchSource(std::string_view file);

// The innermost frame that is not torch's own, if any: the line of the model a node comes from.
std::optional<SourceFrame> modelFrame(std::string_view trace);

struct SourceLineKey {
    std::string file;
    std::uint32_t line = 0;
    auto operator<=>(const SourceLineKey&) const = default;
};

struct SourceLineStats {
    std::string function;
    std::string code;
    std::uint64_t remaining = 0;
    std::uint64_t converted = 0;
    std::map<std::string, std::uint64_t, std::less<>> ops;     // remaining op -> nodes
    std::map<std::string, std::uint64_t, std::less<>> models;  // model -> remaining nodes (merged runs)

    void merge(const SourceLineStats& other);
};

using SourceLineMap = std::map<SourceLineKey, SourceLineStats>;

// The lines, most remaining nodes first, then most converted, then by file and line.
std::vector<std::pair<const SourceLineKey*, const SourceLineStats*>> rankedLines(const SourceLineMap& lines);

// Parses each distinct trace once (readers share a trace between the nodes that have it).
class SourceLineCache {
public:
    const SourceFrame* frameOf(const Node& node);

private:
    std::map<const char*, std::optional<SourceFrame>> frames_;
};

// The indices of a graph's nodes that come from `file`:`line`, in the order nodesOfOp uses
// (the graph's, then those inside its partitions and higher-order graphs): what the window
// walks when a line is chosen.
std::vector<std::uint32_t> nodesOfLine(const Graph& graph, std::string_view file, std::uint32_t line);

}  // namespace atenscope
