// `tcguard lint` through the binary: the "It must show" list, formats, exit codes, walking.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

using nlohmann::json;

RunOptions isolated(const std::string& cwd = TCGUARD_SOURCE_DIR) {
  RunOptions o;
  o.cwd = cwd;
  o.env_unset = {"TCGUARD_POLICY", "TASKCLUSTER_ROOT_URL", "NO_COLOR"};
  o.env_set["XDG_CONFIG_HOME"] = "/nonexistent-tcguard-test";
  return o;
}

json lint_json(const std::vector<std::string>& paths, int expected_exit, const RunOptions& o = isolated()) {
  std::vector<std::string> args = {"--format", "json", "lint", "--fail-on", "error"};
  args.insert(args.end(), paths.begin(), paths.end());
  RunResult r = run_tcguard(args, o);
  EXPECT_EQ(r.exit_code, expected_exit) << r.err << r.out;
  return json::parse(r.out);
}

std::vector<json> with(const json& findings, const std::string& rule, const std::string& context) {
  std::vector<json> out;
  for (const auto& f : findings)
    if (f["rule"] == rule && (context.empty() || f.value("context", "") == context)) out.push_back(f);
  return out;
}

TEST(LintCli, SeedAliases) {
  json j = lint_json({"examples/seed-aliases.sh"}, 1);
  EXPECT_EQ(with(j["findings"], "alias-positional-args", "tc-signin").size(), 1u) << j.dump(1);
  EXPECT_EQ(with(j["findings"], "signin-default-scopes", "tc-signin").size(), 1u) << j.dump(1);
  EXPECT_EQ(with(j["findings"], "logout-incomplete", "tc-logout").size(), 1u) << j.dump(1);
  bool relduty = false;
  for (const auto& r : j["requests"]) {
    if (r["context"] != "tc-relduty") continue;
    relduty = true;
    EXPECT_EQ(r["scopes"], json({"queue:rerun-task:*", "queue:cancel-task:*"}));
    EXPECT_EQ(r["expires"], "1h");
    EXPECT_EQ(r["expires_seconds"], 3600);
    EXPECT_EQ(r["cluster"], "firefoxci");
    EXPECT_EQ(r["file"], "examples/seed-aliases.sh");
    EXPECT_EQ(r["line"], 10);
  }
  EXPECT_TRUE(relduty) << j.dump(1);
  for (const auto& f : j["findings"])
    if (f.value("context", "") == "tc-relduty") {
      EXPECT_NE(f["severity"], "error") << f.dump();
    }
  // The logout message names the certificate it leaves behind.
  auto logout = with(j["findings"], "logout-incomplete", "tc-logout");
  ASSERT_FALSE(logout.empty());
  EXPECT_NE(logout[0]["message"].get<std::string>().find("TASKCLUSTER_CERTIFICATE"), std::string::npos);
}

TEST(LintCli, FunctionWithCaseBranches) {
  json j = lint_json({"examples/relduty-functions.sh"}, 1);
  std::map<std::string, json> by_context;
  for (const auto& r : j["requests"]) by_context[r["context"]] = r;
  ASSERT_EQ(by_context.size(), 4u) << j.dump(1);
  EXPECT_EQ(by_context["tc-signin/relduty"]["scopes"], json({"queue:rerun-task:*", "queue:cancel-task:*"}));
  EXPECT_EQ(by_context["tc-signin/relduty"]["expires_seconds"], 3600);
  EXPECT_EQ(by_context["tc-signin/actions"]["expires"], "30m");
  EXPECT_EQ(by_context["tc-signin/actions"]["scopes"].size(), 2u);
  EXPECT_EQ(by_context["tc-signin/staging"]["cluster"], "firefoxci-staging");
  EXPECT_EQ(by_context["tc-signin/staging"]["expires_seconds"], 8 * 3600);
  EXPECT_EQ(by_context["tc-signin/admin"]["scopes"], json({"*"}));
  EXPECT_EQ(by_context["tc-signin/admin"]["expires_seconds"], 900);
  // 8 hours of `*` on staging breaks root-scope-expiry; the admin branch (15m) does not.
  EXPECT_EQ(with(j["findings"], "root-scope-expiry", "tc-signin/staging").size(), 1u);
  EXPECT_TRUE(with(j["findings"], "root-scope-expiry", "tc-signin/admin").empty());
  EXPECT_TRUE(with(j["findings"], "signin-output-not-evaluated", "").empty());
}

TEST(LintCli, CleanExamplePasses) {
  json j = lint_json({"examples/clean.sh"}, 0);
  EXPECT_TRUE(j["findings"].empty()) << j.dump(1);
  EXPECT_EQ(j["requests"].size(), 2u);
}

TEST(LintCli, CiScript) {
  json j = lint_json({"examples/ci-check.sh"}, 1);
  EXPECT_EQ(with(j["findings"], "hardcoded-access-token", "").size(), 1u) << j.dump(1);
  EXPECT_EQ(with(j["findings"], "signin-output-not-evaluated", "").size(), 1u) << j.dump(1);
}

TEST(LintCli, TokenNeverPrinted) {
  TempDir dir;
  const std::string secret = "Xq7SuperSecretTokenValue9";
  dir.write("creds.sh",
            "export TASKCLUSTER_ACCESS_TOKEN=" + secret + "\n" +
            "TASKCLUSTER_ACCESS_TOKEN='" + secret + "' taskcluster task rerun abc\n" +
            "alias tok='export TASKCLUSTER_ACCESS_TOKEN=\"" + secret + "\"'\n" +
            "taskcluster config set accessToken " + secret + "\n" +
            "env TASKCLUSTER_ACCESS_TOKEN=" + secret + " taskcluster group status x\n" +
            "export TASKCLUSTER_ACCESS_TOKEN=\"$(pass show tc)\"\n");
  for (const char* format : {"text", "json", "sarif", "github"}) {
    RunResult r = run_tcguard({"--format", format, "lint", dir.path() + "/creds.sh"}, isolated());
    EXPECT_EQ(r.exit_code, 1) << format << r.err;
    EXPECT_EQ(r.out.find(secret), std::string::npos) << format << "\n" << r.out;
    EXPECT_EQ(r.err.find(secret), std::string::npos) << format;
    EXPECT_NE(r.out.find("hardcoded-access-token"), std::string::npos) << format;
  }
  json j = lint_json({dir.path() + "/creds.sh"}, 1);
  EXPECT_EQ(with(j["findings"], "hardcoded-access-token", "").size(), 5u) << j.dump(1);
}

TEST(LintCli, Suppressions) {
  TempDir dir;
  dir.write("s.sh",
            "# tcguard: disable=signin-default-scopes,root-scope-expiry -- break-glass, reviewed\n"
            "eval \"$(taskcluster signin --expires 1h)\"\n"
            "eval \"$(taskcluster signin --expires 1h)\"  # tcguard: disable=root-scope-expiry\n");
  json j = lint_json({dir.path() + "/s.sh"}, 0, isolated(dir.path()));
  for (const auto& f : j["findings"]) {
    EXPECT_NE(f["line"], 2) << f.dump();
    EXPECT_NE(f["rule"], "root-scope-expiry") << f.dump();
  }
  auto notes = with(j["findings"], "suppression-without-reason", "");
  ASSERT_EQ(notes.size(), 1u) << j.dump(1);
  EXPECT_EQ(notes[0]["line"], 3);
  EXPECT_EQ(notes[0]["file"], "s.sh");
  EXPECT_EQ(with(j["findings"], "signin-default-scopes", "").size(), 1u);  // line 3 keeps it

  dir.write("f.sh", "# tcguard: disable-file=signin-default-scopes -- legacy file\ntaskcluster signin\n");
  json k = lint_json({dir.path() + "/f.sh"}, 1);
  EXPECT_TRUE(with(k["findings"], "signin-default-scopes", "").empty());
  EXPECT_EQ(with(k["findings"], "signin-output-not-evaluated", "").size(), 1u);
}

TEST(LintCli, ExitCodesAndFailOn) {
  RunResult missing = run_tcguard({"lint", "does/not/exist.sh"}, isolated());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("does/not/exist.sh"), std::string::npos);
  RunResult warn = run_tcguard({"lint", "--fail-on", "warning", "examples/seed-aliases.sh"}, isolated());
  EXPECT_EQ(warn.exit_code, 1);
  RunResult none = run_tcguard({"lint", "--fail-on", "note", "examples/clean.sh"}, isolated());
  EXPECT_EQ(none.exit_code, 0) << none.out;
  RunResult usage = run_tcguard({"lint", "--fail-on", "fatal", "examples/clean.sh"}, isolated());
  EXPECT_EQ(usage.exit_code, 2);
}

TEST(LintCli, TextOutputShape) {
  RunResult r = run_tcguard({"--color", "never", "lint", "examples/seed-aliases.sh"}, isolated());
  EXPECT_NE(r.out.find("examples/seed-aliases.sh:6:1: warning: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[logout-incomplete]"), std::string::npos) << r.out;
}

TEST(LintCli, OneProblemReachedOnTwoPathsIsOneFinding) {
  // `tc_admin` run on its own and called at line 2 resolve to the same request: two requests (two
  // contexts), but each rule reports the call site once. `tc_for 3h` is another problem.
  RunOptions o = isolated();
  o.stdin_text =
      "tc_admin() { eval \"$(taskcluster signin --expires 2h -s 'queue:*')\"; }\n"
      "tc_admin\n"
      "tc_for() { eval \"$(taskcluster signin --expires \"$1\" -s 'queue:*')\"; }\n"
      "tc_for 3h\n";
  RunResult r = run_tcguard({"--format", "json", "lint", "-"}, o);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["requests"].size(), 4u) << "tc_admin twice, tc_for on its own and called" << r.out;
  std::vector<json> two_hours, three_hours, unknown;
  for (const auto& f : with(j["findings"], "service-wildcard-expiry", "")) {
    std::string message = f["message"];
    bool two = message.find("for 2h") != std::string::npos, three = message.find("for 3h") != std::string::npos;
    (two ? two_hours : three ? three_hours : unknown).push_back(f);
  }
  ASSERT_EQ(two_hours.size(), 1u) << r.out;
  EXPECT_EQ(two_hours[0]["context"], "tc_admin") << "the function's own context is kept";
  ASSERT_EQ(three_hours.size(), 1u) << r.out;
  EXPECT_EQ(three_hours[0]["context"], "tc_for called at line 4");
  // tc_for typed at a prompt may be given any lifetime: `queue:*` for an unknown one fails too.
  ASSERT_EQ(unknown.size(), 1u) << r.out;
  EXPECT_EQ(unknown[0]["context"], "tc_for");
  EXPECT_NE(unknown[0]["message"].get<std::string>().find("could not determine"), std::string::npos);
  // service-wildcard-expiry for 2h, 3h and an unknown lifetime; wildcard-scope-expiry is the same
  // cause, folded into each (judge/fold.h).
  EXPECT_EQ(j["summary"]["error"], 3) << r.out;
  for (const auto& f : with(j["findings"], "service-wildcard-expiry", "")) {
    bool folded = false;
    for (const auto& x : f["related"]) folded |= x["rule"] == "wildcard-scope-expiry";
    EXPECT_TRUE(folded) << f.dump(1);
  }
}

// f0 calls f1 four times, f1 calls f2 four times, ... : 4^9 calls, more than a file's budget.
// 4^9 calls. The leaf reads input (a variable set to an unknown value), so that no call of the
// tree is one the evaluator may skip (shell/unneeded_calls.h): the tree spends the budget.
std::string call_tree() {
  std::string text;
  for (int i = 0; i < 9; ++i) {
    std::string next = "f" + std::to_string(i + 1) + "; ";
    text += "f" + std::to_string(i) + "() { " + next + next + next + next + "}\n";
  }
  return text + "f9() { read -r line; }\n";
}

TEST(LintCli, ATopLevelCallTreeDoesNotLeaveTheHelpersBelowItUnjudged) {
  RunOptions o = isolated();
  o.stdin_text = call_tree() + "f0\ntc() { eval \"$(taskcluster signin -s '*' --expires 1d)\"; }\n";
  json j = lint_json({"-"}, 1, o);
  EXPECT_EQ(with(j["findings"], "root-scope-expiry", "tc").size(), 1u) << j.dump(1);
}

TEST(LintCli, ASignInNeverReachedFailsLint) {
  // The budget runs out in a's own run, before tc's: tc's sign-in was not judged at all.
  RunOptions o = isolated();
  o.stdin_text = call_tree() + "a() { eval x; f0; }\ntc() {\n  eval \"$(taskcluster signin -s '*' --expires 1d)\"\n}\n";
  json j = lint_json({"-"}, 1, o);
  auto unreached = with(j["findings"], "dynamic-signin-request", "tc");
  ASSERT_EQ(unreached.size(), 1u) << j.dump(1);
  EXPECT_EQ(unreached[0]["severity"], "error");
  EXPECT_EQ(unreached[0]["line"], 13);
  EXPECT_EQ(unreached[0]["column"], 11);
  EXPECT_NE(unreached[0]["message"].get<std::string>().find("budget or depth ran out"), std::string::npos);

  // An alias defined after the top level spent its share: its body's sign-in was never run. The
  // one defined before it was, and is judged as usual.
  o.stdin_text = "alias early='taskcluster signin -s \"*\" --expires 1d'\n" + call_tree() +
                 "f0\nalias late='taskcluster signin -s \"*\" --expires 1d'\n";
  json a = lint_json({"-"}, 1, o);
  auto unreached_alias = with(a["findings"], "dynamic-signin-request", "");
  ASSERT_EQ(unreached_alias.size(), 1u) << a.dump(1);
  EXPECT_EQ(unreached_alias[0]["line"], 13);
  EXPECT_EQ(with(a["findings"], "root-scope-expiry", "early").size(), 1u) << a.dump(1);

  // More paths than are followed at once before the only path that signs in.
  std::string branches;
  for (int i = 1; i <= 6; ++i) {
    std::string n = std::to_string(i);
    branches += "if [ -f /x" + n + " ]; then v" + n + "=a; else v" + n + "=b; fi\n";
  }
  o.stdin_text = branches + "case \"$v1$v2$v3$v4$v5$v6\" in\n  bbbbbb) taskcluster signin -s q:x ;;\nesac\n";
  json k = lint_json({"-"}, 1, o);
  auto dropped = with(k["findings"], "dynamic-signin-request", "");
  ASSERT_EQ(dropped.size(), 1u) << k.dump(1);
  EXPECT_EQ(dropped[0]["line"], 8);
  EXPECT_NE(dropped[0]["message"].get<std::string>().find("did not follow"), std::string::npos);
}

TEST(LintCli, StdinAndFolders) {
  RunOptions o = isolated();
  o.stdin_text = "taskcluster signin -s 'queue:*' --expires 2h\n";
  RunResult r = run_tcguard({"--format", "json", "lint", "-"}, o);
  EXPECT_EQ(r.exit_code, 1);
  json j = json::parse(r.out);
  ASSERT_FALSE(j["requests"].empty());
  EXPECT_EQ(j["requests"][0]["file"], "<stdin>");

  TempDir dir;
  dir.write("dotfiles/.bashrc", "taskcluster signin\n");
  dir.write("dotfiles/bin/tc-login", "#!/usr/bin/env bash\ntaskcluster signin\n", true);
  dir.write("dotfiles/README.md", "taskcluster signin\n");
  dir.write("dotfiles/bin/notes", "taskcluster signin\n");
  dir.write("dotfiles/.git/hooks/pre-commit.sh", "taskcluster signin\n");
  json k = lint_json({"dotfiles"}, 1, isolated(dir.path()));
  std::set<std::string> files;
  for (const auto& q : k["requests"]) files.insert(q["file"]);
  EXPECT_EQ(files, (std::set<std::string>{"dotfiles/.bashrc", "dotfiles/bin/tc-login"}));
}

}  // namespace
}  // namespace tcg::test
