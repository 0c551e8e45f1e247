// The policy file's own rules (root-scope-expiry, service-wildcard-expiry, ...) on each sign-in
// request. Lint reads an unknown lifetime as possibly unbounded; review --expand also judges what
// the request's roles grant, naming the role-pulling scopes that grant it.
#include <algorithm>

#include "policy/unknown_lifetime.h"
#include "rules/request/request_check.h"

namespace tcg::rules {
namespace {

bool fires(const policy::Policy& policy, const SigninRequest& request, const std::string& rule) {
  auto findings = policy::evaluate_rules(policy, request);
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.rule == rule; });
}

std::string quoted_list(const std::vector<std::string>& scopes) {
  std::string out;
  for (size_t i = 0; i < scopes.size(); ++i) out += (i ? ", `" : "`") + scopes[i] + "`";
  return out;
}

// Which role-pulling scopes make `rule` fire on their own; all of them when the rule needs their
// combination.
std::vector<std::string> granted_through(const policy::Policy& policy, const SigninRequest& request,
                                         const RoleExpansion& expansion, const std::string& rule) {
  std::vector<std::string> candidates, through;
  for (const auto& [scope, grants] : expansion.by_scope) {
    candidates.push_back(scope);
    SigninRequest alone = request;
    alone.scopes = grants;
    if (fires(policy, alone, rule)) through.push_back(scope);
  }
  return through.empty() ? candidates : through;
}

class PolicyRules : public Check {
 public:
  std::string_view id() const override { return ""; }
  void check(const Facts& facts, std::vector<Finding>& out) const override {
    for (size_t i = 0; i < facts.requests.size(); ++i) {
      if (facts.credentials && i == facts.held_request) continue;  // make_credential_policy_rules_check
      const SigninRequest& request = facts.requests[i];
      size_t first = out.size();
      auto found = policy::evaluate_rules(facts.policy, request);
      out.insert(out.end(), found.begin(), found.end());
      if (facts.unknown_lifetime_fails) {
        auto unbounded = policy::unknown_lifetime_findings(facts.policy, request);
        out.insert(out.end(), unbounded.begin(), unbounded.end());
      }
      for (size_t k = first; k < out.size(); ++k) {
        out[k].request = i;
        if (out[k].where.file.empty() && !out[k].where.has_position()) out[k].where = request.where;
        if (out[k].context.empty()) out[k].context = request.context;
      }
    }
  }
};

// Review --expand: the rules the request as written does not break, but what its roles grant does.
class RoleExpansionRules : public Check {
 public:
  std::string_view id() const override { return ""; }
  void check(const Facts& facts, std::vector<Finding>& out) const override {
    if (!facts.expansion || facts.requests.empty()) return;
    const SigninRequest& request = facts.requests.front();
    auto as_written = policy::evaluate_rules(facts.policy, request);
    SigninRequest grants = request;
    grants.scopes = facts.expansion->granted;
    for (auto& f : policy::evaluate_rules(facts.policy, grants)) {
      bool already = std::any_of(as_written.begin(), as_written.end(), [&](const Finding& g) { return g.rule == f.rule; });
      if (already) continue;
      f.message = "through role expansion of " +
                  quoted_list(granted_through(facts.policy, request, *facts.expansion, f.rule)) + ": " + f.message;
      f.request = 0;
      if (!f.where.has_position()) f.where = request.where;
      if (f.context.empty()) f.context = request.context;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<Check> make_policy_rules_check() { return std::make_unique<PolicyRules>(); }
std::unique_ptr<Check> make_role_expansion_rules_check() { return std::make_unique<RoleExpansionRules>(); }

}  // namespace tcg::rules
