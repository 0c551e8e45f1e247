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

// path_from_base for many files against one base folder: the base and the current folder are
// normalized once, and plain paths (util/plain_path.h) are handled as strings.
class PathsFromBase {
 public:
  explicit PathsFromBase(std::string_view base_dir);
  PathFromBase operator()(std::string_view file) const;

 private:
  std::string base_dir_;
  std::string normal_base_;  // normalized base_dir if absolute and plain, else ""
  std::string cwd_;          // the current folder if absolute and plain, else ""
};

// A path from the base folder as a SARIF artifact uri (see sarif_artifact_uri in render.h).
struct ArtifactUri;
ArtifactUri sarif_artifact_uri(const PathFromBase& path);

}  // namespace tcg::report
