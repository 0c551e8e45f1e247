// merge_tightening_only: what an untrusted project policy may and may not change, and the trust
// store and content hash behind `policy trust`.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "policy/policy.h"
#include "policy/tighten.h"
#include "policy/trust.h"
#include "support/cli_runner.h"
#include "util/sha256.h"

namespace tcg::policy {
namespace {

Policy overlay_of(const std::string& yaml) {
  auto p = parse_policy("version: 1\n" + yaml, "proj.yaml");
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().str());
  return p.ok() ? *p : Policy{};
}

std::vector<std::string> ignored_whys(const std::string& yaml) {
  std::vector<std::string> out;
  for (const auto& part : merge_tightening_only(default_policy(), overlay_of(yaml)).ignored)
    out.push_back(part.what + ": " + part.why);
  return out;
}

TEST(Tighten, StricterRulesReplaceAndLooserOnesAreLeftOut) {
  const std::string rule = "rules:\n  - id: root-scope-expiry\n    when: {grants: '*'}\n";
  EXPECT_TRUE(ignored_whys(rule + "    severity: error\n    max_expiry: 5m\n").empty());
  auto merged = merge_tightening_only(default_policy(), overlay_of(rule + "    max_expiry: 5m\n"));
  EXPECT_EQ(merged.policy.find_rule("root-scope-expiry")->max_expiry.fallback, 300);

  EXPECT_EQ(ignored_whys(rule + "    max_expiry: 1h\n"),
            std::vector<std::string>{"rule `root-scope-expiry`: allows a longer lifetime than 15m"});
  EXPECT_EQ(ignored_whys(rule + "    severity: warning\n    max_expiry: 15m\n"),
            std::vector<std::string>{"rule `root-scope-expiry`: lowers the severity from error to warning"});
  EXPECT_EQ(ignored_whys(rule + "    max_expiry: 15m\n    clusters: production\n"),
            std::vector<std::string>{"rule `root-scope-expiry`: applies to fewer clusters"});
  EXPECT_EQ(ignored_whys("rules:\n  - id: root-scope-expiry\n    when: {grants: 'queue:*'}\n    max_expiry: 15m\n"),
            std::vector<std::string>{"rule `root-scope-expiry`: changes the condition `when` (only the same "
                                     "condition, or none, is known to be as strict)"});
  // No condition at all matches every request: at least as strict.
  EXPECT_TRUE(ignored_whys("rules:\n  - id: root-scope-expiry\n    max_expiry: 15m\n").empty());
  auto kept = merge_tightening_only(default_policy(), overlay_of(rule + "    max_expiry: 2h\n"));
  EXPECT_EQ(kept.policy.find_rule("root-scope-expiry")->max_expiry.fallback, 900);  // the default stays
}

TEST(Tighten, ActionsClustersUnknownClusterAndExceptions) {
  EXPECT_EQ(ignored_whys("actions:\n  - {id: production-confirmation, commands: ['task cancel'], clusters: production, "
                         "confirm: true}\n"),
            std::vector<std::string>{"action `production-confirmation`: no longer covers `*`"});
  EXPECT_EQ(ignored_whys("actions:\n  - {id: production-confirmation, commands: ['*'], clusters: production, "
                         "flags: [--force], confirm: true}\n"),
            std::vector<std::string>{"action `production-confirmation`: needs the flag --force to apply"});
  EXPECT_EQ(ignored_whys("actions:\n  - {id: production-confirmation, commands: ['*'], clusters: production, "
                         "severity: warning}\n"),
            std::vector<std::string>{"action `production-confirmation`: no longer asks for confirmation"});
  EXPECT_TRUE(ignored_whys("actions:\n  - {id: production-confirmation, commands: ['*'], clusters: any, "
                           "severity: error, confirm: true}\n")
                  .empty());
  EXPECT_EQ(ignored_whys("unknown_cluster: ignore\n"),
            std::vector<std::string>{"unknown_cluster: `ignore` would let root URLs no cluster names through unconfirmed"});
  EXPECT_EQ(ignored_whys("clusters:\n  firefoxci: {root_url: 'https://elsewhere.example/', production: true}\n"),
            std::vector<std::string>{"cluster `firefoxci`: drops its root URL https://firefox-ci-tc.services.mozilla.com/"});
  EXPECT_EQ(ignored_whys("clusters:\n  dev: {root_url: 'https://dev.example/', production: false}\n"),
            std::vector<std::string>{"cluster `dev`: adds a non-production cluster, where root URLs it names count as "
                                     "production today"});
  // Staging made production, and a new production cluster: both tighten.
  auto merged = merge_tightening_only(default_policy(), overlay_of(
      "clusters:\n  firefoxci-staging:\n    root_url: https://stage.taskcluster.nonprod.webservices.mozgcp.net/\n"
      "    also: [https://stage.taskcluster.nonprod.cloudops.mozgcp.net/]\n    production: true\n"
      "  dev: {root_url: 'https://dev.example/', production: true}\n"));
  EXPECT_TRUE(merged.ignored.empty());
  EXPECT_TRUE(merged.policy.find_cluster("firefoxci-staging")->production);
  EXPECT_NE(merged.policy.find_cluster("dev"), nullptr);
  EXPECT_EQ(ignored_whys("exceptions:\n  - {rule: root-scope-expiry, path: a, reason: r, until: 2999-01-01}\n").size(), 1u);
}

TEST(Sha256, KnownDigests) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  for (size_t n : {55u, 56u, 63u, 64u, 65u, 119u, 120u})  // the padding boundaries differ from each other
    EXPECT_NE(sha256_hex(std::string(n, 'x')), sha256_hex(std::string(n + 1, 'x')));
}

TEST(TrustStore, RecordsByPathAndContentAndReplacesOlderRecords) {
  test::TempDir dir;
  Getenv env = [&](const std::string& name) -> std::optional<std::string> {
    if (name == "XDG_STATE_HOME") return dir.path() + "/state";
    return std::nullopt;
  };
  std::string store = trust_store_path(env);
  EXPECT_EQ(store, dir.path() + "/state/tcguard/trusted-policies");
  EXPECT_FALSE(is_trusted(store, "/repo/.tcguard.yaml", "a"));
  ASSERT_TRUE(record_trust(store, "/repo/.tcguard.yaml", "a").ok());
  ASSERT_TRUE(record_trust(store, "/other/.tcguard.yaml", "b").ok());
  EXPECT_TRUE(is_trusted(store, "/repo/.tcguard.yaml", "a"));
  EXPECT_FALSE(is_trusted(store, "/repo/.tcguard.yaml", "a "));
  EXPECT_FALSE(is_trusted(store, "/elsewhere/.tcguard.yaml", "a"));
  ASSERT_TRUE(record_trust(store, "/repo/.tcguard.yaml", "c").ok());
  EXPECT_FALSE(is_trusted(store, "/repo/.tcguard.yaml", "a"));
  EXPECT_TRUE(is_trusted(store, "/repo/.tcguard.yaml", "c"));
  EXPECT_TRUE(is_trusted(store, "/other/.tcguard.yaml", "b"));
  struct stat st {};
  ASSERT_EQ(::stat((dir.path() + "/state/tcguard").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  Getenv nothing = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  EXPECT_EQ(trust_store_path(nothing), "");
  EXPECT_FALSE(record_trust("", "/x", "y").ok());
}

}  // namespace
}  // namespace tcg::policy
