// Every kind of policy error is one message at the exact file:line:column.
#include <gtest/gtest.h>

#include <string>

#include "policy/policy.h"

namespace tcg::policy {
namespace {

struct Expected {
  int line;
  int column;
  std::string message_part;
};

void expect_error(const std::string& yaml, const Expected& expected) {
  auto result = parse_policy(yaml, "p.yaml");
  ASSERT_FALSE(result.ok()) << yaml;
  const Error& e = result.error();
  EXPECT_EQ(e.where.file, "p.yaml");
  EXPECT_EQ(e.where.line, expected.line) << e.str();
  EXPECT_EQ(e.where.column, expected.column) << e.str();
  EXPECT_NE(e.message.find(expected.message_part), std::string::npos) << e.str();
  EXPECT_EQ(e.str().rfind("p.yaml:" + std::to_string(expected.line) + ":" + std::to_string(expected.column) + ": ", 0), 0u)
      << e.str();
}

TEST(PolicyParseErrors, UnknownKeysSuggestTheClosest) {
  expect_error("version: 1\nrulez: []\n", {2, 1, "did you mean `rules`?"});
  expect_error("version: 1\nrules:\n  - id: a\n    max_expiri: 1h\n", {4, 5, "did you mean `max_expiry`?"});
  expect_error("version: 1\nrules:\n  - id: a\n    when: {grant: '*'}\n", {4, 12, "did you mean `grants`?"});
  expect_error("version: 1\nclusters:\n  x:\n    rooturl: https://x/\n", {4, 5, "did you mean `root_url`?"});
  expect_error("version: 1\nactions:\n  - commands: ['*']\n    confrim: true\n", {4, 5, "did you mean `confirm`?"});
  expect_error("version: 1\nexceptions:\n  - rule: a\n    resaon: x\n", {4, 5, "did you mean `reason`?"});
  // Nothing close: the valid keys are listed instead.
  expect_error("version: 1\nrules:\n  - id: a\n    zzzzzzzz: 1\n", {4, 5, "expected one of: id, description"});
}

TEST(PolicyParseErrors, VersionAndShape) {
  expect_error("version: 2\n", {1, 10, "this tcguard reads `version: 1`"});
  expect_error("rules: []\n", {1, 1, "missing `version: 1`"});
  expect_error("", {1, 1, "empty"});
  expect_error("- a\n- b\n", {1, 1, "expected the policy (a mapping), found a list"});
  expect_error("version: 1\nversion: 1\n", {2, 1, "duplicate key `version`"});
  expect_error("version: 1\n---\nversion: 1\n", {3, 1, "one YAML document"});
}

TEST(PolicyParseErrors, YamlSyntax) {
  auto r = parse_policy("version: 1\nrules: [\n", "p.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where.file, "p.yaml");
  EXPECT_GT(r.error().where.line, 0);
  EXPECT_NE(r.error().message.find("invalid YAML"), std::string::npos) << r.error().str();
  expect_error("version: 1\nrules:\n  - id: a\n   bad: indentation\n", {4, 4, "invalid YAML"});
}

TEST(PolicyParseErrors, WrongTypes) {
  expect_error("version: 1\nrules: {id: a}\n", {2, 8, "`rules` must be a list, found a mapping"});
  expect_error("version: 1\nrules:\n  - id: [a]\n", {3, 9, "`id` must be a string, found a list"});
  expect_error("version: 1\nrules:\n  - id: a\n    deny: yes\n", {4, 11, "`deny` must be true or false"});
  expect_error("version: 1\nrules:\n  - id: a\n    severity: fatal\n", {4, 15, "severity is error, warning or note"});
  expect_error("version: 1\nrules:\n  - id: a\n    severity: eror\n", {4, 15, "did you mean `error`?"});
  expect_error("version: 1\nunknown_cluster: prod\n", {2, 18, "did you mean `production`?"});
  expect_error("version: 1\nrules:\n  - description: x\n", {3, 5, "a rule needs an `id`"});
  expect_error("version: 1\nactions:\n  - id: x\n", {3, 5, "an action needs `commands`"});
  expect_error("version: 1\nclusters:\n  x: {production: true}\n", {3, 3, "needs a `root_url`"});
  expect_error("version: 1\nclusters:\n  x: {root_url: ftp://x/}\n", {3, 17, "http(s) URL"});
}

TEST(PolicyParseErrors, BadDurationPointsInsideTheValue) {
  expect_error("version: 1\nrules:\n  - id: a\n    max_expiry: 1.5h\n", {4, 18, "whole numbers only"});
  expect_error("version: 1\nrules:\n  - id: a\n    max_expiry: \"1h 30x\"\n", {4, 23, "unknown unit `x`"});
  expect_error("version: 1\nrules:\n  - id: a\n    max_expiry: 900\n", {4, 20, "needs a unit"});
  expect_error("version: 1\nrules:\n  - id: a\n    max_expiry: 1h\n    min_expiry: 2h\n", {4, 17, "shorter than min_expiry"});
}

TEST(PolicyParseErrors, BadRegexGivesRe2Text) {
  expect_error("version: 1\nrules:\n  - id: a\n    when: {scope_matches: 'queue:(*'}\n", {4, 35, "invalid regular expression: "});
  auto r = parse_policy("version: 1\nrules:\n  - id: a\n    when:\n      scope_matches: 'a[b'\n", "p.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("missing ]"), std::string::npos) << r.error().str();
  EXPECT_EQ(r.error().where.line, 5);
}

TEST(PolicyParseErrors, BadScopeExpressions) {
  expect_error("version: 1\nrules:\n  - id: a\n    when: {grants: {AllOff: [a]}}\n", {4, 21, "did you mean `AllOf`?"});
  expect_error("version: 1\nrules:\n  - id: a\n    when: {grants: {AllOf: a}}\n", {4, 28, "takes a list"});
  expect_error("version: 1\nrules:\n  - id: a\n    when: {grants: {AllOf: [a], AnyOf: [b]}}\n", {4, 20, "exactly one key"});
  expect_error("version: 1\nrules:\n  - id: a\n    when: {grants: [a]}\n", {4, 20, "expected a scope or"});
  expect_error("version: 1\nrules:\n  - id: a\n    when: {grants: \"a\\tb\"}\n", {4, 22, "printable ASCII"});
  expect_error("version: 1\nrules:\n  - id: a\n    when:\n      grants_any: []\n", {5, 19, "must not be empty"});
}

TEST(PolicyParseErrors, DuplicatesAndIds) {
  expect_error("version: 1\nrules:\n  - id: a\n    deny: true\n  - id: a\n    deny: true\n", {5, 9, "duplicate rule id `a` (first at line 3)"});
  expect_error("version: 1\nactions:\n  - id: x\n    commands: ['*']\n  - id: x\n    commands: ['*']\n", {5, 9, "duplicate action id"});
  expect_error("version: 1\nrules:\n  - id: scope-invalid\n    deny: true\n", {3, 9, "built-in check"});
  expect_error("version: 1\nrules:\n  - id: 'a b'\n", {3, 9, "letters, digits"});
  expect_error("version: 1\nclusters:\n  a: {root_url: 'https://x/'}\n  b: {root_url: 'HTTPS://X'}\n", {4, 3, "already belongs to cluster `a`"});
}

TEST(PolicyParseErrors, Selectors) {
  expect_error("version: 1\nrules:\n  - id: a\n    clusters: prod\n", {4, 15, "did you mean `production`?"});
  expect_error("version: 1\nrules:\n  - id: a\n    clusters: firefoxci\n", {4, 15, "written as a list: [firefoxci]"});
  expect_error("version: 1\nrules:\n  - id: a\n    clusters: []\n", {4, 15, "must not be an empty list"});
}

TEST(PolicyParseErrors, Exceptions) {
  expect_error("version: 1\nexceptions:\n  - rule: a\n    path: x\n    until: 2027-01-31\n", {3, 5, "needs a `reason`"});
  expect_error("version: 1\nexceptions:\n  - rule: a\n    reason: r\n    until: 2027-01-31\n", {3, 5, "`path` glob or a `context`"});
  expect_error("version: 1\nexceptions:\n  - rule: a\n    path: x\n    reason: r\n", {3, 5, "until: YYYY-MM-DD"});
  expect_error("version: 1\nexceptions:\n  - rule: a\n    path: x\n    reason: r\n    until: 2027-02-30\n", {6, 12, "YYYY-MM-DD"});
  expect_error("version: 1\nexceptions:\n  - rule: a\n    path: x\n    reason: r\n    until: 27-01-31\n", {6, 12, "YYYY-MM-DD"});
  expect_error("version: 1\nexceptions:\n  - rule: a\n    path: x\n    reason: ''\n    until: 2027-01-31\n", {5, 13, "must not be empty"});
}

TEST(PolicyParseErrors, DeepNestingIsRejectedNotACrash) {
  std::string deep = "version: 1\nrules: " + std::string(100000, '[') + "\n";
  auto r = parse_policy(deep, "p.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where.line, 2);
  EXPECT_NE(r.error().message.find("nests too deeply"), std::string::npos);
  std::string dashes = "version: 1\nrules:\n";
  for (int i = 0; i < 50000; ++i) dashes += "- ";
  r = parse_policy(dashes + "x\n", "p.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where.line, 3);
  // Hidden behind a quote that never closes: still counted.
  r = parse_policy("version: 1\nhelp: \"" + std::string(1000, '{') + "\n", "p.yaml");
  ASSERT_FALSE(r.ok());
  // Self-referencing anchors must not loop.
  r = parse_policy("version: 1\nrules:\n  - id: a\n    when: {grants: &x {AllOf: [*x]}}\n", "p.yaml");
  EXPECT_FALSE(r.ok());
}

TEST(PolicyParseErrors, CompleteFileParses) {
  auto r = parse_policy(R"(version: 1
clusters:
  mine:
    root_url: https://tc.example.com/
    also: [https://tc-old.example.com]
    production: false
unknown_cluster: ignore
rules:
  - id: no-secrets
    description: Never ask for secrets
    severity: warning
    clusters: [mine]
    when:
      grants: {AnyOf: ["secrets:get:*", {AllOf: [a, b]}]}
      grants_any: ["secrets:*"]
      scope_matches: 'secrets:.*'
    deny: true
    help: Do not.
  - id: short
    min_expiry: 1m
    max_expiry: 2 hours
actions:
  - commands: [task cancel]
    flags: [--force]
    confirm: true
exceptions:
  - rule: short
    context: tc-relduty
    reason: accepted
    until: 2027-01-31
)",
                        "full.yaml");
  ASSERT_TRUE(r.ok()) << r.error().str();
  const Policy& p = *r;
  ASSERT_EQ(p.clusters.size(), 1u);
  EXPECT_EQ(p.clusters[0].also.size(), 1u);
  EXPECT_FALSE(p.clusters[0].production);
  EXPECT_FALSE(p.unknown_is_production);
  EXPECT_TRUE(p.unknown_cluster_set);
  ASSERT_EQ(p.rules.size(), 2u);
  const Rule& rule = p.rules[0];
  EXPECT_EQ(rule.severity, Severity::Warning);
  EXPECT_EQ(rule.clusters.kind, ClusterSelector::Kind::Names);
  EXPECT_EQ(rule.clusters.name_locations.at(0).line, 12);
  ASSERT_TRUE(rule.when.grants.has_value());
  EXPECT_EQ(rule.when.grants->kind, scopes::Expr::Kind::AnyOf);
  EXPECT_EQ(rule.when.grants->children.at(1).children.size(), 2u);
  EXPECT_TRUE(rule.deny);
  EXPECT_EQ(rule.where.line, 9);
  EXPECT_EQ(rule.where.column, 5);
  EXPECT_EQ(p.rules[1].max_expiry.fallback, 7200);
  EXPECT_EQ(p.rules[1].min_expiry.fallback, 60);
  EXPECT_EQ(p.rules[1].severity, Severity::Error);
  ASSERT_EQ(p.actions.size(), 1u);
  EXPECT_EQ(p.actions[0].id, "action-1");
  EXPECT_EQ(p.actions[0].severity, Severity::Warning);
  ASSERT_EQ(p.exceptions.size(), 1u);
  EXPECT_EQ(p.exceptions[0].until_days, 20849);  // 2027-01-31
  EXPECT_EQ(p.sources, std::vector<std::string>{"full.yaml"});
}

TEST(PolicyParseErrors, JsonExpressionInAString) {
  auto r = parse_policy("version: 1\nrules:\n  - id: a\n    when: {grants: '{\"AllOf\": [\"a\", \"b\"]}'}\n    deny: true\n", "p");
  ASSERT_TRUE(r.ok()) << r.error().str();
  EXPECT_EQ(r->rules[0].when.grants->kind, scopes::Expr::Kind::AllOf);
}

// Found by fuzz_policy: "\n,\0\x02" made yaml-cpp's multi-document loader loop, allocating
// without end. YAML allows no such control characters, so they are refused where they stand.
TEST(PolicyParseErrors, ControlCharactersAreRefusedWithTheirPlace) {
  auto r = parse_policy(std::string("\n,\0\x02", 4), "p.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where.line, 2);
  EXPECT_EQ(r.error().where.column, 2);
  EXPECT_NE(r.error().message.find("control character 0x00"), std::string::npos) << r.error().message;
  r = parse_policy("version: 1\nunknown_cluster: prod\x7fuction\n", "p.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where.line, 2);
  EXPECT_NE(r.error().message.find("0x7F"), std::string::npos) << r.error().message;
  // Also found by fuzz_policy: yaml-cpp's document loop never ended on this one. One error, at once.
  EXPECT_FALSE(parse_policy(",% \x86", "p.yaml").ok());
  // Tabs and CRLF line ends are YAML: no complaint about them.
  EXPECT_TRUE(parse_policy("version: 1\r\nunknown_cluster: production\t# fail safe\r\n", "p.yaml").ok());
}

}  // namespace
}  // namespace tcg::policy
