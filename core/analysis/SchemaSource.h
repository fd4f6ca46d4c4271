// SPDX-License-Identifier: MIT
#pragma once
// Where argument names and types come from when a graph dump carries no schema.
#include "graph/Graph.h"

#include <memory>
#include <string>

namespace atenscope {

class SchemaSource {
public:
    virtual ~SchemaSource() = default;
    // `op` is a normalised op name (aten.add.Tensor); null when unknown.
    virtual std::shared_ptr<const OpSchema> find(const std::string& op) const = 0;
};

// libtorch's operator registry (only when AtenScope is built with libtorch; else null).
std::unique_ptr<SchemaSource> makeTorchSchemaSource();

}  // namespace atenscope
