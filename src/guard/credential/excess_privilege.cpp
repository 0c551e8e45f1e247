// excess-privilege: credentials that hold root, a whole service or every role, used for a command
// that needs the scopes of one task.
#include <re2/re2.h>

#include "api/identity.h"
#include "guard/credential/checks.h"

namespace tcg::guard::credential {

namespace {

// `*`, `queue:*`, `queue*`, `assume:*`: the same shape the default policy's service-wildcard-expiry uses.
bool grants_a_whole_service(const std::string& scope) {
  static const re2::RE2 whole_service(R"([^:*]*:?\*)");
  return re2::RE2::FullMatch(scope, whole_service);
}

}  // namespace

std::optional<Finding> excess_privilege(const Facts& facts) {
  std::vector<std::string> broad;
  for (const auto& s : api::scopes_beyond_anonymous(facts.identity))
    if (grants_a_whole_service(s)) broad.push_back(s);
  if (broad.empty()) return std::nullopt;
  std::string held;
  for (size_t i = 0; i < broad.size() && i < 3; ++i) held += (i ? ", `" : "`") + broad[i] + "`";
  if (broad.size() > 3) held += " and " + std::to_string(broad.size() - 3) + " more";
  Finding f;
  f.rule = "excess-privilege";
  f.severity = rules::rule_severity(f.rule);
  f.message = "the credentials of " + facts.identity.client_id + " hold " + held + ", far more than `task " +
              std::string(task_action_name(facts.action)) + "` of " + facts.task.summary.task_id + " needs (" +
              describe_expr(facts.required) + ")";
  f.help = "Sign in with only what this command needs: " + minimal_signin_command(facts.minimal_scopes);
  return f;
}

}  // namespace tcg::guard::credential
