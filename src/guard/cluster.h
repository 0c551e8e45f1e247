#pragma once
// Which cluster a CLI command would act on: $TASKCLUSTER_ROOT_URL, else the CLI's config file,
// judged by the policy's clusters (unknown root URLs follow `unknown_cluster`).
#include <optional>
#include <string>

#include "guard/env.h"
#include "policy/policy.h"

namespace tcg::guard {

// The CLI's config file: $XDG_CONFIG_HOME/taskcluster.yml, else $HOME/.config/taskcluster.yml
// ("" when neither variable is set).
std::string cli_config_path(const Getenv& getenv);

// What tcguard reads from the CLI's config file. The file keeps options per command
// (`config: {rootUrl: ..., clientId: ...}`); the access token is never read.
struct CliConfig {
  std::optional<std::string> root_url;
  std::optional<std::string> client_id;
};
// A missing or unparsable file gives an empty CliConfig (the CLI itself reports a broken file).
CliConfig read_cli_config(const std::string& path);
CliConfig parse_cli_config(const std::string& yaml_text);

// Non-empty $TASKCLUSTER_ROOT_URL, else the config file's rootUrl, else nullopt.
std::optional<std::string> effective_root_url(const Getenv& getenv);

struct Target {
  std::optional<std::string> root_url;
  std::string cluster;       // policy cluster name; "" when the root URL names no known cluster
  bool known = false;
  bool production = true;
  // What the user types to confirm: the cluster's name, else the root URL's host
  // ("" when there is no root URL: nothing can be confirmed).
  std::string confirm_name;
  std::string display() const;  // "firefoxci (production)", "tc.example.com (unknown cluster, production)"
};
Target resolve_target(const policy::Policy& policy, const std::optional<std::string>& root_url);

// "https://Tc.Example.com:443/x" -> "tc.example.com"; "" when there is no host.
std::string root_url_host(const std::string& root_url);

}  // namespace tcg::guard
