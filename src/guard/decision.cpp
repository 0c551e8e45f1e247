#include "guard/decision.h"

#include <algorithm>

#include "review/review.h"
#include "rules/actions.h"

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

void add_rule(std::vector<std::string>& ids, const std::string& id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

}  // namespace

bool command_pattern_matches(std::string_view pattern, const tccli::Command& command) {
  return rules::command_pattern_matches(pattern, command);
}

bool action_applies(const policy::Action& action, const tccli::Command& command, const Target& target) {
  return rules::action_applies(action, command, target.cluster, target.production);
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
  // The same evaluation lint applies to the commands of a script (rules/actions.h).
  for (const policy::Action* action : rules::applicable_actions(policy, command, target.cluster, target.production)) {
    d.report.findings.push_back(rules::action_finding(*action));
    add_rule(d.rule_ids, action->id);
    if (action->deny) add_rule(d.deny_rules, action->id);
    if (action->confirm) add_rule(d.confirm_rules, action->id);
  }
  if (!d.deny_rules.empty()) d.verdict = Verdict::Deny;
  else if (!d.confirm_rules.empty()) d.verdict = Verdict::Confirm;
  return d;
}

}  // namespace tcg::guard
