#pragma once
// One HTTP exchange over libcurl. TLS peer and host verification are always on; plain http is
// accepted only for loopback hosts (the test stand-in), so credentials never cross a network
// in clear text.
#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace tcg::api {

struct HttpRequest {
  std::string method;                                        // GET, POST, PUT, ...
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // may hold Authorization: never log them
  std::string body;                                          // sent when non-empty or method != GET
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds total_timeout{30000};
};

struct HttpResponse {
  int status = 0;                // 0 when no answer arrived (network error)
  std::string body;
  std::string network_error;     // curl's description when status == 0
  // status == 0 for a reason that a retry cannot change: plain http refused, a TLS certificate
  // that does not verify (wrong name, untrusted), a URL or protocol curl will not speak.
  bool permanent = false;
  // A redirect's target (the Location header, resolved against the request URL); "" otherwise.
  // Never followed here: the caller decides (actions/artifact.cpp), without the Authorization header.
  std::string location;
};

// Performs the request; never throws. Bodies larger than 64 MiB are cut off (network error).
HttpResponse http_perform(const HttpRequest& request);

using HttpTransport = std::function<HttpResponse(const HttpRequest&)>;

// Splits "scheme://host[:port]/path?query" into its parts (lower-cased scheme and host, the
// port defaulted from the scheme). ok=false for anything else.
struct UrlParts {
  bool ok = false;
  std::string scheme, host;
  int port = 0;
  std::string resource;  // path plus "?query"; "/" at least
};
UrlParts split_url(const std::string& url);
bool is_loopback_host(const std::string& host);

}  // namespace tcg::api
