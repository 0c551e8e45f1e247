// Which cluster a root URL names (TASKCLUSTER.md §3: ignore a trailing '/' and the case of scheme
// and host; the path stays case-sensitive).
#include <algorithm>
#include <cctype>

#include "policy/policy.h"

namespace tcg::policy {

namespace {

std::string canonical_root_url(std::string_view url) {
  std::string out(url);
  if (!out.empty() && out.back() == '/') out.pop_back();
  size_t scheme_end = out.find("://");
  size_t host_end = scheme_end == std::string::npos ? 0 : out.find('/', scheme_end + 3);
  if (scheme_end != std::string::npos) {
    if (host_end == std::string::npos) host_end = out.size();
    std::transform(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(host_end), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  }
  return out;
}

}  // namespace

bool root_urls_equal(std::string_view a, std::string_view b) { return canonical_root_url(a) == canonical_root_url(b); }

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
