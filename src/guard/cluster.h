#pragma once
// Which cluster a CLI command would act on: $TASKCLUSTER_ROOT_URL, else the CLI's config file,
// judged by the policy's clusters (unknown root URLs follow `unknown_cluster`).
#include <optional>
#include <string>

#include "api/cli_config.h"
#include "guard/env.h"
#include "policy/policy.h"

namespace tcg::guard {

// Non-empty $TASKCLUSTER_ROOT_URL, else the CLI config file's rootUrl (api/cli_config.h, the one
// reader of that file), else nullopt. An invalid config file, or a root URL the CLI would not use
// (policy::normalize_root_url), is an error: the guard cannot tell which cluster is meant.
Result<std::optional<std::string>> effective_root_url(const Getenv& getenv);

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
