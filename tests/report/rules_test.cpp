#include <gtest/gtest.h>

#include "report/render.h"
#include "model/rule.h"

namespace tcg::report {
namespace {

TEST(DescribeRules, EveryBuiltinRuleWithProse) {
  auto described = describe_rules();
  ASSERT_EQ(described.size(), rules::builtin_rules().size());
  for (size_t i = 0; i < described.size(); ++i) {
    const auto& info = rules::builtin_rules()[i];
    const auto& d = described[i];
    EXPECT_EQ(d.id, info.id);
    EXPECT_EQ(d.severity, info.severity);
    EXPECT_EQ(d.short_description, info.summary);
    // The doc page's first paragraph and fix when the page exists, else the summary.
    std::string full = rules::rule_doc_description(info.id);
    EXPECT_EQ(d.full_description, full.empty() ? std::string(info.summary) : full);
    std::string fix = rules::rule_doc_fix(info.id);
    EXPECT_EQ(d.help, fix.empty() ? std::string(info.summary) : fix);
  }
}

TEST(DescribeRules, ExtraRulesAreAppendedAndCompleted) {
  auto described = describe_rules({{"team-no-admin", Severity::Warning, "", "No admin scopes", ""}});
  ASSERT_EQ(described.size(), rules::builtin_rules().size() + 1);
  const auto& d = described.back();
  EXPECT_EQ(d.id, "team-no-admin");
  EXPECT_EQ(d.severity, Severity::Warning);
  EXPECT_EQ(d.short_description, "No admin scopes");
  EXPECT_EQ(d.full_description, "No admin scopes");
}

TEST(DescribeRules, ExtraWithABuiltinIdReplacesIt) {
  auto described = describe_rules({{"long-lived-credential", Severity::Error, "Team limit", "Team limit", ""}});
  ASSERT_EQ(described.size(), rules::builtin_rules().size());
  auto it = std::find_if(described.begin(), described.end(), [](const auto& d) { return d.id == "long-lived-credential"; });
  ASSERT_NE(it, described.end());
  EXPECT_EQ(it->severity, Severity::Error);
  EXPECT_EQ(it->short_description, "Team limit");
  EXPECT_FALSE(it->help.empty());  // kept from the built-in description
}

}  // namespace
}  // namespace tcg::report
