// Which cluster a root URL names (TASKCLUSTER.md §3: ignore a trailing '/' and the case of scheme
// and host; the path stays case-sensitive).
#include <algorithm>

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

ClusterMatch classify_root_url(const Policy& policy, const std::optional<std::string>& root_url) {
  ClusterMatch match;
  match.production = policy.unknown_is_production;
  if (!root_url) return match;
  // Later clusters first: a file merged over the default may claim a URL the default also lists.
  for (auto it = policy.clusters.rbegin(); it != policy.clusters.rend(); ++it) {
    bool hit = root_urls_equal(*root_url, it->root_url) ||
               std::any_of(it->also.begin(), it->also.end(), [&](const std::string& u) { return root_urls_equal(*root_url, u); });
    if (hit) return ClusterMatch{it->name, true, it->production};
  }
  return match;
}

}  // namespace tcg::policy
