// Lookups on a policy, merging of several files, and the checks that need the merged result.
#include <algorithm>

#include "policy/policy.h"
#include "policy/suggest.h"
#include "model/rule.h"

namespace tcg::policy {

bool ClusterSelector::matches(const std::string& cluster, bool production) const {
  switch (kind) {
    case Kind::Any: return true;
    case Kind::Production: return production;
    case Kind::NonProduction: return !production;
    case Kind::Names: return !cluster.empty() && std::find(names.begin(), names.end(), cluster) != names.end();
  }
  return true;
}

const Cluster* Policy::find_cluster(const std::string& name) const {
  auto it = std::find_if(clusters.begin(), clusters.end(), [&](const Cluster& c) { return c.name == name; });
  return it == clusters.end() ? nullptr : &*it;
}

const Rule* Policy::find_rule(const std::string& id) const {
  auto it = std::find_if(rules.begin(), rules.end(), [&](const Rule& r) { return r.id == id; });
  return it == rules.end() ? nullptr : &*it;
}

const Profile* Policy::find_profile(const std::string& name) const {
  auto it = std::find_if(profiles.begin(), profiles.end(), [&](const Profile& p) { return p.name == name; });
  return it == profiles.end() ? nullptr : &*it;
}

namespace {

template <class T, class Key>
void replace_or_append(std::vector<T>& base, const std::vector<T>& overlay, Key key) {
  for (const auto& item : overlay) {
    auto it = std::find_if(base.begin(), base.end(), [&](const T& b) { return key(b) == key(item); });
    if (it != base.end())
      *it = item;
    else
      base.push_back(item);
  }
}

}  // namespace

Policy merge(Policy base, const Policy& overlay) {
  replace_or_append(base.clusters, overlay.clusters, [](const Cluster& c) { return c.name; });
  for (const auto& next : overlay.rules) {
    auto it = std::find_if(base.rules.begin(), base.rules.end(), [&](const Rule& r) { return r.id == next.id; });
    if (it == base.rules.end()) {
      base.rules.push_back(next);
      continue;
    }
    // Judged under the merged clusters, so a cluster the overlay adds counts too.
    auto lost = rule_losses(*it, next, base, true);
    if (!lost.empty()) base.loosened.push_back({next.id, next.where, it->where, std::move(lost)});
    *it = next;
  }
  replace_or_append(base.actions, overlay.actions, [](const Action& a) { return a.id; });
  replace_or_append(base.profiles, overlay.profiles, [](const Profile& p) { return p.name; });
  base.exceptions.insert(base.exceptions.end(), overlay.exceptions.begin(), overlay.exceptions.end());
  if (overlay.unknown_cluster_set) {
    base.unknown_is_production = overlay.unknown_is_production;
    base.unknown_cluster_set = true;
  }
  if (overlay.audit_log_set) {
    base.audit_required = overlay.audit_required;
    base.audit_log_set = true;
    base.audit_log_where = overlay.audit_log_where;
  }
  base.sources.insert(base.sources.end(), overlay.sources.begin(), overlay.sources.end());
  return base;
}

Status check_references(const Policy& policy) {
  std::vector<std::string> cluster_names;
  for (const auto& c : policy.clusters) cluster_names.push_back(c.name);
  auto check_selector = [&](const ClusterSelector& sel) -> Status {
    for (size_t i = 0; i < sel.names.size(); ++i) {
      if (policy.find_cluster(sel.names[i])) continue;
      SourceLocation where = i < sel.name_locations.size() ? sel.name_locations[i] : SourceLocation{};
      std::string hint = did_you_mean(sel.names[i], cluster_names);
      if (hint.empty() && !cluster_names.empty()) {
        hint = "; defined clusters:";
        for (const auto& n : cluster_names) hint += " " + n;
      }
      return Error{"cluster `" + sel.names[i] + "` is not defined" + hint, where};
    }
    return Ok{};
  };
  for (const auto& rule : policy.rules) {
    if (Status s = check_selector(rule.clusters); !s) return s;
    for (const ExpiryLimit* limit : {&rule.max_expiry, &rule.min_expiry}) {
      ClusterSelector named;  // the per-cluster form's names, checked as a `clusters:` list is
      for (const auto& [name, seconds] : limit->clusters) named.names.push_back(name);
      named.name_locations = limit->cluster_locations;
      if (Status s = check_selector(named); !s) return s;
    }
  }
  for (const auto& action : policy.actions)
    if (Status s = check_selector(action.clusters); !s) return s;
  for (const auto& profile : policy.profiles) {
    if (policy.find_cluster(profile.cluster)) continue;
    return Error{"profile `" + profile.name + "`: cluster `" + profile.cluster + "` is not defined" +
                     did_you_mean(profile.cluster, cluster_names),
                 profile.where};
  }

  std::vector<std::string> rule_ids;
  for (const auto& r : rules::builtin_rules()) rule_ids.emplace_back(r.id);
  for (const auto& r : policy.rules) rule_ids.push_back(r.id);
  for (const auto& a : policy.actions) rule_ids.push_back(a.id);
  for (const auto& ex : policy.exceptions) {
    if (std::find(rule_ids.begin(), rule_ids.end(), ex.rule) != rule_ids.end()) continue;
    return Error{"exception for unknown rule `" + ex.rule + "`" + did_you_mean(ex.rule, rule_ids), ex.where};
  }
  return Ok{};
}

}  // namespace tcg::policy
