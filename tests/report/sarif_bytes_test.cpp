// The streaming SARIF writer must print exactly what the nlohmann document printed before it. The
// reference below is the former render_sarif.cpp's document, built with nlohmann and dumped, with
// what issue 17 added (helpUri, the page as markdown, security-severity, informationUri, the run's
// invocation for lint).
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fixtures.h"
#include "model/rule.h"
#include "report/render.h"
#include "util/version.h"

namespace tcg::report {
namespace {

using Json = nlohmann::ordered_json;

Json message(std::string_view text) { return Json{{"text", text}}; }

Json reference_rule(const RuleDescription& d) {
  Json j;
  j["id"] = d.id;
  j["shortDescription"] = message(d.short_description.empty() ? d.id : d.short_description);
  j["fullDescription"] = message(d.full_description.empty() ? d.short_description : d.full_description);
  const std::string& help = !d.help.empty() ? d.help : j["fullDescription"]["text"].get_ref<const std::string&>();
  if (!d.help_uri.empty()) j["helpUri"] = d.help_uri;
  j["help"] = {{"text", help}, {"markdown", d.help_markdown.empty() ? help : d.help_markdown}};
  j["defaultConfiguration"] = {{"level", severity_name(d.severity)}};
  if (!d.security_severity.empty())
    j["properties"] = {{"tags", Json::array({"security"})}, {"security-severity", d.security_severity}};
  return j;
}

std::string reference_sarif(const Report& report, const RenderOptions& options) {
  Json rules = Json::array();
  std::map<std::string, size_t> index;
  std::vector<RuleDescription> builtin = describe_rules();
  auto add = [&](const RuleDescription& d) {
    auto [it, inserted] = index.emplace(d.id, rules.size());
    if (inserted) rules.push_back(reference_rule(d));
    return it->second;
  };
  for (const auto& r : options.rules) add(r);
  Json results = Json::array();
  for (const auto& f : report.findings) {
    size_t rule_index;
    if (auto it = index.find(f.rule); it != index.end()) {
      rule_index = it->second;
    } else {
      auto b = std::find_if(builtin.begin(), builtin.end(), [&](const RuleDescription& d) { return d.id == f.rule; });
      if (b != builtin.end()) {
        rule_index = add(*b);
      } else {
        RuleDescription d;
        d.id = d.short_description = d.full_description = f.rule;
        d.severity = f.severity;
        d.help = f.help;
        rule_index = add(d);
      }
    }
    Json j;
    j["ruleId"] = f.rule;
    j["ruleIndex"] = rule_index;
    j["level"] = severity_name(f.severity);
    std::string text = f.message;
    if (!f.help.empty()) text += "\nhelp: " + f.help;
    j["message"] = message(text);
    if (!f.where.file.empty()) {
      ArtifactUri uri = sarif_artifact_uri(f.where.file, options.base_dir);
      Json artifact{{"uri", uri.uri}};
      if (uri.relative) artifact["uriBaseId"] = "%SRCROOT%";
      Json physical{{"artifactLocation", artifact}};
      if (f.where.line > 0) {
        Json region{{"startLine", f.where.line}};
        if (f.where.column > 0) region["startColumn"] = f.where.column;
        physical["region"] = region;
      }
      j["locations"] = Json::array({Json{{"physicalLocation", physical}}});
    }
    if (!f.context.empty()) j["properties"] = {{"context", f.context}};
    results.push_back(j);
  }
  Json driver;
  driver["name"] = "tcguard";
  driver["version"] = version();
  driver["semanticVersion"] = version();
  driver["informationUri"] = rules::kRepositoryUrl;
  driver["rules"] = rules;
  Json run;
  run["tool"] = {{"driver", driver}};
  std::string base_uri = sarif_base_uri(options.base_dir);
  if (!base_uri.empty()) run["originalUriBaseIds"] = {{"%SRCROOT%", {{"uri", base_uri}}}};
  if (report.files || !report.problems.empty()) {
    Json invocation{{"executionSuccessful", !report.any_input_error()}};
    Json notes = Json::array();
    for (const auto& p : report.problems) {
      Json n{{"level", severity_name(p.severity)}, {"message", message(p.path.empty() ? p.message : p.path + ": " + p.message)}};
      if (!p.path.empty()) {
        ArtifactUri uri = sarif_artifact_uri(p.path, options.base_dir);
        Json artifact{{"uri", uri.uri}};
        if (uri.relative) artifact["uriBaseId"] = "%SRCROOT%";
        n["locations"] = Json::array({Json{{"physicalLocation", {{"artifactLocation", artifact}}}}});
      }
      notes.push_back(n);
    }
    if (!notes.empty()) invocation["toolExecutionNotifications"] = notes;
    run["invocations"] = Json::array({invocation});
  }
  run["results"] = results;
  Json doc;
  doc["$schema"] = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = Json::array({run});
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string written_sarif(const Report& report, const RenderOptions& options) {
  std::ostringstream out;
  write_sarif(out, report, options);
  return out.str();
}

Report awkward_findings() {
  Report r;
  r.findings.push_back(test::make_finding("root-scope-expiry", Severity::Error, "m \"q\" \\ \x01\xc3", "h\n",
                                          "/repo/dot files/a#b.sh", 3, 7, "tc-\xe2\x82", 0));
  r.findings.push_back(test::make_finding("scope-redundant", Severity::Note, "", "", "/elsewhere/x.sh", 4, 0));
  r.findings.push_back(test::make_finding("my-policy-rule", Severity::Warning, "custom", "", "rel/y.sh", 0, 0));
  r.findings.push_back(test::make_finding("my-policy-rule", Severity::Error, "again", "help", "", 0, 0, "c"));
  r.findings.push_back(test::make_finding("\xff-odd\x7f", Severity::Note, "\xed\xa0\x80", "\xf4\x90\x80\x80"));
  return r;
}

// A lint run with a path that could not be checked and one walked past.
Report lint_with_problems() {
  Report r = test::lint_report();
  r.files = std::vector<std::string>{"dotfiles/aliases.sh"};
  r.problems.push_back({Severity::Error, "no such file or folder", "gone dir/x.sh"});
  r.problems.push_back({Severity::Warning, "cannot read folder: Permission denied", "/repo/locked"});
  r.problems.push_back({Severity::Error, "a problem without a path", ""});
  return r;
}

TEST(SarifBytes, MatchesNlohmannWithAndWithoutRulesAndBase) {
  RuleDescription listed{"listed", Severity::Warning, "", "", ""};  // every description empty
  RuleDescription policy_rule{"root-scope-expiry", Severity::Error, "short", "full\twith tab", "help **md**"};
  for (const std::string base : {"", "/repo", "/repo/", "/"}) {
    for (const auto& rules : {std::vector<RuleDescription>{}, std::vector<RuleDescription>{listed, policy_rule, listed}}) {
      RenderOptions options;
      options.base_dir = base;
      options.rules = rules;
      Report clean_lint;
      clean_lint.files.emplace();
      for (const Report& report :
           {Report{}, awkward_findings(), test::lint_report(), test::review_report(), lint_with_problems(), clean_lint})
        EXPECT_EQ(written_sarif(report, options), reference_sarif(report, options)) << "base " << base;
    }
  }
}

TEST(SarifBytes, BuiltinRulesListMatchesNlohmann) {
  RenderOptions options;
  options.base_dir = "/repo";
  options.rules = describe_rules();
  Report report = awkward_findings();
  EXPECT_EQ(written_sarif(report, options), reference_sarif(report, options));
}

}  // namespace
}  // namespace tcg::report
