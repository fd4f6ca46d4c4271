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

}  // namespace atenscope
