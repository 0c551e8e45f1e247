#include <gtest/gtest.h>

#include <algorithm>

#include "scopes/scopes.h"

namespace tcg::scopes {
namespace {

using Scopes = std::vector<std::string>;

TEST(ScopeValidity, PrintableAsciiOnly) {
  EXPECT_TRUE(is_valid_scope(""));
  EXPECT_TRUE(is_valid_scope(" "));
  EXPECT_TRUE(is_valid_scope("queue:create-task:highest:proj-x/*"));
  EXPECT_TRUE(is_valid_scope("~"));
  EXPECT_FALSE(is_valid_scope("a\nb"));
  EXPECT_FALSE(is_valid_scope(std::string("a\0b", 3)));
  EXPECT_FALSE(is_valid_scope("caf\xc3\xa9"));
  EXPECT_FALSE(is_valid_scope("\x7f"));
  EXPECT_FALSE(is_valid_scope("tab\there"));
}

TEST(ScopeSatisfies, TrailingStarOnly) {
  EXPECT_TRUE(scope_satisfies("*", ""));
  EXPECT_TRUE(scope_satisfies("*", "anything:at:all"));
  EXPECT_TRUE(scope_satisfies("foo:*", "foo:"));
  EXPECT_TRUE(scope_satisfies("foo:*", "foo:*"));
  EXPECT_TRUE(scope_satisfies("foo:*", "foo:bar*"));
  EXPECT_FALSE(scope_satisfies("foo:", "foo:bar"));
  EXPECT_FALSE(scope_satisfies("a*b", "axb"));
  EXPECT_TRUE(scope_satisfies("a*b", "a*b"));
  EXPECT_TRUE(scope_satisfies("foo:**", "foo:*"));
  EXPECT_FALSE(scope_satisfies("foo:**", "foo:abc"));
  EXPECT_FALSE(scope_satisfies("foo:bar", "foo:*"));
  EXPECT_FALSE(scope_satisfies("", "a"));
  EXPECT_TRUE(scope_satisfies("", ""));
}

TEST(ScopeCompare, StarBeforeEndBeforeMore) {
  EXPECT_LT(scope_compare("a*", "a"), 0);
  EXPECT_LT(scope_compare("a", "a("), 0);
  EXPECT_LT(scope_compare("a*", "a("), 0);
  EXPECT_GT(scope_compare("a", "a*"), 0);
  EXPECT_EQ(scope_compare("a*", "a*"), 0);
  EXPECT_LT(scope_compare("*", ""), 0);
  Scopes s{"b", "aa", "a(", "a", "a*", "", "*"};
  std::sort(s.begin(), s.end(), [](const std::string& x, const std::string& y) { return scope_less(x, y); });
  EXPECT_EQ(s, (Scopes{"*", "", "a*", "a", "a(", "aa", "b"}));
}

TEST(Normalize, DropsDuplicatesAndCovered) {
  EXPECT_EQ(normalize({"*", "", "a", "b*"}), Scopes{"*"});
  EXPECT_EQ(normalize({"ab", "a", "a*", "b"}), (Scopes{"a*", "b"}));
  EXPECT_EQ(normalize({"b", "a", "b", "a"}), (Scopes{"a", "b"}));
  EXPECT_EQ(normalize({"x:**", "x:*", "x:a"}), Scopes{"x:*"});
  EXPECT_EQ(normalize({"x:**", "x:*a", "x:b"}), (Scopes{"x:**", "x:b"}));
  EXPECT_EQ(normalize({}), Scopes{});
  EXPECT_EQ(normalize({""}), Scopes{""});
}

TEST(Merge, IsNormalizedUnion) {
  EXPECT_EQ(merge({"a*", "c"}, {"ab", "b"}), (Scopes{"a*", "b", "c"}));
  EXPECT_EQ(merge({}, {"z", "z"}), Scopes{"z"});
}

TEST(Intersect, NormalizedMeaning) {
  EXPECT_EQ(intersect({"a*"}, {"ab*"}), Scopes{"ab*"});
  EXPECT_EQ(intersect({"ab*"}, {"a*"}), Scopes{"ab*"});
  EXPECT_EQ(intersect({"a", "b"}, {"b", "c"}), Scopes{"b"});
  EXPECT_EQ(intersect({"*"}, {"x", "y*"}), (Scopes{"x", "y*"}));
  EXPECT_EQ(intersect({"a:*"}, {"b:*"}), Scopes{});
  EXPECT_EQ(intersect({"a:x", "a:y"}, {"a:*", "a:x"}), (Scopes{"a:x", "a:y"}));
  EXPECT_EQ(intersect({}, {"*"}), Scopes{});
  // `a**` satisfies `a*`: the `a*` that normalizing {a*, *} would drop is in the intersection.
  EXPECT_EQ(intersect({"a*", "*"}, {"b", "a**"}), (Scopes{"a*", "b"}));
}

// intersects() is the emptiness of intersect() for one scope: every scope and every set of up to
// two scopes over a small alphabet (stars anywhere, empty scopes) agree.
TEST(Intersect, IntersectsIsNonEmptyIntersection) {
  std::vector<std::string> all{""};
  for (size_t len = 0; len < 3; ++len) {
    std::vector<std::string> longer;
    for (const auto& s : all)
      if (s.size() == len)
        for (char c : std::string("a*:")) longer.push_back(s + c);
    all.insert(all.end(), longer.begin(), longer.end());
  }
  size_t checked = 0, nonempty = 0;
  for (const auto& scope : all)
    for (const auto& x : all)
      for (const auto& y : all) {
        const Scopes set{x, y};
        bool expected = !intersect({scope}, set).empty();
        ASSERT_EQ(intersects(scope, set), expected) << scope << " vs {" << x << ", " << y << "}";
        nonempty += expected;
        ++checked;
      }
  EXPECT_GT(nonempty, 0u);
  EXPECT_LT(nonempty, checked);
  EXPECT_FALSE(intersects("a", {}));
}

TEST(ScopeSetTest, PrefixSearchMatchesLinearDefinition) {
  const Scopes held{"queue:*", "assume:repo:github.com/mozilla/*", "secrets:get:x", "", "a*b"};
  const ScopeSet set(held);
  const Scopes probes{"queue:", "queue:create-task:x", "queue", "assume:repo:github.com/mozilla/",
                      "assume:repo:github.com/mozill", "secrets:get:x", "secrets:get:x*", "", "a*b",
                      "axb", "a*", "zzz"};
  for (const auto& p : probes) {
    const bool linear = std::any_of(held.begin(), held.end(), [&](const std::string& h) { return scope_satisfies(h, p); });
    EXPECT_EQ(set.satisfies(p), linear) << p;
  }
  EXPECT_TRUE(ScopeSet({"*"}).satisfies(""));
  EXPECT_FALSE(ScopeSet(Scopes{}).satisfies(""));
  EXPECT_EQ(set.scopes(), normalize(held));
}

TEST(ScopeSetTest, NeighbouringPrefixes) {
  // "ab" sorts between "a" and "ab:x"; a prefix "a" must still be found for "ab:x".
  const ScopeSet set({"a*", "ab", "b:c*"});
  EXPECT_TRUE(set.satisfies("ab:x"));
  EXPECT_TRUE(set.satisfies("b:c"));
  EXPECT_FALSE(set.satisfies("b:"));
  EXPECT_FALSE(set.satisfies("b"));
}

}  // namespace
}  // namespace tcg::scopes
