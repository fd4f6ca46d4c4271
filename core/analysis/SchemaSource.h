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

// What every command and the window use for ops a graph carries no schema for: the table
// of a PyTorch 2.x registry that AtenScope carries (analysis/SchemaTable.h), then libtorch's
// registry for ops the table lacks. Never null.
std::unique_ptr<SchemaSource> makeSchemaSource();

}  // namespace atenscope
