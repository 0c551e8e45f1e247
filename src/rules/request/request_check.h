#pragma once
// A built-in check on one sign-in request (clang-tidy style: one class per file, listed in
// rules/request_checks.cpp). Each check's id is in the registry (rules/rule.h) and has a doc page.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "policy/policy.h"
#include "model/finding.h"

namespace tcg::rules {

class RequestCheck {
 public:
  virtual ~RequestCheck() = default;
  virtual std::string_view id() const = 0;
  // Appends findings for `request` (cluster and production already set).
  virtual void check(const SigninRequest& request, const policy::Policy& policy, std::vector<Finding>& out) const = 0;

 protected:
  // A finding of this check at the request's location, with the registry's default severity.
  Finding finding(const SigninRequest& request, std::string message, std::string help) const;
};

// Factories, one per check file.
std::unique_ptr<RequestCheck> make_scope_invalid_check();
std::unique_ptr<RequestCheck> make_scope_double_star_check();
std::unique_ptr<RequestCheck> make_scope_inner_star_check();
std::unique_ptr<RequestCheck> make_scope_redundant_check();
std::unique_ptr<RequestCheck> make_scope_literal_escape_check();
std::unique_ptr<RequestCheck> make_expires_invalid_check();
std::unique_ptr<RequestCheck> make_signin_default_scopes_check();
std::unique_ptr<RequestCheck> make_signin_default_expiry_check();
std::unique_ptr<RequestCheck> make_unknown_cluster_check();

const std::vector<std::unique_ptr<RequestCheck>>& request_checks();

// `scope` with non-printable characters shown as \n, \t, \xNN, in backquotes.
std::string quote_scope(std::string_view scope);

}  // namespace tcg::rules
