// The credential judgement as units: what is required, the narrowest sign-in, the description of
// what is missing, and the fail-closed behaviour when no answer arrives (a transport stub).
#include <gtest/gtest.h>

#include <map>

#include "api/answers.h"
#include "guard/credential/checks.h"
#include "guard/credential_check.h"
#include "rules/credential/credential_facts.h"
#include "tccli/command.h"

namespace tcg::guard {
namespace {

api::TaskDefinition task() {
  api::TaskDefinition t;
  t.task_id = "T1";
  t.scheduler_id = "gecko-level-3";
  t.task_group_id = "G1";
  t.project_id = "gecko";
  t.provisioner_id = "gecko-3";
  t.worker_type = "b-linux";
  t.priority = "medium";
  t.scopes = {"secrets:get:x"};
  t.routes = {"index.a"};
  return t;
}

TEST(CredentialUnits, TaskActionsJudged) {
  EXPECT_EQ(task_action_of(tccli::parse_command({"task", "rerun", "T1"})), TaskAction::Rerun);
  EXPECT_EQ(task_action_of(tccli::parse_command({"task", "cancel", "T1"})), TaskAction::Cancel);
  EXPECT_EQ(task_action_of(tccli::parse_command({"task", "retrigger", "--exact", "T1"})), TaskAction::Retrigger);
  EXPECT_EQ(task_action_of(tccli::parse_command({"api", "queue", "rerunTask", "T1"})), TaskAction::Rerun);
  EXPECT_EQ(task_action_of(tccli::parse_command({"group", "cancel", "G1"})), TaskAction::None);
  EXPECT_EQ(task_action_of(tccli::parse_command({"task", "complete", "T1"})), TaskAction::None);
  EXPECT_EQ(task_action_of(tccli::parse_command({"task", "rerun"})), TaskAction::None);  // no task id
}

TEST(CredentialUnits, MinimalScopesAreTheNarrowestAlternative) {
  EXPECT_EQ(credential::minimal_scopes(TaskAction::Rerun, task(), false),
            std::vector<std::string>{"queue:rerun-task:gecko-level-3/G1/T1"});
  EXPECT_EQ(credential::minimal_scopes(TaskAction::Cancel, task(), false),
            std::vector<std::string>{"queue:cancel-task:gecko-level-3/G1/T1"});
  std::vector<std::string> copy = {"secrets:get:x", "queue:create-task:project:gecko", "queue:scheduler-id:gecko-level-3",
                                   "queue:create-task:medium:gecko-3/b-linux"};
  EXPECT_EQ(credential::minimal_scopes(TaskAction::Retrigger, task(), false), copy);
  copy.insert(copy.begin() + 1, "queue:route:index.a");  // --exact keeps the routes
  EXPECT_EQ(credential::minimal_scopes(TaskAction::Retrigger, task(), true), copy);
}

TEST(CredentialUnits, TheMinimalScopesSatisfyTheRequirement) {
  for (auto action : {TaskAction::Rerun, TaskAction::Cancel, TaskAction::Retrigger}) {
    for (bool exact : {false, true}) {
      auto required = credential::required_scopes(action, task(), exact);
      ASSERT_TRUE(required.ok());
      scopes::ScopeSet held(credential::minimal_scopes(action, task(), exact));
      EXPECT_TRUE(scopes::satisfies(held, *required)) << task_action_name(action) << " exact=" << exact;
    }
  }
}

TEST(CredentialUnits, DescribeExpr) {
  using scopes::Expr;
  EXPECT_EQ(rules::describe_expr(Expr::of("a")), "`a`");
  EXPECT_EQ(rules::describe_expr(Expr::any_of({Expr::of("a"), Expr::all_of({Expr::of("b"), Expr::of("c")})})),
            "one of (`a`, all of (`b`, `c`))");
}

TEST(CredentialUnits, SigninCommandQuotesEachScope) {
  EXPECT_EQ(rules::minimal_signin_command({"a:b/*", "it's"}),
            "eval \"$(taskcluster signin --expires 15m -s 'a:b/*' -s 'it'\\''s')\"");
}

api::Getenv env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

Target target(bool production) {
  Target t;
  t.root_url = "https://tc.example.com";
  t.cluster = "example";
  t.known = true;
  t.production = production;
  t.confirm_name = "example";
  return t;
}

TEST(CredentialUnits, NoAnswerFailsClosedOnProductionOnly) {
  policy::Policy policy;
  auto cmd = tccli::parse_command({"task", "rerun", "T1"});
  auto env = env_of({{"TASKCLUSTER_ROOT_URL", "https://tc.example.com"},
                     {"TASKCLUSTER_CLIENT_ID", "me"},
                     {"TASKCLUSTER_ACCESS_TOKEN", "secret-token-value-1234"},
                     {"HOME", "/nonexistent"}});
  CredentialCheckOptions options;
  options.retries = 0;
  int calls = 0;
  options.transport = [&calls](const api::HttpRequest&) {
    ++calls;
    api::HttpResponse r;
    r.network_error = "Connection refused";
    return r;
  };
  for (bool production : {true, false}) {
    CredentialCheck check = check_credentials(policy, cmd, target(production), env, options);
    EXPECT_TRUE(check.applicable);
    EXPECT_TRUE(check.has_credentials);
    EXPECT_FALSE(check.verified);
    ASSERT_EQ(check.findings.size(), 1u);
    EXPECT_EQ(check.findings[0].rule, "unverifiable-credentials");
    EXPECT_EQ(check.findings[0].severity, production ? Severity::Error : Severity::Warning);
    EXPECT_NE(check.findings[0].message.find("Connection refused"), std::string::npos);
    Decision d;
    apply_credential_check(d, check);
    EXPECT_EQ(d.verdict, production ? Verdict::Deny : Verdict::Allow);
  }
  EXPECT_EQ(calls, 2);  // one queue.task each, then nothing else
}

TEST(CredentialUnits, NoCredentialsIsANoteAndNoCall) {
  policy::Policy policy;
  CredentialCheckOptions options;
  options.transport = [](const api::HttpRequest&) -> api::HttpResponse {
    ADD_FAILURE() << "no call expected";
    return {};
  };
  auto check = check_credentials(policy, tccli::parse_command({"task", "cancel", "T1"}), target(true),
                                 env_of({{"HOME", "/nonexistent"}}), options);
  EXPECT_TRUE(check.findings.empty());
  ASSERT_EQ(check.notes.size(), 1u);
  EXPECT_NE(check.notes[0].find("nothing to judge"), std::string::npos);
  Decision d;
  apply_credential_check(d, check);
  EXPECT_EQ(d.verdict, Verdict::Allow);
}

TEST(CredentialUnits, ActionMessagesReplaceTheGenericOnes) {
  Decision d;
  d.verdict = Verdict::Confirm;
  Finding generic;
  generic.rule = "retrigger-breaks-cot";
  generic.severity = Severity::Warning;
  generic.message = "generic";
  d.report.findings.push_back(generic);
  CredentialCheck check;
  check.action_messages["retrigger-breaks-cot"] = "specific";
  Finding excess;
  excess.rule = "excess-privilege";
  excess.severity = Severity::Warning;
  check.findings.push_back(excess);
  apply_credential_check(d, check);
  EXPECT_EQ(d.report.findings[0].message, "specific");
  EXPECT_EQ(d.report.findings.size(), 2u);
  EXPECT_EQ(d.verdict, Verdict::Confirm);  // warnings do not refuse
  EXPECT_EQ(d.rule_ids, std::vector<std::string>{"excess-privilege"});
}

}  // namespace
}  // namespace tcg::guard
