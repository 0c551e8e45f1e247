// The credentials in use as the policy's rules judge them (run and whoami alike).
#include "api/identity.h"
#include "duration/duration.h"
#include "guard/credential/checks.h"

namespace tcg::guard::credential {

SigninRequest held_request(const api::Identity& identity, const Target& target) {
  SigninRequest request;
  request.context = "credentials";
  request.holder = "the credentials of " + identity.client_id;
  request.root_url = target.root_url;
  request.cluster = target.cluster;
  request.production = target.production;
  // What anonymous callers already hold is no privilege of these credentials.
  request.scopes = api::scopes_beyond_anonymous(identity);
  request.scopes_known = true;
  if (identity.lifetime_seconds) {
    request.expires = format_duration(*identity.lifetime_seconds);
    request.expires_seconds = identity.lifetime_seconds;
    request.expires_known = true;
  } else {
    request.expires = "";
    request.expires_known = false;  // lifetime limits cannot be judged
  }
  return request;
}

}  // namespace tcg::guard::credential
