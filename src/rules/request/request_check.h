#pragma once
// A built-in check on one sign-in request (one class per file, listed in rules/check_list.cpp).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rules/check.h"

namespace tcg::rules {

class RequestCheck : public Check {
 public:
  // Each request of the facts, once; the finding's request index and context are set here.
  void check(const Facts& facts, std::vector<Finding>& out) const final;

 protected:
  // Appends findings for `request` (cluster and production already resolved).
  virtual void check_request(const SigninRequest& request, const policy::Policy& policy,
                             std::vector<Finding>& out) const = 0;
  // A finding of this check at the request's location, with the registry's severity.
  Finding finding(const SigninRequest& request, std::string message, std::string help) const;
};

// Factories, one per check file.
std::unique_ptr<Check> make_scope_invalid_check();
std::unique_ptr<Check> make_scope_double_star_check();
std::unique_ptr<Check> make_scope_inner_star_check();
std::unique_ptr<Check> make_scope_redundant_check();
std::unique_ptr<Check> make_scope_literal_escape_check();
std::unique_ptr<Check> make_expires_invalid_check();
std::unique_ptr<Check> make_signin_default_scopes_check();
std::unique_ptr<Check> make_signin_default_expiry_check();
std::unique_ptr<Check> make_unknown_cluster_check();
// The policy file's own rules on each request (in lint, an unknown lifetime as unbounded).
std::unique_ptr<Check> make_policy_rules_check();
// Review --expand: the policy's rules on what the request's `assume:` roles grant.
std::unique_ptr<Check> make_role_expansion_rules_check();

// `scope` with non-printable characters shown as \n, \t, \xNN, in backquotes.
std::string quote_scope(std::string_view scope);

}  // namespace tcg::rules
