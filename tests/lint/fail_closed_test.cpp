// Issue 14 points 9 and 10 through the binary: lint fails closed past its limits and where the
// parser loses its place, and finds a literal token copied into TASKCLUSTER_ACCESS_TOKEN.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

using nlohmann::json;

const std::string kRootDay = "eval \"$(taskcluster signin -s '*' --expires 1d)\"";

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

json lint_text(const std::string& text, int* exit_code) {
  TempDir dir;
  std::string file = dir.write("rc.sh", text);
  RunOptions o;
  o.cwd = dir.path();
  o.env_unset = {"TCGUARD_POLICY", "TASKCLUSTER_ROOT_URL", "NO_COLOR"};
  o.env_set["XDG_CONFIG_HOME"] = "/nonexistent-tcguard-test";
  RunResult r = run_tcguard({"--format", "json", "lint", "--fail-on", "error", file}, o);
  *exit_code = r.exit_code;
  return json::parse(r.out, nullptr, false);
}

// The file fails lint with an error of one of these rules.
void expect_error(const std::string& text, std::initializer_list<const char*> rules) {
  int code = 0;
  json j = lint_text(text, &code);
  EXPECT_EQ(code, 1) << text.substr(0, 300) << "\n" << j.dump(1);
  bool found = false;
  for (const auto& f : j["findings"])
    for (const char* rule : rules)
      if (f["rule"] == rule && f["severity"] == "error") found = true;
  EXPECT_TRUE(found) << text.substr(0, 300) << "\n" << j.dump(1);
}

TEST(LintFailClosed, NestedBraces) {
  expect_error(repeat("{ ", 64) + kRootDay + repeat("; }", 64) + "\n", {"dynamic-signin-request"});
}

TEST(LintFailClosed, NestedSubshells) {
  expect_error(repeat("( ", 64) + kRootDay + repeat(" )", 64) + "\n", {"dynamic-signin-request"});
}

TEST(LintFailClosed, NestedCommandSubstitutions) {
  expect_error("x=\"" + repeat("$(echo ", 25) + "$(taskcluster signin -s '*' --expires 1d)" + repeat(")", 25) +
                   "\"\neval \"$x\"\n",
               {"dynamic-signin-request", "root-scope-expiry"});
}

TEST(LintFailClosed, EvalsThroughVariables) {
  // v0 holds the sign-in; each v<i> evals the one before; 13 levels deep.
  std::string code = "v0='" + kRootDay + "'\n";
  for (int i = 1; i < 13; ++i)
    code += "v" + std::to_string(i) + "='eval \"$v" + std::to_string(i - 1) + "\"'\n";
  code += "eval \"$v12\"\n";
  expect_error(code, {"dynamic-signin-request", "root-scope-expiry"});
}

TEST(LintFailClosed, FunctionsPassingExpires) {
  std::string code = "f0() { eval \"$(taskcluster signin -s '*' --expires \"$1\")\"; }\n";
  for (int i = 1; i <= 12; ++i)
    code += "f" + std::to_string(i) + "() { f" + std::to_string(i - 1) + " \"$1\"; }\n";
  code += "f12 1d\n";
  expect_error(code, {"dynamic-signin-request", "root-scope-expiry"});
}

TEST(LintFailClosed, RootScopeWithUnknownLifetimeFailsRootScopeExpiry) {
  expect_error("tcs() { eval \"$(taskcluster signin -s '*' --expires \"$1\")\"; }\n", {"root-scope-expiry"});
}

// Each line is accepted by `bash -n`; the sign-in on the next line must still be judged.
TEST(LintFailClosed, ParserKeepsItsPlace) {
  for (const char* line : {"(( a[\" \"]=16 ))", "echo ${myarray[']']}", "echo \"${a-'$('\\'}\"",
                           "a2=(${a[@]/#/\"-iname '\"})"}) {
    SCOPED_TRACE(line);
    expect_error(std::string(line) + "\n" + kRootDay + "\n", {"root-scope-expiry", "dynamic-signin-request"});
  }
}

void expect_token(const std::string& text) {
  int code = 0;
  json j = lint_text(text, &code);
  bool found = false;
  for (const auto& f : j["findings"]) found = found || f["rule"] == "hardcoded-access-token";
  EXPECT_TRUE(found) << text << "\n" << j.dump(1);
  EXPECT_EQ(j.dump().find("abcdefghijklmnopqrstuv"), std::string::npos) << "the token is never repeated";
}

TEST(LintFailClosed, TokenThroughVariable) {
  const std::string tok = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH";
  expect_token("tok=" + tok + "\nexport TASKCLUSTER_ACCESS_TOKEN=$tok\n");
  expect_token("tok='" + tok + "'\nTASKCLUSTER_ACCESS_TOKEN=\"${tok}\"; export TASKCLUSTER_ACCESS_TOKEN\n");
  expect_token("read -r TASKCLUSTER_ACCESS_TOKEN <<< \"" + tok + "\"\nexport TASKCLUSTER_ACCESS_TOKEN\n");
  expect_token("printf -v TASKCLUSTER_ACCESS_TOKEN %s " + tok + "\nexport TASKCLUSTER_ACCESS_TOKEN\n");
}

TEST(LintFailClosed, TokenFromSecretStoreIsNotFlagged) {
  int code = 0;
  json j = lint_text("tok=$(pass show tc/token)\nexport TASKCLUSTER_ACCESS_TOKEN=$tok\n"
                     "read -r TASKCLUSTER_ACCESS_TOKEN < ~/.tc-token\n",
                     &code);
  for (const auto& f : j["findings"]) EXPECT_NE(f["rule"], "hardcoded-access-token") << f.dump();
}

}  // namespace
}  // namespace tcg::test
