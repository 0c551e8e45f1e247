// evaluate_rules with the default policy's rules, and with custom conditions.
#include <gtest/gtest.h>

#include <algorithm>

#include "policy/policy.h"

namespace tcg::policy {
namespace {

SigninRequest request(std::vector<std::string> scopes, std::optional<int64_t> seconds, std::string cluster = "firefoxci",
                      bool production = true) {
  SigninRequest r;
  r.scopes = std::move(scopes);
  r.expires_seconds = seconds;
  r.expires_known = seconds.has_value();
  r.cluster = std::move(cluster);
  r.production = production;
  r.root_url = "https://firefox-ci-tc.services.mozilla.com/";
  r.where = SourceLocation{"dotfiles/aliases.sh", 3, 7};
  r.context = "tc-relduty";
  return r;
}

std::vector<std::string> rule_ids(const std::vector<Finding>& findings) {
  std::vector<std::string> ids;
  for (const auto& f : findings) ids.push_back(f.rule);
  std::sort(ids.begin(), ids.end());
  return ids;
}

using Ids = std::vector<std::string>;

TEST(EvaluateDefault, RootScope) {
  auto findings = evaluate_rules(default_policy(), request({"*"}, 86400));
  EXPECT_EQ(rule_ids(findings), (Ids{"long-lived-credential", "root-scope-expiry", "wildcard-scope-expiry"}));
  auto root = std::find_if(findings.begin(), findings.end(), [](const Finding& f) { return f.rule == "root-scope-expiry"; });
  EXPECT_EQ(root->message, "requests `*` for 1d on firefoxci (production); root-scope-expiry allows at most 15m");
  EXPECT_EQ(root->severity, Severity::Error);
  EXPECT_EQ(root->help, default_policy().find_rule("root-scope-expiry")->help);
  EXPECT_EQ(root->where.file, "dotfiles/aliases.sh");
  EXPECT_EQ(root->where.line, 3);
  EXPECT_EQ(root->context, "tc-relduty");
  EXPECT_FALSE(root->request.has_value());

  EXPECT_TRUE(evaluate_rules(default_policy(), request({"*"}, 15 * 60)).empty());
  EXPECT_EQ(rule_ids(evaluate_rules(default_policy(), request({"*"}, 15 * 60 + 1))),
            (Ids{"root-scope-expiry"}));
}

TEST(EvaluateDefault, ServiceWildcard) {
  EXPECT_EQ(rule_ids(evaluate_rules(default_policy(), request({"queue:*"}, 3600))), (Ids{"service-wildcard-expiry"}));
  auto findings = evaluate_rules(default_policy(), request({"queue:rerun-task:x", "assume:*"}, 16 * 60));
  ASSERT_EQ(rule_ids(findings), (Ids{"service-wildcard-expiry"}));
  EXPECT_EQ(findings[0].message,
            "requests `assume:*` for 16m on firefoxci (production); service-wildcard-expiry allows at most 15m");
  EXPECT_TRUE(evaluate_rules(default_policy(), request({"queue:*"}, 15 * 60)).empty());
  EXPECT_TRUE(evaluate_rules(default_policy(), request({"queue:rerun-task:*"}, 3600)).empty());
  // A star inside the service name grants at least the whole service.
  EXPECT_EQ(rule_ids(evaluate_rules(default_policy(), request({"queue*"}, 3600))), (Ids{"service-wildcard-expiry"}));
  EXPECT_EQ(rule_ids(evaluate_rules(default_policy(), request({"assume*"}, 3600))), (Ids{"service-wildcard-expiry"}));
}

TEST(EvaluateDefault, WildcardScope) {
  auto findings = evaluate_rules(default_policy(), request({"queue:rerun-task:*", "queue:cancel-task:*"}, 7200, "firefoxci-staging", false));
  ASSERT_EQ(rule_ids(findings), (Ids{"long-lived-credential", "wildcard-scope-expiry"}));
  auto wildcard = std::find_if(findings.begin(), findings.end(), [](const Finding& f) { return f.rule == "wildcard-scope-expiry"; });
  EXPECT_EQ(wildcard->message,
            "requests `queue:rerun-task:*`, `queue:cancel-task:*` for 2h on firefoxci-staging (non-production); "
            "wildcard-scope-expiry allows at most 1h");
  EXPECT_TRUE(evaluate_rules(default_policy(), request({"queue:rerun-task:*"}, 3600)).empty());
}

TEST(EvaluateDefault, LongLivedCredential) {
  auto findings = evaluate_rules(default_policy(), request({"queue:rerun-task:gecko-level-3/abc"}, 7200, "", true));
  ASSERT_EQ(rule_ids(findings), (Ids{"long-lived-credential"}));
  EXPECT_EQ(findings[0].severity, Severity::Warning);
  EXPECT_EQ(findings[0].message,
            "requests credentials for 2h on https://firefox-ci-tc.services.mozilla.com/ (unknown cluster, judged "
            "production); long-lived-credential allows at most 1h");
}

TEST(EvaluateDefault, ExpiredOnArrival) {
  for (int64_t seconds : {int64_t{0}, int64_t{-900}}) {
    auto findings = evaluate_rules(default_policy(), request({"queue:status:abc"}, seconds));
    ASSERT_EQ(rule_ids(findings), (Ids{"expired-on-arrival"})) << seconds;
    EXPECT_NE(findings[0].message.find("requires at least 1s"), std::string::npos) << findings[0].message;
  }
  EXPECT_TRUE(evaluate_rules(default_policy(), request({"queue:status:abc"}, 1)).empty());
}

TEST(EvaluateDefault, UnknownScopesOrLifetimeDoNotFire) {
  auto unknown_scopes = request({"*"}, 86400);
  unknown_scopes.scopes_known = false;
  EXPECT_EQ(rule_ids(evaluate_rules(default_policy(), unknown_scopes)), (Ids{"long-lived-credential"}));
  auto unknown_lifetime = request({"*"}, std::nullopt);
  EXPECT_TRUE(evaluate_rules(default_policy(), unknown_lifetime).empty());
  auto known_text_but_invalid = request({"*"}, 86400);
  known_text_but_invalid.expires_known = false;
  EXPECT_TRUE(evaluate_rules(default_policy(), known_text_but_invalid).empty());
}

Policy custom(const std::string& rules_yaml) {
  auto p = parse_policy("version: 1\nclusters:\n  prod: {root_url: 'https://p/'}\n  stage: {root_url: 'https://s/', production: false}\nrules:\n" + rules_yaml, "custom.yaml");
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().str());
  return p.ok() ? *p : Policy{};
}

TEST(EvaluateCustom, DenyAndClusterFilters) {
  Policy p = custom("  - id: no-secrets\n    clusters: production\n    when: {grants_any: ['secrets:get:*']}\n    deny: true\n    help: h\n");
  auto findings = evaluate_rules(p, request({"secrets:*", "queue:x"}, 60, "prod", true));
  ASSERT_EQ(rule_ids(findings), (Ids{"no-secrets"}));
  EXPECT_EQ(findings[0].message, "requests `secrets:*` on prod (production), which no-secrets denies");
  EXPECT_EQ(findings[0].help, "h");
  EXPECT_TRUE(evaluate_rules(p, request({"secrets:*"}, 60, "stage", false)).empty());
  EXPECT_TRUE(evaluate_rules(p, request({"queue:*"}, 60, "prod", true)).empty());
  // A deny rule needs no lifetime.
  EXPECT_EQ(rule_ids(evaluate_rules(p, request({"secrets:get:a"}, std::nullopt, "prod", true))), (Ids{"no-secrets"}));
}

TEST(EvaluateCustom, GrantsExpressionNamesTheGrantingScopes) {
  Policy p = custom("  - id: cancel\n    clusters: [stage]\n    when: {grants: {AnyOf: ['queue:cancel-task:a/b', 'x']}}\n    max_expiry: 5m\n");
  auto findings = evaluate_rules(p, request({"queue:cancel-task:*", "other"}, 600, "stage", false));
  ASSERT_EQ(rule_ids(findings), (Ids{"cancel"}));
  EXPECT_EQ(findings[0].message, "requests `queue:cancel-task:*` for 10m on stage (non-production); cancel allows at most 5m");
  EXPECT_TRUE(evaluate_rules(p, request({"queue:cancel-task:*"}, 600, "prod", true)).empty());
  EXPECT_TRUE(evaluate_rules(p, request({"queue:cancel-task:c/*"}, 600, "stage", false)).empty());
}

TEST(EvaluateCustom, AllConditionsMustHold) {
  Policy p = custom("  - id: both\n    when: {grants_any: ['a:*'], scope_matches: 'b:.*'}\n    deny: true\n");
  EXPECT_TRUE(evaluate_rules(p, request({"a:1"}, 60)).empty());
  EXPECT_TRUE(evaluate_rules(p, request({"b:1"}, 60)).empty());
  auto findings = evaluate_rules(p, request({"a:1", "b:1", "c", "d", "e"}, 60));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].message.find("`a:1`, `b:1`"), std::string::npos) << findings[0].message;
}

TEST(EvaluateCustom, ManyTriggeringScopesAreAbbreviated) {
  Policy p = custom("  - id: any-star\n    when: {scope_matches: '.*\\*'}\n    deny: true\n");
  auto findings = evaluate_rules(p, request({"a*", "b*", "c*", "d*", "e*"}, 60));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].message.find("`a*`, `b*`, `c*` and 2 more"), std::string::npos) << findings[0].message;
}

}  // namespace
}  // namespace tcg::policy
