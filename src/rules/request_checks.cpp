#include "rules/request_checks.h"

#include <cstdio>

#include "rules/request/request_check.h"
#include "model/rule.h"

namespace tcg::rules {

Finding RequestCheck::finding(const SigninRequest& request, std::string message, std::string help) const {
  Finding f;
  f.rule = std::string(id());
  f.severity = rule_severity(id(), request.production);
  f.message = std::move(message);
  f.help = std::move(help);
  f.where = request.where;
  f.context = request.context;
  return f;
}

std::string quote_scope(std::string_view scope) {
  std::string out = "`";
  for (unsigned char c : scope) {
    if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else if (c < 0x20 || c > 0x7e) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else out += static_cast<char>(c);
  }
  return out + "`";
}

const std::vector<std::unique_ptr<RequestCheck>>& request_checks() {
  static const auto checks = [] {
    std::vector<std::unique_ptr<RequestCheck>> c;
    c.push_back(make_scope_invalid_check());
    c.push_back(make_scope_double_star_check());
    c.push_back(make_scope_inner_star_check());
    c.push_back(make_scope_literal_escape_check());
    c.push_back(make_scope_redundant_check());
    c.push_back(make_expires_invalid_check());
    c.push_back(make_signin_default_scopes_check());
    c.push_back(make_signin_default_expiry_check());
    c.push_back(make_unknown_cluster_check());
    return c;
  }();
  return checks;
}

void resolve_cluster(const policy::Policy& policy, SigninRequest& request) {
  policy::ClusterMatch match = policy::classify_root_url(policy, request.root_url);
  request.cluster = match.name;
  request.production = match.production;
}

std::vector<Finding> judge_request(const policy::Policy& policy, const SigninRequest& request, size_t request_index) {
  std::vector<Finding> findings = policy::evaluate_rules(policy, request);
  for (const auto& check : request_checks()) check->check(request, policy, findings);
  for (auto& f : findings) {
    f.request = request_index;
    if (f.where.file.empty() && !f.where.has_position()) f.where = request.where;
    if (f.context.empty()) f.context = request.context;
  }
  return findings;
}

}  // namespace tcg::rules
