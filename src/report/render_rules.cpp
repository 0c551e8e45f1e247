// Rule descriptions for SARIF: the built-in registry (prose from the embedded doc pages) plus extra.
#include "report/render.h"
#include "model/rule.h"

namespace tcg::report {

std::vector<RuleDescription> describe_rules(const std::vector<RuleDescription>& extra) {
  std::vector<RuleDescription> out;
  for (const auto& info : rules::builtin_rules()) {
    RuleDescription d;
    d.id = std::string(info.id);
    d.severity = info.severity;
    d.short_description = std::string(info.summary);
    // A rule whose doc page is not written yet still gets a description: its summary.
    d.full_description = rules::rule_doc_description(info.id);
    if (d.full_description.empty()) d.full_description = d.short_description;
    d.help = rules::rule_doc_fix(info.id);
    if (d.help.empty()) d.help = d.short_description;
    d.help_uri = rules::rule_doc_url(info.id);
    if (auto page = rules::rule_doc(info.id)) d.help_markdown = std::string(*page);
    d.security_severity = std::string(info.security_severity);
    out.push_back(std::move(d));
  }
  for (const auto& e : extra) {
    RuleDescription d = e;
    if (d.short_description.empty()) d.short_description = d.full_description.empty() ? d.id : d.full_description;
    if (d.full_description.empty()) d.full_description = d.short_description;
    // Like policy files, a later description with the same id replaces the earlier one.
    bool replaced = false;
    for (auto& existing : out) {
      if (existing.id != d.id) continue;
      // A policy rule under a built-in id is still that rule: its page and its security weight stay,
      // unless the policy says how to fix it in its own words (the page would then disagree).
      if (d.help.empty()) {
        d.help = existing.help;
        if (d.help_markdown.empty()) d.help_markdown = existing.help_markdown;
      }
      if (d.help_uri.empty()) d.help_uri = existing.help_uri;
      if (d.security_severity.empty()) d.security_severity = existing.security_severity;
      existing = std::move(d);
      replaced = true;
      break;
    }
    if (!replaced) out.push_back(std::move(d));
  }
  return out;
}

}  // namespace tcg::report
