// Issue 14 point 12: the CLI's shell completion (cobra's hidden `__complete`/`__completeNoDesc`,
// run on every TAB) and `completion SHELL` pass straight to the real CLI from the launcher, with no
// prompt, no output of tcguard's and no audit line. The launcher is copied without its program
// library, so only the fast path can have run them.
#include <gtest/gtest.h>

#include <filesystem>

#include "launch/lone_launcher.h"
#include "support/cli_runner.h"

namespace tcg::test {
namespace {

using Completion = LoneLauncher;

TEST_F(Completion, CompletionRequestsRunTheRealCliSilently) {
  const std::vector<std::vector<std::string>> cases = {
      {"__complete", "task", "re"},
      {"__complete", "task", "rerun", ""},
      {"__completeNoDesc", "group", "cancel", "--"},
      {"-v", "__complete", "api", "queue", ""},
      {"completion", "bash"},
      {"completion", "zsh"},
      {"completion", "fish"},
  };
  for (const auto& args : cases) {
    std::string expected;
    for (const auto& a : args) expected += a + "\n";
    std::vector<std::string> masq{masquerade};
    masq.insert(masq.end(), args.begin(), args.end());
    std::vector<std::string> via_run{launcher, "run", "--", "taskcluster"};
    via_run.insert(via_run.end(), args.begin(), args.end());
    for (const auto& argv : {masq, via_run}) {
      std::filesystem::remove(record);
      RunResult r = run(argv, options());
      EXPECT_EQ(r.exit_code, 7) << expected << r.err;  // the stub's own exit code
      EXPECT_EQ(r.err, "") << expected;
      EXPECT_EQ(r.out, "") << expected;
      EXPECT_EQ(read_file(record), expected);
    }
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/audit.jsonl"));
}

TEST_F(Completion, SigninCheckRunsFromTheLauncherAlone) {
  RunResult r = run({masquerade, "signin", "--check"}, options());
  EXPECT_EQ(r.exit_code, 7) << r.err;
  EXPECT_EQ(read_file(record), "signin\n--check\n");
}

TEST_F(Completion, HelpAsAFlagValueNeedsTheProgram) {
  // `-n -h` is a sign-in named "-h": the launcher must not wave it through as help.
  for (const auto& value : {"-h", "--help"}) {
    RunResult r = run({masquerade, "signin", "--expires", "30d", "-n", value}, options());
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_FALSE(std::filesystem::exists(record)) << value;
  }
}

}  // namespace
}  // namespace tcg::test
