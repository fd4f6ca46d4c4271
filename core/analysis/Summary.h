// SPDX-License-Identifier: MIT
#pragma once
// The op report: what remains of a model after its backend, per subgraph and in all.
#include "analysis/Classifier.h"
#include "analysis/Profile.h"
#include "analysis/SchemaSource.h"
#include "analysis/SourceLines.h"
#include "graph/Graph.h"

#include <cstdint>
#include <ctime>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace atenscope {

// One remaining node. In a DetailList, the text lives in the list's own storage.
struct RemainingNode {
    std::string_view opName;
    std::string_view nodeName;
    std::string_view graph;
    std::string_view argsStr;
    std::string_view kwargsStr;
    std::span<const std::string_view> inputShapes;  // shape text per graph-value argument ("" unknown)
    std::string_view outputShape;
    std::string_view dtype;
    std::string_view modulePath;
    std::string_view variation;
};

// Per-node details, in chunks shared between summaries: the whole-model summary
// refers to its subgraphs' details instead of copying them.
class DetailList {
public:
    // Adds a copy of `node`, its text copied too: what it points to may go afterwards.
    void push_back(const RemainingNode& node);
    // Room for n more nodes without moving those already added.
    void reserve(std::size_t n);
    // Shares `other`'s chunks; later push_backs to either side do not affect the other.
    void append(const DetailList& other);
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    const RemainingNode& operator[](std::size_t i) const;

    class const_iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = RemainingNode;
        using difference_type = std::ptrdiff_t;
        using pointer = const RemainingNode*;
        using reference = const RemainingNode&;
        const_iterator(const DetailList* list, std::size_t chunk, std::size_t pos) : list_(list), chunk_(chunk), pos_(pos) { settle(); }
        reference operator*() const { return list_->chunks_[chunk_]->items[pos_]; }
        pointer operator->() const { return &**this; }
        const_iterator& operator++() {
            ++pos_;
            settle();
            return *this;
        }
        bool operator==(const const_iterator& o) const { return chunk_ == o.chunk_ && pos_ == o.pos_; }

    private:
        void settle() {
            while (chunk_ < list_->chunks_.size() && pos_ >= list_->chunks_[chunk_]->items.size()) {
                ++chunk_;
                pos_ = 0;
            }
        }
        const DetailList* list_;
        std::size_t chunk_;
        std::size_t pos_;
    };
    const_iterator begin() const { return {this, 0, 0}; }
    const_iterator end() const { return {this, chunks_.size(), 0}; }

private:
    struct Chunk {
        std::vector<RemainingNode> items;
        Arena text;
    };
    std::vector<std::shared_ptr<Chunk>> chunks_;
    Chunk& writable();
    std::size_t size_ = 0;
};

struct OpStats {
    std::uint64_t count = 0;
    std::map<std::string, std::uint64_t, std::less<>> variations;  // input variation -> nodes
    std::set<std::string, std::less<>> graphs;                     // subgraphs it appears in
};

struct Summary {
    std::string model;
    std::string graph;  // empty: the whole model
    std::string profile;
    bool predicted = false;
    std::string timestamp;

    std::uint64_t nodes = 0;
    std::uint64_t remaining = 0;
    std::uint64_t converted = 0;
    std::uint64_t dataMovement = 0;
    std::uint64_t structural = 0;
    std::uint64_t other = 0;

    std::map<std::string, OpStats, std::less<>> ops;  // remaining aten ops by name
    DetailList details;
    SourceLineMap lines;  // the model's own lines its remaining and converted nodes come from
    std::optional<std::uint64_t> originalOpsCount;
    std::optional<std::uint64_t> originalOpTypes;  // distinct aten ops of the original, when known

    std::uint64_t uniqueOpTypes() const { return ops.size(); }
    // An op's share of the remaining ops, in percent (0 when none remain): the one place the
    // tables, the text report and the exports take it from.
    double sharePercent(std::uint64_t count) const;
    // (original - remaining) / original * 100; none without an original count or when it is 0.
    std::optional<double> conversionPercentage() const;
    // The n most frequent remaining ops; ties broken by name.
    std::vector<std::pair<std::string, std::uint64_t>> mostFrequent(std::size_t n) const;
    // Adds `other`'s counts, ops and details. `as`, when given, is where other's ops are said
    // to be (a model's name in a run) instead of other's subgraphs.
    void merge(const Summary& other, std::string_view as = {});
};

struct Recorded;

struct ModelReport {
    Summary total;
    std::vector<Summary> subgraphs;
    std::shared_ptr<const Recorded> recorded;  // what a metrics folder records of the model (runs), if any
    std::size_t graphCount = 0;                // graphs analysed (0: the report comes from recorded lists)
    std::string torch;                         // the torch that made the model's graphs, when known
};

struct AnalysisOptions {
    const Profile* profile = nullptr;
    bool predict = false;
    const SchemaSource* schemas = nullptr;  // used when a dump carries no schema for an op
    std::string timestamp;                  // ISO 8601; now when empty
};

// `original`, when given, is the model before the backend: its aten op count
// becomes original_ops_count (per subgraph too when both hold as many subgraphs).
ModelReport analyze(const Model& model, const AnalysisOptions& options, const Model* original = nullptr);

// Aten ops of a model (nested subgraphs included).
std::uint64_t countAtenOps(const Model& model);
std::uint64_t countAtenOps(const Graph& graph);
// Distinct aten ops of a model (nested subgraphs included).
std::uint64_t countAtenOpTypes(const Model& model);

// "987 (19)": total, then unique.
std::string totalUnique(std::uint64_t total, std::uint64_t unique);
// ISO 8601 in UTC (2026-11-30T01:54:16Z): of `t`, of now, or of SOURCE_DATE_EPOCH when that is
// set (reproducible output); the one timestamp formatter.
std::string isoTimestamp(std::time_t t);
std::string isoTimestampNow();
std::string isoTimestampOfBuild();  // SOURCE_DATE_EPOCH if set, else now

}  // namespace atenscope
