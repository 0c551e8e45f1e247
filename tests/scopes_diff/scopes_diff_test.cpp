// Differential test: tcguard's scope engine against the real taskcluster-lib-scopes@11.0.0 (run by
// node through compare.js) on thousands of random cases. The alphabet is tiny ({a, b, :, *}) so
// stars, prefixes and duplicates collide often. Set TCGUARD_DIFF_SEED to replay a run.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>

#include "scopes/scopes.h"
#include "support/cli_runner.h"
#include "support/npm_package.h"

namespace tcg::scopes {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using Scopes = std::vector<std::string>;

const std::string kCompareJs = std::string(TCGUARD_SOURCE_DIR) + "/tests/scopes_diff/compare.js";

const test::NpmPackage& reference() { return test::npm_package("npm-scopes", "taskcluster-lib-scopes@11.0.0", "taskcluster-lib-scopes"); }

#define REQUIRE_LIBRARY() REQUIRE_NPM_PACKAGE(reference(), "the scope engine was NOT compared with taskcluster-lib-scopes")

uint64_t seed() {
  static const uint64_t s = []() -> uint64_t {
    if (const char* env = std::getenv("TCGUARD_DIFF_SEED")) return std::strtoull(env, nullptr, 10);
    return static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }();
  return s;
}

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}

  size_t below(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

  std::string scope() {
    static const char kAlphabet[] = {'a', 'b', ':', '*'};
    std::string s;
    for (size_t n = below(5); n > 0; --n) s += kAlphabet[below(4)];
    if (below(4) == 0) s += '*';
    return s;
  }

  Scopes scopes(size_t max) {
    Scopes out;
    for (size_t n = below(max + 1); n > 0; --n) out.push_back(scope());
    return out;
  }

  Expr expr(int depth) {
    if (depth == 0 || below(3) == 0) return Expr::of(scope());
    std::vector<Expr> children;
    for (size_t n = below(4); n > 0; --n) children.push_back(expr(depth - 1));
    return below(2) ? Expr::all_of(std::move(children)) : Expr::any_of(std::move(children));
  }

  // Mostly printable, sometimes not: control characters, DEL, non-ASCII.
  std::string maybe_valid_scope() {
    static const std::vector<std::string> kOdd{"\n", "\t", std::string(1, '\0'), "\x7f", "\xc3\xa9", "\x1f", " ", "~"};
    std::string s = scope();
    if (below(2)) s.insert(below(s.size() + 1), kOdd[below(kOdd.size())]);
    return s;
  }

  // JSON text that is sometimes a valid expression and sometimes not.
  std::string expression_text(int depth) {
    switch (below(depth > 0 ? 9 : 3)) {
      case 0: return Json(maybe_valid_scope()).dump();
      case 1: return "3";
      case 2: return "null";
      case 3: return "[" + expression_text(depth - 1) + "]";
      case 4: return "{}";
      case 5: return R"({"AllOf": )" + expression_text(depth - 1) + "}";
      case 6: return R"({"AnyOf": [)" + expression_text(depth - 1) + R"(], "AllOf": []})";
      case 7: return R"({"allOf": [)" + expression_text(depth - 1) + "]}";
      default: {
        std::string s = below(2) ? R"({"AllOf": [)" : R"({"AnyOf": [)";
        for (size_t n = below(3); n > 0; --n) s += expression_text(depth - 1) + (n > 1 ? ", " : "");
        return s + "]}";
      }
    }
  }

 private:
  std::mt19937_64 rng_;
};

Json json_of(const std::optional<Scopes>& s) { return s ? Json(*s) : Json(nullptr); }

// tcguard's answer to one case, in compare.js's shape.
Json ours(const Json& c) {
  const std::string op = c["op"];
  auto held = [&] { return ScopeSet(c["held"].get<Scopes>()); };
  auto expr = [&] { return *expr_from_json(c["expr"]); };
  if (op == "valid") return is_valid_scope(c["scope"].get<std::string>());
  if (op == "validExpression") {
    // parse_expr takes text that is not JSON-looking as a plain scope; only JSON is compared here.
    const std::string text = c["text"];
    return (text.starts_with("{") || text.starts_with("\"")) && parse_expr(text).ok();
  }
  if (op == "satisfies") return satisfies(held(), expr());
  if (op == "satisfying") return json_of(scopes_satisfying(held(), expr()));
  if (op == "remove") {
    auto missing = remove_given_scopes(held(), expr());
    return missing ? expr_to_json(*missing) : Json(nullptr);
  }
  if (op == "sort") {
    Scopes a = c["a"];
    std::sort(a.begin(), a.end(), [](const std::string& x, const std::string& y) { return scope_less(x, y); });
    return a;
  }
  if (op == "compare") return scope_compare(c["x"].get<std::string>(), c["y"].get<std::string>());
  if (op == "normalize") return normalize(c["a"].get<Scopes>());
  if (op == "merge") return merge(c["a"].get<Scopes>(), c["b"].get<Scopes>());
  if (op == "intersect") return intersect(c["a"].get<Scopes>(), c["b"].get<Scopes>());
  ADD_FAILURE() << "unknown op " << op;
  return nullptr;
}

Json library_answers(const Json& cases) {
  test::RunOptions options;
  options.stdin_text = cases.dump();
  auto r = test::run({"node", kCompareJs, reference().modules}, options);
  if (r.exit_code != 0) {
    ADD_FAILURE() << "compare.js failed (exit " << r.exit_code << "):\n" << r.err;
    return Json::array();
  }
  return Json::parse(r.out);
}

// The --have-file path's answer (LeafAnswers, fed the held scopes as a file's lines) to a
// satisfies / satisfying / remove case.
Json ours_from_lines(const Json& c) {
  const Expr e = *expr_from_json(c["expr"]);
  std::string text;
  for (const auto& h : c["held"]) {
    const std::string s = h;
    if (s.empty()) continue;  // a file has no empty scope: blank lines are skipped
    text += s + (text.size() % 3 == 0 ? "\r\n" : "\n");
  }
  LeafAnswers held(e);
  if (!held.hold_lines(text, "held.txt").ok()) {
    ADD_FAILURE() << "held lines refused: " << text;
    return nullptr;
  }
  const std::string op = c["op"];
  if (op == "satisfies") return satisfies(held, e);
  if (op == "satisfying") return json_of(scopes_satisfying(held, e));
  auto missing = remove_given_scopes(held, e);
  return missing ? expr_to_json(*missing) : Json(nullptr);
}

// Compares every case; prints the first few disagreements in full.
void expect_agreement(const Json& cases, Json (*mine_of)(const Json&) = ours) {
  const Json theirs = library_answers(cases);
  ASSERT_EQ(theirs.size(), cases.size());
  int shown = 0;
  size_t disagreements = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    const Json mine = mine_of(cases[i]);
    if (mine == theirs[i]) continue;
    ++disagreements;
    if (shown++ < 15)
      ADD_FAILURE() << "case " << cases[i].dump() << "\n  taskcluster-lib-scopes: " << theirs[i].dump()
                    << "\n  tcguard:                " << mine.dump();
  }
  EXPECT_EQ(disagreements, 0u) << "of " << cases.size() << " cases (seed " << seed() << ")";
}

class ScopesDiff : public ::testing::Test {
 protected:
  void SetUp() override {
    std::cout << "[ seed     ] TCGUARD_DIFF_SEED=" << seed() << std::endl;
    RecordProperty("seed", std::to_string(seed()));
  }
};

TEST_F(ScopesDiff, ExpressionsAgainstHeldSets) {
  REQUIRE_LIBRARY();
  Gen gen(seed());
  Json cases = Json::array();
  for (int i = 0; i < 4000; ++i) {
    const Json held = gen.scopes(6);
    const Json expr = expr_to_json(gen.expr(3));
    for (const char* op : {"satisfies", "satisfying", "remove"}) cases.push_back({{"op", op}, {"held", held}, {"expr", expr}});
  }
  expect_agreement(cases);
}

// The held-file path: larger held sets (duplicates, covered scopes, stars inside and at the end)
// against wider expressions, with no empty scope (a file cannot hold one).
TEST_F(ScopesDiff, ExpressionsAgainstHeldFiles) {
  REQUIRE_LIBRARY();
  Gen gen(seed() + 4);
  Json cases = Json::array();
  for (int i = 0; i < 3000; ++i) {
    Json held = Json::array();
    for (const auto& s : gen.scopes(i % 5 == 0 ? 40 : 8))
      if (!s.empty()) held.push_back(s);
    const Json expr = expr_to_json(gen.expr(4));
    for (const char* op : {"satisfies", "satisfying", "remove"}) cases.push_back({{"op", op}, {"held", held}, {"expr", expr}});
  }
  expect_agreement(cases, ours_from_lines);
}

TEST_F(ScopesDiff, SetOperations) {
  REQUIRE_LIBRARY();
  Gen gen(seed() + 1);
  Json cases = Json::array();
  for (int i = 0; i < 4000; ++i) {
    const Json a = gen.scopes(8);
    const Json b = gen.scopes(8);
    cases.push_back({{"op", "sort"}, {"a", a}});
    cases.push_back({{"op", "normalize"}, {"a", a}});
    cases.push_back({{"op", "merge"}, {"a", a}, {"b", b}});
    cases.push_back({{"op", "intersect"}, {"a", a}, {"b", b}});
    cases.push_back({{"op", "compare"}, {"x", gen.scope()}, {"y", gen.scope()}});
  }
  expect_agreement(cases);
}

TEST_F(ScopesDiff, Validity) {
  REQUIRE_LIBRARY();
  Gen gen(seed() + 2);
  Json cases = Json::array();
  for (int i = 0; i < 3000; ++i) {
    // JSON strings must be UTF-8: non-ASCII bytes only appear as whole characters.
    cases.push_back({{"op", "valid"}, {"scope", gen.maybe_valid_scope()}});
    cases.push_back({{"op", "validExpression"}, {"text", gen.expression_text(3)}});
  }
  expect_agreement(cases);
}

// The command line gives the same answers as the library (a smaller sample: one process each).
TEST_F(ScopesDiff, CommandLineSatisfies) {
  REQUIRE_LIBRARY();
  Gen gen(seed() + 3);
  Json cases = Json::array();
  std::vector<test::RunResult> runs;
  for (int i = 0; i < 60; ++i) {
    const Scopes held = gen.scopes(5);
    const Expr expr = gen.expr(3);
    std::vector<std::string> args{"--format", "json", "scopes", "satisfies"};
    for (const auto& h : held) args.insert(args.end(), {"--have", h});
    args.push_back("--");
    args.push_back(expr_to_json(expr).dump());
    runs.push_back(test::run_tcguard(args));
    for (const char* op : {"satisfies", "satisfying", "remove"})
      cases.push_back({{"op", op}, {"held", held}, {"expr", expr_to_json(expr)}});
  }
  const Json theirs = library_answers(cases);
  ASSERT_EQ(theirs.size(), cases.size());
  for (size_t i = 0; i < runs.size(); ++i) {
    const Json& c = cases[3 * i];
    ASSERT_TRUE(runs[i].exit_code == 0 || runs[i].exit_code == 1) << runs[i].err;
    const Json out = Json::parse(runs[i].out);
    EXPECT_EQ(out["satisfied"], theirs[3 * i]) << c.dump();
    EXPECT_EQ(runs[i].exit_code, theirs[3 * i].get<bool>() ? 0 : 1) << c.dump();
    EXPECT_EQ(out["satisfying"], theirs[3 * i + 1]) << c.dump();
    EXPECT_EQ(out["missing"], theirs[3 * i + 2]) << c.dump();
  }
}

// The command line with the held scopes in a file, as `--have-file`, against the library.
TEST_F(ScopesDiff, CommandLineSatisfiesFromAHaveFile) {
  REQUIRE_LIBRARY();
  Gen gen(seed() + 5);
  test::TempDir dir;
  Json cases = Json::array();
  std::vector<test::RunResult> runs;
  for (int i = 0; i < 40; ++i) {
    Scopes held;
    std::string text;
    for (const auto& s : gen.scopes(12)) {
      if (s.empty()) continue;
      held.push_back(s);
      text += s + (i % 2 ? "\r\n" : "\n");
    }
    const auto file = dir.write("held-" + std::to_string(i) + ".txt", text);
    const Expr expr = gen.expr(3);
    runs.push_back(test::run_tcguard({"--format", "json", "scopes", "satisfies", "--have-file", file, "--", expr_to_json(expr).dump()}));
    for (const char* op : {"satisfies", "satisfying", "remove"})
      cases.push_back({{"op", op}, {"held", held}, {"expr", expr_to_json(expr)}});
  }
  const Json theirs = library_answers(cases);
  ASSERT_EQ(theirs.size(), cases.size());
  for (size_t i = 0; i < runs.size(); ++i) {
    const Json& c = cases[3 * i];
    ASSERT_TRUE(runs[i].exit_code == 0 || runs[i].exit_code == 1) << runs[i].err;
    const Json out = Json::parse(runs[i].out);
    EXPECT_EQ(out["satisfied"], theirs[3 * i]) << c.dump();
    EXPECT_EQ(out["satisfying"], theirs[3 * i + 1]) << c.dump();
    EXPECT_EQ(out["missing"], theirs[3 * i + 2]) << c.dump();
  }
}

}  // namespace
}  // namespace tcg::scopes
