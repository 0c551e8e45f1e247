#include "guard/decision.h"

#include <algorithm>

#include "review/review.h"

namespace tcg::guard {

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Allow: return "allow";
    case Verdict::Confirm: return "confirm";
    case Verdict::Deny: return "deny";
  }
  return "deny";
}

namespace {

// Glob with `*` only.
bool glob_match(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

void add_rule(std::vector<std::string>& ids, const std::string& id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

}  // namespace

bool command_pattern_matches(std::string_view pattern, const tccli::Command& command) {
  if (!command.state_changing) return false;
  if (pattern == "*") return !command.local_only && command.name != "signin";
  if (pattern.find('*') != std::string_view::npos) return glob_match(pattern, command.name);
  return pattern == command.name;
}

bool action_applies(const policy::Action& action, const tccli::Command& command, const Target& target) {
  bool named = std::any_of(action.commands.begin(), action.commands.end(),
                           [&](const std::string& p) { return command_pattern_matches(p, command); });
  if (!named) return false;
  for (const auto& flag : action.flags)
    if (!command.has_flag(flag)) return false;
  return action.clusters.matches(target.cluster, target.production);
}

Decision decide(const policy::Policy& policy, const tccli::Command& command, const Target& target) {
  Decision d;
  if (command.name == "signin") {
    d.report = review::review_signin_args(policy, command.signin_args, target.root_url);
    for (const auto& f : d.report.findings) {
      add_rule(d.rule_ids, f.rule);
      if (f.severity == Severity::Error) add_rule(d.deny_rules, f.rule);
    }
  }
  for (const auto& action : policy.actions) {
    if (!action_applies(action, command, target)) continue;
    Finding f;
    f.rule = action.id;
    f.severity = action.severity;
    f.message = action.message;
    f.help = action.help;
    d.report.findings.push_back(std::move(f));
    add_rule(d.rule_ids, action.id);
    if (action.deny) add_rule(d.deny_rules, action.id);
    if (action.confirm) add_rule(d.confirm_rules, action.id);
  }
  if (!d.deny_rules.empty()) d.verdict = Verdict::Deny;
  else if (!d.confirm_rules.empty()) d.verdict = Verdict::Confirm;
  return d;
}

}  // namespace tcg::guard
