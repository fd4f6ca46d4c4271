// SPDX-License-Identifier: MIT
// atenscope-torchscript PLUGIN ARCHIVE MODEL MEMORY SECONDS: reads a TorchScript archive with
// libtorch (through AtenScope's plugin) in a process of its own, and prints it as a graph dump on
// standard output; why not on standard error, exit 1. libtorch is not ours to harden: fuzzing
// found a 2 KB archive that makes torch::jit::load allocate 1.9 GB, so the readers run it here,
// under a memory limit (RLIMIT_DATA: MEMORY bytes of private writable memory) and a processor
// time limit (RLIMIT_CPU: SECONDS), where a crash or an exhausted limit ends this process only.
// Started by the library (LazyTorchSchemaSource.cpp), never by a user.
#include <dlfcn.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

using ToDumpFn = char* (*)(const char* path, const char* model, int* ok);
using FreeFn = void (*)(char*);

void limit(int resource, rlim_t value) {
    const rlimit r{value, value};
    if (setrlimit(resource, &r) != 0) {
        std::fprintf(stderr, "cannot set a resource limit: %s\n", std::strerror(errno));
        std::exit(1);
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 6) {
        std::fprintf(stderr, "usage: atenscope-torchscript PLUGIN ARCHIVE MODEL MEMORY SECONDS (started by atenscope)\n");
        return 2;
    }
    void* plugin = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!plugin) {
        std::fprintf(stderr, "AtenScope's libtorch plugin did not load (%s)\n", dlerror());
        return 1;
    }
    auto convert = reinterpret_cast<ToDumpFn>(dlsym(plugin, "atenscopeTorchScriptToDump"));
    auto release = reinterpret_cast<FreeFn>(dlsym(plugin, "atenscopeFreeText"));
    if (!convert || !release) {
        std::fprintf(stderr, "the libtorch plugin cannot read TorchScript\n");
        return 1;
    }
    // After libtorch is loaded (its own data counts too), before it reads anything.
    limit(RLIMIT_DATA, static_cast<rlim_t>(std::strtoull(argv[4], nullptr, 10)));
    limit(RLIMIT_CPU, static_cast<rlim_t>(std::strtoull(argv[5], nullptr, 10)));
    int ok = 0;
    char* text = convert(argv[2], argv[3], &ok);
    const std::size_t size = text ? std::strlen(text) : 0;
    std::FILE* out = ok ? stdout : stderr;
    const bool written = std::fwrite(text ? text : "", 1, size, out) == size && std::fflush(out) == 0;
    release(text);
    return ok && written ? 0 : 1;
}
