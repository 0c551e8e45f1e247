// Each built-in request check, through the one judging stage on the default policy.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "judge/judge.h"
#include "policy/policy.h"
#include "rules/check.h"
#include "rules/request/request_check.h"
#include "rules/request_checks.h"
#include "model/rule.h"
#include "tccli/signin_args.h"

namespace {

using Strings = std::vector<std::string>;
constexpr const char* kProd = "https://firefox-ci-tc.services.mozilla.com/";
constexpr const char* kStaging = "https://stage.taskcluster.nonprod.cloudops.mozgcp.net";

std::vector<tcg::Finding> judge(const Strings& args, std::optional<std::string> root = kProd) {
  auto request = tcg::tccli::parse_signin_args(args).request;
  request.root_url = root;
  tcg::rules::resolve_cluster(tcg::policy::default_policy(), request);
  tcg::judge::Subject subject;
  subject.signins = {request};
  return tcg::judge::judge(tcg::policy::default_policy(), subject, 0).report.findings;
}

Strings rule_ids(const std::vector<tcg::Finding>& findings) {
  Strings ids;
  for (const auto& f : findings) ids.push_back(f.rule);
  std::sort(ids.begin(), ids.end());
  return ids;
}

// Reported, or folded into the finding of the same cause (judge/fold.h).
bool has(const std::vector<tcg::Finding>& f, const std::string& id) {
  return std::any_of(f.begin(), f.end(), [&](const tcg::Finding& x) {
    return x.rule == id || std::any_of(x.related.begin(), x.related.end(),
                                       [&](const tcg::RelatedLocation& r) { return r.rule == id; });
  });
}

TEST(RequestChecks, NarrowShortRequestIsClean) {
  auto f = judge({"--expires", "15m", "-s", "queue:rerun-task:gecko-level-3/*"});
  EXPECT_TRUE(f.empty()) << f.front().rule << ": " << f.front().message;
}

TEST(RequestChecks, BareSigninGetsDefaultsAndRoot) {
  auto f = judge({});
  EXPECT_TRUE(has(f, "signin-default-scopes"));
  EXPECT_TRUE(has(f, "signin-default-expiry"));
  EXPECT_TRUE(has(f, "root-scope-expiry"));
  for (const auto& x : f) EXPECT_EQ(x.request, std::optional<size_t>(0));
}

TEST(RequestChecks, ScopeInvalid) {
  EXPECT_TRUE(has(judge({"--expires", "15m", "-s", "queue:caf\xc3\xa9"}), "scope-invalid"));
  EXPECT_FALSE(has(judge({"--expires", "15m", "-s", "queue: spaced"}), "scope-invalid"));
}

TEST(RequestChecks, ScopeDoubleStar) {
  auto f = judge({"--expires", "15m", "-s", "queue:rerun-task:gecko-level-3/**"});
  EXPECT_TRUE(has(f, "scope-double-star"));
  EXPECT_FALSE(has(f, "scope-inner-star"));  // the trailing run is one problem, not two
}

TEST(RequestChecks, ScopeInnerStar) {
  auto f = judge({"--expires", "15m", "-s", "queue:rerun-task:*/gecko-level-3"});
  ASSERT_TRUE(has(f, "scope-inner-star"));
  EXPECT_FALSE(has(judge({"--expires", "15m", "-s", "queue:rerun-task:gecko/*"}), "scope-inner-star"));
}

TEST(RequestChecks, ScopeRedundantCoveredAndDuplicate) {
  auto covered = judge({"--expires", "15m", "-s", "queue:rerun-task:*", "-s", "queue:rerun-task:gecko-level-3/*"});
  auto it = std::find_if(covered.begin(), covered.end(), [](auto& x) { return x.rule == "scope-redundant"; });
  ASSERT_NE(it, covered.end());
  EXPECT_NE(it->message.find("covered by `queue:rerun-task:*`"), std::string::npos) << it->message;
  EXPECT_EQ(it->severity, tcg::Severity::Note);
  EXPECT_FALSE(has(judge({"--expires", "15m", "-s", "a", "-s", "b"}), "scope-redundant"));
}

TEST(RequestChecks, ScopeLiteralEscape) {
  EXPECT_TRUE(has(judge({"--expires", "1h", "-s", "queue:rerun-task:*\\nqueue:cancel-task:*"}), "scope-literal-escape"));
  EXPECT_FALSE(has(judge({"--expires", "1h", "-s", "queue:rerun-task:*\nqueue:cancel-task:*"}), "scope-literal-escape"));
}

TEST(RequestChecks, ExpiresInvalid) {
  auto f = judge({"--expires", "1.5h", "-s", "queue:cancel-task:gecko-level-3/*"});
  EXPECT_EQ(rule_ids(f), Strings{"expires-invalid"});
  EXPECT_EQ(f[0].severity, tcg::Severity::Error);
}

TEST(RequestChecks, UnknownClusterOnlyForAKnownButUnlistedRootUrl) {
  EXPECT_TRUE(has(judge({"--expires", "15m", "-s", "a"}, "https://tc.example.com"), "unknown-cluster"));
  EXPECT_FALSE(has(judge({"--expires", "15m", "-s", "a"}, std::nullopt), "unknown-cluster"));
  EXPECT_FALSE(has(judge({"--expires", "15m", "-s", "a"}, std::string(kStaging)), "unknown-cluster"));
}

TEST(RequestChecks, ClusterAndProductionAreResolvedBeforeJudging) {
  auto request = tcg::tccli::parse_signin_args(Strings{"-s", "a"}).request;
  request.root_url = kStaging;
  tcg::rules::resolve_cluster(tcg::policy::default_policy(), request);
  EXPECT_EQ(request.cluster, "firefoxci-staging");
  EXPECT_FALSE(request.production);
  tcg::judge::Subject subject;
  subject.signins = {request, request};  // equal requests are judged once
  auto judged = tcg::judge::judge(tcg::policy::default_policy(), subject, 0);
  ASSERT_EQ(judged.report.requests.size(), 1u);
  EXPECT_EQ(judged.report.requests[0].cluster, "firefoxci-staging");
  EXPECT_EQ(judged.signin_request, (std::vector<size_t>{0, 0}));
  ASSERT_FALSE(judged.report.findings.empty());
  for (const auto& f : judged.report.findings) EXPECT_EQ(f.request, 0u);
}

TEST(RequestChecks, EveryCheckIsRegisteredAndDocumented) {
  std::set<std::string, std::less<>> listed;
  for (const auto& check : tcg::rules::all_checks()) {
    if (check->id().empty()) continue;  // the policy file's own rules
    listed.emplace(check->id());
    const auto* info = tcg::rules::find_builtin_rule(check->id());
    ASSERT_NE(info, nullptr) << check->id();
    EXPECT_TRUE(tcg::rules::rule_doc(check->id()).has_value()) << "no docs/rules/" << check->id() << ".md";
    EXPECT_FALSE(tcg::rules::rule_doc_fix(check->id()).empty()) << check->id();
  }
  // And the other way: every built-in check and credential id is produced by a check of the list
  // except the findings about the policy file itself: expired-exception comes from applying the
  // policy's exceptions, unused-exception from lint's whole run, rule-loosened from merging files.
  const std::set<std::string, std::less<>> about_the_policy = {"expired-exception", "unused-exception", "rule-loosened"};
  for (const auto& rule : tcg::rules::builtin_rules()) {
    if (rule.kind != tcg::rules::RuleKind::Check && rule.kind != tcg::rules::RuleKind::Credential) continue;
    if (about_the_policy.count(rule.id)) continue;
    EXPECT_TRUE(listed.count(rule.id)) << rule.id << " is registered but no check in rules/check_list.cpp reports it";
  }
}

}  // namespace
