// unverifiable-credentials: the API could not tell what the credentials hold or what the task
// needs. Its level differs off production (declared in the registry): production fails closed.
#include "rules/credential/credential_check.h"

namespace tcg::rules {
namespace {

class UnverifiableCredentials : public Check {
 public:
  std::string_view id() const override { return "unverifiable-credentials"; }
  void check(const Facts& facts, std::vector<Finding>& out) const override {
    const CredentialFacts* c = facts.credentials;
    if (!c || !c->unverifiable) return;
    Finding f = finding({}, c->context, c->unverifiable->first, c->unverifiable->second, c->production);
    f.request = facts.held_request;
    out.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Check> make_unverifiable_credentials_check() { return std::make_unique<UnverifiableCredentials>(); }

}  // namespace tcg::rules
