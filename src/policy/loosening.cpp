// Per-cluster limits, and telling where a replacing rule protects less than the one it replaces
// (issue 17: redefining a default rule for one cluster used to drop it everywhere else, silently).
#include <algorithm>

#include "duration/duration.h"
#include "policy/policy.h"

namespace tcg::policy {

std::optional<int64_t> ExpiryLimit::for_cluster(const std::string& cluster) const {
  if (!cluster.empty())
    for (const auto& [name, seconds] : clusters)
      if (name == cluster) return seconds;
  return fallback;
}

bool ExpiryLimit::names(const std::string& cluster) const {
  return std::any_of(clusters.begin(), clusters.end(), [&](const auto& c) { return c.first == cluster; });
}

namespace {

bool same_condition(const RuleCondition& a, const RuleCondition& b) {
  return a.grants == b.grants && a.grants_any == b.grants_any && a.scope_matches == b.scope_matches &&
         a.scope_in == b.scope_in && a.scope_not_in == b.scope_not_in;
}

// How `next` is weaker than `current` on one cluster ("" = as strict or stricter).
std::string loss_on(const Rule& current, const Rule& next, const std::string& cluster, bool production) {
  if (!current.clusters.matches(cluster, production)) return "";
  if (!next.clusters.matches(cluster, production)) return "no longer applies";
  if (next.severity < current.severity)
    return "severity " + std::string(severity_name(current.severity)) + " lowered to " +
           std::string(severity_name(next.severity));
  // A condition tcguard cannot compare may match fewer requests; none at all matches every one.
  if (!next.when.empty() && !same_condition(current.when, next.when)) return "a different `when` condition";
  auto max_before = current.max_expiry.for_cluster(cluster), max_after = next.max_expiry.for_cluster(cluster);
  if (max_before && (!max_after || *max_after > *max_before))
    return max_after ? "allows " + format_duration(*max_after) + " instead of " + format_duration(*max_before)
                     : "no longer limits the lifetime to " + format_duration(*max_before);
  auto min_before = current.min_expiry.for_cluster(cluster), min_after = next.min_expiry.for_cluster(cluster);
  if (min_before && (!min_after || *min_after < *min_before))
    return "no longer requires at least " + format_duration(*min_before);
  if (current.deny && !next.deny) return "no longer denies";
  return "";
}

bool names_cluster(const Rule& rule, const std::string& cluster) {
  const auto& names = rule.clusters.names;
  return rule.clusters.kind == ClusterSelector::Kind::Names && std::find(names.begin(), names.end(), cluster) != names.end();
}

}  // namespace

std::vector<std::string> rule_losses(const Rule& current, const Rule& next, const Policy& policy, bool deliberate_ok) {
  std::vector<std::string> out;
  for (const auto& c : policy.clusters) {
    if (deliberate_ok && (names_cluster(next, c.name) || next.max_expiry.names(c.name) || next.min_expiry.names(c.name)))
      continue;
    std::string how = loss_on(current, next, c.name, c.production);
    if (!how.empty()) out.push_back(c.name + " (" + how + ")");
  }
  // Root URLs that name no cluster: judged as `unknown_cluster` says, and never named by a file.
  std::string how = loss_on(current, next, "", policy.unknown_is_production);
  if (!how.empty()) out.push_back("root URLs that name no cluster (" + how + ")");
  return out;
}

std::string Loosening::message() const {
  std::string out = "rule `" + rule + "` replaces the one at " + replaced.str() + " and no longer protects ";
  for (size_t i = 0; i < clusters.size(); ++i) out += (i == 0 ? "" : i + 1 == clusters.size() ? " and " : ", ") + clusters[i];
  return out + "; name each cluster you mean to change, e.g. `max_expiry: {<cluster>: 30m, default: 15m}`";
}

}  // namespace tcg::policy
