#include "api/client.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <random>
#include <stdexcept>
#include <thread>

#include "api/crypto.h"
#include "api/hawk.h"

namespace tcg::api {

std::string ApiError::str() const {
  std::string s = method.empty() ? std::string("API call") : method;
  if (status == 0 && permanent)
    return s + ": " + message + " (not retried: every attempt would fail the same way)";
  if (status == 0) {
    s += ": no answer";
    if (attempts > 1) s += " after " + std::to_string(attempts) + " attempts";
    return s + ": " + message;
  }
  s += ": HTTP " + std::to_string(status);
  if (!code.empty()) s += " " + code;
  if (attempts > 1) s += " (after " + std::to_string(attempts) + " attempts)";
  if (!message.empty()) s += ": " + message;
  return s;
}

std::chrono::milliseconds retry_delay(int attempt, double r, std::chrono::milliseconds delay_factor,
                                      std::chrono::milliseconds max_delay) {
  double base = static_cast<double>(delay_factor.count()) * std::pow(2.0, std::min(attempt, 30));
  double jittered = base * (0.75 + 0.5 * std::clamp(r, 0.0, 1.0));
  double capped = std::min(jittered, static_cast<double>(max_delay.count()));
  return std::chrono::milliseconds(static_cast<int64_t>(capped));
}

void parse_error_body(const std::string& body, std::string& code, std::string& message) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return;
  if (auto c = j.find("code"); c != j.end() && c->is_string()) code = c->get<std::string>();
  if (auto m = j.find("message"); m != j.end() && m->is_string()) {
    message = m->get<std::string>();
    // The services append a long "----" block with request details; the first part says it.
    if (auto cut = message.find("\n\n---"); cut != std::string::npos) message.erase(cut);
    if (message.size() > 2000) message = message.substr(0, 2000) + "...";
  }
}

std::string encode_path_segment(const std::string& segment) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : segment) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string hawk_ext(const Credentials& credentials) {
  nlohmann::json ext = nlohmann::json::object();
  if (credentials.certificate) ext["certificate"] = certificate_to_json(*credentials.certificate);
  if (credentials.authorized_scopes) ext["authorizedScopes"] = *credentials.authorized_scopes;
  if (ext.empty()) return "";
  return base64(ext.dump());
}

Client::Client(ClientOptions options) : options_(std::move(options)) {
  while (!options_.root_url.empty() && options_.root_url.back() == '/') options_.root_url.pop_back();
  if (!options_.now_ms) {
    options_.now_ms = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
  }
  if (!options_.sleep) options_.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  if (!options_.random_unit) {
    options_.random_unit = [] {
      static thread_local std::mt19937_64 gen{std::random_device{}()};
      return std::uniform_real_distribution<double>(0.0, 1.0)(gen);
    };
  }
  if (!options_.nonce) options_.nonce = [] { return random_token(9); };
  if (!options_.transport) options_.transport = http_perform;
}

std::string Client::url(const std::string& service, const std::string& route) const {
  return options_.root_url + "/api/" + service + "/v1" + route;
}

HttpRequest Client::build_request(const std::string& http_method, const std::string& url,
                                  const std::string& payload) const {
  HttpRequest req;
  req.method = http_method;
  req.url = url;
  req.body = payload;
  req.connect_timeout = options_.connect_timeout;
  req.total_timeout = options_.total_timeout;
  req.headers.emplace_back("Accept", "application/json");
  if (!payload.empty()) req.headers.emplace_back("Content-Type", "application/json");
  if (options_.credentials) {
    // Signed afresh for every attempt: a new timestamp and nonce, or the server sees a replay.
    UrlParts parts = split_url(url);
    HawkArtifacts a;
    a.ts = options_.now_ms() / 1000;
    a.nonce = options_.nonce();
    a.method = http_method;
    a.resource = parts.resource;
    a.host = parts.host;
    a.port = parts.port;
    if (!payload.empty()) a.payload_hash = hawk_payload_hash("application/json", payload);
    a.ext = hawk_ext(*options_.credentials);
    req.headers.emplace_back("Authorization",
                             hawk_header(options_.credentials->client_id, options_.credentials->access_token, a));
  }
  return req;
}

ApiResult<nlohmann::json> Client::call(const std::string& service, const std::string& method_name,
                                       const std::string& http_method, const std::string& route,
                                       const std::optional<nlohmann::json>& body) const {
  ApiError error;
  error.method = service + "." + method_name;
  const std::string secret = options_.credentials ? options_.credentials->access_token : "";
  if (!split_url(options_.root_url + "/").ok) {
    error.message = "the root URL '" + options_.root_url + "' is not an http(s) URL";
    return error;
  }
  const std::string target = url(service, route);
  const std::string payload = body ? body->dump() : "";
  for (int attempt = 0;; ++attempt) {
    if (attempt > 0)
      options_.sleep(retry_delay(attempt - 1, options_.random_unit(), options_.delay_factor, options_.max_delay));
    error.attempts = attempt + 1;
    HttpRequest request;
    try {
      request = build_request(http_method, target, payload);
    } catch (const std::exception& e) {
      // Signing needs libcrypto (loaded on first use) and its randomness: without them no request
      // can be made, and no retry helps. An error, never an exception, leaves the client.
      error.message = std::string("the request cannot be signed: ") + e.what();
      return error;
    }
    HttpResponse response = options_.transport(request);
    bool retryable = (response.status == 0 && !response.permanent) || response.status >= 500;
    if (response.status >= 200 && response.status < 300) {
      if (response.body.empty()) return nlohmann::json::object();
      auto j = nlohmann::json::parse(response.body, nullptr, false);
      if (j.is_discarded()) {
        error.status = response.status;
        error.message = "the answer is not JSON";
        return error;
      }
      return j;
    }
    error.status = response.status;
    error.code.clear();
    error.message.clear();
    error.permanent = response.status == 0 && response.permanent;
    if (response.status == 0) {
      error.message = redact(response.network_error, secret);
    } else {
      parse_error_body(response.body, error.code, error.message);
      error.message = redact(error.message, secret);
      error.code = redact(error.code, secret);
    }
    // Don't give up early on the network or 5xx; other answers are final (a 4xx will not change).
    if (!retryable || attempt >= options_.retries) return error;
  }
}

}  // namespace tcg::api
