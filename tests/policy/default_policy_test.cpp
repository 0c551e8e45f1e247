// The embedded default policy: it parses, has DESIGN.md's rule ids and the Mozilla clusters.
#include <gtest/gtest.h>

#include "policy/policy.h"
#include "util/embedded.h"
#include "yaml/single_document.h"

namespace tcg::policy {
namespace {

TEST(DefaultPolicy, HasEveryDesignRuleId) {
  const Policy& p = default_policy();
  for (const char* id : {"root-scope-expiry", "service-wildcard-expiry", "wildcard-scope-expiry", "long-lived-credential",
                         "expired-on-arrival"}) {
    const Rule* rule = p.find_rule(id);
    ASSERT_NE(rule, nullptr) << id;
    EXPECT_EQ(rule->where.file, "<default>");
    EXPECT_GT(rule->where.line, 0);
    EXPECT_FALSE(rule->help.empty()) << id;
  }
  EXPECT_EQ(p.find_rule("root-scope-expiry")->max_expiry.fallback, 15 * 60);
  EXPECT_EQ(p.find_rule("service-wildcard-expiry")->max_expiry.fallback, 15 * 60);
  EXPECT_EQ(p.find_rule("wildcard-scope-expiry")->max_expiry.fallback, 3600);
  EXPECT_EQ(p.find_rule("long-lived-credential")->max_expiry.fallback, 3600);
  EXPECT_EQ(p.find_rule("long-lived-credential")->severity, Severity::Warning);
  EXPECT_EQ(p.find_rule("expired-on-arrival")->min_expiry.fallback, 1);
  for (const char* id : {"production-confirmation", "retrigger-breaks-cot", "rerun-force-completed"}) {
    bool found = false;
    for (const auto& a : p.actions) found = found || a.id == id;
    EXPECT_TRUE(found) << id;
  }
  EXPECT_EQ(p.sources, std::vector<std::string>{"<default>"});
  EXPECT_TRUE(p.unknown_is_production);
  EXPECT_TRUE(check_references(p).ok());
}

// The default is parsed once at start (PolicyDocuments::KnownSingle) because it holds one
// document: checked here the full way, and both ways give the same rules.
TEST(DefaultPolicy, HoldsOneDocumentAndParsesTheSameBothWays) {
  auto text = embedded_file("policies/default.yaml");
  ASSERT_TRUE(text.has_value());
  EXPECT_FALSE(yaml::load_single_document(*text).second_document.has_value());
  auto checked = parse_policy(*text, "<default>", PolicyDocuments::Check);
  auto once = parse_policy(*text, "<default>", PolicyDocuments::KnownSingle);
  ASSERT_TRUE(checked) << checked.error().str();
  ASSERT_TRUE(once) << once.error().str();
  ASSERT_EQ(checked->rules.size(), once->rules.size());
  ASSERT_FALSE(checked->rules.empty());
  for (size_t i = 0; i < checked->rules.size(); ++i) {
    EXPECT_EQ(checked->rules[i].id, once->rules[i].id);
    EXPECT_EQ(checked->rules[i].where.str(), once->rules[i].where.str());
    EXPECT_EQ(checked->rules[i].help, once->rules[i].help);
  }
  EXPECT_EQ(checked->actions.size(), once->actions.size());
  EXPECT_EQ(checked->clusters.size(), once->clusters.size());
  // A second document is found only the full way: KnownSingle is for the embedded file alone.
  std::string two = std::string(*text) + "\n---\nrules: []\n";
  auto refused = parse_policy(two, "two.yaml", PolicyDocuments::Check);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("one YAML document"), std::string::npos);
}

TEST(DefaultPolicy, KnowsBothStagingUrlsAndCommunity) {
  const Policy& p = default_policy();
  auto fxci = classify_root_url(p, "https://firefox-ci-tc.services.mozilla.com/");
  EXPECT_EQ(fxci.name, "firefoxci");
  EXPECT_TRUE(fxci.known);
  EXPECT_TRUE(fxci.production);
  for (const char* url : {"https://stage.taskcluster.nonprod.webservices.mozgcp.net/",
                          "https://stage.taskcluster.nonprod.cloudops.mozgcp.net/",
                          "https://stage.taskcluster.nonprod.cloudops.mozgcp.net"}) {
    auto staging = classify_root_url(p, std::string(url));
    EXPECT_EQ(staging.name, "firefoxci-staging") << url;
    EXPECT_FALSE(staging.production) << url;
  }
  auto community = classify_root_url(p, "https://community-tc.services.mozilla.com");
  EXPECT_EQ(community.name, "community");
  EXPECT_TRUE(community.production);
}

TEST(RootUrls, CompareIgnoringTrailingSlashAndHostCase) {
  EXPECT_TRUE(root_urls_equal("https://a.example.com/", "https://a.example.com"));
  EXPECT_TRUE(root_urls_equal("HTTPS://A.Example.COM/", "https://a.example.com"));
  EXPECT_TRUE(root_urls_equal("https://a.example.com/tc/", "https://A.example.com/tc"));
  EXPECT_FALSE(root_urls_equal("https://a.example.com/TC", "https://a.example.com/tc"));  // path keeps its case
  EXPECT_FALSE(root_urls_equal("https://a.example.com//", "https://a.example.com"));     // one slash only
  EXPECT_FALSE(root_urls_equal("http://a.example.com", "https://a.example.com"));
  EXPECT_FALSE(root_urls_equal("https://a.example.com.evil", "https://a.example.com"));
}

TEST(RootUrls, UnknownFollowsUnknownCluster) {
  Policy p = default_policy();
  auto unknown = classify_root_url(p, "https://tc.example.com/");
  EXPECT_FALSE(unknown.known);
  EXPECT_EQ(unknown.name, "");
  EXPECT_TRUE(unknown.production);
  auto unset = classify_root_url(p, std::nullopt);
  EXPECT_FALSE(unset.known);
  EXPECT_TRUE(unset.production);
  p.unknown_is_production = false;
  EXPECT_FALSE(classify_root_url(p, "https://tc.example.com/").production);
}

TEST(ClusterSelector, Matches) {
  ClusterSelector any;
  EXPECT_TRUE(any.matches("", true));
  EXPECT_TRUE(any.matches("x", false));
  ClusterSelector prod{ClusterSelector::Kind::Production, {}, {}};
  EXPECT_TRUE(prod.matches("", true));
  EXPECT_FALSE(prod.matches("staging", false));
  ClusterSelector nonprod{ClusterSelector::Kind::NonProduction, {}, {}};
  EXPECT_TRUE(nonprod.matches("staging", false));
  EXPECT_FALSE(nonprod.matches("firefoxci", true));
  ClusterSelector names{ClusterSelector::Kind::Names, {"a", "b"}, {}};
  EXPECT_TRUE(names.matches("b", true));
  EXPECT_FALSE(names.matches("c", true));
  EXPECT_FALSE(names.matches("", true));
}

}  // namespace
}  // namespace tcg::policy
