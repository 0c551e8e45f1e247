#pragma once
// A client for one root URL, for calls that are not about a guarded command (role expansion):
// the environment's credentials are used only when they belong to that root URL, so they are never
// sent to another cluster; otherwise the call is unauthenticated (assume:anonymous).
#include <string>
#include <vector>

#include "api/client.h"
#include "api/credentials.h"
#include "util/result.h"

namespace tcg::api {

ClientOptions client_options_for(const Environment& environment, const std::string& root_url);

// auth.expandScopes as a plain Result; the error names the call and never the token.
Result<std::vector<std::string>> expand_scopes_online(const Client& client, const std::vector<std::string>& scopes);

}  // namespace tcg::api
