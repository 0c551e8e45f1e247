#pragma once
// The Taskcluster CLI's own config file, read once for every command of tcguard (`run`, the
// masquerade, `whoami`, `scopes`, `review`): where it lives and what it holds (TASKCLUSTER.md §3).
// `taskcluster config set` writes the options under a `config:` mapping; a flat file with the
// same keys at the top level is read too. The file goes through the hardened YAML loader (size,
// nesting, control characters, one document) and is read strictly: a key written twice is an
// error at file:line:column, since the CLI's YAML library keeps the last value and tcguard must
// never act on another one (fail closed).
#include <functional>
#include <optional>
#include <string>

#include "util/result.h"

namespace tcg::api {

using Getenv = std::function<std::optional<std::string>(const std::string&)>;

// $XDG_CONFIG_HOME/taskcluster.yml, else $HOME/.config/taskcluster.yml ("" when neither is
// known). An empty variable counts as unset (XDG Base Directory spec).
std::string cli_config_path(const Getenv& getenv);

// The four values the CLI reads; an empty value counts as absent. The access token is a secret.
struct CliConfig {
  std::optional<std::string> root_url;
  std::optional<std::string> client_id;
  std::optional<std::string> access_token;
  std::optional<std::string> certificate;  // the JSON text, as the CLI stores it
};

// `filename` is for messages. Errors never quote the file's text.
Result<CliConfig> parse_cli_config(const std::string& yaml_text, const std::string& filename);
// A missing file is an empty CliConfig; an unreadable or invalid one is an error.
// `read_from`, when given, is set to the path when the file existed.
Result<CliConfig> read_cli_config(const std::string& path, std::string* read_from = nullptr);

}  // namespace tcg::api
