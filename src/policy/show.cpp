#include "policy/show.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "duration/duration.h"

namespace tcg::policy {

namespace {

// Invalid UTF-8 (possible in a hand-written file) is replaced rather than thrown on.
std::string json_text(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

// Plain when it cannot be mistaken for anything else in YAML; otherwise a JSON string, which is
// also a valid YAML double-quoted scalar.
std::string scalar(const std::string& s) {
  static const char* kReserved[] = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"};
  bool plain = !s.empty() && std::isalpha(static_cast<unsigned char>(s[0])) &&
               std::all_of(s.begin(), s.end(), [](char c) {
                 return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '/';
               });
  if (plain) {
    std::string lower = s;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const char* r : kReserved) plain = plain && lower != r;
  }
  return plain ? s : json_text(s);
}

std::string string_list(const std::vector<std::string>& items) { return json_text(items); }

std::string selector(const ClusterSelector& sel) {
  switch (sel.kind) {
    case ClusterSelector::Kind::Any: return "any";
    case ClusterSelector::Kind::Production: return "production";
    case ClusterSelector::Kind::NonProduction: return "non-production";
    case ClusterSelector::Kind::Names: return string_list(sel.names);
  }
  return "any";
}

// The plain form, or the per-cluster mapping with `default` last, as it parses back.
std::string limit(const ExpiryLimit& l) {
  if (!l.per_cluster) return format_duration(*l.fallback);
  std::string out = "{";
  for (const auto& [name, seconds] : l.clusters) out += scalar(name) + ": " + format_duration(seconds) + ", ";
  return out + "default: " + format_duration(*l.fallback) + "}";
}

std::string origin(const SourceLocation& where) {
  return where.file.empty() ? "" : "  # " + where.str();
}

}  // namespace

std::string policy_to_yaml(const Policy& policy) {
  std::ostringstream out;
  out << "# The effective tcguard policy, merged from:";
  for (const auto& s : policy.sources) out << " " << s;
  if (policy.sources.empty()) out << " (nothing)";
  out << "\nversion: 1\n";

  out << "clusters:" << (policy.clusters.empty() ? " {}" : "") << "\n";
  for (const auto& c : policy.clusters) {
    out << "  " << scalar(c.name) << ":" << origin(c.where) << "\n";
    out << "    root_url: " << scalar(c.root_url) << "\n";
    if (!c.also.empty()) out << "    also: " << string_list(c.also) << "\n";
    out << "    production: " << (c.production ? "true" : "false") << "\n";
    if (!c.helper.empty()) out << "    helper: " << scalar(c.helper) << "\n";
  }
  out << "unknown_cluster: " << (policy.unknown_is_production ? "production" : "ignore") << "\n";
  out << "audit_log: " << (policy.audit_required ? "required" : "best-effort") << "\n";

  out << "rules:" << (policy.rules.empty() ? " []" : "") << "\n";
  for (const auto& r : policy.rules) {
    out << "  - id: " << scalar(r.id) << origin(r.where) << "\n";
    if (!r.description.empty()) out << "    description: " << scalar(r.description) << "\n";
    out << "    severity: " << severity_name(r.severity) << "\n";
    out << "    clusters: " << selector(r.clusters) << "\n";
    if (!r.when.empty()) {
      out << "    when:\n";
      if (r.when.grants) out << "      grants: " << json_text(scopes::expr_to_json(*r.when.grants)) << "\n";
      if (!r.when.grants_any.empty()) out << "      grants_any: " << string_list(r.when.grants_any) << "\n";
      if (!r.when.scope_matches.empty()) out << "      scope_matches: " << scalar(r.when.scope_matches) << "\n";
      if (!r.when.scope_in.empty()) out << "      scope_in: " << string_list(r.when.scope_in) << "\n";
      if (!r.when.scope_not_in.empty()) out << "      scope_not_in: " << string_list(r.when.scope_not_in) << "\n";
    }
    if (r.max_expiry.set()) out << "    max_expiry: " << limit(r.max_expiry) << "\n";
    if (r.min_expiry.set()) out << "    min_expiry: " << limit(r.min_expiry) << "\n";
    if (r.deny) out << "    deny: true\n";
    if (!r.help.empty()) out << "    help: " << scalar(r.help) << "\n";
  }

  out << "actions:" << (policy.actions.empty() ? " []" : "") << "\n";
  for (const auto& a : policy.actions) {
    out << "  - id: " << scalar(a.id) << origin(a.where) << "\n";
    out << "    commands: " << string_list(a.commands) << "\n";
    if (!a.flags.empty()) out << "    flags: " << string_list(a.flags) << "\n";
    out << "    clusters: " << selector(a.clusters) << "\n";
    out << "    severity: " << severity_name(a.severity) << "\n";
    if (!a.message.empty()) out << "    message: " << scalar(a.message) << "\n";
    if (!a.help.empty()) out << "    help: " << scalar(a.help) << "\n";
    out << "    confirm: " << (a.confirm ? "true" : "false") << "\n";
    if (a.via_action) out << "    via_action: true\n";
    out << "    deny: " << (a.deny ? "true" : "false") << "\n";
  }

  out << "exceptions:" << (policy.exceptions.empty() ? " []" : "") << "\n";
  for (const auto& e : policy.exceptions) {
    out << "  - rule: " << scalar(e.rule) << origin(e.where) << "\n";
    if (!e.path.empty()) out << "    path: " << scalar(e.path) << "\n";
    if (!e.context.empty()) out << "    context: " << scalar(e.context) << "\n";
    out << "    reason: " << scalar(e.reason) << "\n";
    out << "    until: " << scalar(e.until) << "\n";
  }

  out << "profiles:" << (policy.profiles.empty() ? " {}" : "") << "\n";
  for (const auto& p : policy.profiles) {
    out << "  " << scalar(p.name) << ":" << origin(p.where) << "\n";
    out << "    cluster: " << scalar(p.cluster) << "\n";
    out << "    scopes: " << string_list(p.scopes) << "\n";
    out << "    expires: " << scalar(p.expires) << "\n";
    if (!p.description.empty()) out << "    description: " << scalar(p.description) << "\n";
  }
  return out.str();
}

}  // namespace tcg::policy
