// SPDX-License-Identifier: MIT
#include "base/InputFile.h"
#include "base/LoadError.h"
#include "base/Parallel.h"
#include "graph/Recorded.h"
#include "readers/ArchiveReader.h"
#include "readers/FxJsonReader.h"
#include "readers/GraphReader.h"
#include "readers/MetricsFolder.h"
#include "readers/TraceReader.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <system_error>

namespace atenscope {

namespace fs = std::filesystem;

const std::vector<std::unique_ptr<GraphReader>>& graphReaders() {
    static const auto readers = [] {
        std::vector<std::unique_ptr<GraphReader>> r;
        r.push_back(std::make_unique<ArchiveReader>());  // before the dump reader, which takes any *.json
        r.push_back(std::make_unique<TraceReader>());
        r.push_back(std::make_unique<FxJsonReader>());
        return r;
    }();
    return readers;
}

namespace {

std::string head(const fs::path& path) {
    return readInputHead(path, 512);
}

std::vector<Model> readFile(const fs::path& path) {
    requireRegularFile(path);
    std::error_code ec;
    if (fs::file_size(path, ec) == 0 && !ec) throw InputError(path.string(), "", "empty file");
    const std::string h = head(path);
    for (const auto& reader : graphReaders())
        if (reader->canRead(path, h)) return reader->read(path);
    throw InputError(path.string(), "",
                     "not a graph format AtenScope reads (expected an AtenScope graph dump, a torch.export .pt2, a TORCH_TRACE "
                     "log or a metrics folder)");
}

// A file a folder walk reads as a graph: a graph dump, a .pt2 archive or a TORCH_TRACE log (by
// content). Not *.pt: in a metrics folder those are torch.save outputs; TorchScript archives are
// opened as files.
bool isGraphFile(const fs::path& file) {
    const auto ext = file.extension();
    if (ext == ".pt2") return true;
    if (ext == ".log") return looksLikeTrace(head(file));  // a TORCH_TRACE folder's logs
    if (ext != ".json") return false;
    return head(file).find("\"atenscope.graph\"") != std::string::npos;  // not model_run.json, metrics JSON, ...
}

// A model's name from its folder: the path below the folder the user gave, or, for that folder
// itself, its path below a "metrics" folder above it (metrics/hf/bert -> hf/bert), else its name.
std::string folderModelName(const fs::path& folder, const fs::path& root) {
    if (folder != root) return folder.lexically_relative(root).generic_string();
    const fs::path absolute = fs::absolute(folder.empty() ? fs::path(".") : folder).lexically_normal();
    std::vector<std::string> parts;
    for (const auto& p : absolute) parts.push_back(p.string());
    while (!parts.empty() && parts.back().empty()) parts.pop_back();
    for (std::size_t i = parts.size(); i-- > 0;)
        if (parts[i] == "metrics" && i + 1 < parts.size()) {
            std::string name;
            for (std::size_t j = i + 1; j < parts.size(); ++j) name += (name.empty() ? "" : "/") + parts[j];
            return name;
        }
    return parts.empty() ? folder.string() : parts.back();
}

// One folder of a metrics root (or of dumps): its graphs, and what its metrics files record,
// which go with the model named after the folder (made when no graph of that name is there).
std::vector<Model> readModelFolder(const std::string& name, const std::vector<fs::path>& files) {
    std::vector<Model> models;
    auto recorded = std::make_shared<Recorded>();
    for (const auto& f : files) {
        if (const MetricsFile kind = metricsFileKind(f); kind != MetricsFile::None) {
            readMetricsFile(f, kind, *recorded);
            continue;
        }
        for (auto& m : readFile(f)) {
            // an archive or a trace log is named after its file: in a model's folder, after the folder
            if (f.extension() == ".pt2" || f.extension() == ".log" || m.name.empty()) m.name = name;
            models.push_back(std::move(m));
        }
    }
    if (recorded->files.empty()) return models;
    // A model's folder of a metrics root: graphs of one model there are that model, whatever
    // their files call it (a run root's model-0001/ holding resnet18's dumps).
    const bool oneModel =
        !models.empty() && std::all_of(models.begin(), models.end(), [&](const Model& m) { return m.name == models[0].name; });
    if (oneModel)
        for (auto& m : models) m.name = name;
    auto it = std::find_if(models.begin(), models.end(), [&](const Model& m) { return m.name == name; });
    if (it == models.end()) {
        Model m;
        m.name = name;
        models.push_back(std::move(m));
        it = models.end() - 1;
    }
    it->sources.insert(it->sources.end(), recorded->files.begin(), recorded->files.end());
    it->recorded = std::move(recorded);
    return models;
}

// A folder: every folder under it (itself included) holding graph dumps, .pt2 archives, trace
// logs or metrics files is a model (torch_ttnn's metrics/{model}/, names with '/' as nested folders).
// Folders are read in parallel; a bad one is recorded in `failures` when given, else thrown.
std::vector<Model> readFolder(const fs::path& root, std::vector<InputError>* failures) {
    std::map<fs::path, std::vector<fs::path>> byFolder;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_directory(ec)) continue;
        const fs::path& f = it->path();
        if (!it->is_regular_file(ec)) {
            // A FIFO, device or socket under a reader's name: its model fails, saying so, and
            // nothing waits on it.
            const auto ext = f.extension();
            if (metricsFileKind(f) != MetricsFile::None || ext == ".pt2" || ext == ".log" || ext == ".json")
                byFolder[f.parent_path()].push_back(f);
            continue;
        }
        if (metricsFileKind(f) != MetricsFile::None || isGraphFile(f)) byFolder[f.parent_path()].push_back(f);
    }
    if (byFolder.empty())
        throw InputError(root.string(), "",
                         "the folder holds no graph dump (*.json), .pt2 archive, TORCH_TRACE log or torch_ttnn metrics file");
    std::vector<std::pair<fs::path, std::vector<fs::path>>> folders(byFolder.begin(), byFolder.end());
    for (auto& [folder, files] : folders) std::sort(files.begin(), files.end());
    std::vector<std::vector<Model>> read(folders.size());
    std::vector<std::optional<InputError>> errors(folders.size());
    forRanges(folders.size(), 8, [&](std::size_t, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            try {
                read[i] = readModelFolder(folderModelName(folders[i].first, root), folders[i].second);
            } catch (const InputError& e) {
                errors[i] = e;
            }
        }
    });
    std::vector<Model> out;
    for (std::size_t i = 0; i < folders.size(); ++i) {
        if (errors[i]) {
            if (!failures) throw *errors[i];
            failures->push_back(*errors[i]);
            continue;
        }
        for (auto& m : read[i]) out.push_back(std::move(m));
    }
    return out;  // with failures recorded, nothing read is the caller's to judge (readModels)
}

std::vector<Model> readOne(const fs::path& path, std::vector<InputError>* failures) {
    // A FIFO, device or socket would block or never end: refused before anything opens it.
    requireRegularFile(path, true);
    std::error_code ec;
    if (fs::is_directory(path, ec)) return readFolder(path, failures);
    // One file of a metrics folder given alone: what it records, as a model named by its folder.
    if (const MetricsFile kind = metricsFileKind(path); kind != MetricsFile::None) {
        const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
        return readModelFolder(folderModelName(folder, folder), {path});
    }
    return readFile(path);
}

}  // namespace

std::vector<Model> readModels(const std::vector<std::string>& paths, const ReadOptions& options) {
    std::vector<Model> models;
    std::vector<InputError> failed;
    for (const auto& p : paths) {
        std::vector<Model> read;
        try {
            read = readOne(fs::path(p), options.failures ? &failed : nullptr);
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
            if (!it->recorded) it->recorded = std::move(m.recorded);
            it->sources.insert(it->sources.end(), m.sources.begin(), m.sources.end());
            for (auto& root : m.sourceRoots)
                if (std::find(it->sourceRoots.begin(), it->sourceRoots.end(), root) == it->sourceRoots.end())
                    it->sourceRoots.push_back(std::move(root));
        }
    }
    // Every failure listed for the caller that asked, even when it throws the first because
    // nothing could be read.
    if (options.failures) options.failures->insert(options.failures->end(), failed.begin(), failed.end());
    if (models.empty() && !failed.empty()) throw failed.front();
    return models;
}

}  // namespace atenscope
