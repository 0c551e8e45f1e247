#include <gtest/gtest.h>

#include <filesystem>

#include "report/render.h"

namespace tcg::report {
namespace {

TEST(SarifUri, RelativeToBaseDir) {
  auto u = sarif_artifact_uri("/repo/dotfiles/a.sh", "/repo");
  EXPECT_EQ(u.uri, "dotfiles/a.sh");
  EXPECT_TRUE(u.relative);
  EXPECT_EQ(sarif_artifact_uri("/repo/./x/../dotfiles/a.sh", "/repo/").uri, "dotfiles/a.sh");
}

TEST(SarifUri, RelativeFileIsResolvedAgainstTheWorkingFolder) {
  std::string cwd = std::filesystem::current_path().string();
  auto u = sarif_artifact_uri("./sub/a.sh", cwd);
  EXPECT_EQ(u.uri, "sub/a.sh");
  EXPECT_TRUE(u.relative);
}

TEST(SarifUri, EmptyBaseKeepsRelativePaths) {
  auto u = sarif_artifact_uri("./dot files/a.sh", "");
  EXPECT_EQ(u.uri, "dot%20files/a.sh");
  EXPECT_TRUE(u.relative);
}

TEST(SarifUri, OutsideBaseIsAbsoluteFileUri) {
  auto u = sarif_artifact_uri("/etc/a.sh", "/repo");
  EXPECT_EQ(u.uri, "file:///etc/a.sh");
  EXPECT_FALSE(u.relative);
  EXPECT_EQ(sarif_artifact_uri("/repo-other/a.sh", "/repo").uri, "file:///repo-other/a.sh");
}

TEST(SarifUri, PercentEncodesReservedCharacters) {
  EXPECT_EQ(sarif_artifact_uri("/repo/a:b#c?d%e é.sh", "/repo").uri, "a%3Ab%23c%3Fd%25e%20%C3%A9.sh");
}

TEST(SarifUri, BaseUriEndsWithSlash) {
  EXPECT_EQ(sarif_base_uri("/repo"), "file:///repo/");
  EXPECT_EQ(sarif_base_uri("/repo/"), "file:///repo/");
  EXPECT_EQ(sarif_base_uri("/"), "file:///");
  EXPECT_EQ(sarif_base_uri("/my repo"), "file:///my%20repo/");
  EXPECT_EQ(sarif_base_uri(""), "");
}

}  // namespace
}  // namespace tcg::report
