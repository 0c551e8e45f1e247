#include "api/auth.h"

#include "api/typed_call.h"

namespace tcg::api::auth {

ApiResult<std::vector<std::string>> current_scopes(const Client& client) {
  return detail::parsed<std::vector<std::string>>(client.call("auth", "currentScopes", "GET", "/scopes/current"),
                                                  "auth.currentScopes", parse_scopeset);
}

ApiResult<ClientInfo> client_info(const Client& client, const std::string& client_id) {
  // Client ids contain '/'; like the official clients, encode it (%2F) as part of the one parameter.
  std::string encoded = encode_path_segment(client_id);
  return detail::parsed<ClientInfo>(client.call("auth", "client", "GET", "/clients/" + encoded), "auth.client",
                                    parse_client_info);
}

ApiResult<std::vector<std::string>> expand_scopes(const Client& client, const std::vector<std::string>& scopes) {
  nlohmann::json body = {{"scopes", scopes}};
  return detail::parsed<std::vector<std::string>>(client.call("auth", "expandScopes", "POST", "/scopes/expand", body),
                                                  "auth.expandScopes", parse_scopeset);
}

}  // namespace tcg::api::auth
