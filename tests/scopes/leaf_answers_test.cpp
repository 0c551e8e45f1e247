// LeafAnswers, the held-file path of `scopes satisfies`: it must answer exactly as a ScopeSet of the
// same held scopes does (which scopes_diff holds to taskcluster-lib-scopes), and read a scope file
// line by line with the positions of a bad line.
#include <gtest/gtest.h>

#include <functional>
#include <random>

#include "scopes/scopes.h"

namespace tcg::scopes {
namespace {

using Scopes = std::vector<std::string>;

// Every answer the command prints, from both engines.
void expect_same_answers(const Scopes& held, const Expr& expr) {
  const ScopeSet set(held);
  LeafAnswers leaves(expr);
  for (const auto& h : held) leaves.hold(h);
  const std::string what = "held " + ::testing::PrintToString(held) + ", expr " + expr_to_string(expr);
  EXPECT_EQ(satisfies(leaves, expr), satisfies(set, expr)) << what;
  EXPECT_EQ(scopes_satisfying(leaves, expr), scopes_satisfying(set, expr)) << what;
  EXPECT_EQ(remove_given_scopes(leaves, expr), remove_given_scopes(set, expr)) << what;
}

TEST(LeafAnswers, StarsPrefixesAndTheEmptyScope) {
  const Expr expr = Expr::all_of({Expr::of(""), Expr::of("a"), Expr::of("a*"), Expr::of("ab"), Expr::of("a**"),
                                  Expr::any_of({Expr::of("b:c"), Expr::of("b:"), Expr::of("b")}), Expr::of("a")});
  for (const Scopes& held : std::vector<Scopes>{{},
                                                {"*"},
                                                {""},
                                                {"a"},
                                                {"a*"},
                                                {"a**"},
                                                {"ab*", "a"},
                                                {"b:*", "b:c", "a*b"},
                                                {"a", "a", "a*", "*", ""},
                                                {"b*"},
                                                {"abc*", "ab"}})
    expect_same_answers(held, expr);
  // A held `X*` satisfies the leaf `X*`; `a*b` is literal.
  LeafAnswers leaves(Expr::any_of({Expr::of("queue:*"), Expr::of("axb")}));
  leaves.hold("queue:*");
  leaves.hold("a*b");
  EXPECT_TRUE(leaves.satisfies("queue:*"));
  EXPECT_FALSE(leaves.satisfies("axb"));
  EXPECT_FALSE(leaves.satisfies("not-a-leaf"));
}

// Random held sets over a tiny alphabet, so stars, prefixes and duplicates collide often.
TEST(LeafAnswers, AgreesWithScopeSetOnRandomCases) {
  std::mt19937_64 rng(15);
  auto below = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  auto scope = [&] {
    static const char kAlphabet[] = {'a', 'b', ':', '*'};
    std::string s;
    for (size_t n = below(5); n > 0; --n) s += kAlphabet[below(4)];
    if (below(4) == 0) s += '*';
    return s;
  };
  std::function<Expr(int)> expr = [&](int depth) {
    if (depth == 0 || below(3) == 0) return Expr::of(scope());
    std::vector<Expr> children;
    for (size_t n = below(5); n > 0; --n) children.push_back(expr(depth - 1));
    return below(2) ? Expr::all_of(std::move(children)) : Expr::any_of(std::move(children));
  };
  for (int i = 0; i < 3000; ++i) {
    Scopes held;
    for (size_t n = below(i % 10 == 0 ? 60 : 8); n > 0; --n) held.push_back(scope());
    expect_same_answers(held, expr(3));
  }
}

TEST(LeafAnswers, ReadsLinesLfCrlfBlankAndAnUnterminatedLast) {
  const Expr expr = Expr::all_of({Expr::of("queue:create-task:highest:proj-x/b"), Expr::of("secrets:get:a"),
                                  Expr::of("assume:repo:github.com/org/app:branch:main")});
  LeafAnswers leaves(expr);
  ASSERT_TRUE(leaves.hold_lines("queue:create-task:highest:proj-x/*\r\n\n\r\nsecrets:get:a\nassume:repo:github.com/org/*",
                                "held.txt")
                  .ok());
  EXPECT_TRUE(satisfies(leaves, expr));
  // A line's trailing CR is not part of the scope; a space is.
  LeafAnswers spaced(Expr::of("secrets:get:a"));
  ASSERT_TRUE(spaced.hold_lines("secrets:get:a \n", "held.txt").ok());
  EXPECT_FALSE(spaced.satisfies("secrets:get:a"));
}

TEST(LeafAnswers, BadLineNamesFileLineColumn) {
  LeafAnswers leaves(Expr::of("x"));
  auto r = leaves.hold_lines("ok\n\nqueue:caf\xc3\xa9\n", "roles/held.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where.file, "roles/held.txt");
  EXPECT_EQ(r.error().where.line, 3);
  EXPECT_EQ(r.error().where.column, 10);
  EXPECT_NE(r.error().message.find("non-ASCII"), std::string::npos) << r.error().message;
  // A CR inside a line is not a line end.
  r = leaves.hold_lines("a\rb\n", "f");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where.line, 1);
  EXPECT_EQ(r.error().where.column, 2);
  r = leaves.hold_lines(std::string("a\n\tb\nc\0d", 8), "f");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where.line, 2);
  EXPECT_EQ(r.error().where.column, 1);
}

// The check runs eight bytes at a time: every column of lines of every length around a word, each
// byte just outside (and just inside) the printable range.
TEST(LeafAnswers, EveryBadByteAtEveryColumn) {
  for (size_t len = 1; len <= 25; ++len) {
    for (size_t at = 0; at < len; ++at) {
      for (const unsigned char bad : {0x00, 0x01, 0x09, 0x1f, 0x7f, 0x80, 0xc3, 0xff}) {
        std::string line(len, 'q');
        line[at] = static_cast<char>(bad);
        LeafAnswers leaves(Expr::of("q"));
        auto r = leaves.hold_lines("ok\n" + line + "\n", "f");
        ASSERT_FALSE(r.ok()) << len << " " << at << " " << int(bad);
        EXPECT_EQ(r.error().where.line, 2);
        EXPECT_EQ(r.error().where.column, static_cast<int>(at) + 1) << len << " " << int(bad);
      }
      for (const char good : {' ', '~', '*'}) {
        std::string line(len, 'q');
        line[at] = good;
        LeafAnswers leaves(Expr::of(line));
        ASSERT_TRUE(leaves.hold_lines(line + "\n", "f").ok()) << line;
        EXPECT_TRUE(leaves.satisfies(line)) << line;
      }
    }
  }
}

TEST(CheckScope, ColumnOfTheFirstBadByte) {
  EXPECT_TRUE(check_scope("").ok());
  EXPECT_TRUE(check_scope("queue:route:index.gecko.v2.*").ok());
  auto r = check_scope("ab\x7f");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where.column, 3);
}

}  // namespace
}  // namespace tcg::scopes
