// The launcher (src/main.cpp) on its own: copied without its program library, it still passes a
// read-only command to the real CLI (the fast path needs nothing else), and refuses everything
// else with a clear message instead of running unguarded.
#include <gtest/gtest.h>

#include <filesystem>

#include "launch/lone_launcher.h"
#include "support/cli_runner.h"

namespace tcg::test {
namespace {

TEST_F(LoneLauncher, ReadOnlyCommandRunsWithoutTheProgram) {
  RunResult r = run({launcher, "run", "--", "taskcluster", "task", "status", "fQ7RkAcgSBeZ4B8GQNcDhA"}, options());
  EXPECT_EQ(r.exit_code, 7) << r.err;  // the stub's own exit code
  EXPECT_EQ(read_file(record), "task\nstatus\nfQ7RkAcgSBeZ4B8GQNcDhA\n");
}

TEST_F(LoneLauncher, GuardedCommandIsRefusedWhenTheProgramIsMissing) {
  RunResult r = run({launcher, "run", "--confirm", "firefoxci", "--", "taskcluster", "task", "rerun", "abc"}, options());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("libtcguard-program.so is missing"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Nothing was run"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(record));
}

TEST_F(LoneLauncher, MasqueradeMutationIsRefusedWhenTheProgramIsMissing) {
  RunResult r = run({masquerade, "task", "cancel", "abc"}, options());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(record));
}

TEST_F(LoneLauncher, OtherCommandsSayWhatIsMissing) {
  RunResult r = run({launcher, "--version"}, options());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(dir.path() + "/bin/libtcguard-program.so"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tcg::test
