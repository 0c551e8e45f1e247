#include <gtest/gtest.h>

#include "tccli/signin_args.h"

using tcg::tccli::parse_signin_args;
using tcg::tccli::SigninArg;
using tcg::tccli::split_scope_value;
using Strings = std::vector<std::string>;

TEST(SigninArgs, DefaultsAreRootForADay) {
  auto p = parse_signin_args(Strings{});
  EXPECT_EQ(p.request.scopes, Strings{"*"});
  EXPECT_TRUE(p.request.scopes_defaulted);
  EXPECT_TRUE(p.request.scopes_known);
  EXPECT_EQ(p.request.expires, "1d");
  EXPECT_TRUE(p.request.expires_defaulted);
  ASSERT_TRUE(p.request.expires_seconds.has_value());
  EXPECT_EQ(*p.request.expires_seconds, 86400);
  EXPECT_TRUE(p.problems.empty());
}

TEST(SigninArgs, EveryPflagFormOfScopeAndExpires) {
  auto p = parse_signin_args(Strings{"-s", "a", "-sb", "--scope", "c", "--scope=d", "-s=e", "--expires=15m"});
  EXPECT_EQ(p.request.scopes, (Strings{"a", "b", "c", "d", "e"}));
  EXPECT_FALSE(p.request.scopes_defaulted);
  EXPECT_EQ(p.request.expires, "15m");
  EXPECT_EQ(*p.request.expires_seconds, 900);
  EXPECT_TRUE(p.problems.empty());

  auto q = parse_signin_args(Strings{"--expires", "1h", "-s", "x"});
  EXPECT_EQ(*q.request.expires_seconds, 3600);
  EXPECT_FALSE(q.request.expires_defaulted);
}

TEST(SigninArgs, LaterExpiresWins) {
  auto p = parse_signin_args(Strings{"--expires", "1d", "--expires", "15m"});
  EXPECT_EQ(p.request.expires, "15m");
}

TEST(SigninArgs, NewlinesSplitOneValueIntoSeveralScopesLikeTheUi) {
  auto p = parse_signin_args(Strings{"-s", "queue:rerun-task:*\nqueue:cancel-task:*"});
  EXPECT_EQ(p.request.scopes, (Strings{"queue:rerun-task:*", "queue:cancel-task:*"}));
  EXPECT_EQ(p.request.scope_args.size(), 1u);
}

TEST(SigninArgs, SplitTrimsDropsEmptiesAndDuplicates) {
  EXPECT_EQ(split_scope_value("  a \r\n\r\nb\n a\n\n"), (Strings{"a", "b"}));
  EXPECT_EQ(split_scope_value(""), Strings{});
  // Duplicates across separate -s values are dropped too: the UI sees one text box.
  auto p = parse_signin_args(Strings{"-s", "a", "-s", "a\nb"});
  EXPECT_EQ(p.request.scopes, (Strings{"a", "b"}));
}

// Long values (past the few scopes kept in a list) drop duplicates the same way, in order.
TEST(SigninArgs, SplitDropsDuplicatesOfLongValuesInOrder) {
  std::string value;
  Strings expected;
  for (int round = 0; round < 3; ++round)
    for (int i = 0; i < 40; ++i) {
      std::string scope = "queue:rerun-task:g" + std::to_string(i % 25);
      value += (round == 1 ? "  " : "") + scope + "\n";
      if (round == 0 && i < 25) expected.push_back(scope);
    }
  EXPECT_EQ(split_scope_value(value), expected);
}

TEST(SigninArgs, EmptyScopeValueAsksForNothing) {
  auto p = parse_signin_args(Strings{"-s", ""});
  EXPECT_TRUE(p.request.scopes.empty());
  EXPECT_FALSE(p.request.scopes_defaulted);
}

TEST(SigninArgs, LiteralBackslashNIsNotSplit) {
  auto p = parse_signin_args(Strings{"-s", "a\\nb"});
  EXPECT_EQ(p.request.scopes, Strings{"a\\nb"});
}

TEST(SigninArgs, BooleanAndValueFlags) {
  auto p = parse_signin_args(Strings{"--csh", "--check", "-n", "relduty", "-p", "9000"});
  EXPECT_TRUE(p.csh);
  EXPECT_TRUE(p.check);
  ASSERT_TRUE(p.name.has_value());
  EXPECT_EQ(*p.name, "relduty");
  EXPECT_TRUE(p.problems.empty());
}

TEST(SigninArgs, ProblemsTheRealCliWouldReject) {
  EXPECT_FALSE(parse_signin_args(Strings{"--bogus"}).problems.empty());
  EXPECT_FALSE(parse_signin_args(Strings{"-x"}).problems.empty());
  auto missing = parse_signin_args(Strings{"-s"});
  ASSERT_EQ(missing.problems.size(), 1u);
  EXPECT_NE(missing.problems[0].message.find("needs an argument"), std::string::npos);
  EXPECT_FALSE(parse_signin_args(Strings{"stray"}).problems.empty());
}

TEST(SigninArgs, AnUnknownWordMakesScopesAndLifetimeUnknown) {
  std::vector<SigninArg> words{{"--expires", true, {}}, {"15m", true, {}}, {"$@", false, {}}};
  auto p = parse_signin_args(words);
  EXPECT_FALSE(p.request.scopes_known);
  EXPECT_FALSE(p.request.expires_known);
  EXPECT_FALSE(p.request.scopes_defaulted);
  EXPECT_TRUE(p.request.scopes.empty());
  EXPECT_FALSE(p.request.expires_seconds.has_value());
}

TEST(SigninArgs, AnUnknownScopeValueKeepsTheLifetimeKnown) {
  std::vector<SigninArg> words{{"-s", true, {}}, {"queue:rerun-task:$x", false, {}}, {"-s", true, {}},
                               {"queue:cancel-task:*", true, {}}, {"--expires", true, {}}, {"1h", true, {}}};
  auto p = parse_signin_args(words);
  EXPECT_FALSE(p.request.scopes_known);
  EXPECT_EQ(p.request.scopes, Strings{"queue:cancel-task:*"});
  EXPECT_TRUE(p.request.expires_known);
  EXPECT_EQ(*p.request.expires_seconds, 3600);
}

TEST(SigninArgs, InvalidExpiresIsKnownButHasNoSeconds) {
  auto p = parse_signin_args(Strings{"--expires", "1.5h"});
  EXPECT_TRUE(p.request.expires_known);
  EXPECT_FALSE(p.request.expires_seconds.has_value());
}
