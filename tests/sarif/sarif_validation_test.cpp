// The SARIF we write, checked by the two validators that matter: the OASIS JSON schema (ajv with
// ajv-draft-04) and Microsoft's SARIF Multitool, with its GitHub code scanning rules where the
// report has locations. npm packages are installed at test time into the build folder.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../report/fixtures.h"
#include "report/render.h"
#include "support/cli_runner.h"

namespace tcg::report {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

const std::string kNpmDir = std::string(TCGUARD_BUILD_DIR) + "/npm-sarif";
const std::string kModules = kNpmDir + "/node_modules";
const std::string kSchema = std::string(TCGUARD_SOURCE_DIR) + "/../shared/schemas/sarif-schema-2.1.0.json";

// What the npm install gave us: "" when ready, else why not (and whether to skip or fail).
struct Tools {
  bool ready = false;
  bool registry_unreachable = false;
  std::string problem;
};

bool installed() {
  for (const char* p : {"/ajv/package.json", "/ajv-draft-04/package.json", "/ajv-formats/package.json",
                        "/@microsoft/sarif-multitool/package.json"})
    if (!fs::exists(kModules + p)) return false;
  return true;
}

// One install per build folder, serialized with a lock since ctest may run these cases in parallel.
const Tools& tools() {
  static const Tools result = [] {
    Tools t;
    fs::create_directories(kNpmDir);
    int lock = ::open((kNpmDir + "/.lock").c_str(), O_CREAT | O_RDWR, 0644);
    if (lock >= 0) ::flock(lock, LOCK_EX);
    if (!installed()) {
      auto r = test::run({"npm", "install", "--no-audit", "--no-fund", "--prefix", kNpmDir, "ajv@^8",
                          "ajv-draft-04@^1", "ajv-formats@^3", "@microsoft/sarif-multitool@^5"});
      if (r.exit_code != 0) {
        t.problem = "npm install failed (exit " + std::to_string(r.exit_code) + "):\n" + r.out + r.err;
        t.registry_unreachable = test::run({"npm", "ping"}).exit_code != 0;
      }
    }
    if (lock >= 0) ::close(lock);
    t.ready = t.problem.empty() && installed();
    if (!t.ready && t.problem.empty()) t.problem = "npm install left packages missing in " + kModules;
    return t;
  }();
  return result;
}

#define REQUIRE_TOOLS()                                                                                       \
  do {                                                                                                        \
    ASSERT_TRUE(fs::exists(kSchema)) << "the SARIF schema is missing: expected " << kSchema                   \
                                     << " (the shared/ folder beside the repository, as CI clones it)";       \
    const Tools& t = tools();                                                                                 \
    if (!t.ready && t.registry_unreachable)                                                                   \
      GTEST_SKIP() << "\n*** SKIPPED: the npm registry is unreachable, SARIF NOT VALIDATED ***\n" << t.problem; \
    ASSERT_TRUE(t.ready) << t.problem;                                                                        \
  } while (0)

std::string write_file(const test::TempDir& dir, const std::string& name, const std::string& content) {
  return dir.write(name, content);
}

std::string sarif_text(const Report& report, const RenderOptions& options) {
  std::ostringstream out;
  write_sarif(out, report, options);
  return out.str();
}

RenderOptions options_for(const std::string& base_dir) {
  RenderOptions options;
  options.base_dir = base_dir;
  options.rules = describe_rules({{"team-no-admin", Severity::Warning, "No admin scopes", "No admin scopes.",
                                   "Ask for the scopes the task needs."}});
  return options;
}

// A lint-like report with several rules (one not in options.rules), under base_dir.
Report located_report(const std::string& base_dir) {
  Report r = test::lint_report();
  r.findings.push_back(test::make_finding("team-no-admin", Severity::Warning, "admin scope requested", "",
                                          base_dir + "/ci/deploy.sh", 12, 3, "deploy"));
  r.findings.push_back(test::make_finding("policy-only-rule", Severity::Note, "a rule the options do not list", "",
                                          "dotfiles/with space#and:colon.sh", 2, 1));
  return r;
}

// Schema validation of every file; returns ajv's output on failure.
testing::AssertionResult schema_valid(const std::vector<std::string>& files) {
  std::vector<std::string> argv = {"node", std::string(TCGUARD_SOURCE_DIR) + "/tests/sarif/validate_schema.js",
                                   kModules, kSchema};
  argv.insert(argv.end(), files.begin(), files.end());
  auto r = test::run(argv);
  if (r.exit_code == 0) return testing::AssertionSuccess();
  return testing::AssertionFailure() << "ajv (exit " << r.exit_code << "):\n" << r.out << r.err;
}

struct MultitoolVerdict {
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
  std::string failure;  // the tool itself did not run or wrote no log
};

// The npm wrapper (bin.js) hands its arguments to a shell, so each one is quoted for it.
std::string shell_quoted(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The multitool exits 0 even when it reports errors, so its own SARIF output is read instead.
MultitoolVerdict multitool(const test::TempDir& dir, const std::string& file, const std::string& rule_kinds) {
  MultitoolVerdict v;
  std::string log = dir.path() + "/multitool-" + fs::path(file).filename().string() + ".sarif";
  test::RunOptions options;
  options.cwd = kNpmDir;
  auto r = test::run({"npx", "--no-install", "@microsoft/sarif-multitool", "validate", "--rule-kind",
                      shell_quoted(rule_kinds), "--log", "ForceOverwrite", "-o", shell_quoted(log), shell_quoted(file)},
                     options);
  if (r.exit_code != 0 || !fs::exists(log)) {
    v.failure = "the multitool did not run (exit " + std::to_string(r.exit_code) + "):\n" + r.out + r.err;
    return v;
  }
  Json out = Json::parse(test::read_file(log));
  for (const auto& run : out["runs"]) {
    for (const auto& inv : run.value("invocations", Json::array()))
      if (!inv.value("executionSuccessful", false)) v.failure = "the multitool run failed:\n" + r.out + r.err;
    for (const auto& res : run.value("results", Json::array())) {
      std::string line = res.value("ruleId", "?") + ": " + res["message"].dump();
      std::string level = res.value("level", "warning");
      if (level == "error") v.errors.push_back(line);
      else if (level == "warning") v.warnings.push_back(line);
    }
  }
  return v;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += "  " + l + "\n";
  return out;
}

TEST(SarifValidation, ReportWithLocationsPassesSchemaAndMultitoolWithGithubRules) {
  REQUIRE_TOOLS();
  test::TempDir dir;
  std::string file = write_file(dir, "located.sarif", sarif_text(located_report(dir.path()), options_for(dir.path())));
  EXPECT_TRUE(schema_valid({file}));
  MultitoolVerdict v = multitool(dir, file, "Sarif;Gh");
  ASSERT_EQ(v.failure, "");
  EXPECT_TRUE(v.errors.empty()) << "multitool errors:\n" << joined(v.errors);
  EXPECT_TRUE(v.warnings.empty()) << "multitool warnings:\n" << joined(v.warnings);
}

TEST(SarifValidation, ReportWithoutLocationsPassesSchemaAndMultitool) {
  REQUIRE_TOOLS();
  test::TempDir dir;
  std::string file = write_file(dir, "review.sarif", sarif_text(test::review_report(), options_for(dir.path())));
  EXPECT_TRUE(schema_valid({file}));
  // GitHub's ingestion rules ask every result for a location; a review has no file, so only the
  // SARIF rules apply (review output is for people and scripts, not code scanning).
  MultitoolVerdict v = multitool(dir, file, "Sarif");
  ASSERT_EQ(v.failure, "");
  EXPECT_TRUE(v.errors.empty()) << "multitool errors:\n" << joined(v.errors);
  EXPECT_TRUE(v.warnings.empty()) << "multitool warnings:\n" << joined(v.warnings);
}

TEST(SarifValidation, EmptyReportAndNoBaseDirAreValid) {
  REQUIRE_TOOLS();
  test::TempDir dir;
  std::string empty = write_file(dir, "empty.sarif", sarif_text(Report{}, options_for(dir.path())));
  std::string no_base = write_file(dir, "nobase.sarif", sarif_text(test::lint_report(), options_for("")));
  EXPECT_TRUE(schema_valid({empty, no_base}));
  for (const auto& file : {empty, no_base}) {
    MultitoolVerdict v = multitool(dir, file, "Sarif;Gh");
    ASSERT_EQ(v.failure, "");
    EXPECT_TRUE(v.errors.empty()) << file << " multitool errors:\n" << joined(v.errors);
  }
}

// The validators themselves must be able to say no, or the tests above prove nothing.
TEST(SarifValidation, SchemaRejectsBrokenSarif) {
  REQUIRE_TOOLS();
  test::TempDir dir;
  Json log = Json::parse(sarif_text(located_report(dir.path()), options_for(dir.path())));
  log["runs"][0]["results"][0]["level"] = "fatal";  // not a SARIF level
  EXPECT_FALSE(schema_valid({write_file(dir, "broken-level.sarif", log.dump(2))}));
}

// A log the multitool cannot deserialize (e.g. level "fatal") passes it silently, which is why
// the schema check above is needed too; this one is well-formed but inconsistent.
TEST(SarifValidation, MultitoolRejectsInconsistentSarif) {
  REQUIRE_TOOLS();
  test::TempDir dir;
  Json log = Json::parse(sarif_text(located_report(dir.path()), options_for(dir.path())));
  log["runs"][0]["results"][1]["ruleIndex"] = 100000;  // past the end of the rules array
  MultitoolVerdict v = multitool(dir, write_file(dir, "broken-index.sarif", log.dump(2)), "Sarif;Gh");
  ASSERT_EQ(v.failure, "");
  ASSERT_EQ(v.errors.size(), 1u) << joined(v.errors);
  EXPECT_TRUE(v.errors[0].starts_with("SARIF1009")) << v.errors[0];
}

// GitHub's ingestion rules are what refuse results without a location.
TEST(SarifValidation, GithubRulesWantLocations) {
  REQUIRE_TOOLS();
  test::TempDir dir;
  std::string file = write_file(dir, "review-gh.sarif", sarif_text(test::review_report(), options_for(dir.path())));
  MultitoolVerdict v = multitool(dir, file, "Sarif;Gh");
  ASSERT_EQ(v.failure, "");
  EXPECT_FALSE(v.errors.empty());
  for (const auto& e : v.errors) EXPECT_TRUE(e.starts_with("GH")) << e;
}

// SARIF from the binary itself: `review` (no locations) now, `lint` (locations) once it exists.
TEST(SarifValidation, TcguardReviewOutputIsValid) {
  REQUIRE_TOOLS();
  test::TempDir dir;
  auto r = test::run_tcguard({"--format", "sarif", "review", "-s", "*", "--expires", "1d"});
  ASSERT_EQ(r.exit_code, 1) << r.err;  // the root scope for a day is an error finding
  std::string file = write_file(dir, "tcguard-review.sarif", r.out);
  EXPECT_TRUE(schema_valid({file}));
  MultitoolVerdict v = multitool(dir, file, "Sarif");
  ASSERT_EQ(v.failure, "");
  EXPECT_TRUE(v.errors.empty()) << "multitool errors:\n" << joined(v.errors);
}

TEST(SarifValidation, TcguardLintOutputIsValid) {
  REQUIRE_TOOLS();
  test::TempDir dir;
  std::string script = dir.write("dotfiles/tc.sh",
                                 "alias tc-signin='eval \"$(taskcluster signin \"$@\")\"'\n"
                                 "taskcluster signin --expires 2h -s 'queue:*'\n"
                                 // A call site (relatedLocations, linked from the message) and a
                                 // bare sign-in (folded findings in the message and properties).
                                 "tc() { eval \"$(taskcluster signin \"$@\")\"; }\n"
                                 "tc -s 'queue:*' --expires 2h\n"
                                 "eval \"$(taskcluster signin)\"\n");
  test::RunOptions options;
  options.cwd = dir.path();
  auto r = test::run_tcguard({"--format", "sarif", "lint", "dotfiles"}, options);
  if (r.exit_code == 2 && r.err.find("not implemented") != std::string::npos)
    GTEST_SKIP() << "`tcguard lint` is not implemented yet: its SARIF is not validated";
  ASSERT_EQ(r.exit_code, 1) << r.err;
  std::string file = write_file(dir, "tcguard-lint.sarif", r.out);
  EXPECT_TRUE(schema_valid({file}));
  MultitoolVerdict v = multitool(dir, file, "Sarif;Gh");
  ASSERT_EQ(v.failure, "");
  EXPECT_TRUE(v.errors.empty()) << "multitool errors:\n" << joined(v.errors);
  EXPECT_TRUE(v.warnings.empty()) << "multitool warnings:\n" << joined(v.warnings);
  Json log = Json::parse(r.out);
  ASSERT_FALSE(log["runs"][0]["results"].empty());
  EXPECT_EQ(log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "dotfiles/tc.sh");
  EXPECT_FALSE(log["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"].get<std::string>().empty());
  bool related = false, folded = false;
  for (const auto& res : log["runs"][0]["results"]) {
    related |= res.contains("relatedLocations");
    folded |= res.contains("properties") && res["properties"].contains("folded");
  }
  EXPECT_TRUE(related && folded) << r.out;
}

// A missing path (issue 17 point 6): the other path's results, and the missing one as a
// notification of the run's invocation, in a log both validators accept.
TEST(SarifValidation, TcguardLintWithAMissingPathIsValid) {
  REQUIRE_TOOLS();
  test::TempDir dir;
  dir.write("dotfiles/tc.sh", "taskcluster signin --expires 2h -s 'queue:*'\n");
  test::RunOptions options;
  options.cwd = dir.path();
  auto r = test::run_tcguard({"--format", "sarif", "lint", "gone.sh", "dotfiles"}, options);
  ASSERT_EQ(r.exit_code, 2) << r.err;
  std::string file = write_file(dir, "tcguard-lint-missing.sarif", r.out);
  EXPECT_TRUE(schema_valid({file}));
  MultitoolVerdict v = multitool(dir, file, "Sarif;Gh");
  ASSERT_EQ(v.failure, "");
  EXPECT_TRUE(v.errors.empty()) << "multitool errors:\n" << joined(v.errors);
  EXPECT_TRUE(v.warnings.empty()) << "multitool warnings:\n" << joined(v.warnings);
  Json log = Json::parse(r.out);
  EXPECT_FALSE(log["runs"][0]["results"].empty());
  EXPECT_EQ(log["runs"][0]["invocations"][0]["executionSuccessful"], false);
  EXPECT_EQ(log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["level"], "error");
}

}  // namespace
}  // namespace tcg::report
