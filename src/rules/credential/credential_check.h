#pragma once
// Checks on the credentials in use (run, whoami), one per file, all judging CredentialFacts.
#include <memory>

#include "rules/check.h"

namespace tcg::rules {

std::unique_ptr<Check> make_unverifiable_credentials_check();
std::unique_ptr<Check> make_insufficient_scopes_check();
std::unique_ptr<Check> make_excess_privilege_check();
// The policy file's rules on the credentials' held request (the messages say "hold").
std::unique_ptr<Check> make_credential_policy_rules_check();

}  // namespace tcg::rules
