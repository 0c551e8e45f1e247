// SARIF 2.1.0 (OASIS), shaped for GitHub code scanning: one run, the rules with their help,
// results with rule ids, levels and relative locations under %SRCROOT%. Written as it goes
// (JsonWriter), byte for byte what nlohmann's dump(2) of the same document printed.
#include <algorithm>
#include <map>
#include <ostream>

#include "report/json_writer.h"
#include "report/render.h"
#include "model/rule.h"
#include "report/render_paths.h"
#include "util/version.h"

namespace tcg::report {
namespace {

constexpr std::string_view kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kBaseId = "%SRCROOT%";

std::string_view level(Severity s) { return severity_name(s); }  // SARIF uses the same three words

void write_message(JsonWriter& w, std::string_view text) {
  w.begin_object();
  w.key("text");
  w.value(text);
  w.end_object();
}

void write_rule(JsonWriter& w, const RuleDescription& d) {
  const std::string& full = d.full_description.empty() ? d.short_description : d.full_description;
  // GitHub code scanning requires help on every rule; the description stands in when there is none.
  const std::string& help = !d.help.empty() ? d.help : full;
  w.begin_object();
  w.key("id");
  w.value(d.id);
  w.key("shortDescription");
  write_message(w, d.short_description.empty() ? d.id : d.short_description);
  w.key("fullDescription");
  write_message(w, full);
  if (!d.help_uri.empty()) {
    w.key("helpUri");
    w.value(d.help_uri);
  }
  w.key("help");
  w.begin_object();
  w.key("text");
  w.value(help);
  w.key("markdown");  // the rule's whole doc page where it has one; else the help, also markdown
  w.value(d.help_markdown.empty() ? help : d.help_markdown);
  w.end_object();
  w.key("defaultConfiguration");
  w.begin_object();
  w.key("level");
  w.value(level(d.severity));
  w.end_object();
  if (!d.security_severity.empty()) {
    // GitHub code scanning ranks alerts of rules tagged `security` by this score (critical, high...).
    w.key("properties");
    w.begin_object();
    w.key("tags");
    w.begin_array();
    w.value("security");
    w.end_array();
    w.key("security-severity");
    w.value(d.security_severity);
    w.end_object();
  }
  w.end_object();
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
  const std::vector<RuleDescription>& rules() const { return rules_; }

 private:
  size_t add(const RuleDescription& d) {
    auto [it, inserted] = index_.emplace(d.id, rules_.size());
    if (inserted) rules_.push_back(d);
    return it->second;
  }
  std::vector<RuleDescription> rules_;
  std::map<std::string, size_t, std::less<>> index_;
  std::vector<RuleDescription> builtin_;
};

// The "physicalLocation" member of a location object.
void write_physical(JsonWriter& w, const SourceLocation& where, const PathsFromBase& paths) {
  ArtifactUri uri = sarif_artifact_uri(paths(where.file));
  w.key("physicalLocation");
  w.begin_object();
  w.key("artifactLocation");
  w.begin_object();
  w.key("uri");
  w.value(uri.uri);
  if (uri.relative) {
    w.key("uriBaseId");
    w.value(kBaseId);
  }
  w.end_object();
  if (where.line > 0) {
    w.key("region");
    w.begin_object();
    w.key("startLine");
    w.value(where.line);
    if (where.column > 0) {
      w.key("startColumn");
      w.value(where.column);
    }
    w.end_object();
  }
  w.end_object();
}

void write_location(JsonWriter& w, const SourceLocation& where, const PathsFromBase& paths) {
  w.begin_object();
  write_physical(w, where, paths);
  w.end_object();
}

// A relatedLocations entry: `id` is what the result's message links to.
void write_related_location(JsonWriter& w, const RelatedLocation& r, int id, const PathsFromBase& paths) {
  w.begin_object();
  w.key("id");
  w.value(id);
  write_physical(w, r.where, paths);
  w.key("message");
  write_message(w, r.message);
  w.end_object();
}

void write_result(JsonWriter& w, const Finding& f, size_t rule_index, const PathsFromBase& paths,
                  std::string& text) {
  w.begin_object();
  w.key("ruleId");
  w.value(f.rule);
  w.key("ruleIndex");
  w.value(static_cast<uint64_t>(rule_index));
  w.key("level");
  w.value(level(f.severity));
  // The finding's own help is more specific than the rule's (e.g. a policy's help text), and code
  // scanning shows the message inline, so the help rides along in it.
  text = f.message;
  // Related places are linked from the message (SARIF 3.11.6 embedded links, `[text](id)` with
  // the relatedLocations' ids); folded findings are told in it, and listed in the properties.
  int next_id = 1;
  for (const auto& r : f.related) {
    if (!r.rule.empty()) {
      text.append("\nalso ").append(r.rule).append(": ").append(r.message);
    } else if (!r.where.file.empty()) {
      text.append("\nnote: [").append(r.message).append("](").append(std::to_string(next_id++)).append(")");
    }
  }
  if (!f.help.empty()) text.append("\nhelp: ").append(f.help);
  w.key("message");
  write_message(w, text);
  // A finding without a file (review) has no location: SARIF allows none, and there is no
  // artifact to point at.
  if (!f.where.file.empty()) {
    w.key("locations");
    w.begin_array();
    write_location(w, f.where, paths);
    w.end_array();
  }
  bool any_place = std::any_of(f.related.begin(), f.related.end(),
                               [](const RelatedLocation& r) { return r.rule.empty() && !r.where.file.empty(); });
  if (any_place) {
    w.key("relatedLocations");
    w.begin_array();
    int id = 1;
    for (const auto& r : f.related) {
      if (!r.rule.empty() || r.where.file.empty()) continue;
      write_related_location(w, r, id++, paths);
    }
    w.end_array();
  }
  bool any_folded = std::any_of(f.related.begin(), f.related.end(), [](const RelatedLocation& r) { return !r.rule.empty(); });
  if (!f.context.empty() || any_folded) {
    w.key("properties");
    w.begin_object();
    if (!f.context.empty()) {
      w.key("context");
      w.value(f.context);
    }
    if (any_folded) {
      w.key("folded");
      w.begin_array();
      for (const auto& r : f.related) {
        if (r.rule.empty()) continue;
        w.begin_object();
        w.key("ruleId");
        w.value(r.rule);
        w.key("level");
        w.value(level(r.severity));
        w.key("message");
        w.value(r.message);
        w.end_object();
      }
      w.end_array();
    }
    w.end_object();
  }
  w.end_object();
}

void write_invocation(JsonWriter& w, const Report& report, const PathsFromBase& paths) {
  w.key("invocations");
  w.begin_array();
  w.begin_object();
  w.key("executionSuccessful");
  w.value(!report.any_input_error());
  if (!report.problems.empty()) {
    w.key("toolExecutionNotifications");
    w.begin_array();
    for (const auto& p : report.problems) {
      w.begin_object();
      w.key("level");
      w.value(level(p.severity));
      w.key("message");
      write_message(w, p.path.empty() ? p.message : p.path + ": " + p.message);
      if (!p.path.empty()) {
        w.key("locations");
        w.begin_array();
        write_location(w, SourceLocation{p.path, 0, 0}, paths);
        w.end_array();
      }
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
  w.end_array();
}

}  // namespace

void write_sarif(std::ostream& out, const Report& report, const RenderOptions& options) {
  // The rules come before the results but grow with them: index every finding first.
  RuleTable rules(options.rules);
  std::vector<size_t> rule_index;
  rule_index.reserve(report.findings.size());
  for (const auto& f : report.findings) rule_index.push_back(rules.index_of(f));

  JsonWriter w(out);
  w.begin_object();
  w.key("$schema");
  w.value(kSchemaUri);
  w.key("version");
  w.value("2.1.0");
  w.key("runs");
  w.begin_array();
  w.begin_object();
  w.key("tool");
  w.begin_object();
  w.key("driver");
  w.begin_object();
  w.key("name");
  w.value("tcguard");
  w.key("version");
  w.value(version());
  w.key("semanticVersion");
  w.value(version());
  w.key("informationUri");
  w.value(rules::kRepositoryUrl);
  w.key("rules");
  w.begin_array();
  for (const auto& d : rules.rules()) write_rule(w, d);
  w.end_array();
  w.end_object();
  w.end_object();
  std::string base_uri = sarif_base_uri(options.base_dir);
  if (!base_uri.empty()) {
    w.key("originalUriBaseIds");
    w.begin_object();
    w.key(kBaseId);
    w.begin_object();
    w.key("uri");
    w.value(base_uri);
    w.end_object();
    w.end_object();
  }
  // lint: the run's invocation says whether every path given could be checked; a missing path is
  // a notification of it (the other paths' results are still there), so an upload step gets both.
  PathsFromBase paths(options.base_dir);
  if (report.files || !report.problems.empty()) write_invocation(w, report, paths);
  w.key("results");
  w.begin_array();
  std::string text;  // reused for each result's message
  for (size_t i = 0; i < report.findings.size(); ++i)
    write_result(w, report.findings[i], rule_index[i], paths, text);
  w.end_array();
  w.end_object();
  w.end_array();
  w.end_object();
  w.raw("\n");
  w.flush();
}

}  // namespace tcg::report
