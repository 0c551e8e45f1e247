// `tcguard action` end to end against the stand-in (queue, storage, auth, hooks on loopback).
#include <gtest/gtest.h>

#include "../api_run/harness.h"
#include "actions_world.h"

namespace tcg::test {
namespace {

class ActionE2e : public ApiRun {
 protected:
  std::unique_ptr<Standin> server;
  std::string policy;

  bool start(bool production = false) {
    std::string why;
    server = Standin::start(actions_world(), &why);
    if (!server) {
      ADD_FAILURE() << "stand-in: " << why;  // replaced by a loud skip in each test (TCG_START_STANDIN)
      return false;
    }
    policy = policy_for(server->root_url(), production);
    return true;
  }
  std::map<std::string, std::string> sheriff() const { return creds(server->root_url(), kSheriffId, kSheriffToken); }
  std::map<std::string, std::string> anonymous() const { return {{"TASKCLUSTER_ROOT_URL", server->root_url()}}; }

  RunResult action(const std::map<std::string, std::string>& env, std::vector<std::string> args,
                   std::vector<std::string> global = {}) {
    std::vector<std::string> argv{"--policy", policy};
    argv.insert(argv.end(), global.begin(), global.end());
    argv.push_back("action");
    argv.insert(argv.end(), args.begin(), args.end());
    RunResult r = run_checked(argv, env);
    for (const auto& secret : {kSheriffToken, kLevel1UserToken}) {
      EXPECT_EQ(r.out.find(secret), std::string::npos) << r.out;
      EXPECT_EQ(r.err.find(secret), std::string::npos) << r.err;
      if (std::filesystem::exists(audit)) {
        EXPECT_EQ(read_file(audit).find(secret), std::string::npos);
      }
    }
    expect_storage_clean();
    EXPECT_FALSE(stub_ran()) << "the real CLI ran";
    return r;
  }

  // Storage must never see an Authorization header; and artifacts are read through it.
  void expect_storage_clean() const {
    for (const auto& e : server->log())
      if (e.value("server", "") == "storage") {
        EXPECT_FALSE(e["authorization"].get<bool>()) << e.dump();
      }
  }
  int storage_requests() const {
    int n = 0;
    for (const auto& e : server->log()) n += e.value("server", "") == "storage";
    return n;
  }
  int hook_calls() const {
    int n = 0;
    for (const auto& e : server->log())
      n += e.value("url", "").rfind("/api/hooks/", 0) == 0;
    return n;
  }
  // Nothing but reads: no queue write, no hook call.
  void expect_nothing_sent() const {
    EXPECT_EQ(hook_calls(), 0);
    EXPECT_TRUE(mutating_calls(server->log()).empty());
    EXPECT_TRUE(server->fired().empty());
  }
  nlohmann::json dry_run_payload(const std::string& task, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"retrigger", task, "--dry-run"};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult r = action(anonymous(), args, {"--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out, nullptr, false);
  }
};

#define START(...)                                                                                        \
  do {                                                                                                    \
    std::string why_;                                                                                     \
    if (!standin_node_modules(&why_).size()) GTEST_SKIP() << "!!! STAND-IN UNAVAILABLE, TEST NOT RUN: " << why_; \
    ASSERT_TRUE(start(__VA_ARGS__));                                                                      \
  } while (0)

TEST_F(ActionE2e, RetriggerPicksTheVariantThatMatchesTheTaskTags) {
  START();
  auto decision_of = [](const nlohmann::json& j) { return j["payload"]["decision"]["action"]["cb_name"].get<std::string>(); };
  auto yes = dry_run_payload(kRetriggerable);
  EXPECT_EQ(decision_of(yes), "retrigger-action");
  EXPECT_EQ(yes["payload"]["decision"]["action"]["title"], "Retrigger");
  auto no = dry_run_payload(kNotRetriggerable);
  EXPECT_EQ(no["payload"]["decision"]["action"]["title"], "Retrigger (disabled)");
  EXPECT_EQ(no["payload"]["user"]["input"], nlohmann::json({{"downstream", false}, {"force", false}, {"times", 1}}));
  auto decision = dry_run_payload(kDecision);
  EXPECT_EQ(decision_of(decision), "retrigger-decision");
  EXPECT_TRUE(decision["payload"]["user"]["input"].is_null());  // that variant has no schema
  EXPECT_EQ(yes["hookGroupId"], "project-gecko");
  EXPECT_EQ(yes["hookId"], kHook);
  EXPECT_GE(storage_requests(), 3);  // actions.json came from storage, through the queue's redirect
  expect_nothing_sent();
}

TEST_F(ActionE2e, TheHookReceivesDecisionVerbatimAndTheRightUserPart) {
  START();
  RunResult r = action(sheriff(), {"retrigger", kRetriggerable, "--input", R"({"times": 3})"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto fired = server->fired();
  ASSERT_EQ(fired.size(), 1u);
  const auto& f = fired[0];
  EXPECT_EQ(f["hook"], "project-gecko/" + kHook);
  EXPECT_EQ(f["clientId"], kSheriffId);
  // `decision` exactly as actions.json has it (the retrigger entry at index 1).
  EXPECT_EQ(f["payload"]["decision"], data_file("actions.json")["actions"][1]["hookPayload"]["decision"]);
  EXPECT_EQ(f["payload"]["user"], nlohmann::json({{"input", {{"times", 3}}}, {"taskId", kRetriggerable}, {"taskGroupId", kDecision}}));
  // The stand-in rendered the hook's template with npm json-e: the action task is in the decision's group.
  const std::string id = f["taskId"];
  EXPECT_EQ(f["task"]["taskGroupId"], kDecision);
  EXPECT_EQ(f["task"]["tags"]["kind"], "action-callback");
  EXPECT_EQ(f["task"]["payload"]["env"]["ACTION_TASK_ID"], "\"" + kRetriggerable + "\"");
  EXPECT_NE(r.out.find("action task " + id), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(server->root_url() + "/tasks/" + id), std::string::npos) << r.out;
  EXPECT_TRUE(mutating_calls(server->log()).empty());  // never the queue
  auto lines = audit_lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["command"], "action retrigger");
  EXPECT_EQ(lines[0]["target"], kRetriggerable);
  EXPECT_EQ(lines[0]["hook_id"], "project-gecko/" + kHook);
  EXPECT_EQ(lines[0]["action_task_id"], id);
  EXPECT_EQ(lines[0]["decision"], "allowed");
}

TEST_F(ActionE2e, JsonOutputAndWaitFollowTheActionTask) {
  START();
  RunResult r = action(sheriff(), {"rerun", kNotRetriggerable, "--wait"}, {"--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  auto fired = server->fired();
  ASSERT_EQ(fired.size(), 1u);
  EXPECT_EQ(j, nlohmann::json({{"action", "rerun"}, {"hookGroupId", "project-gecko"}, {"hookId", kHook},
                               {"actionTaskId", fired[0]["taskId"]}}));
  EXPECT_EQ(fired[0]["payload"]["user"]["input"], nlohmann::json::object());  // rerun: an object schema, no defaults
  EXPECT_NE(r.err.find("completed"), std::string::npos) << r.err;
}

TEST_F(ActionE2e, CancelSendsNullInputAndGroupActionsSendANullTaskId) {
  START();
  RunResult c = action(sheriff(), {"cancel", kRetriggerable});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  RunResult g = action(sheriff(), {"cancel-all", "--group", kDecision});
  ASSERT_EQ(g.exit_code, 0) << g.err;
  auto fired = server->fired();
  ASSERT_EQ(fired.size(), 2u);
  EXPECT_TRUE(fired[0]["payload"]["user"]["input"].is_null());
  EXPECT_EQ(fired[1]["payload"]["user"]["taskId"], nullptr);
  EXPECT_EQ(fired[1]["payload"]["user"]["taskGroupId"], kDecision);
  EXPECT_EQ(fired[1]["payload"]["decision"]["action"]["cb_name"], "cancel-all");
  auto lines = audit_lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1]["command"], "action cancel-all");
  EXPECT_EQ(lines[1]["target"], kDecision);
}

TEST_F(ActionE2e, ListShowsOneEntryPerNameAndWhetherTheScopeIsHeld) {
  START();
  RunResult r = action(sheriff(), {"list", kRetriggerable}, {"--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_array());
  std::vector<std::string> names;
  for (const auto& a : j) names.push_back(a["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"retrigger", "rerun", "cancel"}));
  EXPECT_EQ(j[0], nlohmann::json({{"name", "retrigger"}, {"title", "Retrigger"}, {"kind", "hook"},
                                  {"hookGroupId", "project-gecko"}, {"hookId", kHook},
                                  {"scope", "hooks:trigger-hook:project-gecko/" + kHook}, {"held", true}}));
  RunResult none = action(anonymous(), {"list", kRetriggerable}, {"--format", "json"});
  EXPECT_TRUE(nlohmann::json::parse(none.out)[0]["held"].is_null());
  RunResult l1 = action(creds(server->root_url(), kLevel1UserId, kLevel1UserToken), {"list", kRetriggerable},
                        {"--format", "json"});
  EXPECT_EQ(nlohmann::json::parse(l1.out)[0]["held"], false);
  RunResult group = action(anonymous(), {"list", "--group", kDecision}, {"--format", "json"});
  names.clear();
  for (const auto& a : nlohmann::json::parse(group.out)) names.push_back(a["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"cancel-all", "retrigger-multiple"}));
  RunResult text = action(sheriff(), {"list", kNotRetriggerable});
  EXPECT_NE(text.out.find("Retrigger (disabled)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("(held)"), std::string::npos) << text.out;
  expect_nothing_sent();
}

TEST_F(ActionE2e, AnActionThatDoesNotApplyListsTheOnesThatDo) {
  START();
  RunResult r = action(sheriff(), {"cancel-all", kRetriggerable});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("'cancel-all' action is not available for task " + kRetriggerable), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Available: retrigger, rerun, cancel"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--group " + kDecision), std::string::npos) << r.err;
  RunResult bad = action(sheriff(), {"retrigger", kRetriggerable, "--input", R"({"times": 0})"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("times"), std::string::npos) << bad.err;
  RunResult extra = action(sheriff(), {"cancel", kRetriggerable, "--input", "{}"});
  EXPECT_EQ(extra.exit_code, 2) << extra.err;
  expect_nothing_sent();
  auto lines = audit_lines();
  ASSERT_EQ(lines.size(), 3u);  // refusals are recorded too
  EXPECT_EQ(lines[0]["decision"], "refused");
}

TEST_F(ActionE2e, Forbidden403NamesTheMissingHookScopeAndLevel) {
  START();
  RunResult r = action(anonymous(), {"retrigger", kRetriggerable});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("HTTP 403 InsufficientScopes"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("lack hooks:trigger-hook:project-gecko/" + kHook), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("level-3"), std::string::npos) << r.err;
  EXPECT_EQ(hook_calls(), 1);
  EXPECT_TRUE(server->fired().empty());
  EXPECT_TRUE(mutating_calls(server->log()).empty());
  auto lines = audit_lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["decision"], "failed");
}

TEST_F(ActionE2e, CredentialsKnownToLackTheScopeAreRefusedBeforeSending) {
  START();
  RunResult r = action(creds(server->root_url(), kLevel1UserId, kLevel1UserToken), {"retrigger", kRetriggerable});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("lack hooks:trigger-hook:project-gecko/" + kHook), std::string::npos) << r.err;
  expect_nothing_sent();
}

TEST_F(ActionE2e, ExpiredHook404SaysToUseANewerPush) {
  START();
  RunResult r = action(sheriff(), {"retrigger", kOldDecision});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("HTTP 404"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("newer push"), std::string::npos) << r.err;
  EXPECT_EQ(hook_calls(), 1);
  EXPECT_TRUE(server->fired().empty());
  EXPECT_TRUE(mutating_calls(server->log()).empty());
}

TEST_F(ActionE2e, InputTheHookRefuses400SaysTheSchemaFailed) {
  START();
  RunResult r = action(sheriff(), {"custom", kCustomDecision, "--input", "[1, 2]"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("HTTP 400 InputError"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("trigger schema"), std::string::npos) << r.err;
  EXPECT_EQ(hook_calls(), 1);
  EXPECT_TRUE(server->fired().empty());
}

TEST_F(ActionE2e, ADecisionWithoutInTreeHookActionIsRefused) {
  START();
  RunResult r = action(sheriff(), {"retrigger", kBadDecision});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("decision task's scopes do not satisfy in-tree:hook-action:project-gecko/" + kHook),
            std::string::npos) << r.err;
  expect_nothing_sent();
  auto lines = audit_lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["decision"], "refused");
  EXPECT_EQ(lines[0]["hook_id"], "project-gecko/" + kHook);
}

TEST_F(ActionE2e, AGoneDecisionOrMissingActionsJsonSaysWhatToDo) {
  START();
  RunResult gone = action(sheriff(), {"retrigger", kOrphan});
  EXPECT_EQ(gone.exit_code, 1);
  EXPECT_NE(gone.err.find("decision task GoneDecisionGroup00099 (the task's taskGroupId) is gone"), std::string::npos)
      << gone.err;
  RunResult bare = action(sheriff(), {"retrigger", kBareDecision});
  EXPECT_EQ(bare.exit_code, 1);
  EXPECT_NE(bare.err.find("published no public/actions.json"), std::string::npos) << bare.err;
  RunResult list = action(sheriff(), {"list", kBareDecision});
  EXPECT_EQ(list.exit_code, 1);
  expect_nothing_sent();
}

TEST_F(ActionE2e, ProductionNeedsTheClusterNameAndDryRunDoesNot) {
  START(true);
  RunResult no = action(sheriff(), {"retrigger", kRetriggerable});
  EXPECT_EQ(no.exit_code, 4) << no.err;
  EXPECT_TRUE(server->fired().empty());
  RunResult dry = action(sheriff(), {"retrigger", kRetriggerable, "--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("\"cb_name\": \"retrigger-action\""), std::string::npos) << dry.out;
  EXPECT_TRUE(server->fired().empty());
  RunResult yes = action(sheriff(), {"retrigger", kRetriggerable, "--confirm", "standin"});
  EXPECT_EQ(yes.exit_code, 0) << yes.err;
  EXPECT_EQ(server->fired().size(), 1u);
  auto lines = audit_lines();
  ASSERT_EQ(lines.size(), 2u);  // the refusal and the trigger; a dry run writes none
  EXPECT_EQ(lines[0]["decision"], "refused");
  EXPECT_EQ(lines[1]["decision"], "confirmed");
  EXPECT_EQ(lines[1]["confirmed_by"], "flag");
}

TEST_F(ActionE2e, ThePolicyJudgesItAsActionName) {
  START();
  std::string deny = dir.write("deny.yaml",
                               "version: 1\nactions:\n  - id: no-cancel-actions\n    commands: [\"action cancel*\"]\n"
                               "    clusters: any\n    severity: error\n    message: Cancelling through actions is off.\n"
                               "    deny: true\n");
  RunResult r = run_checked({"--policy", policy, "--policy", deny, "action", "cancel", kRetriggerable}, sheriff());
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("no-cancel-actions"), std::string::npos) << r.err;
  expect_nothing_sent();
  auto lines = audit_lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["decision"], "denied");
  EXPECT_EQ(lines[0]["command"], "action cancel");
}


// `scopes needed` for a level-3 task and a level-1 (try) task, on both paths.
TEST_F(ActionE2e, ScopesNeededGivesBothPathsForLevel3AndLevel1) {
  START();
  auto needed = [&](std::vector<std::string> args) {
    std::vector<std::string> argv{"--policy", policy, "--format", "json", "scopes", "needed"};
    argv.insert(argv.end(), args.begin(), args.end());
    RunResult r = run_checked(argv, anonymous());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out, nullptr, false);
  };
  const std::string hook3 = "hooks:trigger-hook:project-gecko/" + kHook;
  EXPECT_EQ(needed({"--", "taskcluster", "task", "rerun", kRetriggerable}),
            nlohmann::json::parse(R"({"cli": ["queue:rerun-task:gecko-level-3/)" + kDecision + "/" + kRetriggerable +
                                  R"("], "action": {"name": "rerun", "hookGroupId": "project-gecko", "hookId": ")" +
                                  kHook + R"(", "scopes": [")" + hook3 + R"("]}})"));
  auto l3 = needed({"--action", "retrigger", kRetriggerable});
  EXPECT_EQ(l3["cli"], nlohmann::json({"queue:create-task:project:gecko", "queue:scheduler-id:gecko-level-3",
                                       "queue:create-task:low:gecko-3/b-linux-gcp"}));
  EXPECT_EQ(l3["action"]["scopes"], nlohmann::json({hook3}));
  auto l1 = needed({"--", "taskcluster", "task", "retrigger", kTryTask});
  EXPECT_EQ(l1["cli"], nlohmann::json({"secrets:get:project/taskcluster/gecko/hgfingerprint", "queue:create-task:project:gecko",
                                       "queue:scheduler-id:gecko-level-1", "queue:create-task:very-low:gecko-1/b-linux-gcp"}));
  EXPECT_EQ(l1["action"]["scopes"], nlohmann::json({"hooks:trigger-hook:project-gecko/" + kTryHook}));
  auto l1_rerun = needed({"--action", "rerun", kTryTask});
  EXPECT_EQ(l1_rerun["cli"], nlohmann::json({"queue:rerun-task:gecko-level-1/" + kTryDecision + "/" + kTryTask}));
  auto group = needed({"--action", "cancel-all", "--group", kDecision});
  EXPECT_EQ(group["cli"], nlohmann::json::array());
  EXPECT_EQ(group["action"]["name"], "cancel-all");
  auto none = needed({"--", "taskcluster", "task", "rerun", kOrphan});
  EXPECT_TRUE(none["action"].is_null());
  RunResult text = run_checked({"--policy", policy, "scopes", "needed", "--action", "retrigger", kTryTask}, anonymous());
  EXPECT_NE(text.out.find("CLI path (taskcluster task retrigger " + kTryTask + "):"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("action path (tcguard action retrigger " + kTryTask), std::string::npos) << text.out;
  expect_nothing_sent();
}

// `signin --for` asks the real CLI for exactly those scopes, for 15 minutes unless --expires says.
TEST_F(ActionE2e, SigninForAsksForExactlyThePathsScopes) {
  START();
  auto signin = [&](std::vector<std::string> args) {
    std::filesystem::remove(record);
    std::vector<std::string> argv{"--policy", policy, "signin"};
    argv.insert(argv.end(), args.begin(), args.end());
    RunResult r = run_checked(argv, anonymous());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return stub_ran() ? read_file(record) : std::string("(not run)");
  };
  EXPECT_EQ(signin({"--for", "task rerun " + kRetriggerable}),
            "signin\n--expires\n15m\n-s\nqueue:rerun-task:gecko-level-3/" + kDecision + "/" + kRetriggerable + "\n");
  EXPECT_EQ(signin({"--for", "action retrigger " + kTryTask, "--expires", "1h", "-s", "queue:status:*"}),
            "signin\n-s\nhooks:trigger-hook:project-gecko/" + kTryHook + "\n--expires\n1h\n-s\nqueue:status:*\n");
  EXPECT_EQ(signin({"--for", "task retrigger " + kTryTask}),
            "signin\n--expires\n15m\n-s\nsecrets:get:project/taskcluster/gecko/hgfingerprint\n-s\n"
            "queue:create-task:project:gecko\n-s\nqueue:scheduler-id:gecko-level-1\n-s\n"
            "queue:create-task:very-low:gecko-1/b-linux-gcp\n");
  std::filesystem::remove(record);
  RunResult none = run_checked({"--policy", policy, "signin", "--for", "action retrigger " + kOrphan}, anonymous());
  EXPECT_EQ(none.exit_code, 2) << none.err;
  EXPECT_FALSE(stub_ran());
  std::filesystem::remove(record);
}

TEST_F(ActionE2e, RunViaActionTriggersTheHookAndNeverTheCli) {
  START();
  RunResult r = run_guard(sheriff(), policy, {"task", "retrigger", kRetriggerable}, {"--via-action"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(stub_ran());
  auto fired = server->fired();
  ASSERT_EQ(fired.size(), 1u);
  EXPECT_EQ(fired[0]["payload"]["decision"]["action"]["cb_name"], "retrigger-action");
  EXPECT_EQ(fired[0]["payload"]["user"]["taskId"], kRetriggerable);
  EXPECT_TRUE(mutating_calls(server->log()).empty());
  auto lines = audit_lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["command"], "action retrigger");
  expect_storage_clean();
}

TEST_F(ActionE2e, WithoutViaActionTheFindingNamesTheActionCommand) {
  START();
  RunResult r = run_guard(anonymous(), policy, {"task", "retrigger", kRetriggerable});
  EXPECT_NE(r.err.find("[retrigger-breaks-cot]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("`tcguard action retrigger " + kRetriggerable + "`"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("hooks:trigger-hook:project-gecko/" + kHook), std::string::npos) << r.err;
  EXPECT_TRUE(stub_ran());  // a warning: the CLI still runs
  EXPECT_TRUE(server->fired().empty());
}

TEST_F(ActionE2e, PolicyViaActionTakesRerunThroughTheActionAndRefusesWithoutOne) {
  START();
  std::string via = dir.write("via.yaml",
                              "version: 1\nactions:\n  - id: cot-safe\n    commands: [\"task rerun\", \"task retrigger\"]\n"
                              "    clusters: any\n    severity: note\n    message: Through the in-tree action.\n"
                              "    via_action: true\n");
  RunResult r = run_checked({"--policy", policy, "--policy", via, "run", "--", "taskcluster", "task", "rerun", kNotRetriggerable},
                            sheriff());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(stub_ran());
  auto fired = server->fired();
  ASSERT_EQ(fired.size(), 1u);
  EXPECT_EQ(fired[0]["payload"]["decision"]["action"]["cb_name"], "rerun");
  RunResult none = run_checked({"--policy", policy, "--policy", via, "run", "--", "taskcluster", "task", "retrigger", kOrphan},
                               sheriff());
  EXPECT_EQ(none.exit_code, 3) << none.err;
  EXPECT_NE(none.err.find("never falls back to the CLI"), std::string::npos) << none.err;
  EXPECT_FALSE(stub_ran());
  EXPECT_EQ(server->fired().size(), 1u);
  EXPECT_TRUE(mutating_calls(server->log()).empty());
}

TEST_F(ActionE2e, ViaActionOnProductionNeedsTheSameConfirmation) {
  START(true);
  RunResult no = run_guard(sheriff(), policy, {"task", "cancel", kRetriggerable}, {"--via-action"});
  EXPECT_EQ(no.exit_code, 4) << no.err;
  EXPECT_TRUE(server->fired().empty());
  RunResult yes = run_guard(sheriff(), policy, {"task", "cancel", kRetriggerable}, {"--via-action", "--confirm", "standin"});
  EXPECT_EQ(yes.exit_code, 0) << yes.err;
  EXPECT_EQ(server->fired().size(), 1u);
  EXPECT_FALSE(stub_ran());
}

TEST(ActionCli, HelpAndUsageErrors) {
  RunResult help = run_tcguard({"action", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--dry-run"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("in-tree:hook-action"), std::string::npos) << help.out;
  EXPECT_EQ(run_tcguard({"action", "retrigger"}).exit_code, 2);
  RunResult both = run_tcguard({"action", "cancel-all", "T1", "--group", "G1"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("not both"), std::string::npos) << both.err;
  EXPECT_EQ(run_tcguard({"action", "list", "T1", "--dry-run"}).exit_code, 2);
  RunResult top = run_tcguard({"--help"});
  EXPECT_NE(top.out.find("action"), std::string::npos) << top.out;
  RunOptions no_root;
  no_root.clean_env = true;
  RunResult nowhere = run_tcguard({"action", "retrigger", "T1"}, no_root);
  EXPECT_EQ(nowhere.exit_code, 2);
  EXPECT_NE(nowhere.err.find("TASKCLUSTER_ROOT_URL"), std::string::npos) << nowhere.err;
}

}  // namespace
}  // namespace tcg::test
