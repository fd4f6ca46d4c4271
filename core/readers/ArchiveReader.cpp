// SPDX-License-Identifier: MIT
#include "readers/ArchiveReader.h"

#include "base/Limits.h"
#include "base/LoadError.h"
#include "readers/ExportReader.h"
#include "readers/FxJsonReader.h"
#include "readers/JsonText.h"
#include "readers/ZipArchive.h"

#include <simdjson.h>

#include <algorithm>

namespace atenscope {

namespace {

TorchScriptConverter torchScriptConverter = nullptr;

bool endsWith(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// "<root>/<rest>" -> rest, or the name itself when it has no folder.
std::string_view underRoot(std::string_view name) {
    const auto slash = name.find('/');
    return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

void readProgram(const ZipArchive& archive, const ZipArchive::Entry& entry, const std::string& graphName, Model& model) {
    // The CRC is computed beside the parse and checked before the graph is built.
    ZipArchive::Bytes bytes = archive.read(entry, simdjson::SIMDJSON_PADDING, true, true);
    // A stored entry costs what its bytes on disk cost; a deflated one may have grown up to the
    // ratio limit, so what its parse will take is counted before the parse takes it.
    if (!entry.stored) {
        const JsonCost cost = measureJson(bytes.view(), limits::kDepth);
        if (const std::uint64_t limit = scaledLimit(limits::kJsonDomBytes); entry.size + cost.domBytes() > limit)
            throw InputError(archive.file(), entry.name,
                             "the program's JSON (" + byteText(entry.size) + " inflated from " + byteText(entry.compressedSize) +
                                 ") would take " + byteText(entry.size + cost.domBytes()) + " of memory with its parse; " +
                                 limitText(limit, "bytes"));
    }
    try {
        // Once parsed and checked, the entry's bytes go: the parsed document holds its own copy.
        readExportedProgram(bytes.view(), archive.file(), entry.name, graphName, model, [&] {
            bytes.verify();
            bytes.check = nullptr;
            bytes.data.reset();
        });
    } catch (const InputError&) {
        bytes.verify();  // damaged data explains a parse error better than the parse does
        throw;
    }
}

}  // namespace

void setTorchScriptConverter(TorchScriptConverter converter) {
    torchScriptConverter = converter;
}

bool ArchiveReader::canRead(const std::filesystem::path&, std::string_view head) const {
    return looksLikeZip(head);
}

std::vector<Model> ArchiveReader::read(const std::filesystem::path& path) const {
    const ZipArchive archive(path.string());
    std::vector<Model> out;
    out.push_back(readArchive(archive, path.stem().string()));
    return out;
}

Model readArchive(const ZipArchive& archive, const std::string& modelName) {
    Model model;
    model.name = modelName;
    model.sources.push_back(archive.file());
    const auto& entries = archive.entries();
    auto has = [&](auto&& pred) {
        return std::any_of(entries.begin(), entries.end(), [&](const ZipArchive::Entry& e) { return pred(e.name); });
    };

    // torch >= 2.8: one root folder, its archive_format says "pt2", programs in models/.
    const auto format = std::find_if(entries.begin(), entries.end(), [](const ZipArchive::Entry& e) {
        return underRoot(e.name) == "archive_format" && e.name.find('/') == e.name.rfind('/');
    });
    if (format != entries.end()) {
        std::string text(archive.read(*format).view());
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
        if (text != "pt2")
            throw InputError(archive.file(), format->name,
                             "archive format \"" + text.substr(0, 40) + "\" is not pt2, the one AtenScope reads");
        const std::string root = format->name.substr(0, format->name.size() - std::string_view("archive_format").size());
        std::vector<const ZipArchive::Entry*> programs;
        for (const auto& e : entries) {
            const std::string_view name = e.name;
            if (name.substr(0, root.size()) != root) continue;
            const std::string_view rest = name.substr(root.size());
            if (rest.substr(0, 7) == "models/" && endsWith(rest, ".json") && rest.find('/', 7) == std::string_view::npos)
                programs.push_back(&e);
        }
        if (programs.empty()) throw InputError(archive.file(), root + "models/", "the archive holds no program (models/*.json is missing)");
        std::sort(programs.begin(), programs.end(), [](auto* a, auto* b) { return a->name < b->name; });
        for (const auto* e : programs) {
            const std::string_view rest = std::string_view(e->name).substr(root.size() + 7);
            readProgram(archive, *e, std::string(rest.substr(0, rest.size() - 5)), model);
        }
        return model;
    }
    // torch 2.1-2.7: flat.
    for (const auto& e : entries) {
        if (e.name == "serialized_exported_program.json" || underRoot(e.name) == "serialized_exported_program.json") {
            readProgram(archive, e, "model", model);
            return model;
        }
    }
    if (has([](std::string_view n) { return underRoot(n).substr(0, 5) == "code/"; }) &&
        has([](std::string_view n) { return underRoot(n) == "data.pkl"; })) {
        if (!torchScriptConverter)
            throw InputError(archive.file(), "",
                             "a TorchScript archive (torch.jit.save): this build of AtenScope has no libtorch plugin to read it");
        Model read = parseGraphDump(torchScriptConverter(archive.file(), modelName), archive.file());
        read.name = modelName;
        read.sources = {archive.file()};
        return read;
    }
    if (has([](std::string_view n) { return underRoot(n) == "data.pkl"; }))
        throw InputError(archive.file(), "", "a torch.save archive (tensors or a state dict), which holds no graph");
    throw InputError(archive.file(), "",
                     "a zip archive, but not a torch.export .pt2 (neither <root>/archive_format with models/*.json nor "
                     "serialized_exported_program.json)");
}

}  // namespace atenscope
