// The one list of checks. Order matters only for `review` and `run`, which print findings in the
// order they are found: the policy's rules first, then the built-in request checks, then the
// credential checks (lint sorts by position).
#include <algorithm>

#include "model/rule.h"
#include "rules/check.h"
#include "rules/credential/credential_check.h"
#include "rules/request/request_check.h"
#include "rules/shell/shell_check.h"

namespace tcg::rules {

Finding Check::finding(SourceLocation where, std::string context, std::string message, std::string help,
                       bool production) const {
  Finding f;
  f.rule = std::string(id());
  f.severity = rule_severity(id(), production);
  f.message = std::move(message);
  f.help = std::move(help);
  f.where = std::move(where);
  f.context = std::move(context);
  return f;
}

const std::vector<std::unique_ptr<Check>>& all_checks() {
  static const auto checks = [] {
    std::vector<std::unique_ptr<Check>> c;
    // Sign-in requests.
    c.push_back(make_policy_rules_check());
    c.push_back(make_scope_invalid_check());
    c.push_back(make_scope_double_star_check());
    c.push_back(make_scope_inner_star_check());
    c.push_back(make_scope_literal_escape_check());
    c.push_back(make_scope_redundant_check());
    c.push_back(make_expires_invalid_check());
    c.push_back(make_signin_default_scopes_check());
    c.push_back(make_signin_default_expiry_check());
    c.push_back(make_unknown_cluster_check());
    c.push_back(make_role_expansion_rules_check());
    // Shell files.
    c.push_back(make_signin_output_not_evaluated_check());
    c.push_back(make_alias_positional_args_check());
    c.push_back(make_logout_incomplete_check());
    c.push_back(make_hardcoded_access_token_check());
    c.push_back(make_dynamic_signin_request_check());
    c.push_back(make_suppression_without_reason_check());
    c.push_back(make_suppression_invalid_check());
    c.push_back(make_signin_invalid_arguments_check());
    c.push_back(make_alias_keyword_missing_check());
    c.push_back(make_credentials_written_to_file_check());
    c.push_back(make_script_actions_check());
    // The credentials in use.
    c.push_back(make_unverifiable_credentials_check());
    c.push_back(make_insufficient_scopes_check());
    c.push_back(make_excess_privilege_check());
    c.push_back(make_credential_policy_rules_check());
    return c;
  }();
  return checks;
}

bool is_shell_check(std::string_view id) {
  static const auto ids = [] {
    std::vector<std::string> out;
    for (const auto& c : all_checks())
      if (dynamic_cast<const ShellCheck*>(c.get())) out.emplace_back(c->id());
    return out;
  }();
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace tcg::rules
