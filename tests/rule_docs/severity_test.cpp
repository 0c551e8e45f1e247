// One place sets each rule's severity (issue 11): every registered rule is provoked through each
// front end that can report it, and every one reports the level `rules::rule_severity` gives:
// - rules on a sign-in request (the policy's, the built-in request checks): the rule page's
//   example linted, then each request lint resolved from it reviewed with `review` (same level);
// - checks on shell files: lint (the only front end that sees shell text);
// - the credentials rule the API decides (unverifiable-credentials): `run --dry-run` and `whoami`,
//   on a production and a non-production cluster (the one declared difference).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "model/rule.h"
#include "rules/shell/shell_check.h"
#include "support/cli_runner.h"

namespace tcg::test {
namespace {

using nlohmann::json;

std::string example_of(std::string_view id) {
  auto page = rules::rule_doc(id);
  if (!page) return "";
  std::string text(*page);
  auto at = text.find("## Example\n```sh\n");
  if (at == std::string::npos) return "";
  at += std::string("## Example\n```sh\n").size();
  return text.substr(at, text.find("```", at) - at);
}

RunOptions isolated(const TempDir& dir) {
  RunOptions o;
  o.cwd = dir.path();
  o.env_unset = {"TCGUARD_POLICY", "TASKCLUSTER_ROOT_URL", "TASKCLUSTER_CLIENT_ID", "TASKCLUSTER_ACCESS_TOKEN",
                 "TASKCLUSTER_CERTIFICATE", "NO_COLOR"};
  o.env_set = {{"XDG_CONFIG_HOME", dir.path() + "/config"}, {"XDG_STATE_HOME", dir.path() + "/state"},
               {"HOME", dir.path()}};
  return o;
}

// The findings of rule `id`, and those folded into another finding (its `related` entries, with
// the folding finding's request).
std::vector<json> with_rule(const json& findings, const std::string& id) {
  std::vector<json> out;
  for (const auto& f : findings) {
    if (f["rule"] == id) out.push_back(f);
    for (const auto& r : f.value("related", json::array()))
      if (r["rule"] == id) {
        json folded = r;
        folded["request"] = f["request"];
        out.push_back(folded);
      }
  }
  return out;
}

std::string level(Severity s) { return std::string(severity_name(s)); }

TEST(OneSeverity, RequestAndShellRulesReportOneLevelInLintAndReview) {
  int through_review = 0, lint_only = 0;
  for (const auto& rule : rules::builtin_rules()) {
    if (rule.kind != rules::RuleKind::Policy && rule.kind != rules::RuleKind::Check) continue;
    std::string id(rule.id);
    std::string example = example_of(rule.id);
    if (example.empty()) continue;  // expired-exception: a policy file (rule_examples_test)
    SCOPED_TRACE(id);
    TempDir dir;
    std::string file = dir.write("example.sh", example);
    RunResult lint = run_tcguard({"--format", "json", "lint", file}, isolated(dir));
    json j = json::parse(lint.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << lint.out << lint.err;
    auto found = with_rule(j["findings"], id);
    ASSERT_FALSE(found.empty()) << j.dump(1);
    bool reviewed = false;
    for (const auto& f : found) {
      // A shell check's finding may belong to no request (a token, a logout helper).
      bool has_request = f.contains("request") && f["request"].is_number();
      ASSERT_TRUE(has_request || rules::is_shell_check(id)) << "a request rule without its request: " << f.dump();
      if (!has_request) {
        EXPECT_EQ(f["severity"], level(rules::rule_severity(rule.id))) << f.dump();
        continue;
      }
      const json& request = j["requests"][f["request"].get<size_t>()];
      bool production = request.value("production", true);
      EXPECT_EQ(f["severity"], level(rules::rule_severity(rule.id, production))) << f.dump();
      // The same request through `review`, where it is fully known (shell checks judge the text).
      if (rules::is_shell_check(id) || !request.value("scopes_known", true) || !request.value("expires_known", true)) continue;
      std::vector<std::string> args{"--format", "json", "review"};
      if (request.contains("root_url") && request["root_url"].is_string())
        args.insert(args.end(), {"--root-url", request["root_url"].get<std::string>()});
      // The defaults stay defaults: the rules about them look at what was not written.
      if (id != "signin-default-expiry") args.insert(args.end(), {"--expires", request["expires"].get<std::string>()});
      if (id != "signin-default-scopes")
        for (const auto& s : request["scopes"]) args.insert(args.end(), {"-s", s.get<std::string>()});
      RunResult review = run_tcguard(args, isolated(dir));
      json r = json::parse(review.out, nullptr, false);
      ASSERT_FALSE(r.is_discarded()) << review.out << review.err;
      auto again = with_rule(r["findings"], id);
      ASSERT_FALSE(again.empty()) << "review does not report it: " << ::testing::PrintToString(args) << "\n" << r.dump(1);
      for (const auto& g : again) EXPECT_EQ(g["severity"], f["severity"]) << g.dump();
      reviewed = true;
    }
    (reviewed ? through_review : lint_only)++;
  }
  std::cout << "[ one severity ] " << through_review << " rules through lint and review, " << lint_only
            << " through lint only\n";
  EXPECT_GE(through_review, 10);
}

// Credentials that no API can judge (a loopback port nothing listens on): refused on production,
// a warning elsewhere, and `run` and `whoami` agree.
TEST(OneSeverity, UnverifiableCredentialsAreJudgedAlikeByRunAndWhoami) {
  TempDir dir;
  std::string policy = dir.write("policy.yaml",
                                 "version: 1\nclusters:\n  loopback:\n    root_url: http://127.0.0.1:9/\n"
                                 "    production: false\n");
  for (bool production : {true, false}) {
    SCOPED_TRACE(production ? "production" : "non-production");
    RunOptions o = isolated(dir);
    o.env_set["TASKCLUSTER_ROOT_URL"] = "http://127.0.0.1:9/";
    o.env_set["TASKCLUSTER_CLIENT_ID"] = "relduty/cli";
    o.env_set["TASKCLUSTER_ACCESS_TOKEN"] = "not-a-real-token-1234567890";
    if (!production) o.env_set["TCGUARD_POLICY"] = policy;
    std::string want = level(rules::rule_severity("unverifiable-credentials", production));
    EXPECT_EQ(want, production ? "error" : "warning");
    RunResult run = run_tcguard({"--format", "json", "run", "--dry-run", "--", "taskcluster", "task", "rerun", "T1"}, o);
    json r = json::parse(run.out, nullptr, false);
    ASSERT_FALSE(r.is_discarded()) << run.out << run.err;
    auto from_run = with_rule(r["findings"], "unverifiable-credentials");
    ASSERT_EQ(from_run.size(), 1u) << r.dump(1);
    EXPECT_EQ(from_run[0]["severity"], want);
    RunResult whoami = run_tcguard({"--format", "json", "whoami"}, o);
    json w = json::parse(whoami.out, nullptr, false);
    ASSERT_FALSE(w.is_discarded()) << whoami.out << whoami.err;
    auto from_whoami = with_rule(w["findings"], "unverifiable-credentials");
    ASSERT_EQ(from_whoami.size(), 1u) << w.dump(1);
    EXPECT_EQ(from_whoami[0]["severity"], want);
  }
}

}  // namespace
}  // namespace tcg::test
