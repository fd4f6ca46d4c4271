// SPDX-License-Identifier: MIT
#pragma once
// Op names differ by front end; they all mean one op:
//   aten.add.Tensor (fx), torch.ops.aten.add.Tensor (export), aten::add + "Tensor" (TorchScript).
#include <string>
#include <string_view>

namespace atenscope {

// The canonical form, `aten.add.Tensor`; an empty overload becomes `default`.
std::string normaliseOpName(std::string_view name, std::string_view overload = {});
// Whether normaliseOpName(name) is `name` itself.
bool isNormalOpName(std::string_view name);

// `aten.add.Tensor` -> `aten::add` and `Tensor` (for a schema look-up).
struct QualifiedOp {
    std::string name;
    std::string overload;
};
QualifiedOp splitOpName(std::string_view normalised);

}  // namespace atenscope
