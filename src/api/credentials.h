#pragma once
// The credentials the Taskcluster CLI would use (TASKCLUSTER.md §3): non-empty environment
// variables override the CLI's config file. The access token is a secret: it is never printed.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api/certificate.h"
#include "api/cli_config.h"
#include "util/result.h"

namespace tcg::api {

struct Credentials {
  std::string client_id;
  std::string access_token;                 // secret: print `<redacted>`, never this
  std::optional<Certificate> certificate;   // temporary credentials
  std::optional<std::vector<std::string>> authorized_scopes;  // restrict the request's scopes

  bool temporary() const { return certificate.has_value(); }
};

// Where each value came from, for messages ("TASKCLUSTER_CLIENT_ID", "<file>", or "").
struct CredentialSources {
  std::string root_url, client_id, access_token, certificate;
};

struct Environment {
  std::optional<std::string> root_url;       // without a trailing '/'
  std::optional<Credentials> credentials;    // nullopt: no client id or no token: unauthenticated
  CredentialSources sources;
  std::string config_file;                   // the file that was read ("" when none existed)
};

Getenv process_getenv();

// Reads the environment and the config file (api/cli_config.h). A config file that exists but is
// not valid (YAML, limits, duplicate keys), a root URL the CLI would not use, or
// a certificate that does not parse, is an error (naming the file or variable, never the token).
// A client id without a token (or the reverse) is an error too: the CLI would send nonsense.
Result<Environment> load_environment(const Getenv& getenv);
// The same from the config file's text (for tests and fuzzing); `filename` is for messages.
Result<Environment> load_environment(const Getenv& getenv, const std::optional<std::string>& config_text,
                                     const std::string& filename);

// Replaces every occurrence of `secret` in `text` with `<redacted>` (no-op for an empty secret;
// a secret shorter than 8 characters is replaced only where it is a whole word).
std::string redact(std::string text, const std::string& secret);

}  // namespace tcg::api
