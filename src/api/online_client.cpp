#include "api/online_client.h"

#include "api/auth.h"
#include "policy/policy.h"

namespace tcg::api {

ClientOptions client_options_for(const Environment& environment, const std::string& root_url) {
  ClientOptions options;
  options.root_url = root_url;
  while (!options.root_url.empty() && options.root_url.back() == '/') options.root_url.pop_back();
  if (environment.credentials && environment.root_url && policy::root_urls_equal(*environment.root_url, root_url))
    options.credentials = environment.credentials;
  return options;
}

Result<std::vector<std::string>> expand_scopes_online(const Client& client, const std::vector<std::string>& scopes) {
  auto expanded = auth::expand_scopes(client, scopes);
  if (!expanded) {
    std::string token = client.options().credentials ? client.options().credentials->access_token : "";
    return Error{redact(expanded.error().str(), token), {}};
  }
  return std::move(expanded.value());
}

}  // namespace tcg::api
