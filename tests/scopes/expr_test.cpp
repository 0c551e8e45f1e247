#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "scopes/scopes.h"

namespace tcg::scopes {
namespace {

using Scopes = std::vector<std::string>;

Expr parse_ok(std::string_view text) {
  auto e = parse_expr(text);
  EXPECT_TRUE(e.ok()) << text << ": " << (e.ok() ? "" : e.error().str());
  return e.ok() ? *e : Expr{};
}

Error parse_err(std::string_view text) {
  auto e = parse_expr(text);
  EXPECT_FALSE(e.ok()) << text;
  return e.ok() ? Error{} : e.error();
}

TEST(ParseExpr, PlainScopeAndJson) {
  EXPECT_EQ(parse_ok("queue:create-task:*"), Expr::of("queue:create-task:*"));
  EXPECT_EQ(parse_ok(""), Expr::of(""));
  EXPECT_EQ(parse_ok(" spaced scope"), Expr::of(" spaced scope"));
  EXPECT_EQ(parse_ok("\"a\\\"b\\u0041\""), Expr::of("a\"bA"));
  EXPECT_EQ(parse_ok(R"({"AllOf": ["a", {"AnyOf": ["b", "c"]}, {"AnyOf": []}]})"),
            Expr::all_of({Expr::of("a"), Expr::any_of({Expr::of("b"), Expr::of("c")}), Expr::any_of({})}));
  EXPECT_EQ(parse_ok("  {\"AllOf\":[]}  "), Expr::all_of({}));
}

TEST(ParseExpr, ErrorsSayWhatAndWhere) {
  auto e = parse_err(R"({"AllOf": ["a", "b"], "AnyOf": []})");
  EXPECT_EQ(e.where.column, 21);
  EXPECT_NE(e.message.find("exactly one key"), std::string::npos) << e.message;

  e = parse_err(R"({"allOf": ["a"]})");
  EXPECT_EQ(e.where.column, 2);
  EXPECT_NE(e.message.find("did you mean \"AllOf\""), std::string::npos) << e.message;

  e = parse_err(R"({"AnyOf": "a"})");
  EXPECT_EQ(e.where.column, 11);
  EXPECT_NE(e.message.find("must be a list"), std::string::npos);

  e = parse_err(R"({"AnyOf": ["a", 3]})");
  EXPECT_EQ(e.where.column, 17);

  e = parse_err(R"({})");
  EXPECT_EQ(e.where.column, 1);
  EXPECT_NE(e.message.find("empty"), std::string::npos);

  e = parse_err(R"({"AllOf": ["a\nb"]})");
  EXPECT_EQ(e.where.column, 14);
  EXPECT_NE(e.message.find("printable ASCII"), std::string::npos);

  e = parse_err(R"({"AllOf": ["a"]} x)");
  EXPECT_EQ(e.where.column, 18);

  e = parse_err(R"({"AllOf": ["a")");
  EXPECT_EQ(e.where.column, 15);

  e = parse_err("{\n  \"AllOf\": [\"a\",\n  nope]}");
  EXPECT_EQ(e.where.line, 3);
  EXPECT_EQ(e.where.column, 3);

  e = parse_err("plain\tscope");
  EXPECT_EQ(e.where.column, 6);
}

TEST(ParseExpr, DeepNestingIsRefusedNotCrashed) {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "{\"AllOf\":[";
  auto e = parse_err(deep);
  EXPECT_NE(e.message.find("nested too deeply"), std::string::npos);
}

TEST(ExprJson, RoundTrip) {
  const Expr e = Expr::any_of({Expr::of("a"), Expr::all_of({Expr::of("b*"), Expr::of("")})});
  EXPECT_EQ(expr_to_string(e), R"({"AnyOf":["a",{"AllOf":["b*",""]}]})");
  auto back = expr_from_json(expr_to_json(e));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, e);
  EXPECT_EQ(expr_to_string(Expr::of("x:y")), "x:y");
}

TEST(ExprJson, FromJsonErrors) {
  auto e = expr_from_json(nlohmann::json::parse(R"({"AllOf": ["a", {"AnyOf": [1]}]})"));
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("AllOf[1].AnyOf[0]"), std::string::npos) << e.error().message;
  EXPECT_FALSE(expr_from_json(nlohmann::json::parse(R"({"AllOf": [], "AnyOf": []})")).ok());
  EXPECT_FALSE(expr_from_json(nlohmann::json::parse(R"({"AllOf": {}})")).ok());
  EXPECT_FALSE(expr_from_json(nlohmann::json::parse(R"(["a"])")).ok());
  EXPECT_FALSE(expr_from_json(nlohmann::json("a\u00e9")).ok());
}

TEST(Satisfies, ExpressionSemantics) {
  const ScopeSet held({"a", "b*"});
  EXPECT_TRUE(satisfies(held, Expr::of("a")));
  EXPECT_TRUE(satisfies(held, Expr::of("bcd")));
  EXPECT_FALSE(satisfies(held, Expr::of("c")));
  EXPECT_TRUE(satisfies(ScopeSet(Scopes{}), Expr::all_of({})));
  EXPECT_FALSE(satisfies(ScopeSet({"*"}), Expr::any_of({})));
  EXPECT_TRUE(satisfies(held, Expr::all_of({Expr::of("a"), Expr::any_of({Expr::of("c"), Expr::of("b")})})));
  EXPECT_FALSE(satisfies(held, Expr::all_of({Expr::of("a"), Expr::of("c")})));
}

TEST(ScopesSatisfying, LeavesOfEverySatisfiedBranch) {
  const ScopeSet held({"a", "b*"});
  auto r = scopes_satisfying(held, Expr::any_of({Expr::of("bx"), Expr::of("a"), Expr::of("c"), Expr::of("b*")}));
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (Scopes{"a", "b*"}));
  EXPECT_FALSE(scopes_satisfying(held, Expr::all_of({Expr::of("a"), Expr::of("c")})));
  auto empty = scopes_satisfying(held, Expr::all_of({}));
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
  // A failed AllOf inside an AnyOf contributes nothing.
  r = scopes_satisfying(held, Expr::any_of({Expr::all_of({Expr::of("a"), Expr::of("c")}), Expr::of("bz")}));
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, Scopes{"bz"});
}

TEST(RemoveGivenScopes, PrunesToWhatIsMissing) {
  EXPECT_EQ(remove_given_scopes(ScopeSet({"a"}), Expr::all_of({Expr::of("a"), Expr::of("b")})), Expr::of("b"));
  EXPECT_EQ(remove_given_scopes(ScopeSet(Scopes{}), Expr::any_of({})), Expr::any_of({}));
  EXPECT_EQ(remove_given_scopes(ScopeSet(Scopes{}), Expr::all_of({})), std::nullopt);
  EXPECT_EQ(remove_given_scopes(ScopeSet({"a"}), Expr::any_of({Expr::of("a"), Expr::of("b")})), std::nullopt);
  EXPECT_EQ(remove_given_scopes(ScopeSet(Scopes{}), Expr::any_of({Expr::of("b")})), Expr::of("b"));
  EXPECT_EQ(remove_given_scopes(ScopeSet({"x"}),
                                Expr::all_of({Expr::of("x"), Expr::any_of({Expr::of("c"), Expr::all_of({Expr::of("x"), Expr::of("d")})}),
                                              Expr::of("e")})),
            Expr::all_of({Expr::any_of({Expr::of("c"), Expr::of("d")}), Expr::of("e")}));
}

}  // namespace
}  // namespace tcg::scopes
