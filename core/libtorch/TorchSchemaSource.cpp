// SPDX-License-Identifier: MIT
// The only file that includes libtorch: the aten operator registry, built as a plugin
// that LazyTorchSchemaSource.cpp opens when a dump lacks a schema.
#include "analysis/SchemaSource.h"
#include "graph/OpName.h"

#include <ATen/core/function_schema.h>
#include <torch/csrc/jit/runtime/operator.h>

#include <map>
#include <mutex>

namespace atenscope {

namespace {

class TorchSchemaSource final : public SchemaSource {
public:
    std::shared_ptr<const OpSchema> find(const std::string& op) const override {
        std::lock_guard<std::mutex> lock(mutex_);
        if (auto it = cache_.find(op); it != cache_.end()) return it->second;
        std::shared_ptr<const OpSchema> found;
        const QualifiedOp q = splitOpName(op);
        try {
            for (const auto& candidate : torch::jit::getAllOperatorsFor(c10::Symbol::fromQualString(q.name))) {
                const c10::FunctionSchema& s = candidate->schema();
                if (s.overload_name() != q.overload) continue;
                auto schema = std::make_shared<OpSchema>();
                schema->name = s.name();
                schema->overload = s.overload_name();
                for (const auto& a : s.arguments()) schema->arguments.push_back({a.name(), a.type()->annotation_str(), a.kwarg_only()});
                found = std::move(schema);
                break;
            }
        } catch (const std::exception&) {
            // Not an op libtorch knows (no namespace, a ttnn op, ...): no schema.
        }
        cache_.emplace(op, found);
        return found;
    }

private:
    mutable std::mutex mutex_;
    mutable std::map<std::string, std::shared_ptr<const OpSchema>> cache_;
};

}  // namespace

}  // namespace atenscope

// Owned by the caller; the plugin stays loaded for the life of the process.
extern "C" __attribute__((visibility("default"))) atenscope::SchemaSource* atenscopeMakeTorchSchemaSource() {
    return new atenscope::TorchSchemaSource();
}
