#include "rules/request_checks.h"

#include <cstdio>

#include "model/rule.h"
#include "rules/request/request_check.h"

namespace tcg::rules {

void RequestCheck::check(const Facts& facts, std::vector<Finding>& out) const {
  for (size_t i = 0; i < facts.requests.size(); ++i) {
    const SigninRequest& request = facts.requests[i];
    // The credentials in use are judged by the policy's rules only: what the API reports is no
    // sign-in command line to fix.
    if (facts.credentials && i == facts.held_request) continue;
    size_t first = out.size();
    check_request(request, facts.policy, out);
    for (size_t k = first; k < out.size(); ++k) out[k].request = i;
  }
}

Finding RequestCheck::finding(const SigninRequest& request, std::string message, std::string help) const {
  return Check::finding(request.where, request.context, std::move(message), std::move(help), request.production);
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

void resolve_cluster(const policy::Policy& policy, SigninRequest& request) {
  policy::ClusterMatch match = policy::classify_root_url(policy, request.root_url);
  request.cluster = match.name;
  request.production = match.production;
}

}  // namespace tcg::rules
