#pragma once
// The name a linted file goes by in findings: relative to the base folder (normally the current
// one) when the file is inside it, else the path as given.
#include <string>
#include <string_view>

namespace tcg::lint {

// The general rule, with std::filesystem: lexically, relative to base_dir if inside it, else the
// path unchanged. DisplayNames must agree with it on every path.
std::string general_display_name(const std::string& path, const std::string& base_dir);

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
