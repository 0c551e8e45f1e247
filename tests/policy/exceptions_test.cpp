// Exceptions: live ones drop findings, lapsed ones report themselves; path globs.
#include <gtest/gtest.h>

#include "policy/civil_date.h"
#include "policy/glob.h"
#include "policy/policy.h"

namespace tcg::policy {
namespace {

Finding finding(std::string rule, std::string file, std::string context = "") {
  Finding f;
  f.rule = std::move(rule);
  f.where = SourceLocation{std::move(file), 4, 1};
  f.context = std::move(context);
  f.message = "m";
  return f;
}

Policy with_exceptions(const std::string& yaml) {
  auto p = parse_policy("version: 1\nexceptions:\n" + yaml, "ex.yaml");
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().str());
  return p.ok() ? *p : Policy{};
}

const int64_t kUntil = *parse_iso_date("2027-01-31");

TEST(Exceptions, LiveExceptionDropsTheFindingUntilTheDayInclusive) {
  Policy p = with_exceptions("  - rule: wildcard-scope-expiry\n    path: dotfiles/relduty.sh\n    reason: r\n    until: 2027-01-31\n");
  for (int64_t today : {kUntil - 100, kUntil}) {
    std::vector<Finding> findings = {finding("wildcard-scope-expiry", "dotfiles/relduty.sh"),
                                     finding("wildcard-scope-expiry", "dotfiles/other.sh"),
                                     finding("long-lived-credential", "dotfiles/relduty.sh")};
    apply_exceptions(p, today, findings);
    ASSERT_EQ(findings.size(), 2u);
    EXPECT_EQ(findings[0].where.file, "dotfiles/other.sh");
    EXPECT_EQ(findings[1].rule, "long-lived-credential");
  }
}

TEST(Exceptions, LapsedExceptionIsReportedOnceAtItsOwnLocation) {
  Policy p = with_exceptions("  - rule: wildcard-scope-expiry\n    path: 'dotfiles/*.sh'\n    reason: r\n    until: 2027-01-31\n");
  std::vector<Finding> findings = {finding("wildcard-scope-expiry", "dotfiles/a.sh"),
                                   finding("wildcard-scope-expiry", "dotfiles/b.sh")};
  apply_exceptions(p, kUntil + 1, findings);
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0].rule, "wildcard-scope-expiry");
  EXPECT_EQ(findings[1].rule, "wildcard-scope-expiry");
  const Finding& lapsed = findings[2];
  EXPECT_EQ(lapsed.rule, "expired-exception");
  EXPECT_EQ(lapsed.severity, Severity::Warning);
  EXPECT_EQ(lapsed.where.file, "ex.yaml");
  EXPECT_EQ(lapsed.where.line, 3);
  EXPECT_EQ(lapsed.where.column, 5);
  EXPECT_NE(lapsed.message.find("`wildcard-scope-expiry`"), std::string::npos) << lapsed.message;
  EXPECT_NE(lapsed.message.find("2027-01-31"), std::string::npos) << lapsed.message;
}

TEST(Exceptions, LapsedButUnusedIsSilent) {
  Policy p = with_exceptions("  - rule: wildcard-scope-expiry\n    path: x.sh\n    reason: r\n    until: 2020-01-01\n");
  std::vector<Finding> findings = {finding("wildcard-scope-expiry", "y.sh")};
  apply_exceptions(p, kUntil, findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "wildcard-scope-expiry");
}

TEST(Exceptions, ContextCoversItsBranches) {
  Policy p = with_exceptions("  - rule: root-scope-expiry\n    context: tc-signin\n    reason: r\n    until: 2027-01-31\n");
  std::vector<Finding> findings = {finding("root-scope-expiry", "a.sh", "tc-signin"),
                                   finding("root-scope-expiry", "a.sh", "tc-signin/prod"),
                                   finding("root-scope-expiry", "a.sh", "tc-signin-other"),
                                   finding("root-scope-expiry", "", "")};
  apply_exceptions(p, kUntil, findings);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].context, "tc-signin-other");
  EXPECT_EQ(findings[1].context, "");
}

TEST(Exceptions, PathExceptionNeedsAFile) {
  Policy p = with_exceptions("  - rule: root-scope-expiry\n    path: '**'\n    reason: r\n    until: 2027-01-31\n");
  std::vector<Finding> findings = {finding("root-scope-expiry", ""), finding("root-scope-expiry", "x/y.sh")};
  apply_exceptions(p, kUntil, findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].where.file, "");
}

TEST(Glob, StarsAndFolders) {
  EXPECT_TRUE(glob_match("dotfiles/relduty.sh", "dotfiles/relduty.sh"));
  EXPECT_TRUE(glob_match("dotfiles/relduty.sh", "./dotfiles/relduty.sh"));
  EXPECT_TRUE(glob_match("*.sh", "a.sh"));
  EXPECT_FALSE(glob_match("*.sh", "dir/a.sh"));
  EXPECT_TRUE(glob_match("**/*.sh", "a.sh"));
  EXPECT_TRUE(glob_match("**/*.sh", "dir/sub/a.sh"));
  EXPECT_TRUE(glob_match("dotfiles/**", "dotfiles/a/b/c"));
  EXPECT_FALSE(glob_match("dotfiles/**", "other/a"));
  EXPECT_TRUE(glob_match("a/**/b", "a/b"));
  EXPECT_TRUE(glob_match("a/**/b", "a/x/y/b"));
  EXPECT_FALSE(glob_match("a/**/b", "a/xb"));
  EXPECT_TRUE(glob_match("file?.sh", "file1.sh"));
  EXPECT_FALSE(glob_match("file?.sh", "file/.sh"));
  EXPECT_TRUE(glob_match("f[0-9].sh", "f7.sh"));
  EXPECT_FALSE(glob_match("f[!0-9].sh", "f7.sh"));
  EXPECT_TRUE(glob_match("f[!0-9].sh", "fx.sh"));
  EXPECT_TRUE(glob_match("a[b", "a[b"));
  EXPECT_FALSE(glob_match("a", "ab"));
  EXPECT_TRUE(glob_match("", ""));
  // Pathological patterns stay fast (dynamic programming, not backtracking).
  EXPECT_FALSE(glob_match(std::string(200, '*') + "b", std::string(5000, 'a')));
}

TEST(CivilDate, ParsesRealDatesOnly) {
  EXPECT_EQ(parse_iso_date("1970-01-01"), 0);
  EXPECT_EQ(parse_iso_date("2024-02-29"), 19782);
  EXPECT_FALSE(parse_iso_date("2023-02-29").has_value());
  EXPECT_FALSE(parse_iso_date("2027-13-01").has_value());
  EXPECT_FALSE(parse_iso_date("2027-1-1").has_value());
  EXPECT_FALSE(parse_iso_date("2027-01-00").has_value());
  EXPECT_GT(today_days_utc(), *parse_iso_date("2025-01-01"));
}

}  // namespace
}  // namespace tcg::policy
