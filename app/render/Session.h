// SPDX-License-Identifier: MIT
#pragma once
// What one load produces: the models, each with its original graphs (when the
// files hold any) and a laid-out drawing per compiled subgraph.
#include "analysis/Classifier.h"
#include "analysis/Summary.h"
#include "render/GraphDrawing.h"
#include "render/GroupedLayout.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace atenscope {

struct LoadedModel {
    Model model;                                                // the compiled subgraphs
    std::optional<Model> original;                              // graphs whose stage is "original", when the files hold both
    std::vector<std::shared_ptr<const GraphDrawing>> drawings;  // per subgraph, as first shown
    std::vector<std::shared_ptr<GroupedLayout>> grouped;        // per subgraph: its module groups (null: none)
};

struct Session {
    QStringList files;
    std::vector<LoadedModel> models;
    QStringList failures;  // the files that could not be read, each with why (the others were)
};

using Progress = std::function<void(int done, int total, const QString& what)>;

struct LoadOptions {
    // Draw weights and constants (and the chains moving them to the device) as nodes; false:
    // as chips of the nodes that use them (FoldedWeights).
    bool weights = false;
};

// A model's graphs split by stage: compiled ones (or, when there are none, the original ones)
// to show, original ones beside them for the conversion percentage.
LoadedModel splitStages(Model&& model);
// A subgraph laid out flat (the engine chosen by size).
std::shared_ptr<GraphDrawing> layOut(const Graph& graph, bool weights = true);
// A subgraph as the window first shows it: grouped by modules, folded to a readable depth,
// when it has any (`grouped` is set to its groups); else flat.
std::shared_ptr<GraphDrawing> layOutForView(const Graph& graph, bool weights, std::shared_ptr<GroupedLayout>& grouped);

// Reads, splits original from compiled graphs, and lays out every subgraph. Files that
// cannot be read are listed in the session's failures; throws InputError when none can be.
// Returns null when `cancel` was set.
std::shared_ptr<Session> loadSession(const QStringList& files, const std::atomic<bool>& cancel, const Progress& progress,
                                     const LoadOptions& options = {});

// Each node's class, as the view colours it: the graph's nodes (a partition the profile converts
// shows as converted), then those inside its partitions (PartitionIndex).
std::vector<NodeClass> viewClasses(const Graph& graph, const Profile& profile, bool predict);

ModelReport analyzeLoaded(const LoadedModel& m, const Profile& profile, bool predict, const SchemaSource* schemas);

}  // namespace atenscope
