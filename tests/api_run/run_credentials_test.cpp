// `tcguard run` judging the credentials in use against the task it acts on (issue 5 item 3), end to
// end against the loopback stand-in, which verifies Hawk independently and records every call.
#include "harness.h"

namespace tcg::test {
namespace {

TEST_F(ApiRun, Level1RerunOfALevel3TaskIsRefusedBeforeAnyMutatingCall) {
  TCG_START_STANDIN(standin, standin_fixture());
  auto policy = policy_for(standin->root_url(), true);
  auto env = creds(standin->root_url(), "relman/level1", kLevel1Token);
  // Without --confirm: the refusal comes before asking (exit 3, not 4).
  for (const auto& opts : {std::vector<std::string>{}, std::vector<std::string>{"--confirm", "standin"}}) {
    RunResult r = run_guard(env, policy, {"task", "rerun", "TASK3"}, opts);
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_TRUE(contains(r.err, "insufficient-scopes")) << r.err;
    EXPECT_TRUE(contains(r.err, "queue:rerun-task:gecko-level-3/GROUP3/TASK3")) << r.err;
    EXPECT_TRUE(contains(r.err, "taskcluster signin --expires 15m -s 'queue:rerun-task:gecko-level-3/GROUP3/TASK3'"))
        << r.err;
    EXPECT_FALSE(contains(r.err, "confirmation needed")) << r.err;
    EXPECT_EQ(r.out, "");
  }
  EXPECT_FALSE(stub_ran());
  EXPECT_TRUE(mutating_calls(standin->log()).empty()) << standin->log().dump();
  auto lines = audit_lines();
  ASSERT_EQ(lines.size(), 2u);
  for (const auto& line : lines) {
    EXPECT_EQ(line["decision"], "denied");
    EXPECT_NE(std::find(line["rules"].begin(), line["rules"].end(), "insufficient-scopes"), line["rules"].end());
    EXPECT_EQ(line["client_id"], "relman/level1");
  }
}

TEST_F(ApiRun, RootCredentialsLivingADayAreRefusedByRootScopeExpiry) {
  TCG_START_STANDIN(standin, standin_fixture());
  RunResult r = run_guard(creds(standin->root_url(), kRootId, kRootToken), policy_for(standin->root_url(), true),
                          {"task", "rerun", "TASK3"}, {"--confirm", "standin"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(contains(r.err, "root-scope-expiry")) << r.err;
  EXPECT_TRUE(contains(r.err, "the credentials of " + kRootId + " hold `*` for 1d")) << r.err;
  EXPECT_TRUE(contains(r.err, "excess-privilege")) << r.err;
  EXPECT_FALSE(contains(r.err, "insufficient-scopes")) << r.err;
  EXPECT_FALSE(stub_ran());
  EXPECT_TRUE(mutating_calls(standin->log()).empty());
  ASSERT_EQ(audit_lines().size(), 1u);
  EXPECT_EQ(audit_lines()[0]["decision"], "denied");
}

TEST_F(ApiRun, Adequate15MinuteCredentialsWithConfirmationRun) {
  TCG_START_STANDIN(standin, standin_fixture());
  RunResult r = run_guard(creds(standin->root_url(), "relman/level3", kLevel3Token),
                          policy_for(standin->root_url(), true), {"task", "rerun", "TASK3"}, {"--confirm", "standin"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "stub-out task rerun TASK3\n");
  EXPECT_TRUE(stub_ran());
  for (const auto* rule : {"insufficient-scopes", "excess-privilege", "root-scope-expiry", "unverifiable-credentials"})
    EXPECT_FALSE(contains(r.err, rule)) << rule << ": " << r.err;
  auto lines = audit_lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["decision"], "confirmed");
  // What tcguard asked: the task, its status, the credentials' scopes and client record.
  std::vector<std::string> urls;
  for (const auto& e : standin->log()) urls.push_back(e["method"].get<std::string>() + " " + e["url"].get<std::string>());
  EXPECT_NE(std::find(urls.begin(), urls.end(), "GET /api/queue/v1/task/TASK3"), urls.end());
  EXPECT_NE(std::find(urls.begin(), urls.end(), "GET /api/queue/v1/task/TASK3/status"), urls.end());
  EXPECT_NE(std::find(urls.begin(), urls.end(), "GET /api/auth/v1/scopes/current"), urls.end());
  EXPECT_TRUE(mutating_calls(standin->log()).empty());
}

TEST_F(ApiRun, RootFor15MinutesRunsWithAnExcessPrivilegeWarningAndTheMinimalSignin) {
  TCG_START_STANDIN(standin, standin_fixture());
  RunResult r = run_guard(creds(standin->root_url(), "relman/root-15m", kRoot15mToken),
                          policy_for(standin->root_url(), true), {"task", "cancel", "TASK3"}, {"--confirm", "standin"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(stub_ran());
  EXPECT_TRUE(contains(r.err, "excess-privilege")) << r.err;
  EXPECT_TRUE(contains(r.err, "taskcluster signin --expires 15m -s 'queue:cancel-task:gecko-level-3/GROUP3/TASK3'"))
      << r.err;
  EXPECT_FALSE(contains(r.err, "root-scope-expiry")) << r.err;
}

TEST_F(ApiRun, RetriggerOfASigningTaskNamesTheScriptworkerPool) {
  TCG_START_STANDIN(standin, standin_fixture());
  auto env = creds(standin->root_url(), "relman/root-15m", kRoot15mToken);
  auto policy = policy_for(standin->root_url(), true);
  RunResult text = run_guard(env, policy, {"task", "retrigger", "SIGN3"}, {"--dry-run"});
  EXPECT_TRUE(contains(text.out, "SIGN3 runs on the scriptworker pool scriptworker-k8s/gecko-3-signing")) << text.out;
  EXPECT_TRUE(contains(text.out, "[retrigger-breaks-cot]")) << text.out;

  RunResult r = run_guard(env, policy, {"task", "retrigger", "SIGN3"}, {"--dry-run"}, {"--format", "json"});
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  // The minimal sign-in for the copy: its own priority, not a higher one; no routes without --exact.
  auto minimal = j["credentials"]["minimal_scopes"];
  EXPECT_NE(std::find(minimal.begin(), minimal.end(), "queue:create-task:high:scriptworker-k8s/gecko-3-signing"),
            minimal.end())
      << r.out;
  EXPECT_FALSE(contains(minimal.dump(), "queue:create-task:highest:")) << r.out;
  EXPECT_FALSE(contains(minimal.dump(), "queue:route:")) << r.out;
  EXPECT_FALSE(stub_ran());
  EXPECT_TRUE(mutating_calls(standin->log()).empty());
}

TEST_F(ApiRun, ForcedRerunOfACompletedTaskWarnsAndAPlainOneIsNoted) {
  TCG_START_STANDIN(standin, standin_fixture());
  auto env = creds(standin->root_url(), "relman/level3", kLevel3Token);
  auto policy = policy_for(standin->root_url(), true);
  RunResult forced = run_guard(env, policy, {"task", "rerun", "--force", "DONE3"}, {"--confirm", "standin"});
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_TRUE(contains(forced.err, "rerun-force-completed")) << forced.err;
  EXPECT_TRUE(contains(forced.err, "DONE3 is completed")) << forced.err;
  EXPECT_FALSE(contains(forced.err, "the CLI itself will refuse")) << forced.err;

  RunResult plain = run_guard(env, policy, {"task", "rerun", "DONE3"}, {"--confirm", "standin"});
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_FALSE(contains(plain.err, "rerun-force-completed")) << plain.err;
  EXPECT_TRUE(contains(plain.err, "note: the CLI itself will refuse: DONE3 is completed")) << plain.err;
}

TEST_F(ApiRun, AnUnreachableApiRefusesAProductionCommandAndWarnsOnStaging) {
  TCG_START_STANDIN(standin, standin_fixture());
  const std::string url = standin->root_url();
  auto env = creds(url, "relman/level3", kLevel3Token);
  standin->refuse();  // later connections are refused
  RunResult prod = run_guard(env, policy_for(url, true), {"task", "rerun", "TASK3"}, {"--confirm", "standin"});
  EXPECT_EQ(prod.exit_code, 3) << prod.err;
  EXPECT_TRUE(contains(prod.err, "unverifiable-credentials")) << prod.err;
  EXPECT_TRUE(contains(prod.err, "could not be reached")) << prod.err;
  EXPECT_TRUE(contains(prod.err, "queue.task")) << prod.err;
  EXPECT_FALSE(stub_ran());

  RunResult staging = run_guard(env, policy_for(url, false), {"task", "rerun", "TASK3"});
  EXPECT_EQ(staging.exit_code, 0) << staging.err;
  EXPECT_TRUE(contains(staging.err, "warning")) << staging.err;
  EXPECT_TRUE(contains(staging.err, "unverifiable-credentials")) << staging.err;
  EXPECT_TRUE(stub_ran());
  auto lines = audit_lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["decision"], "denied");
  EXPECT_EQ(lines[1]["decision"], "allowed");
}

TEST_F(ApiRun, TwoInjected500sAreRetriedThrough) {
  auto fixture = standin_fixture();
  fixture["inject"] = {{{"status", 500}, {"count", 2}, {"path", "/api/queue/v1/task/TASK3"}}};
  TCG_START_STANDIN(standin, fixture);
  RunResult r = run_guard(creds(standin->root_url(), "relman/level3", kLevel3Token),
                          policy_for(standin->root_url(), true), {"task", "rerun", "TASK3"}, {"--confirm", "standin"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(stub_ran());
  EXPECT_FALSE(contains(r.err, "unverifiable-credentials")) << r.err;
  int injected = 0;
  for (const auto& e : standin->log()) injected += e["status"] == 500 ? 1 : 0;
  EXPECT_EQ(injected, 2);
}

TEST_F(ApiRun, APersistentServerErrorIsUnverifiable) {
  auto fixture = standin_fixture();
  fixture["inject"] = {{{"status", 503}, {"count", 100}, {"path", "/api/auth/v1/scopes/current"}}};
  TCG_START_STANDIN(standin, fixture);
  RunResult r = run_guard(creds(standin->root_url(), "relman/level3", kLevel3Token),
                          policy_for(standin->root_url(), true), {"task", "cancel", "TASK3"}, {"--confirm", "standin"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(contains(r.err, "auth.currentScopes: HTTP 503")) << r.err;
  EXPECT_FALSE(stub_ran());
}

TEST_F(ApiRun, AWrongTokenIsUnverifiableAndNeverShown) {
  TCG_START_STANDIN(standin, standin_fixture());
  RunResult r = run_guard(creds(standin->root_url(), "relman/level3", kLevel1Token),  // someone else's token
                          policy_for(standin->root_url(), true), {"task", "rerun", "TASK3"}, {"--confirm", "standin"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(contains(r.err, "AuthenticationFailed")) << r.err;
  EXPECT_FALSE(stub_ran());
}

TEST_F(ApiRun, NoCredentialsMeansNothingToJudge) {
  TCG_START_STANDIN(standin, standin_fixture());
  RunResult r = run_guard({{"TASKCLUSTER_ROOT_URL", standin->root_url()}}, policy_for(standin->root_url(), true),
                          {"task", "rerun", "TASK3"}, {"--confirm", "standin"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "no Taskcluster credentials in use")) << r.err;
  EXPECT_TRUE(stub_ran());
  EXPECT_TRUE(standin->log().empty()) << standin->log().dump();
}

TEST_F(ApiRun, ReadOnlyCommandsMakeNoApiCall) {
  TCG_START_STANDIN(standin, standin_fixture());
  RunResult r = run_guard(creds(standin->root_url(), kRootId, kRootToken), policy_for(standin->root_url(), true),
                          {"task", "status", "TASK3"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(standin->log().empty()) << standin->log().dump();
}

TEST_F(ApiRun, DryRunJsonCarriesTheCredentialFindings) {
  TCG_START_STANDIN(standin, standin_fixture());
  RunResult r = run_guard(creds(standin->root_url(), "relman/level1", kLevel1Token),
                          policy_for(standin->root_url(), true), {"task", "rerun", "TASK3"}, {"--dry-run"},
                          {"--format", "json"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["decision"], "deny");
  EXPECT_EQ(j["would_run"], false);
  bool found = false;
  for (const auto& f : j["findings"]) found = found || f["rule"] == "insufficient-scopes";
  EXPECT_TRUE(found) << r.out;
  EXPECT_EQ(j["credentials"]["client_id"], "relman/level1");
  EXPECT_EQ(j["credentials"]["verified"], true);
  EXPECT_EQ(j["credentials"]["task_state"], "failed");
  EXPECT_EQ(j["credentials"]["minimal_scopes"], nlohmann::json::array({"queue:rerun-task:gecko-level-3/GROUP3/TASK3"}));
  EXPECT_EQ(j["credentials"]["required"]["AnyOf"][0], "queue:rerun-task:gecko-level-3/GROUP3/TASK3");
  EXPECT_FALSE(stub_ran());
}

}  // namespace
}  // namespace tcg::test
