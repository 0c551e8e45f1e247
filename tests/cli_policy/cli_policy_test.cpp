// `tcguard policy check|show|rules` and `tcguard explain`, through the built binary.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

// A clean environment in a fresh folder, so no user policy leaks into the test.
RunOptions isolated(const TempDir& dir) {
  RunOptions o;
  o.clean_env = true;
  o.env_set = {{"HOME", dir.path()}};
  o.cwd = dir.path();
  return o;
}

TEST(PolicyCheck, ValidFileExitsZero) {
  TempDir dir;
  std::string file = dir.write("ok.yaml", "version: 1\nrules:\n  - id: mine\n    clusters: [firefoxci]\n    deny: true\n");
  auto r = run_tcguard({"policy", "check", file}, isolated(dir));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(file + ": ok"), std::string::npos) << r.out;
  auto d = run_tcguard({"policy", "check", source_path("policies/default.yaml")}, isolated(dir));
  EXPECT_EQ(d.exit_code, 0) << d.err;
}

TEST(PolicyCheck, BrokenFileGivesOnePreciseError) {
  TempDir dir;
  std::string file = dir.write("bad.yaml", "version: 1\nrules:\n  - id: a\n    max_expiry: 1.5h\n");
  auto r = run_tcguard({"policy", "check", file}, isolated(dir));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "tcguard: error: " + file + ":4:18: invalid duration `1.5h` in `max_expiry`: durations take whole "
                    "numbers only (e.g. 90m instead of 1.5h)\n");
  std::string typo = dir.write("typo.yaml", "version: 1\nrules:\n  - id: a\n    sevrity: error\n");
  r = run_tcguard({"policy", "check", typo}, isolated(dir));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(typo + ":4:5: unknown key `sevrity` in a rule (did you mean `severity`?)"), std::string::npos) << r.err;
  std::string yaml = dir.write("yaml.yaml", "version: 1\nrules: [\n");
  r = run_tcguard({"policy", "check", yaml}, isolated(dir));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(yaml + ":"), std::string::npos) << r.err;
  r = run_tcguard({"policy", "check", dir.path() + "/missing.yaml"}, isolated(dir));
  EXPECT_EQ(r.exit_code, 2);
}

TEST(PolicyCheck, UndefinedClusterIsFoundAfterMerging) {
  TempDir dir;
  std::string file = dir.write("c.yaml", "version: 1\nrules:\n  - id: a\n    clusters: [firefox-ci]\n    deny: true\n");
  auto r = run_tcguard({"policy", "check", file}, isolated(dir));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(file + ":4:16: cluster `firefox-ci` is not defined (did you mean `firefoxci`?)"), std::string::npos)
      << r.err;
  // Without the default policy, firefoxci is not defined at all.
  std::string ok = dir.write("d.yaml", "version: 1\nrules:\n  - id: a\n    clusters: [firefoxci]\n    deny: true\n");
  EXPECT_EQ(run_tcguard({"policy", "check", ok}, isolated(dir)).exit_code, 0);
  EXPECT_EQ(run_tcguard({"--no-default-policy", "policy", "check", ok}, isolated(dir)).exit_code, 2);
}

TEST(PolicyCheck, LapsedExceptionIsAWarningWithExitOne) {
  TempDir dir;
  std::string file = dir.write("e.yaml",
                               "version: 1\nexceptions:\n  - rule: wildcard-scope-expiry\n    path: a.sh\n    reason: r\n"
                               "    until: 2020-01-31\n");
  auto r = run_tcguard({"policy", "check", file}, isolated(dir));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find(file + ":3:5: warning: the exception for `wildcard-scope-expiry` expired on 2020-01-31 [expired-exception]"),
            std::string::npos)
      << r.out;
}

TEST(PolicyCheck, WithoutFilesChecksWhatLookupFinds) {
  TempDir dir;
  dir.write(".tcguard.yaml", "version: 1\nrules:\n  - id: a\n    max_expiry: soon\n");
  auto r = run_tcguard({"policy", "check"}, isolated(dir));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(".tcguard.yaml:4:17:"), std::string::npos) << r.err;
  // DESIGN.md: a global --policy is the user's own file; the project file still follows it.
  std::string good = dir.write("good.yaml", "version: 1\n");
  dir.write(".tcguard.yaml", "version: 1\n");
  r = run_tcguard({"--policy", good, "policy", "check"}, isolated(dir));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(good + ": ok"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(dir.path() + "/.tcguard.yaml: ok"), std::string::npos) << r.out;
}

TEST(PolicyShow, AnnotatesWhereEachEntryCameFrom) {
  TempDir dir;
  dir.write(".tcguard.yaml", "version: 1\nrules:\n  - id: root-scope-expiry\n    when: {grants: '*'}\n    max_expiry: 5m\n");
  auto r = run_tcguard({"policy", "show"}, isolated(dir));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("merged from: <default> " + dir.path() + "/.tcguard.yaml"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("- id: root-scope-expiry  # " + dir.path() + "/.tcguard.yaml:3:5"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("max_expiry: 5m"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("- id: long-lived-credential  # <default>:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("firefoxci-staging:  # <default>:"), std::string::npos) << r.out;
  // What show prints is itself a valid policy; under the 5m limit, the shipped `root` profile
  // (`*` for 15m) now breaks root-scope-expiry, and the check says so (exit 1, not 2).
  std::string shown = dir.write("shown.yaml", r.out);
  auto check = run_tcguard({"--no-default-policy", "policy", "check", shown}, isolated(dir));
  EXPECT_EQ(check.exit_code, 1) << check.out << check.err;
  EXPECT_NE(check.out.find(shown + ": ok"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("error: profile `root` requests `*` for 15m"), std::string::npos) << check.out;
}

TEST(PolicyShow, BrokenPolicyExitsTwo) {
  TempDir dir;
  std::string bad = dir.write("bad.yaml", "version: 3\n");
  auto r = run_tcguard({"--policy", bad, "policy", "show"}, isolated(dir));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(bad + ":1:10: unsupported policy version `3`"), std::string::npos) << r.err;
}

TEST(PolicyRules, ListsBuiltinAndPolicyRules) {
  TempDir dir;
  std::string file = dir.write("p.yaml", "version: 1\nrules:\n  - id: no-secrets\n    description: Never secrets\n    severity: note\n"
                                         "    when: {grants_any: ['secrets:*']}\n    deny: true\n");
  auto r = run_tcguard({"--policy", file, "policy", "rules"}, isolated(dir));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("root-scope-expiry"), std::string::npos);
  EXPECT_NE(r.out.find("hardcoded-access-token"), std::string::npos);
  EXPECT_NE(r.out.find("no-secrets"), std::string::npos);

  auto j = run_tcguard({"--policy", file, "policy", "rules", "--format", "json"}, isolated(dir));
  ASSERT_EQ(j.exit_code, 0) << j.err;
  auto rows = nlohmann::json::parse(j.out);
  ASSERT_TRUE(rows.is_array());
  std::map<std::string, nlohmann::json> by_id;
  for (const auto& row : rows) by_id[row.at("id").get<std::string>()] = row;
  for (const char* id : {"root-scope-expiry", "service-wildcard-expiry", "wildcard-scope-expiry", "long-lived-credential",
                         "expired-on-arrival", "scope-invalid", "expired-exception", "retrigger-breaks-cot"})
    EXPECT_TRUE(by_id.count(id)) << id;
  EXPECT_EQ(by_id["no-secrets"]["kind"], "policy");
  EXPECT_EQ(by_id["no-secrets"]["severity"], "note");
  EXPECT_EQ(by_id["no-secrets"]["summary"], "Never secrets");
  EXPECT_EQ(by_id["no-secrets"]["source"], file + ":3:5");
  EXPECT_EQ(by_id["scope-invalid"]["kind"], "check");
  EXPECT_EQ(by_id["scope-invalid"]["source"], "builtin");
  EXPECT_EQ(by_id["long-lived-credential"]["severity"], "warning");
  EXPECT_EQ(by_id["root-scope-expiry"]["source"].get<std::string>().rfind("<default>:", 0), 0u);
}

TEST(Explain, PrintsTheDocPage) {
  TempDir dir;
  for (const char* id : {"root-scope-expiry", "service-wildcard-expiry", "wildcard-scope-expiry", "long-lived-credential",
                         "expired-on-arrival", "expired-exception"}) {
    auto r = run_tcguard({"explain", id}, isolated(dir));
    EXPECT_EQ(r.exit_code, 0) << id << r.err;
    EXPECT_EQ(r.out, read_file(source_path(std::string("docs/rules/") + id + ".md"))) << id;
  }
}

TEST(Explain, UnknownIdSuggests) {
  TempDir dir;
  auto r = run_tcguard({"explain", "root-scope-expirey"}, isolated(dir));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown rule `root-scope-expirey` (did you mean `root-scope-expiry`?)"), std::string::npos) << r.err;
  r = run_tcguard({"explain", "wildcard"}, isolated(dir));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("did you mean `wildcard-scope-expiry`?"), std::string::npos) << r.err;
  EXPECT_EQ(run_tcguard({"explain"}, isolated(dir)).exit_code, 2);
}

TEST(Explain, PolicyOwnRule) {
  TempDir dir;
  dir.write(".tcguard.yaml", "version: 1\nrules:\n  - id: no-secrets\n    description: Never ask for secrets.\n"
                             "    help: Ask for the one secret you need.\n    when: {grants_any: ['secrets:*']}\n    deny: true\n");
  auto r = run_tcguard({"explain", "no-secrets"}, isolated(dir));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("# no-secrets\n\nNever ask for secrets.\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("## How to fix\n\nAsk for the one secret you need."), std::string::npos) << r.out;
}

}  // namespace
}  // namespace tcg::test
