// `--opt=` with nothing after the '=' (issue 14 point 8). CLI11 alone reads it as `--opt` and
// takes the next word as the value; tcguard gives scope options the empty scope and refuses the
// rest. The walk covers every option of every subcommand, as `--help` and completion list them.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <sstream>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string first_field(const std::string& line) { return line.substr(0, line.find('\t')); }

// Every visible subcommand path, the root's first (`{}`).
std::vector<std::vector<std::string>> subcommand_paths() {
  std::vector<std::vector<std::string>> paths{{}};
  for (size_t i = 0; i < paths.size(); ++i) {
    std::vector<std::string> args{"__complete", "subcommands"};
    args.insert(args.end(), paths[i].begin(), paths[i].end());
    RunResult r = run_tcguard(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    for (const auto& line : lines_of(r.out)) {
      auto path = paths[i];
      path.push_back(first_field(line));
      paths.push_back(path);
    }
  }
  return paths;
}

// What `--help` prints after an option's names: its type ("" for a flag).
std::string type_in_help(const std::string& help, const std::string& option) {
  for (const auto& line : lines_of(help)) {
    std::istringstream words(line);
    std::string names, type;
    words >> names;
    if (names.empty() || names[0] != '-') continue;
    std::stringstream split(names);
    bool named = false;
    for (std::string n; std::getline(split, n, ',');) named = named || n == option;
    if (!named) continue;
    // The type follows after one space; a description after two or more.
    auto at = line.find(names) + names.size();
    if (at < line.size() && line[at] == ' ' && at + 1 < line.size() && line[at + 1] != ' ') {
      words >> type;
      return type;
    }
    return "";
  }
  return "?";
}

TEST(EmptyInlineValue, EveryOptionOfEverySubcommandGetsAnEmptyValueOrAUsageError) {
  int tried = 0;
  for (const auto& path : subcommand_paths()) {
    if (!path.empty() && path[0] == "signin") continue;  // signin's words are the CLI's (pflag)
    std::vector<std::string> args{"__complete", "options"};
    args.insert(args.end(), path.begin(), path.end());
    RunResult listed = run_tcguard(args);
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    std::vector<std::string> help_args = path;
    help_args.push_back("--help");
    std::string help = run_tcguard(help_args).out + run_tcguard({"--help"}).out;
    for (const auto& line : lines_of(listed.out)) {
      std::string option = first_field(line);
      if (option.rfind("--", 0) != 0 || option == "--help" || option == "--version") continue;
      std::string type = type_in_help(help, option);
      ASSERT_NE(type, "?") << option << " is not in the help of `" << ::testing::PrintToString(path) << "`";
      // `--help` after it: were `--opt=` to swallow the next word, no help would be printed.
      std::vector<std::string> words = path;
      words.push_back(option + "=");
      words.push_back("--help");
      RunResult r = run_tcguard(words);
      std::string where = ::testing::PrintToString(words);
      if (type.rfind("SCOPE", 0) == 0) {
        EXPECT_EQ(r.exit_code, 0) << where << "\n" << r.err;
        EXPECT_NE(r.out.find("Usage"), std::string::npos) << where;
      } else {
        EXPECT_EQ(r.exit_code, 2) << where << "\n" << r.out;
        EXPECT_NE(r.err.find(option), std::string::npos) << where << "\n" << r.err;
        bool says_why = r.err.find("empty value") != std::string::npos || r.err.find("takes no value") != std::string::npos;
        EXPECT_TRUE(says_why) << where << "\n" << r.err;
        EXPECT_EQ(r.out, "") << where;
      }
      ++tried;
    }
  }
  // The tree really was walked: review, run, scopes, lint and the global options at least.
  EXPECT_GT(tried, 25);
}

TEST(EmptyInlineValue, AnEmptyHaveIsTheEmptyScopeAndTheNextHaveStillCounts) {
  RunResult r = run_tcguard({"scopes", "satisfies", "--have=", "--have=abc", "abc"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("satisfied"), std::string::npos);
  EXPECT_EQ(r.out.find("not satisfied"), std::string::npos) << r.out;
  // The empty scope is satisfied by the empty scope, and by nothing else but `*`.
  EXPECT_EQ(run_tcguard({"scopes", "satisfies", "--have=", ""}).exit_code, 0);
  EXPECT_EQ(run_tcguard({"scopes", "satisfies", "--have=abc", ""}).exit_code, 1);
}

// A recording stub as the real CLI, on the production cluster, without a terminal.
class EmptyInlineValueRun : public ::testing::Test {
 protected:
  TempDir dir;
  std::string log = dir.path() + "/calls";
  RunOptions env() const {
    RunOptions o;
    o.env_set = {{"TCGUARD_TASKCLUSTER", dir.write("bin/taskcluster", "#!/bin/sh\necho \"$@\" >> " + log + "\n", true)},
                 {"TASKCLUSTER_ROOT_URL", "https://firefox-ci-tc.services.mozilla.com"},
                 {"XDG_STATE_HOME", dir.path() + "/state"},
                 {"XDG_CONFIG_HOME", dir.path() + "/config"},
                 {"HOME", dir.path()}};
    o.env_unset = {"TASKCLUSTER_CLIENT_ID", "TASKCLUSTER_ACCESS_TOKEN", "TCGUARD_CONFIRM", "TCGUARD_POLICY"};
    return o;
  }
  std::string calls() const { return std::filesystem::exists(log) ? read_file(log) : ""; }
};

TEST_F(EmptyInlineValueRun, AnEmptyConfirmIsAUsageErrorAndNothingRuns) {
  RunResult r = run_tcguard({"run", "--confirm=", "--dry-run", "--", "taskcluster", "group", "cancel", "--force",
                             "fUAlwUtGRE6ZlaFDOZnlCg"},
                            env());
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("--confirm"), std::string::npos) << r.err;
  EXPECT_EQ(calls(), "");
}

TEST_F(EmptyInlineValueRun, WordsAfterTheDoubleDashAreTheCommandsOwn) {
  // `--x=` after `--` belongs to the guarded CLI: passed on unchanged (a read-only command runs).
  RunResult r = run_tcguard({"run", "--", "taskcluster", "task", "status", "--run=", "x"}, env());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(calls(), "task status --run= x\n");
}

TEST(EmptyInlineValue, AnEmptyClusterIsAUsageErrorNotTheNextWord) {
  RunResult r = run_tcguard({"review", "--cluster=", "firefoxci", "-s", "*", "--expires", "1h"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("--cluster"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(EmptyInlineValue, AFlagWithAnEmptyValueIsAUsageError) {
  RunResult r = run_tcguard({"run", "--dry-run=", "--", "taskcluster", "task", "status", "x"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("--dry-run takes no value"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tcg::test
