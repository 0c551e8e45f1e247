// Merging by id and DESIGN.md's lookup order, with a fake environment and temporary folders.
#include <gtest/gtest.h>

#include <map>

#include "policy/policy.h"
#include "policy/show.h"
#include "support/cli_runner.h"

namespace tcg::policy {
namespace {

using test::TempDir;

const std::string kOverride =
    "version: 1\nrules:\n  - id: root-scope-expiry\n    severity: warning\n    when: {grants: '*'}\n    max_expiry: 5m\n";

LoadOptions options_with(std::map<std::string, std::string> env, std::string cwd = "/") {
  LoadOptions o;
  o.cwd = std::move(cwd);
  o.getenv = [env = std::move(env)](const std::string& name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
  return o;
}

TEST(Merge, LaterRuleReplacesInPlaceAndKeepsTheRest) {
  auto overlay = parse_policy(kOverride + "  - id: extra\n    deny: true\n", "mine.yaml");
  ASSERT_TRUE(overlay.ok()) << overlay.error().str();
  Policy merged = merge(default_policy(), *overlay);
  ASSERT_EQ(merged.rules.size(), default_policy().rules.size() + 1);
  EXPECT_EQ(merged.rules[0].id, "root-scope-expiry");
  EXPECT_EQ(merged.rules[0].severity, Severity::Warning);
  EXPECT_EQ(merged.rules[0].max_expiry.fallback, 300);
  EXPECT_EQ(merged.rules[0].where.file, "mine.yaml");
  EXPECT_EQ(merged.rules.back().id, "extra");
  EXPECT_EQ(merged.clusters.size(), default_policy().clusters.size());
  EXPECT_EQ(merged.sources, (std::vector<std::string>{"<default>", "mine.yaml"}));
  EXPECT_TRUE(merged.unknown_is_production);  // not set by the overlay
}

TEST(Merge, ClustersByNameUnknownClusterAndExceptions) {
  auto a = parse_policy(
      "version: 1\nunknown_cluster: ignore\nclusters:\n  firefoxci: {root_url: 'https://fx.example/', production: false}\n"
      "exceptions:\n  - {rule: extra, path: a, reason: r, until: 2027-01-01}\n",
      "a.yaml");
  ASSERT_TRUE(a.ok()) << a.error().str();
  Policy merged = merge(merge(default_policy(), *a), *a);
  EXPECT_FALSE(merged.unknown_is_production);
  EXPECT_FALSE(merged.find_cluster("firefoxci")->production);
  EXPECT_EQ(merged.find_cluster("firefoxci")->root_url, "https://fx.example/");
  EXPECT_EQ(merged.exceptions.size(), 2u);
}

TEST(CheckReferences, UndefinedClusterAndUnknownExceptionRule) {
  auto p = parse_policy("version: 1\nrules:\n  - id: a\n    clusters: [firefoxci, firefoxcj]\n    deny: true\n", "r.yaml");
  ASSERT_TRUE(p.ok()) << p.error().str();
  auto status = check_references(merge(default_policy(), *p));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().str(), "r.yaml:4:27: cluster `firefoxcj` is not defined (did you mean `firefoxci`?)");
  // Without the default, firefoxci is not defined either.
  status = check_references(*p);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().where.column, 16);

  auto e = parse_policy("version: 1\nexceptions:\n  - {rule: root-scope-expirey, path: a, reason: r, until: 2027-01-01}\n", "e.yaml");
  ASSERT_TRUE(e.ok());
  status = check_references(merge(default_policy(), *e));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().str(), "e.yaml:3:5: exception for unknown rule `root-scope-expirey` (did you mean `root-scope-expiry`?)");
}

TEST(Lookup, ExplicitFilesThenTheProjectFile) {
  TempDir dir;
  std::string a = dir.write("a.yaml", kOverride);
  std::string b = dir.write("b.yaml", "version: 1\nrules:\n  - id: extra\n    deny: true\n");
  dir.write(".tcguard.yaml", "version: 1\nrules:\n  - id: from-cwd\n    deny: true\n");
  LoadOptions o = options_with({{"TCGUARD_POLICY", dir.write("env.yaml", "version: 1\n")}}, dir.path());
  o.explicit_files = {a, b};
  auto p = load_effective_policy(o);
  ASSERT_TRUE(p.ok()) << p.error().str();
  // DESIGN.md: the user's own files (here --policy, so not $TCGUARD_POLICY), then the project's.
  EXPECT_EQ(p->sources, (std::vector<std::string>{"<default>", a, b, dir.path() + "/.tcguard.yaml"}));
  EXPECT_EQ(p->find_rule("root-scope-expiry")->max_expiry.fallback, 300);
  EXPECT_NE(p->find_rule("extra"), nullptr);
  EXPECT_NE(p->find_rule("from-cwd"), nullptr);  // a new rule only tightens: the guard keeps it
  ASSERT_EQ(p->lookup.size(), 3u);
  EXPECT_EQ(p->lookup[0].origin, "--policy");
  EXPECT_EQ(p->lookup[2].origin, "project");
  EXPECT_EQ(p->lookup[2].use, PolicySource::Use::TighteningOnly);
}

TEST(Lookup, EnvironmentFileThenTheFolderFile) {
  TempDir dir;
  std::string env_file = dir.write("env.yaml", "version: 1\nrules:\n  - id: from-env\n    deny: true\n");
  dir.write("proj/.tcguard.yaml", "version: 1\nrules:\n  - id: from-cwd\n    deny: true\n");
  auto p = load_effective_policy(options_with({{"TCGUARD_POLICY", env_file}}, dir.path() + "/proj"));
  ASSERT_TRUE(p.ok()) << p.error().str();
  EXPECT_NE(p->find_rule("from-env"), nullptr);
  EXPECT_NE(p->find_rule("from-cwd"), nullptr);
  EXPECT_EQ(p->sources.back(), dir.path() + "/proj/.tcguard.yaml");

  auto missing = load_effective_policy(options_with({{"TCGUARD_POLICY", dir.path() + "/nope.yaml"}}, dir.path()));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("TCGUARD_POLICY"), std::string::npos);
}

TEST(Lookup, XdgFileThenTheFolderFileInCwdOrAParent) {
  TempDir dir;
  dir.write("repo/.tcguard.yaml", "version: 1\nrules:\n  - id: from-repo\n    deny: true\n");
  dir.write("repo/sub/deeper/keep", "");
  dir.write("xdg/tcguard/policy.yaml", "version: 1\nrules:\n  - id: from-xdg\n    deny: true\n");
  auto p = load_effective_policy(options_with({{"XDG_CONFIG_HOME", dir.path() + "/xdg"}}, dir.path() + "/repo/sub/deeper"));
  ASSERT_TRUE(p.ok()) << p.error().str();
  EXPECT_NE(p->find_rule("from-repo"), nullptr);
  EXPECT_NE(p->find_rule("from-xdg"), nullptr);
  EXPECT_EQ(p->sources.back(), dir.path() + "/repo/.tcguard.yaml");
  EXPECT_EQ(p->lookup.front().origin, "user configuration");

  auto xdg = load_effective_policy(options_with({{"XDG_CONFIG_HOME", dir.path() + "/xdg"}}, dir.path()));
  ASSERT_TRUE(xdg.ok()) << xdg.error().str();
  EXPECT_NE(xdg->find_rule("from-xdg"), nullptr);
}

TEST(Lookup, XdgDefaultsToHomeConfig) {
  TempDir dir;
  dir.write("home/.config/tcguard/policy.yaml", "version: 1\nrules:\n  - id: from-home\n    deny: true\n");
  auto p = load_effective_policy(options_with({{"HOME", dir.path() + "/home"}, {"XDG_CONFIG_HOME", ""}}, dir.path()));
  ASSERT_TRUE(p.ok()) << p.error().str();
  EXPECT_NE(p->find_rule("from-home"), nullptr);
}

TEST(Lookup, NothingFoundIsTheDefaultAndNoDefaultIsEmpty) {
  TempDir dir;
  auto p = load_effective_policy(options_with({{"HOME", dir.path()}}, dir.path()));
  ASSERT_TRUE(p.ok()) << p.error().str();
  EXPECT_EQ(p->sources, std::vector<std::string>{"<default>"});
  EXPECT_EQ(p->rules.size(), default_policy().rules.size());
  LoadOptions bare = options_with({{"HOME", dir.path()}}, dir.path());
  bare.no_default = true;
  auto empty = load_effective_policy(bare);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->rules.empty());
  EXPECT_TRUE(empty->clusters.empty());
}

TEST(Lookup, ErrorsNameTheFile) {
  TempDir dir;
  std::string bad = dir.write("bad.yaml", "version: 1\nrules:\n  - id: a\n    max_expiry: soon\n");
  LoadOptions o = options_with({}, dir.path());
  o.explicit_files = {bad};
  auto p = load_effective_policy(o);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().where.file, bad);
  EXPECT_EQ(p.error().where.line, 4);
  EXPECT_EQ(p.error().where.column, 17);
}

TEST(Show, PrintsAPolicyThatParsesBackTheSame) {
  auto overlay = parse_policy(
      "version: 1\nclusters:\n  mine: {root_url: 'https://tc.example/', also: ['https://old.example'], production: false}\n"
      "rules:\n  - id: odd\n    description: 'yes: \"quoted\" # not a comment'\n    clusters: [mine]\n"
      "    when: {grants: {AnyOf: ['a', {AllOf: ['b', 'c*']}]}, grants_any: ['x:*'], scope_matches: 'q.*'}\n"
      "    deny: true\n    min_expiry: 1m\n"
      "actions:\n  - {id: act, commands: ['task cancel'], flags: [--force], deny: true}\n"
      "exceptions:\n  - {rule: odd, context: ctx, reason: 'because: yes', until: 2027-01-31}\n",
      "overlay.yaml");
  ASSERT_TRUE(overlay.ok()) << overlay.error().str();
  Policy merged = merge(default_policy(), *overlay);
  std::string yaml = policy_to_yaml(merged);
  EXPECT_NE(yaml.find("- id: odd  # overlay.yaml:5:5"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("- id: root-scope-expiry  # <default>:"), std::string::npos) << yaml;
  auto back = parse_policy(yaml, "shown.yaml");
  ASSERT_TRUE(back.ok()) << back.error().str() << "\n" << yaml;
  ASSERT_EQ(back->rules.size(), merged.rules.size());
  for (size_t i = 0; i < merged.rules.size(); ++i) {
    const Rule& x = merged.rules[i];
    const Rule& y = back->rules[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.description, y.description);
    EXPECT_EQ(x.severity, y.severity);
    EXPECT_EQ(x.clusters.kind, y.clusters.kind);
    EXPECT_EQ(x.clusters.names, y.clusters.names);
    EXPECT_EQ(x.when.grants, y.when.grants);
    EXPECT_EQ(x.when.grants_any, y.when.grants_any);
    EXPECT_EQ(x.when.scope_matches, y.when.scope_matches);
    EXPECT_EQ(x.max_expiry.fallback, y.max_expiry.fallback);
    EXPECT_EQ(x.max_expiry.clusters, y.max_expiry.clusters);
    EXPECT_EQ(x.min_expiry.fallback, y.min_expiry.fallback);
    EXPECT_EQ(x.when.scope_in, y.when.scope_in);
    EXPECT_EQ(x.when.scope_not_in, y.when.scope_not_in);
    EXPECT_EQ(x.deny, y.deny);
    EXPECT_EQ(x.help, y.help);
  }
  ASSERT_EQ(back->actions.size(), merged.actions.size());
  for (size_t i = 0; i < merged.actions.size(); ++i) {
    EXPECT_EQ(back->actions[i].id, merged.actions[i].id);
    EXPECT_EQ(back->actions[i].commands, merged.actions[i].commands);
    EXPECT_EQ(back->actions[i].flags, merged.actions[i].flags);
    EXPECT_EQ(back->actions[i].message, merged.actions[i].message);
    EXPECT_EQ(back->actions[i].confirm, merged.actions[i].confirm);
    EXPECT_EQ(back->actions[i].deny, merged.actions[i].deny);
  }
  ASSERT_EQ(back->clusters.size(), merged.clusters.size());
  EXPECT_EQ(back->find_cluster("mine")->also, merged.find_cluster("mine")->also);
  ASSERT_EQ(back->exceptions.size(), 1u);
  EXPECT_EQ(back->exceptions[0].reason, "because: yes");
  EXPECT_EQ(back->exceptions[0].until_days, merged.exceptions[0].until_days);
}

}  // namespace
}  // namespace tcg::policy
