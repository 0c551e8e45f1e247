// Issue 12 points 3, 5, 6 through the built binary: one sign-in parser (signin-invalid-arguments,
// no request for --help/--check), not-an-alias lines (alias-keyword-missing), one cause one
// finding (related entries in text, JSON, SARIF), call-site locations.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

using nlohmann::json;

RunOptions isolated(const std::string& cwd = TCGUARD_SOURCE_DIR) {
  RunOptions o;
  o.cwd = cwd;
  o.env_unset = {"TCGUARD_POLICY", "TASKCLUSTER_ROOT_URL", "NO_COLOR", "TASKCLUSTER_CLIENT_ID", "TASKCLUSTER_ACCESS_TOKEN"};
  o.env_set["XDG_CONFIG_HOME"] = "/nonexistent-tcguard-test";
  return o;
}

json run_json(const std::vector<std::string>& args, const RunOptions& o = isolated(), const std::string& format = "json") {
  std::vector<std::string> argv = {"--format", format};
  argv.insert(argv.end(), args.begin(), args.end());
  RunResult r = run_tcguard(argv, o);
  json j = json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
  return j.is_discarded() ? json::object() : j;
}

json lint(const std::string& path, const RunOptions& o = isolated()) { return run_json({"lint", path}, o); }

const std::string kFixtures = "tests/findings/fixtures/";

std::vector<json> with_rule(const json& findings, const std::string& rule) {
  std::vector<json> out;
  for (const auto& f : findings)
    if (f["rule"] == rule) out.push_back(f);
  return out;
}

std::vector<std::string> related_rules(const json& f) {
  std::vector<std::string> out;
  for (const auto& r : f["related"])
    if (!r["rule"].is_null()) out.push_back(r["rule"]);
  return out;
}

size_t count(const json& findings, const std::string& severity) {
  size_t n = 0;
  for (const auto& f : findings) n += f["severity"] == severity;
  return n;
}

// ---- point 3: one sign-in parser ----------------------------------------------------------

TEST(SigninInvalidArguments, ReportedAtTheWordTheCliStopsAtAndNothingElseForThatCall) {
  json j = lint(kFixtures + "team-helpers.sh");
  auto invalid = with_rule(j["findings"], "signin-invalid-arguments");
  ASSERT_EQ(invalid.size(), 3u) << j.dump(1);
  // --scopes (line 13), a trailing --expires (line 25), -x (line 29), in the order of the file.
  EXPECT_EQ(invalid[0]["line"], 13);
  EXPECT_EQ(invalid[0]["column"], 44);
  EXPECT_NE(invalid[0]["message"].get<std::string>().find("unknown flag: --scopes (did you mean `--scope`?)"),
            std::string::npos)
      << invalid[0].dump(1);
  EXPECT_EQ(invalid[0]["severity"], "error");
  EXPECT_EQ(invalid[1]["line"], 25);
  EXPECT_NE(invalid[1]["message"].get<std::string>().find("flag needs an argument: --expires"), std::string::npos);
  EXPECT_EQ(invalid[2]["line"], 29);
  EXPECT_NE(invalid[2]["message"].get<std::string>().find("unknown shorthand flag: 'x'"), std::string::npos);
  // Nothing is signed in there, so no other rule speaks about those lines, and --help (line 8)
  // and --check (line 18) are no sign-ins at all: the only request is the one on line 19.
  for (const auto& f : j["findings"]) {
    int line = f["line"];
    if (line == 13 || line == 25 || line == 29) {
      EXPECT_EQ(f["rule"], "signin-invalid-arguments") << f.dump(1);
    }
    EXPECT_NE(line, 8) << f.dump(1);
    EXPECT_NE(line, 18) << f.dump(1);
  }
  ASSERT_EQ(j["requests"].size(), 1u) << j.dump(1);
  EXPECT_EQ(j["requests"][0]["line"], 19);
}

TEST(SigninInvalidArguments, ReviewRejectsTheSameArgumentsWithTheSameWords) {
  RunResult r = run_tcguard({"review", "--", "taskcluster", "signin", "--expires", "15m", "--scopes",
                             "queue:rerun-task:gecko-level-1/*"},
                            isolated());
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  json j = lint(kFixtures + "team-helpers.sh");
  std::string lint_message = with_rule(j["findings"], "signin-invalid-arguments").at(0)["message"];
  std::string reason = "would be rejected by the CLI: unknown flag: --scopes (did you mean `--scope`?)";
  EXPECT_NE(r.err.find(reason), std::string::npos) << r.err;
  EXPECT_NE(lint_message.find(reason), std::string::npos) << lint_message;
}

TEST(SigninInvalidArguments, HelpAndCheckAreNoRequestInReviewOrLint) {
  TempDir dir;
  std::string file = dir.write("prose.sh",
                               "# Run `taskcluster signin --help` to see what it can do.\n"
                               "taskcluster signin --help\n"
                               "taskcluster signin -h | less\n"
                               "until taskcluster signin --check; do sleep 5; done\n"
                               "taskcluster signin --check=true\n");
  json j = lint(file);
  EXPECT_TRUE(j["findings"].empty()) << j.dump(1);
  EXPECT_TRUE(j["requests"].empty()) << j.dump(1);
  for (const std::string flag : {"--help", "-h", "--check"}) {
    RunResult r = run_tcguard({"review", "--", "taskcluster", "signin", flag}, isolated());
    EXPECT_EQ(r.exit_code, 0) << flag << r.out << r.err;
    EXPECT_NE(r.out.find("not a sign-in request"), std::string::npos) << flag << r.out;
  }
  // pflag stops at the unknown flag before cobra looks at --help: both front ends reject it.
  RunResult r = run_tcguard({"review", "--", "taskcluster", "signin", "--scopes", "x", "--help"}, isolated());
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  std::string both = dir.write("both.sh", "taskcluster signin --scopes x --help\n");
  EXPECT_EQ(with_rule(lint(both)["findings"], "signin-invalid-arguments").size(), 1u);
}

TEST(SigninInvalidArguments, ThroughAFunctionCallReportedAtTheCallWithTheBodyRelated) {
  TempDir dir;
  std::string file = dir.write("wrap.sh",
                               "tc() {\n"
                               "  eval \"$(taskcluster signin \"$@\")\"\n"
                               "}\n"
                               "tc --scopes 'queue:status:*' --expires 10m\n");
  json j = lint(file);
  auto invalid = with_rule(j["findings"], "signin-invalid-arguments");
  ASSERT_EQ(invalid.size(), 1u) << j.dump(1);
  EXPECT_EQ(invalid[0]["line"], 4);
  EXPECT_EQ(invalid[0]["column"], 1);
  ASSERT_EQ(invalid[0]["related"].size(), 1u) << invalid[0].dump(1);
  EXPECT_EQ(invalid[0]["related"][0]["line"], 2);
  EXPECT_EQ(invalid[0]["related"][0]["column"], 11);
}

// ---- point 5: not-an-alias lines -------------------------------------------------------------

TEST(AliasKeywordMissing, EachListingLineIsReportedWithTheAliasFixAndItsSigninStillJudged) {
  json j = lint(kFixtures + "zsh-alias-listing.txt");
  auto missing = with_rule(j["findings"], "alias-keyword-missing");
  // tc-fxci, tc-logout, tc-relduty, run-help, which-command; `ll='ls -l'` is a variable assignment.
  ASSERT_EQ(missing.size(), 5u) << j.dump(1);
  EXPECT_EQ(missing[0]["line"], 1);
  EXPECT_EQ(missing[0]["severity"], "warning");
  EXPECT_EQ(missing[2]["context"], "tc-relduty");
  EXPECT_NE(missing[2]["help"].get<std::string>().find("alias tc-relduty='eval \"$(taskcluster signin --expires 15m"),
            std::string::npos)
      << missing[2].dump(1);
  EXPECT_NE(missing[2]["message"].get<std::string>().find("its sign-in is judged as the alias"), std::string::npos);
  ASSERT_TRUE(missing[2]["request"].is_number()) << missing[2].dump(1);
  // The sign-in inside is the alias's: its request has the alias as context and exact scopes.
  ASSERT_EQ(j["requests"].size(), 1u) << j.dump(1);
  const json& req = j["requests"][missing[2]["request"].get<size_t>()];
  EXPECT_EQ(req["context"], "tc-relduty");
  EXPECT_EQ(req["scopes"], json::array({"queue:rerun-task:gecko-level-3/*"}));
  EXPECT_EQ(req["expires"], "15m");
  // tc-logout has no sign-in: no claim that one is judged.
  EXPECT_EQ(missing[1]["message"].get<std::string>().find("its sign-in"), std::string::npos);
}

TEST(AliasKeywordMissing, RealAliasesAndVariablesAreNotReported) {
  json j = lint(kFixtures + "aliases-done-right.sh");
  EXPECT_TRUE(with_rule(j["findings"], "alias-keyword-missing").empty()) << j.dump(1);
  EXPECT_EQ(j["requests"].size(), 1u) << j.dump(1);
}

TEST(AliasKeywordMissing, TheSeedDocumentsAliasLinesAreReported) {
  json j = lint("/work/shared/seed/taskcluster-cli-best-practices.txt");
  if (j.empty()) GTEST_SKIP() << "no seed document on this machine";
  std::vector<std::string> names;
  for (const auto& f : with_rule(j["findings"], "alias-keyword-missing")) names.push_back(f["context"]);
  EXPECT_EQ(names, (std::vector<std::string>{"tc-fxci", "tc-staging", "tc-logout", "tc-relduty", "tc-signin"}));
}

TEST(AliasKeywordMissing, TextShowsTheFixNeverAToken) {
  TempDir dir;
  std::string file = dir.write("listing.txt",
                               "tc-bot='export TASKCLUSTER_ACCESS_TOKEN=Zm9vYmFyYmF6cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG8'\n");
  RunResult r = run_tcguard({"lint", file}, isolated());
  EXPECT_NE(r.out.find("alias tc-bot='...'"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Zm9vYmFy"), std::string::npos) << r.out;
}

// ---- point 6: one cause, one finding -----------------------------------------------------------

TEST(OneCauseOneFinding, BareSigninIsOneErrorAndAtMostOneWarningInLintAndReview) {
  TempDir dir;
  std::string file = dir.write("bare.sh", "eval \"$(taskcluster signin)\"\n");
  json lint_report = lint(file);
  json review_report = run_json({"review", "--", "taskcluster", "signin"});
  for (const json* j : {&lint_report, &review_report}) {
    const json& findings = (*j)["findings"];
    EXPECT_EQ(count(findings, "error"), 1u) << findings.dump(1);
    EXPECT_LE(count(findings, "warning"), 1u) << findings.dump(1);
    auto root = with_rule(findings, "root-scope-expiry");
    ASSERT_EQ(root.size(), 1u) << findings.dump(1);
    // The folded findings are not lost: they ride along, the lifetime rules first.
    EXPECT_EQ(related_rules(root[0]), (std::vector<std::string>{"wildcard-scope-expiry", "long-lived-credential",
                                                                 "signin-default-expiry", "signin-default-scopes"}));
    for (const auto& r : root[0]["related"]) EXPECT_FALSE(r["message"].get<std::string>().empty());
  }
  EXPECT_EQ(lint_report["summary"]["error"], 1);
}

TEST(OneCauseOneFinding, DifferentCausesStaySeparate) {
  TempDir dir;
  // A short lifetime: root-scope-expiry passes (15m), so the default `*` is the one cause left.
  std::string file = dir.write("short.sh", "eval \"$(taskcluster signin --expires 15m)\"\n"
                                           "eval \"$(taskcluster signin -s 'queue:*')\"\n");
  json j = lint(file);
  std::vector<std::string> first, second;
  for (const auto& f : j["findings"]) (f["line"] == 1 ? first : second).push_back(f["rule"]);
  EXPECT_EQ(first, (std::vector<std::string>{"signin-default-scopes"})) << j.dump(1);
  // `queue:*` for a day: the service rule is the most specific; the default lifetime explains it.
  EXPECT_EQ(second, (std::vector<std::string>{"service-wildcard-expiry"})) << j.dump(1);
  auto svc = with_rule(j["findings"], "service-wildcard-expiry");
  EXPECT_EQ(related_rules(svc.at(0)),
            (std::vector<std::string>{"wildcard-scope-expiry", "long-lived-credential", "signin-default-expiry"}));
}

TEST(OneCauseOneFinding, SuppressingAFoldedRuleRemovesItFromRelatedOnly) {
  TempDir dir;
  std::string file = dir.write("s.sh",
                               "# tcguard: disable=long-lived-credential -- a day is the team's agreed lifetime\n"
                               "eval \"$(taskcluster signin)\"\n");
  json j = lint(file);
  auto root = with_rule(j["findings"], "root-scope-expiry");
  ASSERT_EQ(root.size(), 1u) << j.dump(1);
  EXPECT_EQ(related_rules(root[0]),
            (std::vector<std::string>{"wildcard-scope-expiry", "signin-default-expiry", "signin-default-scopes"}));
}

TEST(OneCauseOneFinding, SuppressingTheKeptRuleLeavesTheNextMostSpecific) {
  TempDir dir;
  std::string file = dir.write("s.sh",
                               "# tcguard: disable=root-scope-expiry -- break-glass admin script, reviewed\n"
                               "eval \"$(taskcluster signin)\"\n");
  json j = lint(file);
  EXPECT_TRUE(with_rule(j["findings"], "root-scope-expiry").empty()) << j.dump(1);
  auto wildcard = with_rule(j["findings"], "wildcard-scope-expiry");
  ASSERT_EQ(wildcard.size(), 1u) << j.dump(1);
  EXPECT_EQ(related_rules(wildcard[0]),
            (std::vector<std::string>{"long-lived-credential", "signin-default-expiry", "signin-default-scopes"}));
  EXPECT_EQ(count(j["findings"], "error"), 1u);
}

TEST(OneCauseOneFinding, PolicyExceptionsWorkOnFoldedAndKeptRules) {
  TempDir dir;
  dir.write("repo/.tcguard.yaml",
            "version: 1\n"
            "exceptions:\n"
            "  - rule: wildcard-scope-expiry\n"
            "    path: admin.sh\n"
            "    reason: accepted for the admin script\n"
            "    until: 2999-01-01\n"
            "  - rule: root-scope-expiry\n"
            "    path: admin.sh\n"
            "    reason: accepted for the admin script\n"
            "    until: 2999-01-01\n");
  dir.write("repo/admin.sh", "eval \"$(taskcluster signin)\"\n");
  json j = run_json({"lint", "admin.sh"}, isolated(dir.path() + "/repo"));
  // Both accepted: long-lived-credential is what is left of the lifetime cause, with the default
  // lifetime folded in; the default `*` is no longer explained by a scope rule, so it stands alone.
  ASSERT_EQ(j["findings"].size(), 2u) << j.dump(1);
  EXPECT_EQ(j["findings"][0]["rule"], "long-lived-credential");
  EXPECT_EQ(related_rules(j["findings"][0]), (std::vector<std::string>{"signin-default-expiry"}));
  EXPECT_EQ(j["findings"][1]["rule"], "signin-default-scopes");
}

TEST(OneCauseOneFinding, TextSarifAndGithubShowTheFoldedFindings) {
  TempDir dir;
  std::string file = dir.write("bare.sh", "eval \"$(taskcluster signin)\"\n");
  RunResult text = run_tcguard({"lint", "--no-snippet", file}, isolated());
  EXPECT_NE(text.out.find("  note: also wildcard-scope-expiry (error): requests `*` for 1d"), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("1 error, 0 warnings"), std::string::npos) << text.out;
  json sarif = run_json({"lint", file}, isolated(), "sarif");
  const json& results = sarif["runs"][0]["results"];
  ASSERT_EQ(results.size(), 1u) << results.dump(1);
  const json& folded = results[0]["properties"]["folded"];
  ASSERT_EQ(folded.size(), 4u) << results[0].dump(1);
  EXPECT_EQ(folded[0]["ruleId"], "wildcard-scope-expiry");
  EXPECT_EQ(folded[0]["level"], "error");
  EXPECT_NE(results[0]["message"]["text"].get<std::string>().find("\nalso long-lived-credential: "), std::string::npos);
  RunResult gh = run_tcguard({"--format", "github", "lint", file}, isolated());
  EXPECT_NE(gh.out.find("also signin-default-scopes: "), std::string::npos) << gh.out;
}

// ---- point 6: call-site locations ----------------------------------------------------------------

TEST(CallSites, ASigninResolvedThroughACallIsReportedAtTheCallWithTheBodyRelated) {
  json j = lint(kFixtures + "call-sites.sh");
  // `tc_scoped 2h -s '*'` (line 15): `*` for 2h is the call's problem, not the body's.
  std::vector<json> at15;
  for (const auto& f : j["findings"])
    if (f["line"] == 15) at15.push_back(f);
  ASSERT_EQ(at15.size(), 1u) << j.dump(1);
  EXPECT_EQ(at15[0]["rule"], "root-scope-expiry");
  EXPECT_EQ(at15[0]["column"], 1);
  EXPECT_EQ(at15[0]["context"], "tc_scoped called at line 15");
  ASSERT_FALSE(at15[0]["related"].empty());
  EXPECT_TRUE(at15[0]["related"][0]["rule"].is_null());
  EXPECT_EQ(at15[0]["related"][0]["line"], 7);
  EXPECT_EQ(at15[0]["related"][0]["column"], 11);
  // The call inside tc_relduty (line 11) is where its `1d` is given.
  bool relduty = false;
  for (const auto& f : j["findings"])
    if (f["line"] == 11 && f["column"] == 3 && f["rule"] == "wildcard-scope-expiry") relduty = true;
  EXPECT_TRUE(relduty) << j.dump(1);
  // No lifetime finding is left at the body for what only the calls decide.
  for (const auto& f : j["findings"])
    if (f["line"] == 7) {
      EXPECT_EQ(f["rule"], "dynamic-signin-request") << f.dump(1);
    }
  // The requests are numbered at the calls too.
  bool request_at_call = false;
  for (const auto& r : j["requests"]) request_at_call |= r["line"] == 14 && r["expires"] == "15m";
  EXPECT_TRUE(request_at_call) << j["requests"].dump(1);
}

TEST(CallSites, ABodyThatResolvesOnItsOwnKeepsItsFindingAndNamesTheCall) {
  json j = lint(kFixtures + "call-sites.sh");
  auto root = with_rule(j["findings"], "root-scope-expiry");
  std::vector<json> at_body;
  for (const auto& f : root)
    if (f["line"] == 18) at_body.push_back(f);
  ASSERT_EQ(at_body.size(), 1u) << j.dump(1);
  bool names_call = false;
  for (const auto& r : at_body[0]["related"]) names_call |= r["rule"].is_null() && r["line"] == 19;
  EXPECT_TRUE(names_call) << at_body[0].dump(1);
  for (const auto& f : j["findings"]) EXPECT_NE(f["line"], 19) << f.dump(1);
}

TEST(CallSites, SarifHasRelatedLocationsLinkedFromTheMessage) {
  json sarif = run_json({"lint", kFixtures + "call-sites.sh"}, isolated(), "sarif");
  bool found = false;
  for (const auto& r : sarif["runs"][0]["results"]) {
    if (r["locations"][0]["physicalLocation"]["region"]["startLine"] != 15) continue;
    found = true;
    ASSERT_EQ(r["relatedLocations"].size(), 1u) << r.dump(1);
    const json& rel = r["relatedLocations"][0];
    EXPECT_EQ(rel["id"], 1);
    EXPECT_EQ(rel["physicalLocation"]["region"]["startLine"], 7);
    EXPECT_EQ(rel["physicalLocation"]["artifactLocation"]["uri"], "tests/findings/fixtures/call-sites.sh");
    EXPECT_NE(r["message"]["text"].get<std::string>().find("[the sign-in this call runs is written here](1)"),
              std::string::npos)
        << r.dump(1);
  }
  EXPECT_TRUE(found) << sarif.dump(1);
  RunResult text = run_tcguard({"lint", "--no-snippet", kFixtures + "call-sites.sh"}, isolated());
  EXPECT_NE(text.out.find("note: tests/findings/fixtures/call-sites.sh:7:11: the sign-in this call runs is written here"),
            std::string::npos)
      << text.out;
}

TEST(CallSites, ASuppressionAtTheBodyCoversItsCalls) {
  TempDir dir;
  std::string file = dir.write("s.sh",
                               "tc() {\n"
                               "  # tcguard: disable=all -- the callers are reviewed one by one\n"
                               "  eval \"$(taskcluster signin \"$@\")\"\n"
                               "}\n"
                               "tc -s '*' --expires 2h\n");
  json j = lint(file);
  EXPECT_TRUE(j["findings"].empty()) << j.dump(1);
}

}  // namespace
}  // namespace tcg::test
