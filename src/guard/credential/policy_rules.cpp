// The policy's rules (root-scope-expiry, ...) applied to the credentials in use, as whoami does.
#include "api/identity.h"
#include "duration/duration.h"
#include "guard/credential/checks.h"

namespace tcg::guard::credential {

std::vector<Finding> credential_policy_rules(const Facts& facts) {
  SigninRequest request;
  request.context = "credentials";
  request.root_url = facts.target.root_url;
  request.cluster = facts.target.cluster;
  request.production = facts.target.production;
  // What anonymous callers already hold is no privilege of these credentials.
  request.scopes = api::scopes_beyond_anonymous(facts.identity);
  request.scopes_known = true;
  if (facts.identity.lifetime_seconds) {
    request.expires = format_duration(*facts.identity.lifetime_seconds);
    request.expires_seconds = facts.identity.lifetime_seconds;
    request.expires_known = true;
  } else {
    request.expires = "";
    request.expires_known = false;  // lifetime limits cannot be judged
  }
  auto findings = policy::evaluate_rules(facts.policy, request);
  const std::string who = "the credentials of " + facts.identity.client_id + " ";
  for (auto& f : findings) {
    // The rule's message speaks of a request; these scopes are held, not requested.
    if (f.message.rfind("requests ", 0) == 0) f.message = who + "hold " + f.message.substr(9);
    else f.message = who + f.message;
  }
  return findings;
}

}  // namespace tcg::guard::credential
