// Typos in subcommands and options end in "did you mean ...?" (issue 17 point 9), through the binary.
#include <gtest/gtest.h>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

void expect_hint(const std::vector<std::string>& args, const std::string& hint) {
  RunResult r = run_tcguard(args);
  EXPECT_EQ(r.exit_code, 2) << ::testing::PrintToString(args) << "\n" << r.out << r.err;
  EXPECT_NE(r.err.find("did you mean `" + hint + "`?"), std::string::npos) << ::testing::PrintToString(args) << "\n" << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(TypoHint, MisspeltSubcommandsAndOptionsGetTheNearestName) {
  expect_hint({"lnt", "x.sh"}, "tcguard lint");
  expect_hint({"reveiw"}, "tcguard review");
  expect_hint({"scopes", "satisfy", "x"}, "tcguard scopes satisfies");
  expect_hint({"policy", "chek"}, "tcguard policy check");
  expect_hint({"review", "--expire", "15m"}, "--expires");
  expect_hint({"lint", "--fail-onn", "error", "x.sh"}, "--fail-on");
  expect_hint({"--polcy", "p.yaml", "policy", "show"}, "--policy");
}

TEST(TypoHint, NothingCloseMeansNoGuess) {
  RunResult r = run_tcguard({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.find("did you mean"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tcg::test
