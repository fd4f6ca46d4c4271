// SPDX-License-Identifier: MIT
#include "analysis/SchemaTable.h"

#include "BuiltinSchemas.h"
#include "graph/OpName.h"

#include <mutex>
#include <unordered_map>

namespace atenscope {

namespace {

std::string_view nextField(std::string_view& rest, char sep) {
    const auto at = rest.find(sep);
    const std::string_view field = rest.substr(0, at);
    rest = at == std::string_view::npos ? std::string_view() : rest.substr(at + 1);
    return field;
}

class SchemaTable final : public SchemaSource {
public:
    std::shared_ptr<const OpSchema> find(const std::string& op) const override {
        std::call_once(once_, [this] { parse(); });
        const auto it = byName_.find(op);
        return it == byName_.end() ? nullptr : it->second;
    }

    std::string_view version() const {
        std::call_once(once_, [this] { parse(); });
        return version_;
    }

private:
    // Lines: NAME<TAB>[*]arg:type;...; '#' lines are comments (the first names the torch).
    void parse() const {
        std::string_view text(kBuiltinSchemas);
        while (!text.empty()) {
            std::string_view line = nextField(text, '\n');
            if (line.empty()) continue;
            if (line.front() == '#') {
                constexpr std::string_view marker = "schemas of torch ";
                if (const auto at = line.find(marker); at != std::string_view::npos && version_.empty()) {
                    const auto from = at + marker.size();
                    version_ = std::string(line.substr(from, line.find('\'', from) - from));
                }
                continue;
            }
            const std::string name(nextField(line, '\t'));
            auto schema = std::make_shared<OpSchema>();
            const QualifiedOp q = splitOpName(name);
            schema->name = q.name;
            schema->overload = q.overload;
            while (!line.empty()) {
                std::string_view arg = nextField(line, ';');
                SchemaArgument a;
                if (!arg.empty() && arg.front() == '*') {
                    a.kwargOnly = true;
                    arg.remove_prefix(1);
                }
                a.name = std::string(nextField(arg, ':'));
                a.type = std::string(arg);
                schema->arguments.push_back(std::move(a));
            }
            byName_.emplace(name, std::move(schema));
        }
    }

    mutable std::once_flag once_;
    mutable std::unordered_map<std::string, std::shared_ptr<const OpSchema>> byName_;
    mutable std::string version_;
};

const SchemaTable& table() {
    static const SchemaTable instance;
    return instance;
}

}  // namespace

const SchemaSource& builtinSchemaTable() {
    return table();
}

std::string_view builtinSchemaTableTorchVersion() {
    return table().version();
}

}  // namespace atenscope
