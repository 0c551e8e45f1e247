// Issue 17 point 13: each command's --help lists the global options that apply to it, taken from
// the command line definition (so `lint --help` shows --format and --policy).
#include <gtest/gtest.h>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

RunOptions isolated() {
  static TempDir home;
  RunOptions o;
  o.env_unset = {"TCGUARD_POLICY", "NO_COLOR"};
  o.env_set = {{"HOME", home.path()}, {"XDG_CONFIG_HOME", home.path() + "/config"}};
  o.cwd = home.path();
  return o;
}

TEST(CommandHelp, LintHelpListsTheGlobalOptions) {
  RunResult r = run_tcguard({"lint", "--help"}, isolated());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  size_t section = r.out.find("GLOBAL OPTIONS (before or after the command)");
  ASSERT_NE(section, std::string::npos) << r.out;
  for (const char* option : {"--format", "--policy", "--no-default-policy", "--color"})
    EXPECT_NE(r.out.find(option, section), std::string::npos) << option << "\n" << r.out;
  EXPECT_NE(r.out.find("text,json,sarif,github", section), std::string::npos) << r.out;  // the choices
  // The command's own options come first, and the global ones are not repeated as its own.
  EXPECT_LT(r.out.find("--fail-on"), section) << r.out;
  EXPECT_EQ(r.out.find("--format"), r.out.find("--format", section)) << r.out;
}

TEST(CommandHelp, EveryCommandsHelpHasTheGlobalOptions) {
  for (const char* command : {"review", "run", "whoami", "explain", "scopes", "policy"}) {
    RunResult r = run_tcguard({command, "--help"}, isolated());
    EXPECT_EQ(r.exit_code, 0) << command << ": " << r.err;
    EXPECT_NE(r.out.find("GLOBAL OPTIONS"), std::string::npos) << command << "\n" << r.out;
    EXPECT_NE(r.out.find("--policy"), std::string::npos) << command;
  }
  // The top-level help lists them as its own options, once.
  RunResult top = run_tcguard({"--help"}, isolated());
  EXPECT_EQ(top.out.find("GLOBAL OPTIONS"), std::string::npos) << top.out;
  EXPECT_NE(top.out.find("--format"), std::string::npos) << top.out;
}

TEST(CommandHelp, SigninSaysGlobalOptionsGoBeforeIt) {
  RunResult r = run_tcguard({"signin", "--help"}, [] {
    RunOptions o = isolated();
    o.env_unset.push_back("TCGUARD_TASKCLUSTER");
    o.env_set["PATH"] = "/nonexistent";  // no real CLI: only tcguard's part of the help
    return o;
  }());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("GLOBAL OPTIONS (before `signin`)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--cluster NAME"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace tcg::test
