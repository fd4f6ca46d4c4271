// SPDX-License-Identifier: MIT
#pragma once
// Text of the core model (UTF-8, often a view into a graph's arena) as a QString.
#include <QString>

#include <string_view>

namespace atenscope {

inline QString qtext(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

}  // namespace atenscope
