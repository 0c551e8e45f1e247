// Shell completion: the bash function run by a real bash (sourced from the installed package,
// COMP_WORDS/COMP_CWORD set as readline sets them), the candidates of `tcguard __complete`, and
// the zsh and fish files parsed by their shells when those are installed.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "dist_support.h"
#include "model/rule.h"
#include "support/cli_runner.h"

namespace tcg::test {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += "[" + i + "] ";
  return out;
}

class BashCompletionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { package_ = &unpacked_package(); }

  // What bash offers for `WORDS...` with the cursor at the end of the last word, using the
  // completion file and binary the package installs (the binary found on PATH, like a user's).
  std::vector<std::string> complete(const std::vector<std::string>& words, RunOptions options = isolated()) const {
    std::vector<std::string> argv = {
        "bash", "--norc", "--noprofile", "-c",
        "source \"$1\" || exit 9; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); "
        "COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}; "
        "[[ $(complete -p tcguard) == *'-F _tcguard'* ]] || exit 8; "
        "_tcguard tcguard \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"; "
        "printf '%s\\n' \"${COMPREPLY[@]}\"",
        "bash", package_->root + "/usr/share/bash-completion/completions/tcguard", "tcguard"};
    argv.insert(argv.end(), words.begin(), words.end());
    options.env_set["PATH"] = package_->root + "/usr/bin:" + std::string(getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
    auto result = run(argv, options);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    auto out = lines_of(result.out);
    std::erase(out, "");
    return out;
  }

  static const UnpackedPackage* package_;
};
const UnpackedPackage* BashCompletionTest::package_ = nullptr;

TEST_F(BashCompletionTest, CompletesSubcommandNames) {
  ASSERT_TRUE(package_->error.empty()) << package_->error;
  EXPECT_EQ(complete({"ex"}), std::vector<std::string>{"explain"});
  auto all = complete({""});
  for (const char* cmd : {"review", "signin", "lint", "run", "scopes", "policy", "explain", "whoami", "action"})
    EXPECT_TRUE(contains(all, cmd)) << cmd << ": " << join(all);
  EXPECT_FALSE(contains(all, "__complete")) << "hidden commands are not offered";
  EXPECT_EQ(complete({"scopes", "sat"}), std::vector<std::string>{"satisfies"});
}

TEST_F(BashCompletionTest, CompletesRuleIdsForExplain) {
  ASSERT_TRUE(package_->error.empty()) << package_->error;
  EXPECT_EQ(complete({"explain", "root-"}), std::vector<std::string>{"root-scope-expiry"});
  auto all = complete({"explain", ""});
  for (const auto& rule : rules::builtin_rules()) EXPECT_TRUE(contains(all, std::string(rule.id))) << rule.id;
  EXPECT_TRUE(complete({"explain", "root-scope-expiry", ""}).empty()) << "explain takes one rule id";
}

TEST_F(BashCompletionTest, CompletesClusterNamesForClusterAndConfirm) {
  ASSERT_TRUE(package_->error.empty()) << package_->error;
  EXPECT_TRUE(contains(complete({"review", "--cluster", ""}), "firefoxci"));
  EXPECT_TRUE(contains(complete({"review", "--cluster", ""}), "firefoxci-staging"));
  EXPECT_EQ(complete({"run", "--confirm", "firefoxci-st"}), std::vector<std::string>{"firefoxci-staging"});
}

TEST_F(BashCompletionTest, ClusterNamesFollowThePolicyLookup) {
  ASSERT_TRUE(package_->error.empty()) << package_->error;
  TempDir dir;
  std::string policy = dir.write("team.yaml",
                                 "version: 1\n"
                                 "clusters:\n"
                                 "  team-cluster:\n"
                                 "    root_url: https://tc.team.example/\n"
                                 "    production: false\n");
  // --policy on the command line being completed.
  EXPECT_TRUE(contains(complete({"--policy", policy, "review", "--cluster", "team"}), "team-cluster"));
  EXPECT_TRUE(complete({"--no-default-policy", "--policy", policy, "run", "--confirm", "firefox"}).empty());
  // $TCGUARD_POLICY.
  RunOptions env = isolated();
  env.env_set["TCGUARD_POLICY"] = policy;
  EXPECT_EQ(complete({"run", "--confirm", "team"}, env), std::vector<std::string>{"team-cluster"});
  // .tcguard.yaml in the current folder.
  RunOptions project = isolated();
  dir.write("project/sub/.keep", "");
  dir.write("project/.tcguard.yaml", read_file(policy));
  project.cwd = dir.path() + "/project/sub";
  EXPECT_EQ(complete({"review", "--cluster", "team"}, project), std::vector<std::string>{"team-cluster"});
}

TEST_F(BashCompletionTest, CompletesOptionsOfTheSubcommandAndTheGlobalOnes) {
  ASSERT_TRUE(package_->error.empty()) << package_->error;
  auto review = complete({"review", "--"});
  for (const char* opt : {"--cluster", "--root-url", "--expires", "--scope", "--fail-on", "--policy", "--format", "--help"})
    EXPECT_TRUE(contains(review, opt)) << opt << ": " << join(review);
  EXPECT_FALSE(contains(review, "--confirm")) << "run's option is not review's";
  EXPECT_EQ(complete({"run", "--dr"}), std::vector<std::string>{"--dry-run"});
  EXPECT_EQ(complete({"--no-def"}), std::vector<std::string>{"--no-default-policy"});
}

TEST_F(BashCompletionTest, CompletesChoicesOfOptions) {
  ASSERT_TRUE(package_->error.empty()) << package_->error;
  auto fail_on = complete({"lint", "--fail-on", ""});
  std::sort(fail_on.begin(), fail_on.end());
  EXPECT_EQ(fail_on, (std::vector<std::string>{"error", "note", "warning"}));
  EXPECT_EQ(complete({"--format", "sa"}), std::vector<std::string>{"sarif"});
  EXPECT_EQ(complete({"lint", "--color", "ne"}), std::vector<std::string>{"never"});
}

TEST_F(BashCompletionTest, CompletesFileNamesWhereAFileIsExpected) {
  ASSERT_TRUE(package_->error.empty()) << package_->error;
  TempDir dir;
  dir.write("aliases.sh", "alias x=y\n");
  dir.write("policy.yaml", "version: 1\n");
  RunOptions here = isolated();
  here.cwd = dir.path();
  EXPECT_EQ(complete({"lint", "ali"}, here), std::vector<std::string>{"aliases.sh"});
  EXPECT_EQ(complete({"--policy", "pol"}, here), std::vector<std::string>{"policy.yaml"});
  EXPECT_EQ(complete({"policy", "check", "po"}, here), std::vector<std::string>{"policy.yaml"});
}

TEST_F(BashCompletionTest, AfterDoubleDashOffersTheRealCli) {
  ASSERT_TRUE(package_->error.empty()) << package_->error;
  EXPECT_EQ(complete({"run", "--", "task"}), std::vector<std::string>{"taskcluster"});
  EXPECT_TRUE(complete({"run", "--", "taskcluster", "--"}).empty()) << "the guarded command's own options are not tcguard's";
  // A flag takes no value: `--dry-run` does not swallow the `--` after it.
  EXPECT_EQ(complete({"run", "--dry-run", "--", "task"}), std::vector<std::string>{"taskcluster"});
}

TEST(CompleteCommand, RulesListsEveryBuiltinRuleWithItsSummary) {
  auto result = run_tcguard({"--no-default-policy", "__complete", "rules"}, isolated());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto lines = lines_of(result.out);
  for (const auto& rule : rules::builtin_rules()) {
    EXPECT_TRUE(contains(lines, std::string(rule.id) + "\t" + std::string(rule.summary))) << rule.id;
  }
}

TEST(CompleteCommand, ClustersListsTheEffectivePolicysClusters) {
  auto with_default = run_tcguard({"__complete", "clusters"}, isolated());
  ASSERT_EQ(with_default.exit_code, 0) << with_default.err;
  EXPECT_NE(with_default.out.find("firefoxci\thttps://firefox-ci-tc.services.mozilla.com/"), std::string::npos)
      << with_default.out;
  auto without = run_tcguard({"--no-default-policy", "__complete", "clusters"}, isolated());
  EXPECT_EQ(without.exit_code, 0) << without.err;
  EXPECT_EQ(without.out, "");
}

TEST(CompleteCommand, SubcommandsAndOptionsFollowTheCommandLineDefinition) {
  auto subs = run_tcguard({"__complete", "subcommands", "policy"}, isolated());
  ASSERT_EQ(subs.exit_code, 0) << subs.err;
  std::vector<std::string> names;
  for (const auto& line : lines_of(subs.out)) names.push_back(line.substr(0, line.find('\t')));
  EXPECT_EQ(names, (std::vector<std::string>{"check", "show", "rules", "trust"}));
  auto opts = run_tcguard({"__complete", "options", "lint"}, isolated());
  EXPECT_NE(opts.out.find("--fail-on\t"), std::string::npos) << opts.out;
  EXPECT_EQ(run_tcguard({"__complete", "options", "no-such-command"}, isolated()).exit_code, 2);
  EXPECT_EQ(run_tcguard({"__complete", "bogus"}, isolated()).exit_code, 2);
}

// zsh and fish are not installed by the build; when present, their parsers must accept the files.
TEST(OtherShells, ZshCompletionParses) {
  if (run({"bash", "-c", "command -v zsh"}).out.empty()) GTEST_SKIP() << "zsh is not installed";
  auto result = run({"zsh", "-n", source_path("completions/_tcguard")});
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST(OtherShells, FishCompletionParses) {
  if (run({"bash", "-c", "command -v fish"}).out.empty()) GTEST_SKIP() << "fish is not installed";
  auto result = run({"fish", "--no-execute", source_path("completions/tcguard.fish")});
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST(PreCommitHook, RunsTcguardLintOnShellFiles) {
  YAML::Node hooks = YAML::LoadFile(source_path(".pre-commit-hooks.yaml"));
  ASSERT_TRUE(hooks.IsSequence());
  ASSERT_EQ(hooks.size(), 1u);
  const YAML::Node hook = hooks[0];
  EXPECT_EQ(hook["id"].as<std::string>(), "tcguard-lint");
  EXPECT_EQ(hook["entry"].as<std::string>(), "tcguard lint");
  EXPECT_EQ(hook["language"].as<std::string>(), "system");
  EXPECT_EQ(hook["types"].as<std::vector<std::string>>(), std::vector<std::string>{"shell"});
  EXPECT_FALSE(hook["name"].as<std::string>().empty());
}

}  // namespace
}  // namespace tcg::test
