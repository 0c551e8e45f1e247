#pragma once
// Who the credentials in use are, as the API sees them: their scopes (auth.currentScopes) and
// their lifetime (the certificate for temporary credentials, auth.client for a permanent client).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/client.h"
#include "api/credentials.h"

namespace tcg::api {

struct Identity {
  std::string client_id;
  bool temporary = false;
  std::vector<std::string> scopes;            // auth.currentScopes, expanded
  std::optional<int64_t> start_ms;            // certificate start, or the client's `created`
  std::optional<int64_t> expires_ms;
  std::optional<int64_t> lifetime_seconds;    // expires - start
  std::optional<int64_t> remaining_seconds;   // expires - now
  std::optional<std::vector<std::string>> anonymous_scopes;  // what everyone has (nullopt: unknown)
  std::vector<std::string> notes;             // what could not be learned, and why
};

// `client` must carry `credentials`; `anonymous` is an unauthenticated client for the same root
// URL (nullptr: skip). Fails only when auth.currentScopes fails: the credentials are unusable.
ApiResult<Identity> describe_identity(const Client& client, const Client* anonymous, const Credentials& credentials,
                                      int64_t now_ms);

// The scopes worth judging: those that the anonymous scopes do not already grant to everyone.
std::vector<std::string> scopes_beyond_anonymous(const Identity& identity);

}  // namespace tcg::api
