// Which cluster a root URL names (TASKCLUSTER.md §3: ignore a trailing '/' and the case of scheme
// and host; the path stays case-sensitive). normalize_root_url is the one canonical form: the
// Taskcluster clients only strip trailing '/' from a root URL, so every other spelling of a
// production host (:443, a trailing '.', '//', a path) must still be recognised as that host.
#include <algorithm>
#include <string>
#include <unordered_map>

#include "policy/policy.h"

namespace tcg::policy {

namespace {

// Where a root URL's case-insensitive part (scheme and host) ends, after dropping one trailing '/':
// the first '/' after "://", else the end; 0 when there is no "://" (all of it is compared as is).
struct UrlParts {
  std::string_view text;   // without the trailing '/'
  size_t host_end = 0;
};

UrlParts split_root_url(std::string_view url) {
  if (!url.empty() && url.back() == '/') url.remove_suffix(1);
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {url, 0};
  size_t host_end = url.find('/', scheme_end + 3);
  return {url, host_end == std::string_view::npos ? url.size() : host_end};
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

// Compared in place, without building canonical copies: lint compares every call site's URL with
// every cluster's. Lower-casing keeps ':' and '/', so equal canonical forms have equal host ends.
bool root_urls_equal(std::string_view a, std::string_view b) {
  UrlParts pa = split_root_url(a), pb = split_root_url(b);
  if (pa.text.size() != pb.text.size() || pa.host_end != pb.host_end) return false;
  for (size_t i = 0; i < pa.host_end; ++i)
    if (ascii_lower(pa.text[i]) != ascii_lower(pb.text[i])) return false;
  return pa.text.substr(pa.host_end) == pb.text.substr(pb.host_end);
}

Result<std::string> normalize_root_url(std::string_view url) {
  auto refuse = [&](const std::string& why) -> Result<std::string> {
    return Error{"root URL is not one the Taskcluster CLI would use (" + why + ")", {}};
  };
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return refuse("it holds a space or control character");
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return refuse("no http:// or https:// scheme");
  std::string scheme;
  for (char c : url.substr(0, scheme_end)) scheme += ascii_lower(c);
  if (scheme != "https" && scheme != "http") return refuse("scheme '" + scheme + "' is not http or https");
  std::string_view rest = url.substr(scheme_end + 3);
  if (rest.find_first_of("?#") != std::string_view::npos) return refuse("a query or fragment");
  size_t authority_end = rest.find('/');
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view path = authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
  // Userinfo would be sent as credentials of its own, and hides the host from a quick read.
  if (authority.find('@') != std::string_view::npos) return refuse("user information before the host");
  std::string host;
  for (char c : authority) host += ascii_lower(c);
  std::string port;
  size_t colon = host.rfind(':');
  if (colon != std::string::npos && host.find(']', colon) == std::string::npos) {
    port = host.substr(colon + 1);
    host.resize(colon);
    for (char c : port)
      if (c < '0' || c > '9') return refuse("port '" + port + "' is not a number");
    if (port.empty() || (scheme == "https" && port == "443") || (scheme == "http" && port == "80")) port.clear();
  }
  if (!host.empty() && host.back() == '.') host.pop_back();  // the absolute form of the same name
  if (host.empty() || host.front() == '.' || host.back() == '.') return refuse("no host");
  std::string out = scheme + "://" + host + (port.empty() ? "" : ":" + port);
  for (char c : path)
    if (!(c == '/' && !out.empty() && out.back() == '/')) out += c;
  while (out.back() == '/') out.pop_back();
  return out;
}

namespace {

// Scheme, host and port of a normalized root URL.
std::string_view origin_of(std::string_view normalized) {
  size_t slash = normalized.find('/', normalized.find("://") + 3);
  return normalized.substr(0, slash);
}

}  // namespace

namespace {

// normalize_root_url is pure, and lint classifies every call's URL against every cluster's: the
// canonical forms are kept per thread (a run sees a handful of distinct URLs). Node-based, so a
// reference stays valid while later URLs are added; emptied only between classifications.
using NormalMemo = std::unordered_map<std::string, Result<std::string>>;

NormalMemo& normal_memo() {
  thread_local NormalMemo memo;
  return memo;
}

const Result<std::string>& normalized(NormalMemo& memo, const std::string& url) {
  auto it = memo.find(url);
  if (it == memo.end()) it = memo.emplace(url, normalize_root_url(url)).first;
  return it->second;
}

}  // namespace

ClusterMatch classify_root_url(const Policy& policy, const std::optional<std::string>& root_url) {
  ClusterMatch match;
  match.production = policy.unknown_is_production;
  if (!root_url) return match;
  NormalMemo& memo = normal_memo();
  if (memo.size() > 1024) memo.clear();
  const auto& wanted = normalized(memo, *root_url);
  // Not a URL the CLI would use: whatever it names, it is judged as production (fail closed).
  if (!wanted) return ClusterMatch{"", false, true};
  // Two passes: the whole URL, then only its origin. Later clusters first in each: a file merged
  // over the default may claim a URL the default also lists.
  for (bool origin_only : {false, true}) {
    for (auto it = policy.clusters.rbegin(); it != policy.clusters.rend(); ++it) {
      auto same = [&](const std::string& u) {
        const auto& n = normalized(memo, u);
        if (!n) return root_urls_equal(*root_url, u);
        return origin_only ? origin_of(*n) == origin_of(*wanted) : *n == *wanted;
      };
      if (same(it->root_url) || std::any_of(it->also.begin(), it->also.end(), same))
        return ClusterMatch{it->name, true, it->production};
    }
  }
  return match;
}

}  // namespace tcg::policy
