// PathsFromBase handles plain paths as strings; it must agree with path_from_base (the general
// rule) for every kind of file and base folder.
#include <gtest/gtest.h>

#include <filesystem>

#include "report/render.h"
#include "report/render_paths.h"

namespace tcg::report {
namespace {

namespace fs = std::filesystem;

TEST(PathsFromBase, AgreeWithPathFromBase) {
  const std::string cwd = fs::current_path().string();
  const std::string parent = fs::current_path().parent_path().string();
  const std::vector<std::string> bases = {"", cwd, cwd + "/", parent, "/", "/repo", "/repo/", "/rep", "relative",
                                          cwd + "/examples", cwd + "/./examples/..", "//repo", "/repo/./x/.."};
  const std::vector<std::string> files = {
      "a.sh", "examples/x.sh", "./examples/x.sh", "examples/../a.sh", "../a.sh", "examples//x.sh", "/repo/a.sh",
      "/repo/d/e.bash", "/repo-other/a.sh", "/rep/a.sh", "/a.sh", cwd + "/examples/x.sh", cwd + "/../y/z.sh",
      parent + "/other/w.sh", cwd, cwd + "/", "relative/q.sh", "/repo", "<stdin>", "x/.hidden", "x/..hidden",
      "dot files/a#b%.sh", "caf\xc3\xa9/\xff.sh"};
  for (const auto& base : bases) {
    PathsFromBase paths(base);
    for (const auto& file : files) {
      PathFromBase expected = path_from_base(file, base);
      PathFromBase got = paths(file);
      EXPECT_EQ(got.path, expected.path) << file << " from " << base;
      EXPECT_EQ(got.relative, expected.relative) << file << " from " << base;
    }
  }
}

}  // namespace
}  // namespace tcg::report
