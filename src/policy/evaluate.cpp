// The policy rules applied to one sign-in request.
#include <re2/re2.h>

#include <algorithm>

#include "duration/duration.h"
#include "policy/policy.h"
#include "policy/unknown_lifetime.h"

namespace tcg::policy {

namespace {

// The requested scopes that made the rule's scope conditions hold (for the message), or nullopt
// when a condition does not hold. A rule without scope conditions holds with no scopes named.
std::optional<std::vector<std::string>> conditions_hold(const RuleCondition& when, const SigninRequest& request) {
  std::vector<std::string> triggers;
  if (!when.has_scope_condition()) return triggers;
  if (!request.scopes_known) return std::nullopt;  // cannot judge: dynamic-signin-request reports it
  auto add = [&](const std::string& scope) {
    if (std::find(triggers.begin(), triggers.end(), scope) == triggers.end()) triggers.push_back(scope);
  };
  if (when.grants) {
    scopes::ScopeSet held(request.scopes);
    auto satisfying = scopes::scopes_satisfying(held, *when.grants);
    if (!satisfying) return std::nullopt;
    // Name the requested scopes that grant the expression's satisfied leaves.
    for (const auto& scope : request.scopes)
      for (const auto& leaf : *satisfying)
        if (scopes::scope_satisfies(scope, leaf)) add(scope);
  }
  if (!when.grants_any.empty()) {
    bool any = false;
    for (const auto& scope : request.scopes) {
      if (scopes::intersects(scope, when.grants_any)) {
        add(scope);
        any = true;
      }
    }
    if (!any) return std::nullopt;
  }
  if (when.scope_regex) {
    bool any = false;
    for (const auto& scope : request.scopes) {
      if (RE2::FullMatch(scope, *when.scope_regex)) {
        add(scope);
        any = true;
      }
    }
    if (!any) return std::nullopt;
  }
  // Taskcluster satisfaction, not text: `queue:*` listed satisfies `queue:rerun-task:x` requested.
  auto listed_satisfies = [](const std::vector<std::string>& listed, const std::string& scope) {
    return std::any_of(listed.begin(), listed.end(), [&](const std::string& l) { return scopes::scope_satisfies(l, scope); });
  };
  if (!when.scope_in.empty()) {
    for (const auto& scope : request.scopes)
      if (!listed_satisfies(when.scope_in, scope)) return std::nullopt;
    for (const auto& scope : request.scopes) add(scope);
  }
  if (!when.scope_not_in.empty()) {
    bool any = false;
    for (const auto& scope : request.scopes) {
      if (listed_satisfies(when.scope_not_in, scope)) continue;
      add(scope);
      any = true;
    }
    if (!any) return std::nullopt;
  }
  return triggers;
}

std::string describe_scopes(const std::vector<std::string>& scopes) {
  if (scopes.empty()) return "credentials";
  std::string out;
  constexpr size_t kShown = 3;
  for (size_t i = 0; i < scopes.size() && i < kShown; ++i) out += (i ? ", `" : "`") + scopes[i] + "`";
  if (scopes.size() > kShown) out += " and " + std::to_string(scopes.size() - kShown) + " more";
  return out;
}

std::string describe_cluster(const SigninRequest& request) {
  std::string kind = request.production ? "production" : "non-production";
  if (!request.cluster.empty()) return request.cluster + " (" + kind + ")";
  if (request.root_url) return *request.root_url + " (unknown cluster, judged " + kind + ")";
  return "an unknown cluster (judged " + kind + ")";
}

Finding make_finding(const Rule& rule, const SigninRequest& request, std::string message) {
  Finding f;
  f.rule = rule.id;
  f.severity = rule.severity;
  f.message = std::move(message);
  f.help = rule.help;
  f.where = request.where;
  f.context = request.context;
  return f;
}

}  // namespace

std::vector<Finding> evaluate_rules(const Policy& policy, const SigninRequest& request) {
  std::vector<Finding> findings;
  const bool lifetime_known = request.expires_known && request.expires_seconds.has_value();
  for (const auto& rule : policy.rules) {
    if (!rule.clusters.matches(request.cluster, request.production)) continue;
    // Most rules hold on lint's requests but find nothing: decide before building any message.
    const int64_t lifetime = lifetime_known ? *request.expires_seconds : 0;
    const auto max_expiry = rule.max_expiry.for_cluster(request.cluster);
    const auto min_expiry = rule.min_expiry.for_cluster(request.cluster);
    const bool too_long = lifetime_known && max_expiry && lifetime > *max_expiry;
    const bool too_short = lifetime_known && min_expiry && lifetime < *min_expiry;
    if (!rule.deny && !too_long && !too_short) continue;
    auto triggers = conditions_hold(rule.when, request);
    if (!triggers) continue;
    const std::string what =
        (request.holder.empty() ? "requests " : request.holder + " hold ") + describe_scopes(*triggers);
    const std::string where = " on " + describe_cluster(request);
    if (rule.deny) findings.push_back(make_finding(rule, request, what + where + ", which " + rule.id + " denies"));
    if (!lifetime_known) continue;
    const std::string for_how_long = " for " + format_duration(lifetime);
    if (too_long)
      findings.push_back(make_finding(rule, request, what + for_how_long + where + "; " + rule.id + " allows at most " +
                                                         format_duration(*max_expiry)));
    if (too_short)
      findings.push_back(make_finding(rule, request, what + for_how_long + where + "; " + rule.id + " requires at least " +
                                                         format_duration(*min_expiry)));
  }
  return findings;
}

// Only the rules with scope conditions (root-scope-expiry, the wildcard ones): an unconditional
// lifetime rule would fire on every helper taking `--expires "$1"`, which dynamic-signin-request
// already reports.
std::vector<Finding> unknown_lifetime_findings(const Policy& policy, const SigninRequest& request) {
  std::vector<Finding> findings;
  if (request.expires_known) return findings;
  for (const auto& rule : policy.rules) {
    const auto max_expiry = rule.max_expiry.for_cluster(request.cluster);
    if (!max_expiry || !rule.clusters.matches(request.cluster, request.production)) continue;
    const RuleCondition& when = rule.when;
    if (!when.has_scope_condition()) continue;
    auto triggers = conditions_hold(when, request);
    if (!triggers) continue;
    findings.push_back(make_finding(rule, request,
                                    "requests " + describe_scopes(*triggers) + " for a lifetime tcguard could not "
                                    "determine (possibly unbounded) on " + describe_cluster(request) + "; " +
                                    rule.id + " allows at most " + format_duration(*max_expiry)));
  }
  return findings;
}

}  // namespace tcg::policy
