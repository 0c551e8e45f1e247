// SARIF 2.1.0 (OASIS), shaped for GitHub code scanning: one run, the rules with their help,
// results with rule ids, levels and relative locations under %SRCROOT%.
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "report/render.h"
#include "util/version.h"

namespace tcg::report {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kBaseId = "%SRCROOT%";

std::string_view level(Severity s) { return severity_name(s); }  // SARIF uses the same three words

Json message(std::string_view text) { return Json{{"text", text}}; }

Json rule_json(const RuleDescription& d) {
  Json j;
  j["id"] = d.id;
  j["shortDescription"] = message(d.short_description.empty() ? d.id : d.short_description);
  j["fullDescription"] = message(d.full_description.empty() ? d.short_description : d.full_description);
  // GitHub code scanning requires help on every rule; the description stands in when there is none.
  const std::string& help = !d.help.empty() ? d.help : j["fullDescription"]["text"].get_ref<const std::string&>();
  j["help"] = {{"text", help}, {"markdown", help}};  // doc pages are markdown
  j["defaultConfiguration"] = {{"level", level(d.severity)}};
  return j;
}

// The rules array: options.rules (first of each id), then one per rule id only found in results.
class RuleTable {
 public:
  explicit RuleTable(const std::vector<RuleDescription>& rules) {
    for (const auto& r : rules) add(r);
  }
  size_t index_of(const Finding& f) {
    auto it = index_.find(f.rule);
    if (it != index_.end()) return it->second;
    if (builtin_.empty()) builtin_ = describe_rules();
    for (const auto& b : builtin_)
      if (b.id == f.rule) return add(b);
    RuleDescription d;
    d.id = f.rule;
    d.severity = f.severity;
    d.short_description = f.rule;
    d.full_description = f.rule;
    d.help = f.help;
    return add(d);
  }
  const Json& json() const { return rules_; }

 private:
  size_t add(const RuleDescription& d) {
    auto [it, inserted] = index_.emplace(d.id, rules_.size());
    if (inserted) rules_.push_back(rule_json(d));
    return it->second;
  }
  Json rules_ = Json::array();
  std::map<std::string, size_t> index_;
  std::vector<RuleDescription> builtin_;
};

Json location_json(const SourceLocation& where, const std::string& base_dir) {
  ArtifactUri uri = sarif_artifact_uri(where.file, base_dir);
  Json artifact{{"uri", uri.uri}};
  if (uri.relative) artifact["uriBaseId"] = kBaseId;
  Json physical{{"artifactLocation", artifact}};
  if (where.line > 0) {
    Json region{{"startLine", where.line}};
    if (where.column > 0) region["startColumn"] = where.column;
    physical["region"] = region;
  }
  return Json{{"physicalLocation", physical}};
}

Json result_json(const Finding& f, size_t rule_index, const std::string& base_dir) {
  Json j;
  j["ruleId"] = f.rule;
  j["ruleIndex"] = rule_index;
  j["level"] = level(f.severity);
  // The finding's own help is more specific than the rule's (e.g. a policy's help text), and code
  // scanning shows the message inline, so the help rides along in it.
  std::string text = f.message;
  if (!f.help.empty()) text += "\nhelp: " + f.help;
  j["message"] = message(text);
  // A finding without a file (review) has no location: SARIF allows none, and there is no
  // artifact to point at.
  if (!f.where.file.empty()) j["locations"] = Json::array({location_json(f.where, base_dir)});
  if (!f.context.empty()) j["properties"] = {{"context", f.context}};
  return j;
}

}  // namespace

void write_sarif(std::ostream& out, const Report& report, const RenderOptions& options) {
  RuleTable rules(options.rules);
  Json results = Json::array();
  for (const auto& f : report.findings) results.push_back(result_json(f, rules.index_of(f), options.base_dir));

  Json driver;
  driver["name"] = "tcguard";
  driver["version"] = version();
  driver["semanticVersion"] = version();
  driver["rules"] = rules.json();

  Json run;
  run["tool"] = {{"driver", driver}};
  std::string base_uri = sarif_base_uri(options.base_dir);
  if (!base_uri.empty()) run["originalUriBaseIds"] = {{kBaseId, {{"uri", base_uri}}}};
  run["results"] = results;

  Json doc;
  doc["$schema"] = kSchemaUri;
  doc["version"] = "2.1.0";
  doc["runs"] = Json::array({run});
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace tcg::report
