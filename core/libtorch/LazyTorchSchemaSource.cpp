// SPDX-License-Identifier: MIT
// libtorch's operator registry, loaded only when a schema is first missing from a dump.
// Linking libtorch into the executable costs every run ~0.4 s and ~150 MB before main;
// most dumps carry their schemas, so the registry lives in a plugin opened on demand.
#include "analysis/SchemaSource.h"
#include "analysis/SchemaTable.h"
#include "base/InstallPaths.h"
#include "base/LoadError.h"
#include "readers/ArchiveReader.h"

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>

namespace atenscope {

namespace {

#ifdef ATENSCOPE_TORCH_PLUGIN
using MakeFn = SchemaSource* (*)();
using ToDumpFn = char* (*)(const char* path, const char* model, int* ok);
using FreeFn = void (*)(char*);

struct Plugin {
    void* handle = nullptr;
    std::string error;  // why it could not be opened
};

// The plugin beside the executable's tree (bin/../lib/atenscope/plugins/), or where
// ATENSCOPE_TORCH_PLUGIN says. Opened once per process, never closed.
const Plugin& plugin() {
    static const Plugin opened = [] {
        Plugin p;
        std::filesystem::path path;
        if (const char* env = std::getenv("ATENSCOPE_TORCH_PLUGIN"); env && *env) {
            path = env;
        } else {
            const auto prefix = installPrefix();
            if (prefix.empty()) {
                p.error = "the install prefix is unknown";
                return p;
            }
            path = prefix / "lib" / "atenscope" / "plugins" / ATENSCOPE_TORCH_PLUGIN;
        }
        p.handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!p.handle) p.error = dlerror();
        return p;
    }();
    return opened;
}

SchemaSource* loadPlugin() {
    const Plugin& p = plugin();
    if (!p.handle) {
        std::fprintf(stderr,
                     "atenscope: warning: op schemas from libtorch are not available (%s); ops a dump carries no schema for are "
                     "shown with arg0, arg1, ...\n",
                     p.error.c_str());
        return nullptr;
    }
    auto make = reinterpret_cast<MakeFn>(dlsym(p.handle, "atenscopeMakeTorchSchemaSource"));
    return make ? make() : nullptr;
}

std::string torchScriptToDump(const std::string& path, const std::string& model) {
    const Plugin& p = plugin();
    if (!p.handle)
        throw InputError(path, "",
                         "a TorchScript archive: reading it needs AtenScope's libtorch plugin, which did not load (" + p.error + ")");
    auto convert = reinterpret_cast<ToDumpFn>(dlsym(p.handle, "atenscopeTorchScriptToDump"));
    auto release = reinterpret_cast<FreeFn>(dlsym(p.handle, "atenscopeFreeText"));
    if (!convert || !release) throw InputError(path, "", "a TorchScript archive: the libtorch plugin cannot read TorchScript");
    int ok = 0;
    char* text = convert(path.c_str(), model.c_str(), &ok);
    std::string out = text ? text : "";
    release(text);
    if (!ok) throw InputError(path, "", out);
    return out;
}

class LazyTorchSchemaSource final : public SchemaSource {
public:
    std::shared_ptr<const OpSchema> find(const std::string& op) const override {
        static SchemaSource* registry = nullptr;
        static std::once_flag once;
        std::call_once(once, [] { registry = loadPlugin(); });
        return registry ? registry->find(op) : nullptr;
    }
};
#endif

// The table first, libtorch's registry for what it lacks. ATENSCOPE_SCHEMA_TABLE=off leaves
// the table out, to see what libtorch's registry alone gives (diagnostics, the install test).
class ChainedSchemaSource final : public SchemaSource {
public:
    explicit ChainedSchemaSource(std::unique_ptr<SchemaSource> fallback) : fallback_(std::move(fallback)) {
        const char* env = std::getenv("ATENSCOPE_SCHEMA_TABLE");
        useTable_ = !(env && std::string_view(env) == "off");
    }
    std::shared_ptr<const OpSchema> find(const std::string& op) const override {
        if (useTable_)
            if (auto found = builtinSchemaTable().find(op)) return found;
        return fallback_ ? fallback_->find(op) : nullptr;
    }

private:
    std::unique_ptr<SchemaSource> fallback_;
    bool useTable_ = true;
};

}  // namespace

std::unique_ptr<SchemaSource> makeSchemaSource() {
    return std::make_unique<ChainedSchemaSource>(makeTorchSchemaSource());
}

void enableTorchScript() {
#ifdef ATENSCOPE_TORCH_PLUGIN
    setTorchScriptConverter(&torchScriptToDump);
#endif
}

std::unique_ptr<SchemaSource> makeTorchSchemaSource() {
#ifdef ATENSCOPE_TORCH_PLUGIN
    return std::make_unique<LazyTorchSchemaSource>();
#else
    return nullptr;  // configured without libtorch
#endif
}

}  // namespace atenscope
