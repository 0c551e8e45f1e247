#pragma once
// A built-in check on a shell file (one class per file, listed in shell_checks.cpp). Each check
// sees what the symbolic evaluator learnt (shell::Analysis) and the requests resolved from it.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "shell/analysis.h"

namespace tcg::shell {
struct Suppression;
}

namespace tcg::rules {

struct ShellFacts {
  const shell::Analysis& analysis;
  // One request per entry of analysis.signins (same index), after parse_signin_args.
  const std::vector<SigninRequest>& call_requests;
  // Index of each call's request in the report (duplicates share one).
  const std::vector<size_t>& call_request_index;
  const std::vector<shell::Suppression>& suppressions;
  // Every rule id a suppression may name: the built-in ones and the policy's rules and actions.
  const std::vector<std::string>& known_rule_ids;
};

class ShellCheck {
 public:
  virtual ~ShellCheck() = default;
  virtual std::string_view id() const = 0;
  virtual void check(const ShellFacts& facts, std::vector<Finding>& out) const = 0;

 protected:
  // A finding of this check with the registry's default severity.
  Finding finding(SourceLocation where, std::string context, std::string message, std::string help) const;
};

std::unique_ptr<ShellCheck> make_signin_output_not_evaluated_check();
std::unique_ptr<ShellCheck> make_alias_positional_args_check();
std::unique_ptr<ShellCheck> make_logout_incomplete_check();
std::unique_ptr<ShellCheck> make_hardcoded_access_token_check();
std::unique_ptr<ShellCheck> make_dynamic_signin_request_check();
std::unique_ptr<ShellCheck> make_suppression_without_reason_check();
std::unique_ptr<ShellCheck> make_suppression_invalid_check();

const std::vector<std::unique_ptr<ShellCheck>>& shell_checks();

}  // namespace tcg::rules
