#include "guard/cluster.h"

#include "api/cli_config.h"

namespace tcg::guard {

Result<std::optional<std::string>> effective_root_url(const Getenv& getenv) {
  std::optional<std::string> url = getenv("TASKCLUSTER_ROOT_URL");
  std::string source = "TASKCLUSTER_ROOT_URL";
  if (!url || url->empty()) {
    url.reset();
    std::string path = api::cli_config_path(getenv);
    auto config = api::read_cli_config(path);
    if (!config) return config.error();
    url = config->root_url;
    source = path;
  }
  if (url) {
    auto normal = policy::normalize_root_url(*url);
    if (!normal) return Error{normal.error().message, {source, 0, 0}};
  }
  return url;
}

std::string root_url_host(const std::string& root_url) {
  std::string_view s = root_url;
  auto scheme = s.find("://");
  if (scheme != std::string_view::npos) s.remove_prefix(scheme + 3);
  auto end = s.find_first_of("/?#");
  s = s.substr(0, end);
  if (auto at = s.rfind('@'); at != std::string_view::npos) s.remove_prefix(at + 1);
  if (!s.empty() && s.front() != '[') {
    if (auto colon = s.find(':'); colon != std::string_view::npos) s = s.substr(0, colon);
  }
  std::string host(s);
  for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return host;
}

Target resolve_target(const policy::Policy& policy, const std::optional<std::string>& root_url) {
  Target t;
  t.root_url = root_url;
  policy::ClusterMatch m = policy::classify_root_url(policy, root_url);
  t.known = m.known;
  t.cluster = m.known ? m.name : "";
  t.production = m.production;
  if (m.known) t.confirm_name = m.name;
  else if (root_url) t.confirm_name = root_url_host(*root_url);
  return t;
}

std::string Target::display() const {
  std::string kind = production ? "production" : "non-production";
  if (known) return cluster + " (" + kind + ")";
  if (root_url) return (confirm_name.empty() ? *root_url : confirm_name) + " (unknown cluster, " + kind + ")";
  return "no root URL set (" + kind + ")";
}

}  // namespace tcg::guard
