#include <gtest/gtest.h>

#include "guard/decision.h"

namespace tcg::guard {
namespace {

tccli::Command cmd(std::initializer_list<std::string> words) {
  return tccli::parse_command(std::vector<std::string>(words));
}

Target production() { return resolve_target(policy::default_policy(), std::string("https://firefox-ci-tc.services.mozilla.com/")); }
Target staging() {
  return resolve_target(policy::default_policy(), std::string("https://stage.taskcluster.nonprod.webservices.mozgcp.net/"));
}

TEST(CommandPattern, StarIsEveryCommandThatChangesTheCluster) {
  EXPECT_TRUE(command_pattern_matches("*", cmd({"task", "rerun", "T"})));
  EXPECT_TRUE(command_pattern_matches("*", cmd({"api", "queue", "createTask", "T"})));
  EXPECT_TRUE(command_pattern_matches("*", cmd({"frobnicate"})));
  EXPECT_FALSE(command_pattern_matches("*", cmd({"task", "status", "T"})));
  EXPECT_FALSE(command_pattern_matches("*", cmd({"signin"})));
  EXPECT_FALSE(command_pattern_matches("*", cmd({"config", "set", "config.rootUrl", "x"})));
  EXPECT_TRUE(command_pattern_matches("config set", cmd({"config", "set", "config.rootUrl", "x"})));
  EXPECT_TRUE(command_pattern_matches("signin", cmd({"signin"})));
}

TEST(CommandPattern, WildcardsAndExactNames) {
  EXPECT_TRUE(command_pattern_matches("api *", cmd({"api", "hooks", "triggerHook", "a", "b"})));
  EXPECT_FALSE(command_pattern_matches("api *", cmd({"task", "rerun", "T"})));
  EXPECT_TRUE(command_pattern_matches("api queue.*", cmd({"api", "queue", "cancelTask", "T"})));
  EXPECT_FALSE(command_pattern_matches("api queue.*", cmd({"api", "hooks", "triggerHook", "a", "b"})));
  EXPECT_TRUE(command_pattern_matches("task re*", cmd({"task", "retrigger", "T"})));
  EXPECT_TRUE(command_pattern_matches("task rerun", cmd({"task", "rerun", "T"})));
  EXPECT_FALSE(command_pattern_matches("task rerun", cmd({"task", "retrigger", "T"})));
}

TEST(Decide, ProductionNeedsConfirmation) {
  Decision d = decide(policy::default_policy(), cmd({"task", "cancel", "T"}), production());
  EXPECT_EQ(d.verdict, Verdict::Confirm);
  EXPECT_EQ(d.confirm_rules, std::vector<std::string>{"production-confirmation"});
  EXPECT_EQ(d.rule_ids, std::vector<std::string>{"production-confirmation"});
  EXPECT_EQ(decide(policy::default_policy(), cmd({"task", "cancel", "T"}), staging()).verdict, Verdict::Allow);
}

TEST(Decide, UnknownClusterIsProduction) {
  Target t = resolve_target(policy::default_policy(), std::string("https://tc.example.com/"));
  EXPECT_EQ(decide(policy::default_policy(), cmd({"group", "cancel", "G"}), t).verdict, Verdict::Confirm);
}

TEST(Decide, RetriggerWarnsEverywhere) {
  Decision d = decide(policy::default_policy(), cmd({"task", "retrigger", "T"}), staging());
  EXPECT_EQ(d.verdict, Verdict::Allow);
  ASSERT_EQ(d.report.findings.size(), 1u);
  const Finding& f = d.report.findings[0];
  EXPECT_EQ(f.rule, "retrigger-breaks-cot");
  EXPECT_EQ(f.severity, Severity::Warning);
  EXPECT_NE(f.message.find("Chain of Trust"), std::string::npos);
  EXPECT_NE(f.help.find("task rerun"), std::string::npos);
  EXPECT_NE(f.help.find("hooks:trigger-hook:project-<trust-domain>/in-tree-action-<level>-generic/*"), std::string::npos);
}

TEST(Decide, RerunForceNeedsTheFlag) {
  auto rules = [](const Decision& d) { return d.rule_ids; };
  EXPECT_EQ(rules(decide(policy::default_policy(), cmd({"task", "rerun", "-f", "T"}), staging())),
            std::vector<std::string>{"rerun-force-completed"});
  EXPECT_TRUE(rules(decide(policy::default_policy(), cmd({"task", "rerun", "T"}), staging())).empty());
}

TEST(Decide, DenyRefuses) {
  auto parsed = policy::parse_policy(
      "version: 1\nactions:\n  - id: no-group-cancel\n    commands: [\"group cancel\"]\n    clusters: any\n"
      "    severity: error\n    message: Use the cancel-all action.\n    deny: true\n",
      "test.yaml");
  ASSERT_TRUE(parsed.ok()) << parsed.error().str();
  policy::Policy p = policy::merge(policy::default_policy(), *parsed);
  Decision d = decide(p, cmd({"group", "cancel", "G"}), staging());
  EXPECT_EQ(d.verdict, Verdict::Deny);
  EXPECT_EQ(d.deny_rules, std::vector<std::string>{"no-group-cancel"});
  EXPECT_EQ(decide(p, cmd({"task", "cancel", "T"}), staging()).verdict, Verdict::Allow);
}

TEST(Decide, SigninIsReviewedNotConfirmed) {
  // No -s and no --expires: root scope `*` for a day, an error under the default policy.
  Decision bad = decide(policy::default_policy(), cmd({"signin"}), production());
  EXPECT_EQ(bad.verdict, Verdict::Deny);
  EXPECT_TRUE(bad.confirm_rules.empty());
  EXPECT_FALSE(bad.deny_rules.empty());
  Decision good =
      decide(policy::default_policy(), cmd({"signin", "--expires", "15m", "-s", "queue:rerun-task:gecko-level-1/*"}), production());
  EXPECT_NE(good.verdict, Verdict::Deny);
  EXPECT_TRUE(good.confirm_rules.empty());
}

TEST(Decide, ConfigSetPasses) {
  EXPECT_EQ(decide(policy::default_policy(), cmd({"config", "set", "config.rootUrl", "x"}), production()).verdict,
            Verdict::Allow);
}

}  // namespace
}  // namespace tcg::guard
