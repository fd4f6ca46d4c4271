// SPDX-License-Identifier: MIT
#include "analysis/SourceLines.h"

#include "graph/Graph.h"

#include <algorithm>
#include <charconv>

namespace atenscope {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::optional<std::uint32_t> number(std::string_view s) {
    std::uint32_t n = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || end == s.data()) return std::nullopt;
    return n;
}

// A line that only underlines the one above it (Python 3.11's "^^^^" and "~~~~" markers).
bool isMarker(std::string_view s) {
    return !s.empty() && s.find_first_not_of("^~ ") == std::string_view::npos;
}

// '  File "f.py", line 12, in forward'
std::optional<SourceFrame> tracebackFrame(std::string_view s) {
    constexpr std::string_view head = "File \"";
    if (s.rfind(head, 0) != 0) return std::nullopt;
    const auto close = s.find('"', head.size());
    if (close == std::string_view::npos) return std::nullopt;
    SourceFrame f;
    f.file = s.substr(head.size(), close - head.size());
    std::string_view rest = s.substr(close + 1);
    constexpr std::string_view lineKey = ", line ";
    if (rest.rfind(lineKey, 0) != 0) return std::nullopt;
    rest.remove_prefix(lineKey.size());
    const auto comma = rest.find(',');
    const auto n = number(rest.substr(0, comma));
    if (!n) return std::nullopt;
    f.line = *n;
    if (comma != std::string_view::npos) {
        std::string_view fn = trim(rest.substr(comma + 1));
        if (fn.rfind("in ", 0) == 0) f.function = trim(fn.substr(3));
    }
    return f;
}

// 'File: f.py:12 in forward, code: x = self.conv(x)'
std::optional<SourceFrame> fxCommentFrame(std::string_view s) {
    constexpr std::string_view head = "File: ";
    if (s.rfind(head, 0) != 0) return std::nullopt;
    s.remove_prefix(head.size());
    const auto in = s.find(" in ");
    const std::string_view place = s.substr(0, in);
    const auto colon = place.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const auto n = number(place.substr(colon + 1));
    if (!n) return std::nullopt;
    SourceFrame f;
    f.file = place.substr(0, colon);
    f.line = *n;
    if (in != std::string_view::npos) {
        std::string_view rest = s.substr(in + 4);
        constexpr std::string_view codeKey = ", code: ";
        const auto code = rest.find(codeKey);
        f.function = trim(rest.substr(0, code));
        if (code != std::string_view::npos) f.code = trim(rest.substr(code + codeKey.size()));
    }
    return f;
}

bool underPackage(std::string_view file, std::string_view package) {
    // "torch/nn/modules/module.py" or ".../site-packages/torch/fx/proxy.py"
    if (file.size() > package.size() && file.rfind(package, 0) == 0 && file[package.size()] == '/') return true;
    const std::string inner = "/" + std::string(package) + "/";
    return file.find(inner) != std::string_view::npos;
}

}  // namespace

std::vector<SourceFrame> parseStackTrace(std::string_view trace) {
    std::vector<SourceFrame> frames;
    bool expectCode = false;
    while (!trace.empty()) {
        const auto eol = trace.find('\n');
        const std::string_view raw = trace.substr(0, eol);
        trace = eol == std::string_view::npos ? std::string_view{} : trace.substr(eol + 1);
        std::string_view s = trim(raw);
        if (s.rfind("# ", 0) == 0) s = trim(s.substr(2));
        if (auto f = tracebackFrame(s)) {
            frames.push_back(*f);
            expectCode = true;
        } else if (auto g = fxCommentFrame(s)) {
            frames.push_back(*g);
            expectCode = false;
        } else if (expectCode && !s.empty() && !isMarker(s)) {
            frames.back().code = s;
            expectCode = false;
        }
    }
    return frames;
}

bool isTorchSource(std::string_view file) {
    if (file.empty() || file.front() == '<') return true;
    for (std::string_view package : {"torch", "functorch", "torchgen"})
        if (underPackage(file, package)) return true;
    return false;
}

std::optional<SourceFrame> modelFrame(std::string_view trace) {
    const auto frames = parseStackTrace(trace);
    for (auto it = frames.rbegin(); it != frames.rend(); ++it)
        if (!isTorchSource(it->file)) return *it;
    return std::nullopt;
}

void SourceLineStats::merge(const SourceLineStats& o) {
    if (function.empty()) function = o.function;
    if (code.empty()) code = o.code;
    remaining += o.remaining;
    converted += o.converted;
    for (const auto& [op, n] : o.ops) ops[op] += n;
    for (const auto& [m, n] : o.models) models[m] += n;
}

std::vector<std::pair<const SourceLineKey*, const SourceLineStats*>> rankedLines(const SourceLineMap& lines) {
    std::vector<std::pair<const SourceLineKey*, const SourceLineStats*>> out;
    out.reserve(lines.size());
    for (const auto& [key, stats] : lines) out.emplace_back(&key, &stats);
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        if (a.second->remaining != b.second->remaining) return a.second->remaining > b.second->remaining;
        return a.second->converted > b.second->converted;
    });
    return out;
}

const SourceFrame* SourceLineCache::frameOf(const Node& node) {
    const std::string_view trace = node.more().stackTrace;
    if (trace.empty()) return nullptr;
    auto it = frames_.find(trace.data());
    if (it == frames_.end()) it = frames_.emplace(trace.data(), modelFrame(trace)).first;
    return it->second ? &*it->second : nullptr;
}

std::vector<std::uint32_t> nodesOfLine(const Graph& graph, std::string_view file, std::uint32_t line) {
    std::vector<std::uint32_t> out;
    SourceLineCache cache;
    const PartitionIndex parts(graph);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const SourceFrame* f = cache.frameOf(parts.node(i));
        if (f && f->line == line && f->file == file) out.push_back(static_cast<std::uint32_t>(i));
    }
    return out;
}

}  // namespace atenscope
