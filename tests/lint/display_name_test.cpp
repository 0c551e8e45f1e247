// DisplayNames handles plain paths as strings; it must name every file as the general rule
// (lexically relative to the base folder when inside it, else the path as given) does.
#include <gtest/gtest.h>

#include <filesystem>

#include "lint/display_name.h"

namespace tcg::lint {
namespace {

namespace fs = std::filesystem;

TEST(DisplayNames, AgreeWithTheGeneralRule) {
  const std::string cwd = fs::current_path().string();
  const std::string parent = fs::current_path().parent_path().string();
  const std::vector<std::string> bases = {"", cwd, cwd + "/", parent, "/", "/tmp", "/tmp/", "/tm", "relative",
                                          cwd + "/examples", cwd + "/./examples/..", "//tmp"};
  const std::vector<std::string> paths = {
      "a.sh", "examples/x.sh", "./examples/x.sh", "examples/../a.sh", "../a.sh", "examples//x.sh", "/tmp/a.sh",
      "/tmp/d/e.bash", "/tmpx/a.sh", "/tm/a.sh", "/a.sh", cwd + "/examples/x.sh", cwd + "/../y/z.sh",
      parent + "/other/w.sh", cwd, cwd + "/", "relative/q.sh", "/tmp", "-", "x/.hidden", "x/..hidden"};
  for (const auto& base : bases) {
    DisplayNames names(base);
    for (const auto& path : paths) EXPECT_EQ(names(path), general_display_name(path, base)) << path << " from " << base;
  }
}

}  // namespace
}  // namespace tcg::lint
