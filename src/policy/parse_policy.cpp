// Strict loading of one policy file (DESIGN.md "Policy file"): every problem is one Error at
// file:line:column, and nothing escapes as an exception.
#include <re2/re2.h>

#include <algorithm>
#include <exception>
#include <filesystem>

#include "duration/duration.h"
#include "policy/civil_date.h"
#include "policy/policy.h"
#include "policy/suggest.h"
#include "policy/yaml_expr.h"
#include "yaml/limits.h"
#include "policy/yaml_reader.h"
#include "yaml/single_document.h"
#include "model/rule.h"

namespace tcg::policy {

namespace {

// The keys each section accepts: the parser rejects any other, and docs/policy.md documents
// exactly these (tests/policy_doc compares the two).
const std::vector<std::string> kTopKeys = {"version", "clusters", "unknown_cluster", "audit_log", "rules", "actions", "exceptions",
                                            "profiles"};
const std::vector<std::string> kClusterKeys = {"root_url", "also", "production", "helper"};
const std::vector<std::string> kProfileKeys = {"cluster", "scopes", "expires", "description"};
const std::vector<std::string> kRuleKeys = {"id",   "description", "severity", "clusters", "when",
                                            "max_expiry", "min_expiry", "deny", "help"};
const std::vector<std::string> kWhenKeys = {"grants", "grants_any", "scope_matches", "scope_in", "scope_not_in"};
const std::vector<std::string> kActionKeys = {"id",   "commands", "flags",   "clusters", "severity",
                                              "message", "help", "confirm", "deny", "via_action"};
const std::vector<std::string> kExceptionKeys = {"rule", "path", "context", "reason", "until"};

// A word a shell function name may hold after `tc-` in bash, zsh and fish alike.
bool is_shell_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '-') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || !std::isalnum(static_cast<unsigned char>(id[0]))) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

bool is_http_url(std::string_view url) {
  std::string lower(url.substr(0, 8));
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  size_t host = lower.rfind("https://", 0) == 0 ? 8 : lower.rfind("http://", 0) == 0 ? 7 : 0;
  if (host == 0 || url.size() <= host || url[host] == '/') return false;
  return std::all_of(url.begin(), url.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

std::vector<std::string> urls_of(const Cluster& cluster) {
  std::vector<std::string> urls = cluster.also;
  urls.insert(urls.begin(), cluster.root_url);
  return urls;
}

class PolicyParser {
 public:
  explicit PolicyParser(const std::string& file) : r_(file) {
    // A real file's folder; "<default>" (embedded) has none, and its exceptions use the current folder.
    if (!file.empty() && file.front() != '<') {
      std::error_code ec;
      std::filesystem::path dir = std::filesystem::absolute(file, ec).lexically_normal().parent_path();
      if (!ec) base_dir_ = dir.string();
    }
  }

  Result<Policy> parse(const YAML::Node& root) {
    if (root.IsNull()) return Error{"the policy is empty; it needs at least `version: 1`", {r_.file(), 1, 1}};
    auto entries = r_.entries(root, "the policy", kTopKeys);
    if (!entries) return entries.error();
    bool has_version = false;
    for (const auto& e : *entries) {
      Status s = Ok{};
      if (e.key == "version") {
        has_version = true;
        s = version(e);
      } else if (e.key == "clusters") {
        s = clusters(e);
      } else if (e.key == "unknown_cluster") {
        s = unknown_cluster(e);
      } else if (e.key == "audit_log") {
        s = audit_log(e);
      } else if (e.key == "rules") {
        s = each(e, &PolicyParser::rule);
      } else if (e.key == "actions") {
        s = each(e, &PolicyParser::action);
      } else if (e.key == "exceptions") {
        s = each(e, &PolicyParser::exception);
      } else if (e.key == "profiles") {
        s = profiles(e);
      }
      if (!s) return s.error();
    }
    if (!has_version) return Error{"missing `version: 1`", r_.at(root, {r_.file(), 1, 1})};
    policy_.sources.push_back(r_.file());
    return std::move(policy_);
  }

 private:
  using ItemParser = Status (PolicyParser::*)(const YAML::Node&, size_t);

  Status version(const YamlEntry& e) {
    if (!e.value.IsScalar() || e.value.Scalar() != "1")
      return r_.error(e.value.IsNull() ? e.key_node : e.value,
                      "unsupported policy version" + (e.value.IsScalar() ? " `" + e.value.Scalar() + "`" : std::string()) +
                          "; this tcguard reads `version: 1`");
    return Ok{};
  }

  Status each(const YamlEntry& e, ItemParser parse_item) {
    if (e.value.IsNull()) return Ok{};  // `rules:` with nothing under it
    auto items = r_.sequence(e);
    if (!items) return items.error();
    for (size_t i = 0; i < items->size(); ++i) {
      Status s = (this->*parse_item)((*items)[i], i);
      if (!s) return s;
    }
    return Ok{};
  }

  Status clusters(const YamlEntry& e) {
    if (e.value.IsNull()) return Ok{};
    auto named = r_.named_entries(e.value, "`clusters`");
    if (!named) return named.error();
    for (const auto& c : *named) {
      if (!is_valid_id(c.key)) return r_.error(c.key_node, "cluster name `" + c.key + "` must be letters, digits, `-`, `_` or `.`");
      Cluster cluster;
      cluster.name = c.key;
      cluster.where = r_.at(c.key_node);
      auto fields = r_.entries(c.value, "cluster `" + c.key + "`", kClusterKeys);
      if (!fields) return fields.error();
      bool has_root_url = false;
      for (const auto& f : *fields) {
        if (f.key == "root_url") {
          auto url = r_.string(f);
          if (!url) return url.error();
          if (!is_http_url(*url)) return r_.error(f.value, "root_url must be an http(s) URL, found `" + *url + "`");
          cluster.root_url = *url;
          has_root_url = true;
        } else if (f.key == "also") {
          auto items = r_.sequence(f);
          if (!items) return items.error();
          for (const auto& item : *items) {
            if (!item.IsScalar() || !is_http_url(item.Scalar()))
              return r_.error(item, "each item of `also` must be an http(s) URL");
            cluster.also.push_back(item.Scalar());
          }
        } else if (f.key == "production") {
          auto b = r_.boolean(f);
          if (!b) return b.error();
          cluster.production = *b;
        } else if (f.key == "helper") {
          auto h = r_.string(f);
          if (!h) return h.error();
          if (!is_shell_name(*h)) return r_.error(f.value, "helper `" + *h + "` must be letters, digits, `-` or `_`");
          cluster.helper = *h;
        }
      }
      if (!has_root_url) return r_.error(c.key_node, "cluster `" + c.key + "` needs a `root_url`");
      // One root URL belongs to one cluster, or classification would depend on order.
      for (const auto& url : urls_of(cluster))
        for (const auto& other : policy_.clusters)
          for (const auto& other_url : urls_of(other))
            if (root_urls_equal(url, other_url))
              return r_.error(c.key_node, "root URL " + url + " of cluster `" + c.key + "` already belongs to cluster `" +
                                              other.name + "`");
      policy_.clusters.push_back(std::move(cluster));
    }
    return Ok{};
  }

  Status profiles(const YamlEntry& e) {
    if (e.value.IsNull()) return Ok{};
    auto named = r_.named_entries(e.value, "`profiles`");
    if (!named) return named.error();
    for (const auto& entry : *named) {
      if (!is_shell_name(entry.key))
        return r_.error(entry.key_node, "profile name `" + entry.key + "` must be letters, digits, `-` or `_` (it names "
                                        "the shell helper tc-" + entry.key + ")");
      Profile profile;
      profile.name = entry.key;
      profile.where = r_.at(entry.key_node);
      auto fields = r_.entries(entry.value, "profile `" + entry.key + "`", kProfileKeys);
      if (!fields) return fields.error();
      bool has_cluster = false, has_scopes = false, has_expires = false;
      for (const auto& f : *fields) {
        if (f.key == "cluster") {
          auto c = r_.string(f);
          if (!c) return c.error();
          profile.cluster = *c;
          has_cluster = true;
        } else if (f.key == "scopes") {
          auto items = r_.sequence(f);
          if (!items) return items.error();
          for (const auto& item : *items) {
            if (!item.IsScalar() || !scopes::is_valid_scope(item.Scalar()) || item.Scalar().empty())
              return r_.error(item, "each item of `scopes` must be one scope (printable ASCII, no newline)");
            profile.scopes.push_back(item.Scalar());
          }
          if (profile.scopes.empty()) return r_.error(f.value, "profile `" + entry.key + "` needs at least one scope");
          has_scopes = true;
        } else if (f.key == "expires") {
          auto text = r_.string(f);
          if (!text) return text.error();
          auto seconds = duration(f);
          if (!seconds) return seconds.error();
          profile.expires = *text;
          profile.expires_seconds = *seconds;
          has_expires = true;
        } else if (f.key == "description") {
          auto d = r_.string(f);
          if (!d) return d.error();
          profile.description = *d;
        }
      }
      // Every part explicit: a profile is what a sign-in will ask for, not the CLI's defaults.
      if (!has_cluster) return r_.error(entry.key_node, "profile `" + entry.key + "` needs a `cluster`");
      if (!has_scopes) return r_.error(entry.key_node, "profile `" + entry.key + "` needs `scopes`");
      if (!has_expires) return r_.error(entry.key_node, "profile `" + entry.key + "` needs `expires`");
      policy_.profiles.push_back(std::move(profile));
    }
    return Ok{};
  }

  Status audit_log(const YamlEntry& e) {
    auto value = r_.string(e);
    if (!value) return value.error();
    if (*value != "required" && *value != "best-effort")
      return r_.error(e.value, "audit_log is `required` or `best-effort`, found `" + *value + "`" +
                                   did_you_mean(*value, {"required", "best-effort"}));
    policy_.audit_required = *value == "required";
    policy_.audit_log_set = true;
    policy_.audit_log_where = r_.at(e.value, {r_.file(), 0, 0});
    return Ok{};
  }

  Status unknown_cluster(const YamlEntry& e) {
    auto value = r_.string(e);
    if (!value) return value.error();
    if (*value != "production" && *value != "ignore")
      return r_.error(e.value, "unknown_cluster is `production` or `ignore`, found `" + *value + "`" +
                                   did_you_mean(*value, {"production", "ignore"}));
    policy_.unknown_is_production = *value == "production";
    policy_.unknown_cluster_set = true;
    return Ok{};
  }

  Result<Severity> severity(const YamlEntry& e) {
    auto value = r_.string(e);
    if (!value) return value.error();
    auto s = parse_severity(*value);
    if (!s)
      return r_.error(e.value, "severity is error, warning or note, found `" + *value + "`" +
                                   did_you_mean(*value, {"error", "warning", "note"}));
    return *s;
  }

  Result<ClusterSelector> cluster_selector(const YamlEntry& e) {
    ClusterSelector sel;
    if (e.value.IsScalar()) {
      const std::string& v = e.value.Scalar();
      if (v == "any") return sel;
      if (v == "production") {
        sel.kind = ClusterSelector::Kind::Production;
        return sel;
      }
      if (v == "non-production") {
        sel.kind = ClusterSelector::Kind::NonProduction;
        return sel;
      }
      std::string hint = did_you_mean(v, {"any", "production", "non-production"});
      if (hint.empty()) hint = " (a single cluster is written as a list: [" + v + "])";
      return r_.error(e.value, "`clusters` is any, production, non-production or a list of cluster names" + hint);
    }
    auto items = r_.sequence(e);
    if (!items) return items.error();
    if (items->empty()) return r_.error(e.value, "`clusters` must not be an empty list");
    sel.kind = ClusterSelector::Kind::Names;
    for (const auto& item : *items) {
      if (!item.IsScalar() || item.Scalar().empty()) return r_.error(item, "each item of `clusters` must be a cluster name");
      sel.names.push_back(item.Scalar());
      sel.name_locations.push_back(r_.at(item));
    }
    return sel;
  }

  Result<int64_t> duration(const YamlEntry& e) {
    auto text = r_.string(e);
    if (!text) return text.error();
    auto seconds = parse_duration(*text);
    if (!seconds)
      return r_.error_inside(e.value, std::max(seconds.error().where.column - 1, 0),
                             "invalid duration `" + *text + "` in `" + e.key + "`: " + seconds.error().message);
    return *seconds;
  }

  Status when(const YamlEntry& e, RuleCondition& cond) {
    auto fields = r_.entries(e.value, "`when`", kWhenKeys);
    if (!fields) return fields.error();
    for (const auto& f : *fields) {
      if (f.key == "grants") {
        auto expr = expr_from_yaml(r_, f.value);
        if (!expr) return expr.error();
        cond.grants = std::move(*expr);
      } else if (f.key == "grants_any") {
        auto patterns = r_.string_list(f, false);
        if (!patterns) return patterns.error();
        for (size_t i = 0; i < patterns->size(); ++i)
          if (!scopes::is_valid_scope((*patterns)[i]))
            return r_.error(f.value[i], "a scope holds printable ASCII only (0x20-0x7e)");
        cond.grants_any = std::move(*patterns);
      } else if (f.key == "scope_matches") {
        auto pattern = r_.non_empty_string(f);
        if (!pattern) return pattern.error();
        RE2::Options options;
        options.set_log_errors(false);
        auto regex = std::make_shared<RE2>(*pattern, options);
        if (!regex->ok()) {
          size_t offset = regex->error_arg().empty() ? std::string::npos : pattern->find(regex->error_arg());
          return r_.error_inside(f.value, offset == std::string::npos ? 0 : static_cast<int>(offset),
                                 "invalid regular expression: " + regex->error());
        }
        cond.scope_matches = *pattern;
        cond.scope_regex = std::move(regex);
      } else if (f.key == "scope_in" || f.key == "scope_not_in") {
        auto listed = r_.string_list(f, false);
        if (!listed) return listed.error();
        for (size_t i = 0; i < listed->size(); ++i)
          if (!scopes::is_valid_scope((*listed)[i]))
            return r_.error(f.value[i], "a scope holds printable ASCII only (0x20-0x7e)");
        (f.key == "scope_in" ? cond.scope_in : cond.scope_not_in) = std::move(*listed);
      }
    }
    return Ok{};
  }

  // `max_expiry: 15m`, or per cluster: `max_expiry: {firefoxci-staging: 30m, default: 15m}`.
  Result<ExpiryLimit> expiry_limit(const YamlEntry& e) {
    ExpiryLimit limit;
    if (!e.value.IsMap()) {
      auto seconds = duration(e);
      if (!seconds) return seconds.error();
      limit.fallback = *seconds;
      return limit;
    }
    limit.per_cluster = true;
    auto named = r_.named_entries(e.value, "`" + e.key + "`");
    if (!named) return named.error();
    for (const auto& c : *named) {
      YamlEntry value{e.key, c.key_node, c.value};
      auto seconds = duration(value);
      if (!seconds) return seconds.error();
      if (c.key == "default") {
        limit.fallback = *seconds;
        continue;
      }
      if (!is_valid_id(c.key)) return r_.error(c.key_node, "cluster name `" + c.key + "` must be letters, digits, `-`, `_` or `.`");
      limit.clusters.emplace_back(c.key, *seconds);
      limit.cluster_locations.push_back(r_.at(c.key_node));
    }
    // Fail closed: a cluster the mapping forgot, or a root URL no cluster names, keeps a limit.
    if (!limit.fallback)
      return r_.error(e.value, "a per-cluster `" + e.key + "` needs `default: DURATION` for the clusters it does not name "
                               "(and root URLs that name no cluster)");
    return limit;
  }

  Status rule(const YAML::Node& node, size_t /*index*/) {
    auto fields = r_.entries(node, "a rule", kRuleKeys);
    if (!fields) return fields.error();
    Rule rule;
    rule.where = r_.at(node);
    bool has_id = false;
    const YamlEntry* max_entry = nullptr;
    for (const auto& f : *fields) {
      if (f.key == "id") {
        auto id = r_.non_empty_string(f);
        if (!id) return id.error();
        if (!is_valid_id(*id)) return r_.error(f.value, "rule id `" + *id + "` must be letters, digits, `-`, `_` or `.`");
        if (const auto* builtin = rules::find_builtin_rule(*id); builtin && builtin->kind != rules::RuleKind::Policy)
          return r_.error(f.value, "`" + *id + "` is a built-in " + std::string(rules::kind_name(builtin->kind)) +
                                       ", not a policy rule; choose another id");
        for (const auto& earlier : policy_.rules)
          if (earlier.id == *id)
            return r_.error(f.value, "duplicate rule id `" + *id + "` (first at line " + std::to_string(earlier.where.line) + ")");
        rule.id = *id;
        has_id = true;
      } else if (f.key == "description" || f.key == "help") {
        auto text = r_.string(f);
        if (!text) return text.error();
        (f.key == "help" ? rule.help : rule.description) = *text;
      } else if (f.key == "severity") {
        auto s = severity(f);
        if (!s) return s.error();
        rule.severity = *s;
      } else if (f.key == "clusters") {
        auto sel = cluster_selector(f);
        if (!sel) return sel.error();
        rule.clusters = std::move(*sel);
      } else if (f.key == "when") {
        Status s = when(f, rule.when);
        if (!s) return s;
      } else if (f.key == "max_expiry" || f.key == "min_expiry") {
        auto limit = expiry_limit(f);
        if (!limit) return limit.error();
        (f.key == "max_expiry" ? rule.max_expiry : rule.min_expiry) = std::move(*limit);
        if (f.key == "max_expiry") max_entry = &f;
      } else if (f.key == "deny") {
        auto b = r_.boolean(f);
        if (!b) return b.error();
        rule.deny = *b;
      }
    }
    if (!has_id) return r_.error(node, "a rule needs an `id`");
    if (rule.max_expiry.set() && rule.min_expiry.set()) {
      // Compared on every cluster either form names, and on the others (`default`).
      std::vector<std::string> names{""};
      for (const auto& [name, seconds] : rule.max_expiry.clusters) names.push_back(name);
      for (const auto& [name, seconds] : rule.min_expiry.clusters) names.push_back(name);
      for (const auto& name : names) {
        auto max = rule.max_expiry.for_cluster(name), min = rule.min_expiry.for_cluster(name);
        if (max && min && *min > *max)
          return r_.error(max_entry->value, "max_expiry is shorter than min_expiry" +
                                                (name.empty() ? std::string() : " on " + name) +
                                                ", so every request would be a finding");
      }
    }
    policy_.rules.push_back(std::move(rule));
    return Ok{};
  }

  Status action(const YAML::Node& node, size_t index) {
    auto fields = r_.entries(node, "an action", kActionKeys);
    if (!fields) return fields.error();
    Action action;
    action.where = r_.at(node);
    action.id = "action-" + std::to_string(index + 1);
    const YAML::Node* id_node = nullptr;
    bool has_commands = false;
    for (const auto& f : *fields) {
      if (f.key == "id") {
        auto id = r_.non_empty_string(f);
        if (!id) return id.error();
        if (!is_valid_id(*id)) return r_.error(f.value, "action id `" + *id + "` must be letters, digits, `-`, `_` or `.`");
        if (const auto* builtin = rules::find_builtin_rule(*id); builtin && builtin->kind != rules::RuleKind::Action)
          return r_.error(f.value, "`" + *id + "` is a built-in " + std::string(rules::kind_name(builtin->kind)) +
                                       ", not an action; choose another id");
        action.id = *id;
        id_node = &f.value;
      } else if (f.key == "commands" || f.key == "flags") {
        auto list = r_.string_list(f, f.key == "flags");
        if (!list) return list.error();
        for (size_t i = 0; i < list->size(); ++i) {
          const std::string& item = (*list)[i];
          bool bad = f.key == "commands" ? item.empty() || item.front() == ' ' || item.back() == ' '
                                         : item.size() < 2 || item.front() != '-';
          if (bad)
            return r_.error(f.value[i], f.key == "commands" ? "a command is its words, e.g. \"task rerun\", \"api *\" or \"*\""
                                                              : "a flag is written as on the command line, e.g. --force");
        }
        (f.key == "commands" ? action.commands : action.flags) = std::move(*list);
        has_commands = has_commands || f.key == "commands";
      } else if (f.key == "clusters") {
        auto sel = cluster_selector(f);
        if (!sel) return sel.error();
        action.clusters = std::move(*sel);
      } else if (f.key == "severity") {
        auto s = severity(f);
        if (!s) return s.error();
        action.severity = *s;
      } else if (f.key == "message" || f.key == "help") {
        auto text = r_.string(f);
        if (!text) return text.error();
        (f.key == "help" ? action.help : action.message) = *text;
      } else if (f.key == "confirm" || f.key == "deny") {
        auto b = r_.boolean(f);
        if (!b) return b.error();
        (f.key == "deny" ? action.deny : action.confirm) = *b;
      } else if (f.key == "via_action") {
        auto b = r_.boolean(f);
        if (!b) return b.error();
        action.via_action = *b;
      }
    }
    if (!has_commands) return r_.error(node, "an action needs `commands`");
    for (const auto& earlier : policy_.actions)
      if (earlier.id == action.id)
        return id_node ? r_.error(*id_node, "duplicate action id `" + action.id + "` (first at line " +
                                                std::to_string(earlier.where.line) + ")")
                       : r_.error(node, "duplicate action id `" + action.id + "`");
    policy_.actions.push_back(std::move(action));
    return Ok{};
  }

  Status exception(const YAML::Node& node, size_t /*index*/) {
    auto fields = r_.entries(node, "an exception", kExceptionKeys);
    if (!fields) return fields.error();
    Exception ex;
    ex.where = r_.at(node);
    bool has_until = false;
    for (const auto& f : *fields) {
      if (f.key == "until") {
        auto text = r_.string(f);
        if (!text) return text.error();
        auto days = parse_iso_date(*text);
        if (!days) return r_.error(f.value, "`until` must be a date written YYYY-MM-DD, found `" + *text + "`");
        ex.until = *text;
        ex.until_days = *days;
        has_until = true;
        continue;
      }
      auto text = r_.non_empty_string(f);
      if (!text) return text.error();
      if (f.key == "rule") ex.rule = *text;
      if (f.key == "path") ex.path = *text;
      if (f.key == "context") ex.context = *text;
      if (f.key == "reason") ex.reason = *text;
    }
    if (ex.rule.empty()) return r_.error(node, "an exception needs the `rule` it accepts");
    if (ex.path.empty() && ex.context.empty()) return r_.error(node, "an exception needs a `path` glob or a `context`");
    if (ex.reason.empty()) return r_.error(node, "an exception needs a `reason`");
    if (!has_until) return r_.error(node, "an exception needs an end date, `until: YYYY-MM-DD`");
    ex.base_dir = base_dir_;
    policy_.exceptions.push_back(std::move(ex));
    return Ok{};
  }

  YamlReader r_;
  Policy policy_;
  std::string base_dir_;
};

}  // namespace

const std::vector<KeyTable>& accepted_keys() {
  static const std::vector<KeyTable> tables = {
      {"policy", kTopKeys},           {"clusters.NAME", kClusterKeys}, {"rules[]", kRuleKeys},
      {"rules[].when", kWhenKeys},    {"actions[]", kActionKeys},      {"exceptions[]", kExceptionKeys},
      {"profiles.NAME", kProfileKeys},
  };
  return tables;
}

Result<Policy> parse_policy(std::string_view yaml_text, const std::string& filename, PolicyDocuments documents) {
  Status limits = yaml::check_yaml_limits(yaml_text, filename);
  if (!limits) return limits.error();
  try {
    YAML::Node root;
    if (documents == PolicyDocuments::KnownSingle) {
      root = yaml::load_known_single_document(yaml_text);
    } else {
      yaml::SingleDocument document = yaml::load_single_document(yaml_text);
      if (document.second_document)
        return Error{"a policy file holds one YAML document",
                     {filename, document.second_document->line + 1, document.second_document->column + 1}};
      root = document.root;
    }
    PolicyParser parser(filename);
    return parser.parse(root);
  } catch (const YAML::Exception& e) {
    SourceLocation where{filename, 0, 0};
    if (!e.mark.is_null()) where = {filename, e.mark.line + 1, e.mark.column + 1};
    return Error{e.msg.empty() ? std::string("invalid YAML") : "invalid YAML: " + e.msg, where};
  } catch (const std::exception& e) {
    return Error{std::string("cannot read the policy: ") + e.what(), SourceLocation{filename, 0, 0}};
  }
}

}  // namespace tcg::policy
