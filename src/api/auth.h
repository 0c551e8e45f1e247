#pragma once
// Typed auth calls (TASKCLUSTER.md §5).
#include <string>
#include <vector>

#include "api/answers.h"
#include "api/client.h"

namespace tcg::api::auth {

// The scopes of the credentials making the call, expanded (auth.currentScopes).
ApiResult<std::vector<std::string>> current_scopes(const Client& client);
ApiResult<ClientInfo> client_info(const Client& client, const std::string& client_id);
ApiResult<std::vector<std::string>> expand_scopes(const Client& client, const std::vector<std::string>& scopes);

}  // namespace tcg::api::auth
