#include "policy/tighten.h"

#include <algorithm>

#include "duration/duration.h"

namespace tcg::policy {

namespace {

// Every (cluster, production) a selector can be asked about under `policy`: its clusters, and a
// root URL no cluster names, either way.
bool selector_covers(const ClusterSelector& wider, const ClusterSelector& narrower, const Policy& policy) {
  auto both = [&](const std::string& name, bool production) {
    return !narrower.matches(name, production) || wider.matches(name, production);
  };
  for (const auto& c : policy.clusters)
    if (!both(c.name, c.production)) return false;
  return both("", true) && both("", false);
}

std::string seconds_text(int64_t s) { return format_duration(s); }

bool same_condition(const RuleCondition& a, const RuleCondition& b) {
  return a.grants == b.grants && a.grants_any == b.grants_any && a.scope_matches == b.scope_matches &&
         a.scope_in == b.scope_in && a.scope_not_in == b.scope_not_in;
}

// The first cluster (by the policy's order, then root URLs no cluster names) where `current`
// applies and `weaker` holds of the two limits there; "" when there is none.
template <class Weaker>
std::optional<std::string> weaker_somewhere(const Rule& current, const Policy& policy, Weaker weaker) {
  for (const auto& c : policy.clusters)
    if (current.clusters.matches(c.name, c.production) && weaker(c.name)) return c.name;
  if (current.clusters.matches("", policy.unknown_is_production) && weaker("")) return "";
  return std::nullopt;
}

std::string on_cluster(const std::optional<std::string>& cluster, const Rule& next) {
  if (!next.max_expiry.per_cluster && !next.min_expiry.per_cluster) return "";
  return cluster->empty() ? " on root URLs that name no cluster" : " on " + *cluster;
}

// Why `next` may not replace `current` (empty: it is at least as strict, on every cluster).
std::string rule_loosens(const Rule& current, const Rule& next, const Policy& policy) {
  if (!next.when.empty() && !same_condition(current.when, next.when))
    return "changes the condition `when` (only the same condition, or none, is known to be as strict)";
  if (!selector_covers(next.clusters, current.clusters, policy)) return "applies to fewer clusters";
  if (next.severity < current.severity)
    return "lowers the severity from " + std::string(severity_name(current.severity)) + " to " +
           std::string(severity_name(next.severity));
  std::optional<int64_t> before;
  auto longer = weaker_somewhere(current, policy, [&](const std::string& c) {
    before = current.max_expiry.for_cluster(c);
    auto after = next.max_expiry.for_cluster(c);
    return before && (!after || *after > *before);
  });
  if (longer) return "allows a longer lifetime than " + seconds_text(*before) + on_cluster(longer, next);
  auto shorter = weaker_somewhere(current, policy, [&](const std::string& c) {
    before = current.min_expiry.for_cluster(c);
    auto after = next.min_expiry.for_cluster(c);
    return before && (!after || *after < *before);
  });
  if (shorter) return "allows a shorter lifetime than " + seconds_text(*before) + on_cluster(shorter, next);
  if (current.deny && !next.deny) return "no longer denies";
  return "";
}

bool covers_command(const std::vector<std::string>& commands, const std::string& command) {
  for (const auto& c : commands) {
    if (c == "*" || c == command) return true;
    if (c == "api *" && command.rfind("api ", 0) == 0) return true;
  }
  return false;
}

std::string action_loosens(const Action& current, const Action& next, const Policy& policy) {
  for (const auto& command : current.commands)
    if (!covers_command(next.commands, command)) return "no longer covers `" + command + "`";
  for (const auto& flag : next.flags)
    if (std::find(current.flags.begin(), current.flags.end(), flag) == current.flags.end())
      return "needs the flag " + flag + " to apply";
  if (!selector_covers(next.clusters, current.clusters, policy)) return "applies to fewer clusters";
  if (next.severity < current.severity)
    return "lowers the severity from " + std::string(severity_name(current.severity)) + " to " +
           std::string(severity_name(next.severity));
  if (current.confirm && !next.confirm) return "no longer asks for confirmation";
  if (current.deny && !next.deny) return "no longer refuses";
  return "";
}

std::vector<std::string> urls_of(const Cluster& c) {
  std::vector<std::string> urls{c.root_url};
  urls.insert(urls.end(), c.also.begin(), c.also.end());
  return urls;
}

bool has_url(const std::vector<std::string>& urls, const std::string& url) {
  return std::any_of(urls.begin(), urls.end(), [&](const std::string& u) { return root_urls_equal(u, url); });
}

// The cluster other than `except` that already names `url`, if any.
const Cluster* owner_of(const Policy& policy, const std::string& url, const std::string& except) {
  for (const auto& c : policy.clusters)
    if (c.name != except && has_url(urls_of(c), url)) return &c;
  return nullptr;
}

std::string cluster_loosens(const Policy& base, const Cluster* current, const Cluster& next) {
  for (const auto& url : urls_of(next))
    if (const Cluster* other = owner_of(base, url, next.name))
      return "claims " + url + ", the root URL of cluster `" + other->name + "`";
  if (current) {
    if (current->production && !next.production) return "marks a production cluster non-production";
    auto before = urls_of(*current);
    auto after = urls_of(next);
    for (const auto& url : before)
      if (!has_url(after, url)) return "drops its root URL " + url;
    // More root URLs for a production cluster only make more URLs production; for a
    // non-production one they would take URLs out of the unknown (production) set.
    if (!next.production && after.size() > before.size() && base.unknown_is_production)
      return "adds root URLs to a non-production cluster";
    return "";
  }
  if (!next.production && base.unknown_is_production)
    return "adds a non-production cluster, where root URLs it names count as production today";
  return "";
}

}  // namespace

TighteningMerge merge_tightening_only(Policy base, const Policy& overlay) {
  TighteningMerge out;
  auto ignore = [&](std::string what, std::string why, SourceLocation where) {
    out.ignored.push_back({std::move(what), std::move(why), std::move(where)});
  };
  const Policy before = base;  // every judgement is against what the user's own files set

  for (const auto& next : overlay.clusters) {
    const Cluster* current = before.find_cluster(next.name);
    std::string why = cluster_loosens(before, current, next);
    if (!why.empty()) {
      ignore("cluster `" + next.name + "`", why, next.where);
      continue;
    }
    auto it = std::find_if(base.clusters.begin(), base.clusters.end(), [&](const Cluster& c) { return c.name == next.name; });
    if (it != base.clusters.end()) *it = next;
    else base.clusters.push_back(next);
  }
  if (overlay.unknown_cluster_set) {
    if (overlay.unknown_is_production) {
      base.unknown_is_production = true;
      base.unknown_cluster_set = true;
    } else if (before.unknown_is_production) {
      ignore("unknown_cluster", "`ignore` would let root URLs no cluster names through unconfirmed", SourceLocation{
          overlay.sources.empty() ? std::string() : overlay.sources.front(), 0, 0});
    }
  }
  // A profile is what `tcguard signin NAME` (and the shell's tc-NAME) asks for: a project file may
  // add new ones, judged by the rules as every sign-in is, but never change one the user relies on.
  for (const auto& next : overlay.profiles) {
    if (before.find_profile(next.name)) {
      ignore("profile `" + next.name + "`", "would change what `tcguard signin " + next.name + "` asks for", next.where);
      continue;
    }
    base.profiles.push_back(next);
  }
  if (overlay.audit_log_set) {
    if (overlay.audit_required) {
      base.audit_required = true;
      base.audit_log_set = true;
      base.audit_log_where = overlay.audit_log_where;
    } else if (before.audit_required) {
      ignore("audit_log", "`best-effort` would run guarded commands that cannot be recorded", overlay.audit_log_where);
    }
  }
  for (const auto& next : overlay.rules) {
    auto it = std::find_if(base.rules.begin(), base.rules.end(), [&](const Rule& r) { return r.id == next.id; });
    if (it == base.rules.end()) {
      base.rules.push_back(next);
      continue;
    }
    std::string why = rule_loosens(*it, next, base);
    if (why.empty()) *it = next;
    else ignore("rule `" + next.id + "`", why, next.where);
  }
  for (const auto& next : overlay.actions) {
    auto it = std::find_if(base.actions.begin(), base.actions.end(), [&](const Action& a) { return a.id == next.id; });
    if (it == base.actions.end()) {
      base.actions.push_back(next);
      continue;
    }
    std::string why = action_loosens(*it, next, base);
    if (why.empty()) *it = next;
    else ignore("action `" + next.id + "`", why, next.where);
  }
  for (const auto& ex : overlay.exceptions)
    ignore("exception for `" + ex.rule + "`", "exceptions drop findings; only a trusted file may add them", ex.where);
  base.sources.insert(base.sources.end(), overlay.sources.begin(), overlay.sources.end());
  out.policy = std::move(base);
  return out;
}

}  // namespace tcg::policy
