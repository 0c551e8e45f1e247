// `tcguard lint` on zsh files through the binary: the dialect chosen by name (.zshrc), folder
// (.zshrc.d/), shebang and --shell, and what it changes in what a sign-in requests.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

using nlohmann::json;

const std::string kHome = "tests/lint/fixtures/zsh-home/";

json lint(const std::vector<std::string>& args, int expected_exit) {
  RunOptions o;
  o.cwd = TCGUARD_SOURCE_DIR;
  o.env_unset = {"TCGUARD_POLICY", "TASKCLUSTER_ROOT_URL", "NO_COLOR"};
  o.env_set["XDG_CONFIG_HOME"] = "/nonexistent-tcguard-test";
  std::vector<std::string> argv = {"--format", "json", "lint"};
  argv.insert(argv.end(), args.begin(), args.end());
  RunResult r = run_tcguard(argv, o);
  EXPECT_EQ(r.exit_code, expected_exit) << r.err << r.out;
  return r.out.empty() ? json::object() : json::parse(r.out);
}

// context -> scopes of each request.
std::map<std::string, std::vector<std::string>> scopes_by_context(const json& report) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& q : report["requests"]) out[q["context"]] = q["scopes"].get<std::vector<std::string>>();
  return out;
}

size_t count_rule(const json& report, const std::string& rule, int line) {
  size_t n = 0;
  for (const auto& f : report["findings"])
    if (f["rule"] == rule && f["line"] == line) ++n;
  return n;
}

TEST(LintZsh, ZshrcChosenByNameFindsTheRootRequest) {
  json z = lint({kHome + ".zshrc"}, 1);
  auto s = scopes_by_context(z);
  EXPECT_EQ(s["tc-admin"], (std::vector<std::string>{"*"}));
  EXPECT_EQ(s["tc-pair"], (std::vector<std::string>{"queue:get-task queue:list-task-group"}));
  EXPECT_EQ(count_rule(z, "root-scope-expiry", 8), 1u);
  // Read as bash, `$tc_scopes[1]` is `*[1]` and the root request is missed: that is the bug.
  // And unquoted `$pair` splits, leaving `queue:list-task-group` as a stray word the CLI ignores.
  json b = lint({"--shell", "bash", kHome + ".zshrc"}, 1);
  auto bs = scopes_by_context(b);
  EXPECT_EQ(bs["tc-admin"], (std::vector<std::string>{"*[1]"}));
  EXPECT_EQ(bs["tc-pair"], (std::vector<std::string>{"queue:get-task"}));  // what the CLI signs in for
  bool stray = false;
  for (const auto& f : b["findings"])
    if (f["rule"] == "signin-invalid-arguments" &&
        f["message"].get<std::string>().find("ignores (`queue:list-task-group`)") != std::string::npos)
      stray = true;
  EXPECT_TRUE(stray) << b.dump(2);
  EXPECT_EQ(count_rule(b, "root-scope-expiry", 8), 0u);
}

TEST(LintZsh, FolderAndShebangChooseZshAndTheWalkFindsThem) {
  json report = lint({"--fail-on", "note", kHome}, 1);
  std::vector<std::string> files = report["files"].get<std::vector<std::string>>();
  for (std::string f : {".zshrc", ".zshrc.d/50-tc", "bin/tc-root", "scripts/tc-scopes.sh"})
    EXPECT_NE(std::find(files.begin(), files.end(), kHome + f), files.end()) << f;
  auto s = scopes_by_context(report);
  EXPECT_EQ(s["tc-read"], (std::vector<std::string>{"index:find-task:gecko.v2.*"}));  // .zshrc.d/
  EXPECT_EQ(s[""], (std::vector<std::string>{"*"}));                                 // the shebang
  // scripts/tc-scopes.sh has neither: bash reads `${team[1]}` as the second element and
  // `${team[2]}` as nothing, so its last `-s` has no value and the real CLI would refuse it.
  EXPECT_EQ(s.count("tc-team"), 0u);
  size_t refused = 0;
  for (const auto& f : report["findings"])
    if (f["rule"] == "signin-invalid-arguments" && f["file"] == kHome + "scripts/tc-scopes.sh" &&
        f["message"].get<std::string>().find("flag needs an argument: -s") != std::string::npos)
      ++refused;
  EXPECT_EQ(refused, 1u) << report.dump(2);
}

TEST(LintZsh, ShellOptionDecidesForEveryFile) {
  auto s = scopes_by_context(lint({"--fail-on", "note", "--shell", "zsh", kHome + "scripts/tc-scopes.sh"}, 0));
  EXPECT_EQ(s["tc-team"], (std::vector<std::string>{"queue:route:index.project.team.*", "secrets:get:project/team/*"}));
  // --shell bash wins over the shebang too.
  json b = lint({"--shell", "bash", kHome + "bin/tc-root"}, 0);
  ASSERT_EQ(b["requests"].size(), 1u);
  EXPECT_EQ(b["requests"][0]["scopes"], json::array({"*[1]"}));
}

TEST(LintZsh, ShellOptionIsCheckedAndDocumented) {
  RunResult bad = run_tcguard({"lint", "--shell", "fish", kHome + ".zshrc"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--shell"), std::string::npos) << bad.err;
  RunResult help = run_tcguard({"lint", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--shell"), std::string::npos);
  EXPECT_NE(help.out.find("zshrc.d/"), std::string::npos);
}

TEST(LintZsh, StandardInputTakesTheShebangOrTheOption) {
  RunOptions o;
  o.cwd = TCGUARD_SOURCE_DIR;
  o.env_set["XDG_CONFIG_HOME"] = "/nonexistent-tcguard-test";
  o.env_unset = {"TCGUARD_POLICY", "TASKCLUSTER_ROOT_URL"};
  std::string body = "s=(a:b '*')\ntaskcluster signin --expires 1h -s $s[2]\n";
  o.stdin_text = "#!/bin/zsh\n" + body;
  RunResult z = run_tcguard({"--format", "json", "lint", "-"}, o);
  EXPECT_EQ(json::parse(z.out)["requests"][0]["scopes"], json::array({"*"}));  // zsh: 1-based
  o.stdin_text = body;
  RunResult forced = run_tcguard({"--format", "json", "lint", "--shell", "zsh", "-"}, o);
  EXPECT_EQ(json::parse(forced.out)["requests"][0]["scopes"], json::array({"*"}));
  RunResult bash = run_tcguard({"--format", "json", "lint", "-"}, o);
  EXPECT_EQ(json::parse(bash.out)["requests"][0]["scopes"], json::array({"a:b[2]"}));  // bash: $s, then `[2]`
}

}  // namespace
}  // namespace tcg::test
