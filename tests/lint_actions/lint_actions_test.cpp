// Issue 12 point 8: `tcguard lint` judges the state-changing `taskcluster` commands of a script
// with the policy's actions, as `tcguard run` judges them (the same evaluation, rules/actions.h),
// and reports credentials written to a file the script never removes. Through the binary.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const std::string kFixtures = "tests/lint_actions/fixtures/";
const std::string kFxci = "https://firefox-ci-tc.services.mozilla.com/";
const std::string kStaging = "https://stage.taskcluster.nonprod.webservices.mozgcp.net/";

RunOptions isolated(const std::string& cwd = TCGUARD_SOURCE_DIR) {
  RunOptions o;
  o.cwd = cwd;
  o.env_unset = {"TCGUARD_POLICY", "TASKCLUSTER_ROOT_URL", "NO_COLOR", "TCGUARD_CONFIRM", "TASKCLUSTER_CLIENT_ID",
                 "TASKCLUSTER_ACCESS_TOKEN", "TASKCLUSTER_CERTIFICATE"};
  o.env_set["XDG_CONFIG_HOME"] = "/nonexistent-tcguard-test";
  o.env_set["HOME"] = "/nonexistent-tcguard-home";
  return o;
}

json lint_json(const std::vector<std::string>& args, int expected_exit, const RunOptions& o = isolated()) {
  std::vector<std::string> a = {"--format", "json"};
  a.insert(a.end(), args.begin(), args.end());
  RunResult r = run_tcguard(a, o);
  if (expected_exit >= 0) {
    EXPECT_EQ(r.exit_code, expected_exit) << r.err << r.out;
  }
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err << r.out;
  return json::parse(r.out);
}

using LineRule = std::pair<int, std::string>;

std::multiset<LineRule> line_rules(const json& findings) {
  std::multiset<LineRule> out;
  for (const auto& f : findings) out.insert({f["line"].get<int>(), f["rule"].get<std::string>()});
  return out;
}

std::vector<json> of_rule(const json& findings, const std::string& rule) {
  std::vector<json> out;
  for (const auto& f : findings)
    if (f["rule"] == rule) out.push_back(f);
  return out;
}

TEST(LintActions, ReleaseDutyScriptReportsEachStateChangingCommandWhereItIs) {
  json j = lint_json({"lint", kFixtures + "relduty-helpers.sh"}, 0);
  std::multiset<LineRule> expected = {
      {12, "production-confirmation"}, {12, "retrigger-breaks-cot"},   // in retrigger_all's loop
      {23, "production-confirmation"},                                 // while read ... rerun
      {27, "production-confirmation"}, {27, "rerun-force-completed"},  // xargs -n1 -P4 ... --force
      {32, "production-confirmation"},                                 // group cancel --force
  };
  EXPECT_EQ(line_rules(j["findings"]), expected) << j.dump(1);
  for (const auto& f : j["findings"]) {
    EXPECT_EQ(f["severity"], "warning") << f.dump();
    EXPECT_EQ(f["file"], kFixtures + "relduty-helpers.sh");
    EXPECT_NE(f["message"].get<std::string>().find("on firefoxci (production)"), std::string::npos) << f.dump();
  }
  // At the `taskcluster` word, also when xargs runs it; the loop's in the function's context.
  for (const auto& f : of_rule(j["findings"], "rerun-force-completed")) {
    EXPECT_EQ(f["column"], 15);
    EXPECT_NE(f["message"].get<std::string>().find("run by xargs"), std::string::npos);
  }
  for (const auto& f : of_rule(j["findings"], "retrigger-breaks-cot")) EXPECT_EQ(f["context"], "retrigger_all");
  // The sign-in-free script asks for nothing: no requests.
  EXPECT_TRUE(j["requests"].empty());
}

TEST(LintActions, ReadOnlyCommandsGiveNothing) {
  json j = lint_json({"lint", kFixtures + "read-only.sh"}, 0);
  EXPECT_TRUE(j["findings"].empty()) << j.dump(1);
}

TEST(LintActions, AliasesAndFunctionsOfAZshRc) {
  json j = lint_json({"lint", kFixtures + "tc-rc.zshrc"}, 0);
  std::multiset<LineRule> expected = {
      {4, "production-confirmation"},  // the alias runs xargs ... task rerun
      {6, "production-confirmation"}, {6, "retrigger-breaks-cot"},
  };
  EXPECT_EQ(line_rules(j["findings"]), expected) << j.dump(1);
  auto in_alias = of_rule(j["findings"], "production-confirmation");
  ASSERT_FALSE(in_alias.empty());
  EXPECT_EQ(in_alias[0]["context"], "tc-rerun-failed");
  EXPECT_EQ(in_alias[0]["column"], 34);
}

// "Production confirmation" in a script: a script cannot answer the prompt, so the command must
// be run as `tcguard run --confirm NAME` (or with TCGUARD_CONFIRM=NAME) naming its cluster.
TEST(LintActions, ProductionConfirmationIsSatisfiedOnlyByNamingTheCluster) {
  json j = lint_json({"lint", kFixtures + "confirmed.sh"}, 0);
  std::multiset<LineRule> expected = {{8, "production-confirmation"}};
  EXPECT_EQ(line_rules(j["findings"]), expected) << j.dump(1);
  auto f = of_rule(j["findings"], "production-confirmation");
  ASSERT_EQ(f.size(), 1u);
  std::string message = f[0]["message"];
  EXPECT_NE(message.find("`--confirm firefox-ci` does not name it"), std::string::npos) << message;
  EXPECT_NE(message.find("run by tcguard run"), std::string::npos) << message;
  EXPECT_EQ(f[0]["column"], 37);
}

TEST(LintActions, ConfirmationCannotComeFromAPromptInAScript) {
  TempDir dir;
  std::string script = dir.write("cancel.sh",
                                 "#!/bin/sh\nexport TASKCLUSTER_ROOT_URL=" + kFxci +
                                     "\ntcguard run -- taskcluster task cancel \"$1\"\n");
  json j = lint_json({"lint", script}, 0);
  auto f = of_rule(j["findings"], "production-confirmation");
  ASSERT_EQ(f.size(), 1u) << j.dump(1);
  EXPECT_EQ(f[0]["line"], 3);
  EXPECT_NE(f[0]["help"].get<std::string>().find("tcguard run --confirm firefoxci -- taskcluster task cancel"),
            std::string::npos);
}

TEST(LintActions, TcguardGlobalOptionsDryRunAndOtherSubcommands) {
  TempDir dir;
  std::string script = dir.write("guarded.sh",
                                 "export TASKCLUSTER_ROOT_URL=" + kFxci + "\n"
                                 "tcguard --policy team.yaml --format json run --confirm firefoxci -- taskcluster task retrigger T\n"
                                 "tcguard run --dry-run -- taskcluster task retrigger T\n"
                                 "tcguard review -- taskcluster task run\n"
                                 "tcguard --color never run taskcluster group cancel G\n");
  json j = lint_json({"lint", script}, 0);
  // Line 2 confirmed (CoT still reported); line 3 runs nothing; line 5 is not confirmed.
  std::multiset<LineRule> expected = {{2, "retrigger-breaks-cot"}, {5, "production-confirmation"}};
  EXPECT_EQ(line_rules(j["findings"]), expected) << j.dump(1);
}

TEST(LintActions, AWrapperIsJudgedAtItsCalls) {
  TempDir dir;
  std::string script = dir.write("wrap.sh",
                                 "export TASKCLUSTER_ROOT_URL=" + kStaging + "\n"
                                 "tc() { taskcluster \"$@\"; }\n"
                                 "tc task status \"$1\"\n"
                                 "tc task retrigger \"$1\"\n"
                                 "taskcluster task \"$action\" \"$1\"\n");
  json j = lint_json({"lint", script}, 0);
  // The body is judged for the call with known words (line 4), not on its own; a command whose
  // name is partly unknown counts as state-changing, as `run` counts an unknown command.
  std::multiset<LineRule> expected = {{2, "retrigger-breaks-cot"}};
  EXPECT_EQ(line_rules(j["findings"]), expected) << j.dump(1);
  for (const auto& f : j["findings"]) EXPECT_EQ(f["context"], "tc called at line 4");

  std::string prod = dir.write("prod.sh", "taskcluster task \"$action\" \"$1\"\ntaskcluster \"$@\"\n");
  json p = lint_json({"lint", prod}, 0);
  std::multiset<LineRule> on_prod = {{1, "production-confirmation"}};
  EXPECT_EQ(line_rules(p["findings"]), on_prod) << p.dump(1);
}

TEST(LintActions, XargsAndParallelForms) {
  TempDir dir;
  std::string script = dir.write(
      "bulk.sh",
      "export TASKCLUSTER_ROOT_URL=" + kStaging + "\n"
      "cut -f1 failed.tsv | xargs -I{} taskcluster task rerun --force {}\n"
      "xargs -0 -r --max-procs=4 -n 1 taskcluster task rerun -f < ids\n"
      "xargs -a ids.txt -P 8 taskcluster task status\n"
      "parallel -j4 taskcluster task retrigger {} ::: one two\n"
      "cat ids | parallel --jobs 2 taskcluster task rerun\n"
      "xargs echo taskcluster task retrigger < ids\n");
  json j = lint_json({"lint", script}, 0);
  // Staging is not production: only the actions for any cluster.
  std::multiset<LineRule> expected = {{2, "rerun-force-completed"}, {3, "rerun-force-completed"},
                                      {5, "retrigger-breaks-cot"}};
  EXPECT_EQ(line_rules(j["findings"]), expected) << j.dump(1);
}

TEST(LintActions, CommandSubstitutionsPipelinesAndUnknownRootUrl) {
  TempDir dir;
  std::string script = dir.write("sub.sh",
                                 "out=$(taskcluster task cancel \"$1\")\n"
                                 "taskcluster task retrigger \"$1\" | jq -r .status.taskId\n");
  json j = lint_json({"lint", script}, 0);
  std::multiset<LineRule> expected = {
      {1, "production-confirmation"}, {2, "production-confirmation"}, {2, "retrigger-breaks-cot"}};
  EXPECT_EQ(line_rules(j["findings"]), expected) << j.dump(1);
  // No root URL in the file: the environment's, unknown here, judged as production (fail closed).
  EXPECT_NE(j["findings"][0]["message"].get<std::string>().find("TASKCLUSTER_ROOT_URL from the environment"),
            std::string::npos);
}

// One evaluation for both: for each command line and cluster, lint reports exactly the rule ids
// `run --dry-run` decides, with the default policy and with a policy adding a deny action.
TEST(LintActions, LintAndRunAgreeOnEveryAction) {
  const std::vector<std::vector<std::string>> commands = {
      {"task", "rerun", "T"},          {"task", "rerun", "--force", "T"}, {"task", "rerun", "-f", "T"},
      {"task", "retrigger", "T"},      {"task", "cancel", "T"},           {"group", "cancel", "--force", "G"},
      {"group", "seal", "G"},          {"task", "status", "T"},           {"api", "queue", "cancelTask", "T"},
      {"api", "queue", "status", "T"}, {"group", "list", "G"},           {"task", "rerun", "--forse", "T"},
  };
  const std::vector<std::string> roots = {kFxci, kStaging, "https://tc.example.com/"};
  const std::vector<std::vector<std::string>> policies = {{}, {"--policy", kFixtures + "actions-policy.yaml"}};
  size_t compared = 0, with_findings = 0;
  for (const auto& policy : policies) {
    for (const auto& root : roots) {
      TempDir dir;
      std::string script = "#!/bin/bash\nexport TASKCLUSTER_ROOT_URL=" + root + "\n";
      for (const auto& c : commands) {
        script += "taskcluster";
        for (const auto& w : c) script += " " + w;
        script += "\n";
      }
      std::string path = dir.write("all.sh", script);
      std::vector<std::string> args = policy;
      args.insert(args.end(), {"lint", path});
      json linted = lint_json(args, -1);
      for (size_t i = 0; i < commands.size(); ++i) {
        std::set<std::string> from_lint;
        for (const auto& f : linted["findings"])
          if (f["line"] == static_cast<int>(i) + 3) from_lint.insert(f["rule"].get<std::string>());
        RunOptions o = isolated();
        o.env_set["TASKCLUSTER_ROOT_URL"] = root;
        std::vector<std::string> run_args = {"--format", "json"};
        run_args.insert(run_args.end(), policy.begin(), policy.end());
        run_args.insert(run_args.end(), {"run", "--dry-run", "--", "taskcluster"});
        run_args.insert(run_args.end(), commands[i].begin(), commands[i].end());
        RunResult r = run_tcguard(run_args, o);
        json decided = json::parse(r.out);
        std::set<std::string> from_run;
        for (const auto& f : decided.value("findings", json::array())) from_run.insert(f["rule"].get<std::string>());
        EXPECT_EQ(from_lint, from_run) << root << " " << script << " line " << i + 3 << "\n" << r.out;
        ++compared;
        if (!from_run.empty()) ++with_findings;
      }
    }
  }
  EXPECT_EQ(compared, 72u);
  EXPECT_GE(with_findings, 20u);
}

TEST(LintActions, DenyActionsKeepTheirSeverity) {
  json j = lint_json({"--policy", kFixtures + "actions-policy.yaml", "lint", kFixtures + "relduty-helpers.sh"}, 1);
  auto deny = of_rule(j["findings"], "no-group-cancel");
  ASSERT_EQ(deny.size(), 1u) << j.dump(1);
  EXPECT_EQ(deny[0]["severity"], "error");
  EXPECT_EQ(deny[0]["line"], 32);
}

TEST(LintActions, SuppressedAtTheCommand) {
  TempDir dir;
  std::string script = dir.write("retrigger.sh",
                                 "export TASKCLUSTER_ROOT_URL=" + kStaging + "\n"
                                 "# tcguard: disable=retrigger-breaks-cot -- try pushes have no Chain of Trust\n"
                                 "taskcluster task retrigger \"$1\"\n"
                                 "taskcluster task retrigger \"$2\"\n");
  json j = lint_json({"lint", script}, 0);
  std::multiset<LineRule> expected = {{4, "retrigger-breaks-cot"}};
  EXPECT_EQ(line_rules(j["findings"]), expected) << j.dump(1);
}

TEST(LintActions, TextAndSarif) {
  RunResult text = run_tcguard({"lint", kFixtures + "relduty-helpers.sh"}, isolated());
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find(kFixtures + "relduty-helpers.sh:27:15: warning: `rerun --force` reruns a task"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("[rerun-force-completed]"), std::string::npos);
  EXPECT_NE(text.out.find("xargs -n1 -P4 taskcluster task rerun --force < failed.txt"), std::string::npos);

  RunResult sarif = run_tcguard({"--format", "sarif", "lint", kFixtures + "relduty-helpers.sh"}, isolated());
  ASSERT_EQ(sarif.exit_code, 0) << sarif.err;
  json s = json::parse(sarif.out);
  const auto& run = s["runs"][0];
  std::set<std::string> rule_ids;
  for (const auto& r : run["tool"]["driver"]["rules"]) rule_ids.insert(r["id"].get<std::string>());
  size_t cot = 0;
  for (const auto& res : run["results"]) {
    EXPECT_TRUE(rule_ids.count(res["ruleId"].get<std::string>())) << res.dump();
    if (res["ruleId"] != "retrigger-breaks-cot") continue;
    ++cot;
    const auto& region = res["locations"][0]["physicalLocation"]["region"];
    EXPECT_EQ(region["startLine"], 12);
    EXPECT_EQ(region["startColumn"], 5);
  }
  EXPECT_EQ(cot, 1u);
}

// ---- credentials written to a file --------------------------------------------------------

TEST(LintCredentialsFile, WrittenAndNeverRemoved) {
  json j = lint_json({"lint", kFixtures + "creds-to-file.sh"}, 1);
  auto found = of_rule(j["findings"], "credentials-written-to-file");
  ASSERT_EQ(found.size(), 3u) << j.dump(1);
  EXPECT_EQ(found[0]["line"], 4);
  EXPECT_EQ(found[0]["column"], 64);  // the file name of the redirection
  EXPECT_NE(found[0]["message"].get<std::string>().find("`$TMPDIR/creds` (sourced at line 5)"), std::string::npos);
  EXPECT_EQ(found[1]["line"], 6);  // 2>&1 >> file: stdout still goes to the file
  EXPECT_NE(found[1]["message"].get<std::string>().find("`~/.tc-creds`"), std::string::npos);
  EXPECT_EQ(found[2]["line"], 7);  // | tee -a file
  EXPECT_NE(found[2]["message"].get<std::string>().find("`$HOME/tc.env`"), std::string::npos);
  for (const auto& f : found) {
    EXPECT_EQ(f["severity"], "error");
    EXPECT_NE(f["help"].get<std::string>().find("eval \"$(taskcluster signin ...)\""), std::string::npos);
  }
  // One cause, one finding: the output is not also "not evaluated" (it went to a file).
  EXPECT_TRUE(of_rule(j["findings"], "signin-output-not-evaluated").empty()) << j.dump(1);
  // The sign-ins' requests are still judged where they are.
  ASSERT_EQ(j["requests"].size(), 3u);
  EXPECT_EQ(j["requests"][0]["line"], 4);
  EXPECT_EQ(j["requests"][0]["scopes"], json({"queue:rerun-task:*"}));
}

TEST(LintCredentialsFile, RemovedByTrapRmOrShredIsFine) {
  json j = lint_json({"lint", "--fail-on", "error", kFixtures + "creds-cleaned.sh"}, 0);
  EXPECT_TRUE(of_rule(j["findings"], "credentials-written-to-file").empty()) << j.dump(1);
  EXPECT_EQ(j["requests"].size(), 2u);  // each still judged
}

TEST(LintCredentialsFile, RemovedOnlyBeforeTheWriteIsReported) {
  json j = lint_json({"lint", kFixtures + "creds-removed-too-early.sh"}, 1);
  auto found = of_rule(j["findings"], "credentials-written-to-file");
  ASSERT_EQ(found.size(), 1u) << j.dump(1);
  EXPECT_EQ(found[0]["line"], 3);
}

TEST(LintCredentialsFile, DevNullAndStderrAreNotFiles) {
  TempDir dir;
  std::string script = dir.write("quiet.sh",
                                 "eval \"$(taskcluster signin --expires 15m --scope 'queue:rerun-task:*' 2> err.log)\"\n"
                                 "taskcluster signin --expires 15m --scope 'queue:rerun-task:*' > /dev/null\n"
                                 "taskcluster signin --expires 15m --scope 'queue:rerun-task:*' >&2\n");
  json j = lint_json({"lint", script}, 1);
  EXPECT_TRUE(of_rule(j["findings"], "credentials-written-to-file").empty()) << j.dump(1);
  EXPECT_EQ(of_rule(j["findings"], "signin-output-not-evaluated").size(), 2u) << j.dump(1);
}

}  // namespace
}  // namespace tcg::test
