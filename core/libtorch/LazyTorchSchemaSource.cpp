// SPDX-License-Identifier: MIT
// libtorch's operator registry, loaded only when a schema is first missing from a dump.
// Linking libtorch into the executable costs every run ~0.4 s and ~150 MB before main;
// most dumps carry their schemas, so the registry lives in a plugin opened on demand.
#include "analysis/SchemaSource.h"
#include "analysis/SchemaTable.h"
#include "base/InstallPaths.h"
#include "base/LoadError.h"
#include "readers/ArchiveReader.h"

#include "base/Limits.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <vector>

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
// ATENSCOPE_TORCH_PLUGIN says; empty, with `error` set, when the prefix is unknown.
std::filesystem::path pluginPath(std::string& error) {
    if (const char* env = std::getenv("ATENSCOPE_TORCH_PLUGIN"); env && *env) return env;
    const auto prefix = installPrefix();
    if (prefix.empty()) {
        error = "the install prefix is unknown";
        return {};
    }
    return prefix / "lib" / "atenscope" / "plugins" / ATENSCOPE_TORCH_PLUGIN;
}

// The plugin, opened once per process, never closed.
const Plugin& plugin() {
    static const Plugin opened = [] {
        Plugin p;
        const std::filesystem::path path = pluginPath(p.error);
        if (path.empty()) return p;
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
                     "atenscope: warning: op schemas from libtorch are not available (%s; the Debian package atenscope-torch "
                     "holds AtenScope's libtorch plugin); ops neither the dump nor the built-in table has a schema for are "
                     "shown with arg0, arg1, ...\n",
                     p.error.c_str());
        return nullptr;
    }
    auto make = reinterpret_cast<MakeFn>(dlsym(p.handle, "atenscopeMakeTorchSchemaSource"));
    return make ? make() : nullptr;
}

// A TorchScript archive as a graph dump, read by libtorch in a child process
// (atenscope-torchscript, beside the plugin) under memory and time limits: libtorch is not ours
// to harden, and a 2 KB archive found by fuzzing makes it allocate 1.9 GB (docs/limits.md). A
// crash or an exhausted limit there is one error here, never the window's end.
std::string torchScriptToDump(const std::string& path, const std::string& model) {
    std::string error;
    const std::filesystem::path pluginFile = pluginPath(error);
    if (pluginFile.empty())
        throw InputError(path, "", "a TorchScript archive: reading it needs AtenScope's libtorch plugin (" + error + ")");
    std::filesystem::path helper;
    if (const char* env = std::getenv("ATENSCOPE_TORCHSCRIPT_HELPER"); env && *env) {
        helper = env;
    } else {
        helper = pluginFile.parent_path().parent_path() / "atenscope-torchscript";
    }
    std::error_code ec;
    // The plugin and its reader come in their own package (libtorch is large and optional).
    for (const auto& part : {pluginFile, helper})
        if (!std::filesystem::exists(part, ec))
            throw InputError(path, "",
                             "a TorchScript archive: reading it needs libtorch, through AtenScope's libtorch plugin, which is not "
                             "installed (" +
                                 part.string() +
                                 " is missing; the Debian package atenscope-torch holds it). Graph dumps, .pt2 "
                                 "archives, traces and metrics folders need no libtorch");
    const std::uint64_t fileBytes = std::filesystem::file_size(path, ec);
    const std::uint64_t memory = scaledLimit(limits::kTorchScriptBytes) + (ec ? 0 : 2 * fileBytes);
    const std::uint64_t seconds = limits::kTorchScriptSeconds;
    const std::uint64_t maxText = scaledLimit(limits::kTorchScriptTextBytes);
    const std::string memoryText = std::to_string(memory), secondsText = std::to_string(seconds);
    const std::string helperText = helper.string(), pluginText = pluginFile.string();
    std::vector<char*> args = {const_cast<char*>(helperText.c_str()),
                               const_cast<char*>(pluginText.c_str()),
                               const_cast<char*>(path.c_str()),
                               const_cast<char*>(model.c_str()),
                               const_cast<char*>(memoryText.c_str()),
                               const_cast<char*>(secondsText.c_str()),
                               nullptr};
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0) throw InputError(path, "", std::string("cannot start the TorchScript reader: ") + std::strerror(errno));
    if (pipe2(err, O_CLOEXEC) != 0) {
        ::close(out[0]);
        ::close(out[1]);
        throw InputError(path, "", std::string("cannot start the TorchScript reader: ") + std::strerror(errno));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, helperText.c_str(), &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    ::close(err[1]);
    if (spawned != 0) {
        ::close(out[0]);
        ::close(err[0]);
        throw InputError(path, "", "a TorchScript archive: its reader " + helperText + " did not start (" + std::strerror(spawned) + ")");
    }
    // Both pipes read as they fill (a full one would stall the child), up to a wall-clock bound
    // beyond its processor time (a child blocked on nothing still ends).
    std::string text, message;
    bool tooLong = false, tooSlow = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2 * seconds + 10);
    pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
    int open = 2;
    char buffer[1 << 16];
    while (open > 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) {
            tooSlow = true;
            break;
        }
        const int ready = ::poll(fds, 2, static_cast<int>(std::min<long long>(left, 1000)));
        if (ready < 0 && errno != EINTR) break;
        for (int k = 0; k < 2; ++k) {
            if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t n = ::read(fds[k].fd, buffer, sizeof buffer);
            if (n > 0) {
                std::string& into = k == 0 ? text : message;
                if (into.size() + static_cast<std::size_t>(n) > (k == 0 ? maxText : 65536)) {
                    if (k == 0) tooLong = true;
                } else {
                    into.append(buffer, static_cast<std::size_t>(n));
                }
            } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
                ::close(fds[k].fd);
                fds[k].fd = -1;
                --open;
            }
        }
        if (tooLong) break;
    }
    if (tooLong || tooSlow) ::kill(pid, SIGKILL);
    for (auto& f : fds)
        if (f.fd >= 0) ::close(f.fd);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    const std::string limitsText = "within " + byteText(memory) + " of memory and " + secondsText + " s";
    if (tooLong) throw InputError(path, "", "libtorch's graph of this TorchScript archive is over " + limitText(maxText, "bytes"));
    if (tooSlow) throw InputError(path, "", "libtorch did not finish reading this TorchScript archive " + limitsText);
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        if (sig == SIGXCPU || sig == SIGKILL)
            throw InputError(path, "", "libtorch did not finish reading this TorchScript archive " + limitsText);
        throw InputError(path, "",
                         "libtorch stopped while reading this TorchScript archive (signal " + std::to_string(sig) + ", " + strsignal(sig) +
                             ")" + (message.empty() ? "" : ": " + message.substr(0, message.find('\n'))));
    }
    if (WEXITSTATUS(status) != 0) {
        if (message.empty()) message = "its reader ended with status " + std::to_string(WEXITSTATUS(status));
        if (const auto at = message.find("std::bad_alloc"); at != std::string::npos)
            message.replace(at, 14, "out of memory (" + limitText(memory, "bytes") + ")");
        throw InputError(path, "", message);
    }
    return text;
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
