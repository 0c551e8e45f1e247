#include "api/credentials.h"

#include <cctype>
#include <cstdlib>

#include "policy/policy.h"

namespace tcg::api {

Getenv process_getenv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

namespace {

std::optional<std::string> non_empty(const std::optional<std::string>& v) {
  if (v && !v->empty()) return v;
  return std::nullopt;
}

std::string strip_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

std::string redact(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  // A very short "token" would otherwise mangle every word it occurs in (a token "x" inside a
  // host name); such a token is only replaced where it stands alone.
  const bool whole_words_only = secret.size() < 8;
  auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; };
  for (size_t pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
    size_t end = pos + secret.size();
    if (whole_words_only && ((pos > 0 && is_word(text[pos - 1])) || (end < text.size() && is_word(text[end])))) {
      pos = end;
      continue;
    }
    text.replace(pos, secret.size(), "<redacted>");
    pos += 10;
  }
  return text;
}

namespace {

// `config` is nullopt when no config file exists; `filename` names it in messages and sources.
Result<Environment> load_environment_from(const Getenv& getenv, const std::optional<CliConfig>& config,
                                          const std::string& filename) {
  Environment env;
  CliConfig cfg;
  if (config) {
    env.config_file = filename;
    cfg = *config;
  }
  const auto& cfg_root = cfg.root_url;
  const auto& cfg_id = cfg.client_id;
  const auto& cfg_token = cfg.access_token;
  const auto& cfg_cert = cfg.certificate;

  auto pick = [&](const char* var, const std::optional<std::string>& from_file, std::string& source) {
    if (auto v = non_empty(getenv(var))) {
      source = var;
      return v;
    }
    if (from_file) source = filename;
    return from_file;
  };
  auto root_url = pick("TASKCLUSTER_ROOT_URL", cfg_root, env.sources.root_url);
  auto client_id = pick("TASKCLUSTER_CLIENT_ID", cfg_id, env.sources.client_id);
  auto token = pick("TASKCLUSTER_ACCESS_TOKEN", cfg_token, env.sources.access_token);
  auto cert_text = pick("TASKCLUSTER_CERTIFICATE", cfg_cert, env.sources.certificate);
  if (root_url) {
    if (auto normal = policy::normalize_root_url(*root_url); !normal)
      return Error{normal.error().message, {env.sources.root_url, 0, 0}};
    env.root_url = strip_trailing_slash(*root_url);
  }

  if (client_id.has_value() != token.has_value()) {
    return Error{client_id ? "a client id (from " + env.sources.client_id + ") but no access token is set"
                           : "an access token (from " + env.sources.access_token + ") but no client id is set",
                 {}};
  }
  if (!client_id) return env;  // unauthenticated

  Credentials cred;
  cred.client_id = *client_id;
  cred.access_token = *token;
  std::optional<Certificate> cert;
  if (cert_text) {
    auto parsed = parse_certificate(*cert_text);
    if (!parsed) return Error{redact(parsed.error().message, cred.access_token), {env.sources.certificate, 0, 0}};
    cert = *parsed;
  }
  cred.certificate = cert;
  env.credentials = std::move(cred);
  return env;
}

}  // namespace

Result<Environment> load_environment(const Getenv& getenv, const std::optional<std::string>& config_text,
                                     const std::string& filename) {
  if (!config_text) return load_environment_from(getenv, std::nullopt, filename);
  auto parsed = parse_cli_config(*config_text, filename);
  if (!parsed) return parsed.error();
  return load_environment_from(getenv, *parsed, filename);
}

Result<Environment> load_environment(const Getenv& getenv) {
  std::string path = cli_config_path(getenv);
  std::string read_from;
  auto config = read_cli_config(path, &read_from);
  if (!config) return config.error();
  return load_environment_from(getenv, read_from.empty() ? std::optional<CliConfig>{} : *config, path);
}

}  // namespace tcg::api
