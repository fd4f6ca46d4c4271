// SPDX-License-Identifier: MIT
#pragma once
// The op schemas AtenScope carries: every operator of a PyTorch 2.x registry
// (resources/schemas/torch-schemas.txt, written by tools/make_schema_table.py), compiled in.
#include "analysis/SchemaSource.h"

#include <string_view>

namespace atenscope {

// The table's source; parsed once, on the first lookup. Thread-safe.
const SchemaSource& builtinSchemaTable();
// The torch version whose registry the table holds ("2.13.0+cpu").
std::string_view builtinSchemaTableTorchVersion();

}  // namespace atenscope
