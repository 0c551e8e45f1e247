#include "judge/judge.h"

#include <algorithm>

#include "judge/fold.h"
#include "model/rule.h"
#include "rules/check.h"
#include "shell/suppressions.h"

namespace tcg::judge {

namespace {

bool same_request(const SigninRequest& a, const SigninRequest& b) {
  return a.where.line == b.where.line && a.where.column == b.where.column && a.context == b.context &&
         a.root_url == b.root_url && a.scopes == b.scopes && a.scopes_known == b.scopes_known &&
         a.scope_args == b.scope_args && a.expires == b.expires && a.expires_known == b.expires_known;
}

bool finding_less(const Finding& a, const Finding& b) {
  if (a.where.line != b.where.line) return a.where.line < b.where.line;
  if (a.where.column != b.where.column) return a.where.column < b.where.column;
  if (a.rule != b.rule) return a.rule < b.rule;
  if (a.message != b.message) return a.message < b.message;
  return a.context < b.context;
}

// One problem at one place is one finding, whichever paths reach it: a function run on its own
// and called with the same literal words resolve to the same request and the same message. The
// finding of the first context is kept (the function's own name sorts before "f called at ..").
bool same_finding(const Finding& a, const Finding& b) {
  return a.rule == b.rule && a.where.line == b.where.line && a.where.column == b.where.column &&
         a.message == b.message;
}

std::vector<std::string> suppressible_ids(const policy::Policy& policy) {
  std::vector<std::string> ids{"all"};
  for (const auto& r : rules::builtin_rules()) ids.emplace_back(r.id);
  for (const auto& r : policy.rules) ids.push_back(r.id);
  for (const auto& a : policy.actions) ids.push_back(a.id);
  return ids;
}

}  // namespace

Judgement judge(const policy::Policy& policy, const Subject& subject, int64_t today_days) {
  Judgement out;
  std::vector<SigninRequest>& requests = out.report.requests;
  out.signin_request.reserve(subject.signins.size());
  for (const auto& r : subject.signins) {
    auto same = std::find_if(requests.begin(), requests.end(), [&](const SigninRequest& q) { return same_request(q, r); });
    out.signin_request.push_back(static_cast<size_t>(same - requests.begin()));
    if (same == requests.end()) requests.push_back(r);
  }
  const size_t held_request = requests.size();
  if (subject.credentials) requests.push_back(subject.credentials->held);

  std::vector<shell::Suppression> suppressions;
  std::vector<std::string> known_ids;
  std::optional<rules::ShellFacts> shell_facts;
  if (subject.shell) {
    suppressions = shell::parse_suppressions(*subject.shell);
    // Only a suppression is checked against the ids (suppression-invalid); most files have none.
    if (!suppressions.empty()) known_ids = suppressible_ids(policy);
    shell_facts.emplace(rules::ShellFacts{*subject.shell, subject.signins, out.signin_request, suppressions, known_ids});
  }
  rules::Facts facts{policy,
                     requests,
                     subject.unknown_lifetime_fails,
                     subject.expansion,
                     shell_facts ? &*shell_facts : nullptr,
                     subject.credentials,
                     held_request};

  std::vector<Finding>& findings = out.report.findings;
  for (const auto& check : rules::all_checks()) check->check(facts, findings);
  relate_call_sites(requests, findings);
  if (subject.shell) {
    shell::apply_suppressions(suppressions, findings);
    // A file's findings in the order of its text; the others in the order of the check list.
    std::stable_sort(findings.begin(), findings.end(), finding_less);
    findings.erase(std::unique(findings.begin(), findings.end(), same_finding), findings.end());
    merge_call_duplicates(requests, findings);
  }
  out.used_exceptions = policy::apply_exceptions(policy, today_days, findings);
  fold_causes(findings);
  return out;
}

Judgement judge(const policy::Policy& policy, const Subject& subject) {
  return judge(policy, subject, policy::today_days_utc());
}

}  // namespace tcg::judge
