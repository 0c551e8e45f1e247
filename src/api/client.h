#pragma once
// A Taskcluster API client: URLs <rootUrl>/api/<service>/v1<route>, Hawk-signed when credentials
// are present, retries of 5xx and network errors as the official clients do (TASKCLUSTER.md §6).
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "api/credentials.h"
#include "api/http.h"
#include "util/result.h"

namespace tcg::api {

// Why a call failed. Never holds the token or the Authorization header.
struct ApiError {
  std::string method;    // "auth.currentScopes"
  int status = 0;        // HTTP status; 0 = no answer (network error, timeout, refused connection)
  std::string code;      // the service's `code` ("InsufficientScopes", "AuthenticationFailed"...)
  std::string message;   // the service's `message`, or the network error
  int attempts = 0;      // how many requests were made
  bool permanent = false;  // no answer, for a reason a retry cannot change (HttpResponse::permanent)

  bool network() const { return status == 0; }
  // "auth.currentScopes: HTTP 401 AuthenticationFailed: <message>" /
  // "auth.currentScopes: no answer after 6 attempts: <network error>" /
  // "auth.currentScopes: not sent: <reason> (not retried: ...)" for a permanent failure.
  std::string str() const;
  Error to_error() const { return Error{str(), {}}; }
};

// util's Result, with the API's error.
template <class T>
using ApiResult = Result<T, ApiError>;

struct ClientOptions {
  std::string root_url;                       // e.g. https://firefox-ci-tc.services.mozilla.com
  std::optional<Credentials> credentials;     // nullopt: unauthenticated calls
  int retries = 5;                            // retries after the first attempt
  std::chrono::milliseconds delay_factor{100};
  std::chrono::milliseconds max_delay{30000};
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds total_timeout{30000};
  // Injectable for tests: the transport, the wall clock (ms since the epoch), sleeping, a uniform
  // random number in [0, 1) for the jitter, and the Hawk nonce.
  HttpTransport transport = http_perform;
  std::function<int64_t()> now_ms;
  std::function<void(std::chrono::milliseconds)> sleep;
  std::function<double()> random_unit;
  std::function<std::string()> nonce;
};

// The back-off before retry number `attempt` (0-based): delay_factor * 2^attempt * (0.75 + 0.5*r),
// capped at max_delay.
std::chrono::milliseconds retry_delay(int attempt, double r, std::chrono::milliseconds delay_factor,
                                      std::chrono::milliseconds max_delay);

// Pulls `code` and `message` from an error answer's JSON body; tolerant of any body.
void parse_error_body(const std::string& body, std::string& code, std::string& message);

class Client {
 public:
  explicit Client(ClientOptions options);

  // One API method. `route` starts with '/'; path parameters must already be URL-encoded (use
  // encode_path_segment). `body` is sent as JSON when present. A 2xx answer must be JSON.
  ApiResult<nlohmann::json> call(const std::string& service, const std::string& method_name,
                                 const std::string& http_method, const std::string& route,
                                 const std::optional<nlohmann::json>& body = std::nullopt) const;

  std::string url(const std::string& service, const std::string& route) const;
  const ClientOptions& options() const { return options_; }

 private:
  HttpRequest build_request(const std::string& http_method, const std::string& url,
                            const std::string& payload) const;
  ClientOptions options_;
};

// Percent-encodes everything outside RFC 3986 unreserved characters.
std::string encode_path_segment(const std::string& segment);

// The Hawk `ext` value for these credentials ("" when there is no certificate and no
// authorizedScopes): base64 of {"certificate": {...}, "authorizedScopes": [...]}.
std::string hawk_ext(const Credentials& credentials);

}  // namespace tcg::api
