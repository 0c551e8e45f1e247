#include "api/http.h"

#include <algorithm>
#include <cctype>

#include "api/libcurl.h"

namespace tcg::api {

namespace {

constexpr size_t kMaxBody = 64u << 20;

struct Sink {
  std::string data;
  bool overflow = false;
};

size_t on_data(char* ptr, size_t size, size_t nmemb, void* user) {
  auto* sink = static_cast<Sink*>(user);
  size_t n = size * nmemb;
  if (sink->data.size() + n > kMaxBody) {
    sink->overflow = true;
    return 0;  // aborts the transfer
  }
  sink->data.append(ptr, n);
  return n;
}

// Failures that are the same on every attempt: retrying them only delays the answer.
bool permanent_failure(CURLcode rc) {
  switch (rc) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_PEER_FAILED_VERIFICATION:  // includes a certificate for another name
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_ISSUER_ERROR:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool is_loopback_host(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]" || host == "::1";
}

UrlParts split_url(const std::string& url) {
  UrlParts p;
  auto sep = url.find("://");
  if (sep == std::string::npos) return p;
  p.scheme = url.substr(0, sep);
  std::transform(p.scheme.begin(), p.scheme.end(), p.scheme.begin(), [](unsigned char c) { return std::tolower(c); });
  if (p.scheme != "https" && p.scheme != "http") return p;
  size_t host_start = sep + 3;
  size_t path_start = url.find_first_of("/?#", host_start);
  std::string authority = url.substr(host_start, path_start == std::string::npos ? std::string::npos : path_start - host_start);
  if (authority.empty() || authority.find('@') != std::string::npos) return p;
  std::string port_text;
  if (authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string::npos) return p;
    p.host = authority.substr(0, close + 1);
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return p;
      port_text = authority.substr(close + 2);
    }
  } else {
    auto colon = authority.find(':');
    p.host = authority.substr(0, colon);
    if (colon != std::string::npos) port_text = authority.substr(colon + 1);
  }
  std::transform(p.host.begin(), p.host.end(), p.host.begin(), [](unsigned char c) { return std::tolower(c); });
  if (p.host.empty()) return p;
  if (port_text.empty()) {
    p.port = p.scheme == "https" ? 443 : 80;
  } else {
    if (port_text.size() > 5 || !std::all_of(port_text.begin(), port_text.end(), [](unsigned char c) { return std::isdigit(c); }))
      return p;
    p.port = std::stoi(port_text);
    if (p.port <= 0 || p.port > 65535) return p;
  }
  p.resource = path_start == std::string::npos ? "/" : url.substr(path_start);
  if (auto hash = p.resource.find('#'); hash != std::string::npos) p.resource.erase(hash);
  if (p.resource.empty() || p.resource.front() != '/') p.resource = "/" + p.resource;
  p.ok = true;
  return p;
}

HttpResponse http_perform(const HttpRequest& request) {
  HttpResponse response;
  UrlParts parts = split_url(request.url);
  if (!parts.ok) {
    response.network_error = "not an http(s) URL";
    response.permanent = true;
    return response;
  }
  if (parts.scheme != "https" && !is_loopback_host(parts.host)) {
    response.network_error = "refusing plain http to a non-loopback host (use https)";
    response.permanent = true;
    return response;
  }
  std::string load_error;
  const LibCurl* lib = load_libcurl(load_error);
  if (!lib) {
    response.network_error = load_error;
    response.permanent = true;  // the library will not appear between two attempts
    return response;
  }
  CURL* curl = lib->easy_init();
  if (!curl) {
    response.network_error = "cannot initialise libcurl";
    return response;
  }
  Sink sink;
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) headers = lib->slist_append(headers, (name + ": " + value).c_str());
  // libcurl would otherwise add "Expect: 100-continue" for bodies; the services do not need it.
  headers = lib->slist_append(headers, "Expect:");

  lib->easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  lib->easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  if (request.method == "GET") lib->easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  else {
    lib->easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
    lib->easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  lib->easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  lib->easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
  lib->easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  lib->easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  lib->easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  lib->easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
  lib->easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count()));
  // Fail closed: TLS is always verified, redirects are not followed (they would carry the
  // Authorization header elsewhere), and only http(s) is spoken.
  lib->easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  lib->easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  lib->easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
  lib->easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
#else
  lib->easy_setopt(curl, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif

  CURLcode rc = lib->easy_perform(curl);
  if (rc == CURLE_OK) {
    long status = 0;
    lib->easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
    response.body = std::move(sink.data);
    char* location = nullptr;
    if (status >= 300 && status < 400 && lib->easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location)
      response.location = location;
  } else {
    response.network_error = sink.overflow ? "answer larger than 64 MiB"
                                           : (error_buffer[0] ? std::string(error_buffer) : lib->easy_strerror(rc));
    response.permanent = sink.overflow || permanent_failure(rc);
  }
  lib->slist_free_all(headers);
  lib->easy_cleanup(curl);
  return response;
}

}  // namespace tcg::api
