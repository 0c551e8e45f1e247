#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <filesystem>
#include <sstream>

#include "fixtures.h"
#include "report/render.h"
#include "model/rule.h"
#include "util/version.h"

namespace tcg::report {
namespace {

using test::make_finding;
using Json = nlohmann::json;

Json sarif_of(const Report& report, const RenderOptions& options) {
  std::ostringstream out;
  write_sarif(out, report, options);
  return Json::parse(out.str());
}

// The working folder: the fixtures' relative paths lie inside it, as in `tcguard lint` run from a repo.
RenderOptions repo_options() {
  RenderOptions options;
  options.base_dir = std::filesystem::current_path().string();
  options.rules = describe_rules();
  return options;
}

TEST(SarifReport, LogAndToolShape) {
  Json log = sarif_of(test::lint_report(), repo_options());
  EXPECT_EQ(log["version"], "2.1.0");
  EXPECT_EQ(log["$schema"],
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
  ASSERT_EQ(log["runs"].size(), 1u);
  Json& driver = log["runs"][0]["tool"]["driver"];
  EXPECT_EQ(driver["name"], "tcguard");
  EXPECT_EQ(driver["version"], std::string(version()));
  EXPECT_EQ(driver["informationUri"], std::string(rules::kRepositoryUrl));
  EXPECT_EQ(driver["rules"].size(), rules::builtin_rules().size());
  EXPECT_EQ(log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"], sarif_base_uri(repo_options().base_dir));
}

TEST(SarifReport, RulesCarryDescriptionsHelpAndLevel) {
  Json log = sarif_of(test::lint_report(), repo_options());
  for (Json& rule : log["runs"][0]["tool"]["driver"]["rules"]) {
    const auto* info = rules::find_builtin_rule(rule["id"].get<std::string>());
    ASSERT_NE(info, nullptr) << rule.dump();
    EXPECT_EQ(rule["shortDescription"]["text"], std::string(info->summary));
    EXPECT_FALSE(rule["fullDescription"]["text"].get<std::string>().empty());
    EXPECT_FALSE(rule["help"]["text"].get<std::string>().empty());
    EXPECT_EQ(rule["defaultConfiguration"]["level"], std::string(severity_name(info->severity)));
    // The rule's page: linked, and given whole as the markdown help.
    EXPECT_EQ(rule["helpUri"], std::string(rules::kRepositoryUrl) + "/blob/main/docs/rules/" +
                                   rule["id"].get<std::string>() + ".md");
    auto page = rules::rule_doc(info->id);
    ASSERT_TRUE(page) << info->id;
    EXPECT_EQ(rule["help"]["markdown"], std::string(*page));
    // security-severity comes from the registry, with the `security` tag code scanning needs.
    if (info->security_severity.empty()) {
      EXPECT_FALSE(rule.contains("properties")) << rule.dump();
    } else {
      EXPECT_EQ(rule["properties"]["security-severity"], std::string(info->security_severity));
      EXPECT_EQ(rule["properties"]["tags"], Json({"security"}));
    }
  }
}

// GitHub's scale: 9.0 and up critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
TEST(SarifReport, SecuritySeverityIsAScoreWhereTheRiskIs) {
  auto score = [](std::string_view id) {
    const auto* info = rules::find_builtin_rule(id);
    EXPECT_NE(info, nullptr) << id;
    if (!info || info->security_severity.empty()) return -1.0;
    return std::stod(std::string(info->security_severity));
  };
  for (const auto& info : rules::builtin_rules()) {
    if (info.security_severity.empty()) continue;
    double v = score(info.id);
    EXPECT_TRUE(v > 0.0 && v <= 10.0) << info.id;
    EXPECT_EQ(info.security_severity.find_first_not_of("0123456789."), std::string_view::npos) << info.id;
  }
  EXPECT_GE(score("hardcoded-access-token"), 9.0);  // a leaked token: critical
  EXPECT_GE(score("root-scope-expiry"), 7.0);       // root for long: high
  EXPECT_LT(score("root-scope-expiry"), 9.0);
  EXPECT_GE(score("long-lived-credential"), 4.0);   // medium
  EXPECT_LT(score("long-lived-credential"), 7.0);
  EXPECT_EQ(score("scope-redundant"), -1.0);        // not a security rule
  EXPECT_EQ(score("suppression-without-reason"), -1.0);
}

TEST(SarifReport, APolicyRuleUnderABuiltinIdKeepsItsPageAndScore) {
  RenderOptions options;
  options.rules = describe_rules({{"root-scope-expiry", Severity::Error, "Root for 5 minutes", "Root for 5m.", ""},
                                  {"team-rule", Severity::Warning, "team", "team", "ask the team"}});
  Json rules = sarif_of(Report{}, options)["runs"][0]["tool"]["driver"]["rules"];
  for (const auto& rule : rules) {
    if (rule["id"] == "root-scope-expiry") {
      EXPECT_EQ(rule["shortDescription"]["text"], "Root for 5 minutes");
      EXPECT_EQ(rule["helpUri"], rules::rule_doc_url("root-scope-expiry"));
      EXPECT_EQ(rule["properties"]["security-severity"],
                std::string(rules::find_builtin_rule("root-scope-expiry")->security_severity));
    }
    if (rule["id"] == "team-rule") {
      EXPECT_FALSE(rule.contains("helpUri")) << "a policy's own rule has no page in the repository";
      EXPECT_EQ(rule["help"]["markdown"], "ask the team");
      EXPECT_FALSE(rule.contains("properties"));
    }
  }
}

TEST(SarifReport, ResultsPointAtTheirRulesAndRelativeFiles) {
  Report report = test::lint_report();
  report.findings[0].where.file = repo_options().base_dir + "/dotfiles/aliases.sh";  // absolute, inside
  Json log = sarif_of(report, repo_options());
  Json& run = log["runs"][0];
  ASSERT_EQ(run["results"].size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    Json& result = run["results"][i];
    EXPECT_EQ(result["ruleId"], report.findings[i].rule);
    EXPECT_EQ(run["tool"]["driver"]["rules"][result["ruleIndex"].get<size_t>()]["id"], report.findings[i].rule);
    EXPECT_EQ(result["level"], std::string(severity_name(report.findings[i].severity)));
    Json& loc = result["locations"][0]["physicalLocation"];
    EXPECT_EQ(loc["artifactLocation"]["uri"], "dotfiles/aliases.sh");
    EXPECT_EQ(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    EXPECT_EQ(loc["region"]["startLine"], report.findings[i].where.line);
  }
  EXPECT_EQ(run["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"], 7);
  EXPECT_FALSE(run["results"][2]["locations"][0]["physicalLocation"]["region"].contains("startColumn"));
  EXPECT_EQ(run["results"][0]["message"]["text"],
            "alias tc-signin uses \"$@\", which an alias never receives\nhelp: Define a function instead: "
            "tc-signin() { ...; }");
  EXPECT_EQ(run["results"][2]["message"]["text"], "queue:a is covered by queue:*");
  EXPECT_EQ(run["results"][0]["properties"]["context"], "tc-signin");
}

TEST(SarifReport, ResultWithoutFileHasNoLocation) {
  Json log = sarif_of(test::review_report(), repo_options());
  Json& result = log["runs"][0]["results"][0];
  EXPECT_EQ(result["ruleId"], "root-scope-expiry");
  EXPECT_FALSE(result.contains("locations"));
}

TEST(SarifReport, FileOutsideBaseDirIsAnAbsoluteFileUri) {
  Report report;
  report.findings.push_back(make_finding("x", Severity::Error, "m", "", "/etc/profile.d/tc sh", 2, 0));
  Json loc = sarif_of(report, repo_options())["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"]["uri"], "file:///etc/profile.d/tc%20sh");
  EXPECT_FALSE(loc["artifactLocation"].contains("uriBaseId"));
}

TEST(SarifReport, MissingRulesAreAppendedOnce) {
  Report report;
  report.findings.push_back(make_finding("team-rule", Severity::Warning, "m", "ask the team", "a.sh", 1, 1));
  report.findings.push_back(make_finding("hardcoded-access-token", Severity::Error, "token", "", "a.sh", 2, 1));
  report.findings.push_back(make_finding("team-rule", Severity::Warning, "m2", "", "a.sh", 3, 1));
  RenderOptions options;  // no rules listed at all
  Json run = sarif_of(report, options)["runs"][0];
  Json& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0]["id"], "team-rule");
  EXPECT_EQ(rules[0]["defaultConfiguration"]["level"], "warning");
  EXPECT_EQ(rules[0]["help"]["text"], "ask the team");
  EXPECT_EQ(rules[1]["id"], "hardcoded-access-token");  // a built-in: described from the registry
  EXPECT_EQ(rules[1]["shortDescription"]["text"],
            std::string(rules::find_builtin_rule("hardcoded-access-token")->summary));
  EXPECT_EQ(run["results"][0]["ruleIndex"], 0);
  EXPECT_EQ(run["results"][1]["ruleIndex"], 1);
  EXPECT_EQ(run["results"][2]["ruleIndex"], 0);
  EXPECT_FALSE(run.contains("originalUriBaseIds"));  // no base_dir
}

TEST(SarifReport, EveryRuleHasHelpEvenWithoutAny) {
  RenderOptions options;
  options.rules = {{"quiet-rule", Severity::Note, "short", "The full description.", ""}};
  Report report;
  report.findings.push_back(make_finding("unlisted", Severity::Note, "m", "", "x.sh", 1, 1));
  Json rules = sarif_of(report, options)["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0]["help"]["text"], "The full description.");
  EXPECT_EQ(rules[1]["help"]["text"], "unlisted");
}

TEST(SarifReport, DuplicateRuleIdsAreListedOnce) {
  RenderOptions options;
  options.rules = {{"a", Severity::Error, "first", "first", "h"}, {"a", Severity::Note, "second", "second", "h"}};
  Report report;
  report.findings.push_back(make_finding("a", Severity::Note, "m", "", "x.sh", 1, 1));
  Json driver = sarif_of(report, options)["runs"][0]["tool"]["driver"];
  ASSERT_EQ(driver["rules"].size(), 1u);
  EXPECT_EQ(driver["rules"][0]["shortDescription"]["text"], "first");
}

TEST(SarifReport, ResultLevelIsTheFindingsNotTheRulesDefault) {
  Report report;
  report.findings.push_back(make_finding("long-lived-credential", Severity::Error, "m", "", "x.sh", 1, 1));
  Json run = sarif_of(report, repo_options())["runs"][0];
  EXPECT_EQ(run["results"][0]["level"], "error");
  EXPECT_EQ(run["tool"]["driver"]["rules"][run["results"][0]["ruleIndex"].get<size_t>()]["defaultConfiguration"]
               ["level"],
            "warning");
}

TEST(SarifReport, EmptyReportStillHasRunAndResults) {
  Json run = sarif_of(Report{}, repo_options())["runs"][0];
  EXPECT_EQ(run["results"], Json::array());
}

}  // namespace
}  // namespace tcg::report
