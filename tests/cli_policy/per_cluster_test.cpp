// Issue 17 points 1 and 2, through the binary: per-cluster limits, the `rule-loosened` warning of
// `policy check` and `policy show`, and the scope-satisfaction conditions scope_in / scope_not_in.
// The policies are the files in tests/cli_policy/fixtures/.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

using nlohmann::json;

std::string fixture(const std::string& name) { return source_path("tests/cli_policy/fixtures/" + name); }

RunOptions isolated(const TempDir& dir) {
  RunOptions o;
  o.clean_env = true;
  o.env_set = {{"HOME", dir.path()}};
  o.cwd = dir.path();
  return o;
}

// The rule ids `review` reports for one request under `policy` (exit code in `exit_code`).
std::vector<std::string> review(const std::string& policy, const std::vector<std::string>& args, int* exit_code = nullptr) {
  TempDir dir;
  std::vector<std::string> argv = {"--format", "json", "--policy", policy, "review"};
  argv.insert(argv.end(), args.begin(), args.end());
  RunResult r = run_tcguard(argv, isolated(dir));
  if (exit_code) *exit_code = r.exit_code;
  auto j = json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
  std::vector<std::string> rules;
  if (!j.is_discarded())
    for (const auto& f : j["findings"]) rules.push_back(f["rule"]);
  return rules;
}

bool has(const std::vector<std::string>& rules, const std::string& id) {
  return std::find(rules.begin(), rules.end(), id) != rules.end();
}

TEST(PerClusterLimits, TheIssuesScenarioStillReportsOnFirefoxci) {
  const std::string policy = fixture("per_cluster.yaml");
  int code = -1;
  auto on_firefoxci = review(policy, {"--cluster", "firefoxci", "--expires", "1h", "-s", "hooks:*"}, &code);
  EXPECT_TRUE(has(on_firefoxci, "service-wildcard-expiry"));
  EXPECT_EQ(code, 1);
  // community and a root URL no cluster names get `default`.
  EXPECT_TRUE(has(review(policy, {"--cluster", "community", "--expires", "20m", "-s", "hooks:*"}), "service-wildcard-expiry"));
  EXPECT_TRUE(has(review(policy, {"--root-url", "https://tc.example.com/", "--expires", "20m", "-s", "hooks:*"}),
                  "service-wildcard-expiry"));
  // Staging has its own 30 minutes: 20m passes, 45m does not.
  EXPECT_FALSE(has(review(policy, {"--cluster", "firefoxci-staging", "--expires", "20m", "-s", "hooks:*"}),
                   "service-wildcard-expiry"));
  EXPECT_TRUE(has(review(policy, {"--cluster", "firefoxci-staging", "--expires", "45m", "-s", "hooks:*"}),
                  "service-wildcard-expiry"));

  // The file names staging itself and keeps 15m elsewhere: nothing lost, so `policy check` is clean.
  TempDir dir;
  RunResult check = run_tcguard({"policy", "check", policy}, isolated(dir));
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_EQ(check.out.find("rule-loosened"), std::string::npos) << check.out;
}

TEST(PerClusterLimits, ShowPrintsTheFormAndItParsesBack) {
  TempDir dir;
  RunResult show = run_tcguard({"--policy", fixture("per_cluster.yaml"), "policy", "show"}, isolated(dir));
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("    max_expiry: {firefoxci-staging: 30m, default: 15m}\n"), std::string::npos) << show.out;
  std::string shown = dir.write("shown.yaml", show.out);
  int code = -1;
  auto back = review(shown, {"--cluster", "firefoxci-staging", "--expires", "45m", "-s", "hooks:*"}, &code);
  EXPECT_TRUE(has(back, "service-wildcard-expiry"));
}

TEST(PerClusterLimits, TheOldReplacingFormWarnsNamingTheClustersThatLostTheRule) {
  TempDir dir;
  const std::string policy = fixture("replacing.yaml");
  // The replacement itself is what the file says: firefoxci is no longer judged by the rule ...
  EXPECT_FALSE(has(review(policy, {"--cluster", "firefoxci", "--expires", "1h", "-s", "hooks:*"}), "service-wildcard-expiry"));
  // ... so `policy check` says so, at the file's rule, naming each cluster that lost it.
  RunResult check = run_tcguard({"policy", "check", policy}, isolated(dir));
  EXPECT_EQ(check.exit_code, 1) << check.out << check.err;
  const std::string line = policy + ":5:5: warning: rule `service-wildcard-expiry` replaces the one at <default>:";
  auto at = check.out.find(line);
  ASSERT_NE(at, std::string::npos) << check.out;
  std::string warning = check.out.substr(at, check.out.find('\n', at) - at);
  EXPECT_NE(warning.find("firefoxci (no longer applies), community (no longer applies) and root URLs that name no "
                         "cluster (no longer applies)"),
            std::string::npos)
      << warning;
  EXPECT_EQ(warning.find("firefoxci-staging"), std::string::npos) << "staging is named, so meant: " << warning;
  EXPECT_NE(warning.find("[rule-loosened]"), std::string::npos) << warning;

  // `policy show` warns on stderr and in a comment; what it prints still parses.
  RunResult show = run_tcguard({"--policy", policy, "policy", "show"}, isolated(dir));
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.err.find("tcguard: warning: " + policy + ":5:5: rule `service-wildcard-expiry`"), std::string::npos) << show.err;
  EXPECT_NE(show.err.find("firefoxci (no longer applies)"), std::string::npos) << show.err;
  EXPECT_NE(show.out.find("# warning: " + policy + ":5:5: rule `service-wildcard-expiry`"), std::string::npos) << show.out;
  std::string shown = dir.write("shown.yaml", show.out);
  EXPECT_EQ(run_tcguard({"--no-default-policy", "policy", "check", shown}, isolated(dir)).exit_code, 0);
}

TEST(PerClusterLimits, LoweringTheSeverityEverywhereWarnsForEveryCluster) {
  TempDir dir;
  RunResult check = run_tcguard({"policy", "check", fixture("lower_severity.yaml")}, isolated(dir));
  EXPECT_EQ(check.exit_code, 1) << check.out << check.err;
  for (const std::string cluster : {"firefoxci (", "firefoxci-staging (", "community (", "root URLs that name no cluster ("})
    EXPECT_NE(check.out.find(cluster + "severity error lowered to warning)"), std::string::npos) << cluster << check.out;
}

TEST(PerClusterLimits, MistakesAreLocatedErrors) {
  TempDir dir;
  const std::string no_default = fixture("per_cluster_no_default.yaml");
  RunResult r = run_tcguard({"policy", "check", no_default}, isolated(dir));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(no_default + ":4:17: a per-cluster `max_expiry` needs `default: DURATION`"), std::string::npos) << r.err;
  const std::string unknown = fixture("per_cluster_unknown_name.yaml");
  r = run_tcguard({"policy", "check", unknown}, isolated(dir));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(unknown + ":4:18: cluster `firefoxci-stagin` is not defined (did you mean `firefoxci-staging`?)"),
            std::string::npos)
      << r.err;
}

TEST(PerClusterLimits, AnUntrustedProjectFileMayTightenOneClusterButNotRelaxOne) {
  // review is the guard: a project .tcguard.yaml only adds or tightens unless trusted.
  auto project_review = [](const std::string& fixture_name, const std::string& cluster, const std::string& expires,
                           std::string* show_out) {
    TempDir dir;
    dir.write(".tcguard.yaml", read_file(fixture(fixture_name)));
    RunOptions o = isolated(dir);
    o.env_set["XDG_STATE_HOME"] = dir.path() + "/state";
    RunResult r = run_tcguard({"--format", "json", "review", "--cluster", cluster, "--expires", expires, "-s", "hooks:*"}, o);
    if (show_out) *show_out = run_tcguard({"policy", "show"}, o).out;
    auto j = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
    return !j.is_discarded() && j.dump().find("\"service-wildcard-expiry\"") != std::string::npos;
  };
  std::string show;
  EXPECT_TRUE(project_review("per_cluster.yaml", "firefoxci-staging", "20m", &show));
  EXPECT_NE(show.find("ignored rule `service-wildcard-expiry`"), std::string::npos) << show;
  EXPECT_NE(show.find("it allows a longer lifetime than 15m on firefoxci-staging"), std::string::npos) << show;
  EXPECT_TRUE(project_review("per_cluster_tighter.yaml", "firefoxci", "10m", &show));
  EXPECT_EQ(show.find("ignored rule"), std::string::npos) << show;
  EXPECT_FALSE(project_review("per_cluster_tighter.yaml", "community", "10m", nullptr));
}

TEST(ScopeConditions, ScopeNotInAllowsOnlyTheListedScopesBySatisfaction) {
  const std::string policy = fixture("scope_in.yaml");
  auto firefoxci = [&](std::vector<std::string> scopes) {
    std::vector<std::string> args = {"--cluster", "firefoxci", "--expires", "10m"};
    for (auto& s : scopes) args.insert(args.end(), {"-s", s});
    return has(review(policy, args), "only-queue");
  };
  EXPECT_FALSE(firefoxci({"queue:rerun-task:gecko-level-3/abc"}));
  EXPECT_FALSE(firefoxci({"queue:*"}));
  // Satisfaction, not text: `*` and `queue*` grant more than queue:*, a second service is outside it.
  EXPECT_TRUE(firefoxci({"*"}));
  EXPECT_TRUE(firefoxci({"queue*"}));
  EXPECT_TRUE(firefoxci({"queue:cancel-task:x", "secrets:garbage"}));
  // Only on the clusters it names.
  EXPECT_FALSE(has(review(policy, {"--cluster", "community", "--expires", "10m", "-s", "secrets:x"}), "only-queue"));
}

TEST(ScopeConditions, ScopeInHoldsWhenEveryRequestedScopeIsListed) {
  const std::string policy = fixture("scope_in.yaml");
  auto short_rule = [&](std::vector<std::string> scopes, const std::string& expires) {
    std::vector<std::string> args = {"--cluster", "community", "--expires", expires};
    for (auto& s : scopes) args.insert(args.end(), {"-s", s});
    return has(review(policy, args), "queue-only-short");
  };
  EXPECT_TRUE(short_rule({"queue:rerun-task:a/b"}, "45m"));
  EXPECT_TRUE(short_rule({"queue:rerun-task:a/b", "hooks:trigger-hook:project-relman/x"}, "45m"));
  EXPECT_FALSE(short_rule({"queue:rerun-task:a/b"}, "20m"));
  EXPECT_FALSE(short_rule({"queue:rerun-task:a/b", "hooks:trigger-hook:project-gecko/x"}, "45m"));
  EXPECT_FALSE(short_rule({"*"}, "45m"));  // `*` is not satisfied by the list

  TempDir dir;
  const std::string invalid = fixture("scope_in_invalid.yaml");
  RunResult r = run_tcguard({"policy", "check", invalid}, isolated(dir));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(invalid + ":4:22: `scope_in` must not be empty"), std::string::npos) << r.err;
  // `policy show` prints both, and the shown policy judges the same.
  RunResult show = run_tcguard({"--policy", policy, "policy", "show"}, isolated(dir));
  EXPECT_NE(show.out.find("      scope_not_in: [\"queue:*\"]\n"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("      scope_in: [\"queue:*\",\"hooks:trigger-hook:project-relman/*\"]\n"), std::string::npos)
      << show.out;
}

}  // namespace
}  // namespace tcg::test
