// SPDX-License-Identifier: MIT
#include "base/LoadError.h"
#include "readers/ArchiveReader.h"
#include "readers/FxJsonReader.h"
#include "readers/GraphReader.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <system_error>

namespace atenscope {

namespace fs = std::filesystem;

const std::vector<std::unique_ptr<GraphReader>>& graphReaders() {
    static const auto readers = [] {
        std::vector<std::unique_ptr<GraphReader>> r;
        r.push_back(std::make_unique<ArchiveReader>());  // before the dump reader, which takes any *.json
        r.push_back(std::make_unique<FxJsonReader>());
        return r;
    }();
    return readers;
}

namespace {

std::string head(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string buf(512, '\0');
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    buf.resize(static_cast<std::size_t>(in.gcount()));
    return buf;
}

std::vector<Model> readOne(const fs::path& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw InputError(path.string(), "", "no such file or folder");
    if (fs::is_directory(path, ec)) {
        // A folder such as metrics/{model}/: every graph dump in it, in name order.
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(path, ec))
            if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        std::vector<Model> out;
        for (const auto& f : files) {
            const std::string h = head(f);
            if (h.find("\"atenscope.graph\"") == std::string::npos) continue;  // other JSON (model_run.json, ...)
            for (auto& m : readOne(f)) out.push_back(std::move(m));
        }
        if (out.empty()) throw InputError(path.string(), "", "the folder holds no AtenScope graph dump (*.json)");
        return out;
    }
    if (fs::file_size(path, ec) == 0 && !ec) throw InputError(path.string(), "", "empty file");
    const std::string h = head(path);
    for (const auto& reader : graphReaders())
        if (reader->canRead(path, h)) return reader->read(path);
    throw InputError(path.string(), "", "not a graph format AtenScope reads (expected an AtenScope graph dump or a torch.export .pt2)");
}

}  // namespace

std::vector<Model> readModels(const std::vector<std::string>& paths, const ReadOptions& options) {
    std::vector<Model> models;
    std::vector<InputError> failed;
    for (const auto& p : paths) {
        std::vector<Model> read;
        try {
            read = readOne(fs::path(p));
        } catch (const InputError& e) {
            if (!options.failures) throw;
            failed.push_back(e);
            continue;
        }
        for (auto& m : read) {
            if (!options.modelName.empty()) m.name = options.modelName;
            if (m.name.empty()) m.name = fs::path(m.sources.front()).stem().string();
            auto it = std::find_if(models.begin(), models.end(), [&](const Model& x) { return x.name == m.name; });
            if (it == models.end()) {
                models.push_back(std::move(m));
                continue;
            }
            // Another file of a model already read: its graphs become more subgraphs.
            std::set<std::string> names;
            for (const auto& g : it->graphs) names.insert(g.name);
            for (auto& g : m.graphs) {
                if (names.count(g.name)) g.name = fs::path(g.source).stem().string() + ":" + g.name;
                names.insert(g.name);
                it->graphs.push_back(std::move(g));
            }
            for (auto& [op, schema] : m.schemas) it->schemas.emplace(op, schema);
            it->sources.insert(it->sources.end(), m.sources.begin(), m.sources.end());
        }
    }
    if (models.empty() && !failed.empty()) throw failed.front();
    if (options.failures) options.failures->insert(options.failures->end(), failed.begin(), failed.end());
    return models;
}

}  // namespace atenscope
