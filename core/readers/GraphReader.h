// SPDX-License-Identifier: MIT
#pragma once
// Readers behind one entry point: readModels() picks the reader for each path
// and groups what they read by model name. Nothing downstream knows the format.
#include "graph/Graph.h"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace atenscope {

class GraphReader {
public:
    virtual ~GraphReader() = default;
    virtual std::string_view name() const = 0;
    // `head` holds the first bytes of a file (empty for a directory).
    virtual bool canRead(const std::filesystem::path& path, std::string_view head) const = 0;
    // Throws InputError naming the file and the place on bad input.
    virtual std::vector<Model> read(const std::filesystem::path& path) const = 0;
};

const std::vector<std::unique_ptr<GraphReader>>& graphReaders();

class InputError;

struct ReadOptions {
    std::string modelName;  // overrides the name the files carry
    // When set, a path that cannot be read is recorded here and the others are still read
    // (the window opens the good files of a selection); when null, the first bad path throws.
    // Either way, when no path could be read the first error is thrown.
    std::vector<InputError>* failures = nullptr;
};

// Reads every path (files, or folders of graph dumps) and groups graphs by model:
// several files of one model become one Model with several subgraphs.
std::vector<Model> readModels(const std::vector<std::string>& paths, const ReadOptions& options = {});

}  // namespace atenscope
