// SPDX-License-Identifier: MIT
#include "graph/OpName.h"

namespace atenscope {

std::string normaliseOpName(std::string_view name, std::string_view overload) {
    constexpr std::string_view torchOps = "torch.ops.";
    if (name.substr(0, torchOps.size()) == torchOps) name.remove_prefix(torchOps.size());
    const auto colons = name.find("::");
    if (colons == std::string_view::npos) return std::string(name);
    // TorchScript form: namespace::op[.overload] with the overload given apart.
    std::string out(name.substr(0, colons));
    out += '.';
    std::string_view rest = name.substr(colons + 2);
    const auto dot = rest.find('.');
    if (dot != std::string_view::npos) {
        out += rest;
        return out;
    }
    out += rest;
    out += '.';
    out += overload.empty() ? std::string_view("default") : overload;
    return out;
}

bool isNormalOpName(std::string_view name) {
    return name.substr(0, 10) != "torch.ops." && name.find("::") == std::string_view::npos;
}

QualifiedOp splitOpName(std::string_view normalised) {
    const auto first = normalised.find('.');
    if (first == std::string_view::npos) return {std::string(normalised), ""};
    const auto second = normalised.find('.', first + 1);
    std::string ns(normalised.substr(0, first));
    std::string op(normalised.substr(first + 1, second == std::string_view::npos ? std::string_view::npos : second - first - 1));
    std::string overload = second == std::string_view::npos ? "" : std::string(normalised.substr(second + 1));
    if (overload == "default") overload.clear();
    return {ns + "::" + op, overload};
}

}  // namespace atenscope
