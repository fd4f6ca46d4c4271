// SPDX-License-Identifier: MIT
#pragma once
#include "analysis/Summary.h"

#include <string>

namespace atenscope {

// The readable summary `atenscope analyze` prints: totals, conversion, per
// subgraph lines, and a table of the top remaining ops.
std::string textReport(const ModelReport& report, std::size_t top = 10);

}  // namespace atenscope
