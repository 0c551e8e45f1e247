#pragma once
// Internal to the renderers: a file's path as seen from the report's base folder.
#include <string>
#include <string_view>

namespace tcg::report {

struct PathFromBase {
  std::string path;       // relative (generic '/' separators) when `relative`, else absolute
  bool relative = false;
};
// Relative to base_dir when the file lies inside it; a relative file with an empty base_dir stays
// relative (normalized); anything else becomes an absolute path.
PathFromBase path_from_base(std::string_view file, std::string_view base_dir);

}  // namespace tcg::report
