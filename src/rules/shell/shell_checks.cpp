#include "rules/shell/shell_check.h"

#include "model/rule.h"

namespace tcg::rules {

Finding ShellCheck::finding(SourceLocation where, std::string context, std::string message, std::string help) const {
  Finding f;
  f.rule = std::string(id());
  f.severity = rule_severity(id());
  f.message = std::move(message);
  f.help = std::move(help);
  f.where = std::move(where);
  f.context = std::move(context);
  return f;
}

const std::vector<std::unique_ptr<ShellCheck>>& shell_checks() {
  static const auto checks = [] {
    std::vector<std::unique_ptr<ShellCheck>> c;
    c.push_back(make_signin_output_not_evaluated_check());
    c.push_back(make_alias_positional_args_check());
    c.push_back(make_logout_incomplete_check());
    c.push_back(make_hardcoded_access_token_check());
    c.push_back(make_dynamic_signin_request_check());
    c.push_back(make_suppression_without_reason_check());
    c.push_back(make_suppression_invalid_check());
    return c;
  }();
  return checks;
}

}  // namespace tcg::rules
