#pragma once
// The name a linted file goes by in findings: relative to the base folder (normally the current
// one) when the file is inside it, else the path as given.
#include <string>
#include <string_view>

namespace tcg::lint {

class DisplayNames {
 public:
  explicit DisplayNames(std::string base_dir);
  std::string operator()(const std::string& path) const;

 private:
  std::string base_dir_;
  std::string normal_base_;  // absolute, no '.', '..' or empty components; "" when not so plain
  std::string cwd_;          // the same, for the current folder
};

}  // namespace tcg::lint
