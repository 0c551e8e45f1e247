#pragma once
// A built-in check on a shell file (one class per file, listed in rules/check_list.cpp). Each
// check sees what the symbolic evaluator learnt (shell::Analysis) and the requests resolved from it.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rules/check.h"
#include "shell/analysis.h"

namespace tcg::rules {

class ShellCheck : public Check {
 public:
  // Only when the facts are a shell file's.
  void check(const Facts& facts, std::vector<Finding>& out) const final {
    if (facts.shell) check_file(*facts.shell, out);
  }

 protected:
  virtual void check_file(const ShellFacts& facts, std::vector<Finding>& out) const = 0;
  using Check::finding;
};

std::unique_ptr<Check> make_signin_output_not_evaluated_check();
std::unique_ptr<Check> make_alias_positional_args_check();
std::unique_ptr<Check> make_logout_incomplete_check();
std::unique_ptr<Check> make_hardcoded_access_token_check();
std::unique_ptr<Check> make_dynamic_signin_request_check();
std::unique_ptr<Check> make_suppression_without_reason_check();
std::unique_ptr<Check> make_suppression_invalid_check();
std::unique_ptr<Check> make_signin_invalid_arguments_check();
std::unique_ptr<Check> make_alias_keyword_missing_check();
std::unique_ptr<Check> make_credentials_written_to_file_check();
// The policy's actions on the state-changing commands of a script (a Check with the id "", like
// the policy's rules: the findings carry the actions' own ids).
std::unique_ptr<Check> make_script_actions_check();

// The ids of the checks above (a test and `policy rules` list them).
bool is_shell_check(std::string_view id);

}  // namespace tcg::rules
