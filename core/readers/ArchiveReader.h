// SPDX-License-Identifier: MIT
#pragma once
#include "readers/GraphReader.h"

namespace atenscope {

class ZipArchive;

// Zip archives, told apart by what they hold (docs/pt2-format.md): torch.export's .pt2 in the
// layout of torch >= 2.8 (<root>/archive_format, <root>/models/*.json) or the flat one of
// torch 2.1-2.7 (serialized_exported_program.json); TorchScript and torch.save archives are
// named as such.
class ArchiveReader final : public GraphReader {
public:
    std::string_view name() const override { return "zip archive (torch.export .pt2)"; }
    bool canRead(const std::filesystem::path& path, std::string_view head) const override;
    std::vector<Model> read(const std::filesystem::path& path) const override;
};

// Reads an open archive as one model named `modelName`.
Model readArchive(const ZipArchive& archive, const std::string& modelName);

// TorchScript archives are read by libtorch, in the plugin (core/libtorch/): a converter that
// turns one into an AtenScope graph dump (JSON text), or throws InputError naming the file.
// The executable and the tests install it (enableTorchScript() of atenscope_torch); without
// it, a TorchScript archive is named as such and refused.
using TorchScriptConverter = std::string (*)(const std::string& path, const std::string& modelName);
void setTorchScriptConverter(TorchScriptConverter converter);
// Installs the plugin's converter (defined in atenscope_torch, which links the plugin loader).
void enableTorchScript();

}  // namespace atenscope
