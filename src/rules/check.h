#pragma once
// The one check interface (clang-tidy style: one class per file, one list in check_list.cpp).
// Every check sees the same resolved facts and decides for itself what it applies to: sign-in
// requests, a shell file, or the credentials in use. A check's id is in the registry
// (model/rule_registry.cpp), which is the one place its severity is set, and it has a doc page.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "policy/policy.h"
#include "rules/credential/credential_facts.h"

namespace tcg::shell {
struct Analysis;
struct Suppression;
}  // namespace tcg::shell

namespace tcg::rules {

// What lint learnt about one shell file.
struct ShellFacts {
  const shell::Analysis& analysis;
  // One request per entry of analysis.signins (same index), resolved.
  const std::vector<SigninRequest>& call_requests;
  // Index of each call's request in the report (equal requests share one).
  const std::vector<size_t>& call_request_index;
  const std::vector<shell::Suppression>& suppressions;
  // Every rule id a suppression may name: the built-in ones and the policy's rules and actions.
  const std::vector<std::string>& known_rule_ids;
};

// Everything one judgement sees. Nothing in it is changed by a check.
struct Facts {
  const policy::Policy& policy;
  // The sign-in requests, each judged once; a finding's `request` is an index into this list.
  const std::vector<SigninRequest>& requests;
  // Lint: a sign-in with an unknown lifetime is possibly unbounded (fail closed).
  bool unknown_lifetime_fails = false;
  // Review --expand: what the first request grants once its roles are expanded.
  const RoleExpansion* expansion = nullptr;
  const ShellFacts* shell = nullptr;            // lint
  const CredentialFacts* credentials = nullptr;  // run, whoami
  // The index in `requests` of the credentials' held request (credentials only).
  size_t held_request = 0;
};

class Check {
 public:
  virtual ~Check() = default;
  // The rule id it reports ("" for the check that applies the policy file's own rules).
  virtual std::string_view id() const = 0;
  virtual void check(const Facts& facts, std::vector<Finding>& out) const = 0;

 protected:
  // A finding of this check with the registry's severity (the off-production level if declared).
  Finding finding(SourceLocation where, std::string context, std::string message, std::string help,
                  bool production = true) const;
};

// Every check, in the order their findings are reported.
const std::vector<std::unique_ptr<Check>>& all_checks();

}  // namespace tcg::rules
