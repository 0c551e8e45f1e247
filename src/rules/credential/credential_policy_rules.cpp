// The policy file's rules (root-scope-expiry, ...) on the credentials in use: their scopes beyond
// what anonymous callers hold, for their lifetime, as run and whoami alike judge them.
#include "rules/credential/credential_check.h"

namespace tcg::rules {
namespace {

class CredentialPolicyRules : public Check {
 public:
  std::string_view id() const override { return ""; }
  void check(const Facts& facts, std::vector<Finding>& out) const override {
    const CredentialFacts* c = facts.credentials;
    if (!c || c->unverifiable) return;
    for (auto& f : policy::evaluate_rules(facts.policy, c->held)) {
      f.request = facts.held_request;
      if (f.context.empty()) f.context = c->context;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<Check> make_credential_policy_rules_check() { return std::make_unique<CredentialPolicyRules>(); }

}  // namespace tcg::rules
