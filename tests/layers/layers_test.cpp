// The layer check of src/ (cmake/CheckLayers.cmake), run by every build: the tree as it is passes,
// and a deliberate back-include or a folder with no layer fails with file:line and what is allowed.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

RunResult check_layers(const std::string& root) {
  return run({"cmake", "-DSOURCE=" + root, "-P", source_path("cmake/CheckLayers.cmake")});
}

TEST(Layers, TheSourceTreeKeepsItsLayers) {
  RunResult r = check_layers(TCGUARD_SOURCE_DIR);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

// A copy of src/ with one more file in it.
std::string tree_with(const TempDir& dir, const std::string& file, const std::string& text) {
  std::filesystem::copy(source_path("src"), dir.path() + "/src", std::filesystem::copy_options::recursive);
  dir.write(file, text);
  return dir.path();
}

TEST(Layers, AnIncludeThatPointsBackUpFails) {
  TempDir dir;
  std::string root = tree_with(dir, "src/tccli/back.h", "#pragma once\n\n#include \"report/render.h\"\n");
  RunResult r = check_layers(root);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("src/tccli/back.h:3: tccli/ may not include report/"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("may use: model duration util"), std::string::npos) << r.err;
}

TEST(Layers, TheModelIncludesNothingButUtil) {
  TempDir dir;
  std::string root = tree_with(dir, "src/model/uses_policy.cpp", "#include \"policy/policy.h\"\n");
  RunResult r = check_layers(root);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("src/model/uses_policy.cpp:1: model/ may not include policy/"), std::string::npos) << r.err;
}

// The checks are judged by judge/, never the other way: a check that called the judging stage
// would make a second pipeline.
TEST(Layers, ChecksMayNotReachTheJudgingStage) {
  TempDir dir;
  std::string root = tree_with(dir, "src/rules/shell/rejudge.cpp", "#include \"judge/judge.h\"\n");
  RunResult r = check_layers(root);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("src/rules/shell/rejudge.cpp:1: rules/ may not include judge/"), std::string::npos) << r.err;
}

TEST(Layers, AFolderWithNoLayerFails) {
  TempDir dir;
  std::string root = tree_with(dir, "src/widgets/client.cpp", "#include \"util/result.h\"\n");
  RunResult r = check_layers(root);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("src/widgets/: a folder with no layer"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tcg::test
