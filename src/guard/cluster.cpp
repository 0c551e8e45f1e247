#include "guard/cluster.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

namespace tcg::guard {

std::string cli_config_path(const Getenv& getenv) {
  if (auto xdg = getenv("XDG_CONFIG_HOME")) return *xdg + "/taskcluster.yml";
  if (auto home = getenv("HOME")) return *home + "/.config/taskcluster.yml";
  return "";
}

namespace {

std::optional<std::string> string_at(const YAML::Node& map, const char* key) {
  if (!map.IsMap()) return std::nullopt;
  YAML::Node v = map[key];
  if (!v || !v.IsScalar()) return std::nullopt;
  std::string s = v.Scalar();
  if (s.empty()) return std::nullopt;
  return s;
}

}  // namespace

CliConfig parse_cli_config(const std::string& yaml_text) {
  CliConfig out;
  try {
    YAML::Node root = YAML::Load(yaml_text);
    if (!root.IsMap()) return out;
    // The CLI stores its own options under `config:`; a flat file is read too, leniently.
    YAML::Node section = root["config"];
    const YAML::Node& source = (section && section.IsMap()) ? section : root;
    out.root_url = string_at(source, "rootUrl");
    out.client_id = string_at(source, "clientId");
  } catch (const YAML::Exception&) {
    return {};
  }
  return out;
}

CliConfig read_cli_config(const std::string& path) {
  if (path.empty()) return {};
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_cli_config(ss.str());
}

std::optional<std::string> effective_root_url(const Getenv& getenv) {
  if (auto env = getenv("TASKCLUSTER_ROOT_URL")) return env;
  return read_cli_config(cli_config_path(getenv)).root_url;
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
