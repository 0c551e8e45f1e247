// The launcher's fast path (src/launch/fast_path.h): which command lines it may pass straight to
// the real CLI, and when it must leave the decision to the program.
#include "launch/fast_path.h"

#include <gtest/gtest.h>

#include <map>

#include "support/cli_runner.h"

namespace tcg::launch {
namespace {

std::optional<std::vector<std::string>> argv_of(std::vector<const char*> words) {
  return guarded_cli_argv(static_cast<int>(words.size()), words.data());
}

guard::Getenv env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(GuardedCliArgv, PlainRunFormGivesTheCliArgv) {
  auto cli = argv_of({"tcguard", "run", "--", "taskcluster", "task", "status", "abc"});
  ASSERT_TRUE(cli);
  EXPECT_EQ(*cli, (std::vector<std::string>{"taskcluster", "task", "status", "abc"}));
}

TEST(GuardedCliArgv, MasqueradeGivesTheWholeArgv) {
  auto cli = argv_of({"/home/relduty/bin/taskcluster", "-v", "task", "log", "abc"});
  ASSERT_TRUE(cli);
  EXPECT_EQ(*cli, (std::vector<std::string>{"/home/relduty/bin/taskcluster", "-v", "task", "log", "abc"}));
}

TEST(GuardedCliArgv, EverythingElseIsTheProgramsToParse) {
  EXPECT_FALSE(argv_of({"tcguard", "run", "--confirm", "firefoxci", "--", "taskcluster", "task", "rerun", "a"}));
  EXPECT_FALSE(argv_of({"tcguard", "run", "--dry-run", "--", "taskcluster", "task", "status", "a"}));
  EXPECT_FALSE(argv_of({"tcguard", "run", "--", "/usr/bin/taskcluster", "task", "status", "a"}));
  EXPECT_FALSE(argv_of({"tcguard", "--policy", "p.yaml", "run", "--", "taskcluster", "task", "status", "a"}));
  EXPECT_FALSE(argv_of({"tcguard", "lint", "examples"}));
  EXPECT_FALSE(argv_of({"tcguard"}));
  EXPECT_FALSE(argv_of({"taskcluster-tools", "task", "status"}));
}

class FastPathTarget : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::string real;
  void SetUp() override { real = dir.write("real/taskcluster", "#!/bin/sh\nexit 0\n", true); }
};

TEST_F(FastPathTarget, ReadOnlyCommandGoesToTheRealCli) {
  auto target = fast_path_target({"taskcluster", "task", "status", "abc"}, env_of({{"TCGUARD_TASKCLUSTER", real}}),
                                 "/usr/bin/tcguard");
  ASSERT_TRUE(target);
  EXPECT_EQ(*target, real);
}

TEST_F(FastPathTarget, StateChangingAndUnknownCommandsNeedTheProgram) {
  auto env = env_of({{"TCGUARD_TASKCLUSTER", real}});
  EXPECT_FALSE(fast_path_target({"taskcluster", "task", "rerun", "abc"}, env, "/usr/bin/tcguard"));
  EXPECT_FALSE(fast_path_target({"taskcluster", "group", "cancel", "abc"}, env, "/usr/bin/tcguard"));
  EXPECT_FALSE(fast_path_target({"taskcluster", "api", "queue", "createTask", "abc"}, env, "/usr/bin/tcguard"));
  EXPECT_FALSE(fast_path_target({"taskcluster", "signin"}, env, "/usr/bin/tcguard"));
  EXPECT_FALSE(fast_path_target({"taskcluster", "frobnicate"}, env, "/usr/bin/tcguard"));
}

TEST_F(FastPathTarget, AnExecLoopOrNoRealCliIsLeftToTheProgramToExplain) {
  EXPECT_FALSE(fast_path_target({"taskcluster", "task", "status", "abc"},
                                env_of({{"TCGUARD_TASKCLUSTER", real}, {"TCGUARD_EXEC_DEPTH", "1"}}), "/usr/bin/tcguard"));
  EXPECT_FALSE(fast_path_target({"taskcluster", "task", "status", "abc"}, env_of({{"PATH", dir.path()}}),
                                "/usr/bin/tcguard"));
  // TCGUARD_TASKCLUSTER naming tcguard itself is no real CLI.
  EXPECT_FALSE(fast_path_target({"taskcluster", "task", "status", "abc"}, env_of({{"TCGUARD_TASKCLUSTER", real}}),
                                real));
}

}  // namespace
}  // namespace tcg::launch
