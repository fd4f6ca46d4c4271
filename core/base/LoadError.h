// SPDX-License-Identifier: MIT
#pragma once
// The one error a user can cause by input: names the file and the place in it.
#include <stdexcept>
#include <string>

namespace atenscope {

class InputError : public std::runtime_error {
public:
    InputError(std::string file, std::string where, const std::string& what)
        : std::runtime_error(compose(file, where, what)), file_(std::move(file)), where_(std::move(where)) {}
    const std::string& file() const { return file_; }
    const std::string& where() const { return where_; }

private:
    static std::string compose(const std::string& file, const std::string& where, const std::string& what) {
        std::string text = file;
        if (!where.empty()) text += ": " + where;
        return text + ": " + what;
    }
    std::string file_;
    std::string where_;
};

}  // namespace atenscope
