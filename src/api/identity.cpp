#include "api/identity.h"

#include "api/auth.h"
#include "scopes/scopes.h"

namespace tcg::api {

ApiResult<Identity> describe_identity(const Client& client, const Client* anonymous, const Credentials& credentials,
                                      int64_t now_ms) {
  Identity id;
  id.client_id = credentials.client_id;
  id.temporary = credentials.temporary();
  auto current = auth::current_scopes(client);
  if (!current) return current.error();
  id.scopes = scopes::normalize(*current);

  if (credentials.certificate) {
    id.start_ms = credentials.certificate->start_ms;
    id.expires_ms = credentials.certificate->expiry_ms;
  } else {
    auto info = auth::client_info(client, credentials.client_id);
    if (info) {
      id.start_ms = info->created_ms;
      id.expires_ms = info->expires_ms;
    } else {
      id.notes.push_back("lifetime unknown: " + info.error().str());
    }
  }
  if (id.start_ms && id.expires_ms) id.lifetime_seconds = (*id.expires_ms - *id.start_ms) / 1000;
  if (id.expires_ms) id.remaining_seconds = (*id.expires_ms - now_ms) / 1000;

  if (anonymous) {
    auto anon = auth::current_scopes(*anonymous);
    if (anon) id.anonymous_scopes = scopes::normalize(*anon);
    else id.notes.push_back("anonymous scopes unknown, judging all scopes: " + anon.error().str());
  }
  return id;
}

std::vector<std::string> scopes_beyond_anonymous(const Identity& identity) {
  if (!identity.anonymous_scopes) return identity.scopes;
  scopes::ScopeSet everyone(*identity.anonymous_scopes);
  std::vector<std::string> out;
  for (const auto& s : identity.scopes)
    if (!everyone.satisfies(s)) out.push_back(s);
  return out;
}

}  // namespace tcg::api
