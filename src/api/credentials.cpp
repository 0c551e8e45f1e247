#include "api/credentials.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tcg::api {

Getenv process_getenv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

std::string config_file_path(const Getenv& getenv) {
  auto xdg = getenv("XDG_CONFIG_HOME");
  if (xdg && !xdg->empty()) return *xdg + "/taskcluster.yml";
  auto home = getenv("HOME");
  if (home && !home->empty()) return *home + "/.config/taskcluster.yml";
  return "";
}

namespace {

std::optional<std::string> non_empty(const std::optional<std::string>& v) {
  if (v && !v->empty()) return v;
  return std::nullopt;
}

// A scalar string value from the config file, or nullopt when absent/empty.
Result<std::optional<std::string>> config_string(const YAML::Node& root, const char* key, const std::string& file) {
  YAML::Node n = root[key];
  if (!n || n.IsNull()) return std::optional<std::string>{};
  if (!n.IsScalar())
    return Error{std::string("'") + key + "' must be a string", {file, n.Mark().line + 1, n.Mark().column + 1}};
  std::string v = n.Scalar();
  if (v.empty()) return std::optional<std::string>{};
  return std::optional<std::string>{v};
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

Result<Environment> load_environment(const Getenv& getenv, const std::optional<std::string>& config_text,
                                     const std::string& filename) {
  Environment env;
  std::optional<std::string> cfg_root, cfg_id, cfg_token, cfg_cert;
  if (config_text) {
    env.config_file = filename;
    YAML::Node root;
    try {
      root = YAML::Load(*config_text);
    } catch (const YAML::Exception& e) {
      // The parser's message quotes no input, so the token cannot leak through it.
      return Error{"invalid YAML: " + e.msg, {filename, e.mark.line + 1, e.mark.column + 1}};
    }
    if (root && !root.IsNull()) {
      if (!root.IsMap()) return Error{"the Taskcluster config file must be a mapping", {filename, 1, 1}};
      auto r = config_string(root, "rootUrl", filename);
      if (!r) return r.error();
      cfg_root = *r;
      auto i = config_string(root, "clientId", filename);
      if (!i) return i.error();
      cfg_id = *i;
      auto t = config_string(root, "accessToken", filename);
      if (!t) return t.error();
      cfg_token = *t;
      // The CLI stores the certificate as a JSON string.
      auto c = config_string(root, "certificate", filename);
      if (!c) return Error{"'certificate' must be a JSON string", c.error().where};
      cfg_cert = *c;
    }
  }

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
  if (root_url) env.root_url = strip_trailing_slash(*root_url);

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

Result<Environment> load_environment(const Getenv& getenv) {
  std::string path = config_file_path(getenv);
  std::optional<std::string> text;
  std::error_code ec;
  if (!path.empty() && std::filesystem::is_regular_file(path, ec)) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{"cannot read the Taskcluster config file", {path, 0, 0}};
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  return load_environment(getenv, text, path);
}

}  // namespace tcg::api
