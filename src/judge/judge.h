#pragma once
// The one judging stage (docs/ARCHITECTURE.md "Data flow"): every front end resolves its input
// into a Subject, and judge() runs every check of rules::all_checks() that applies, then applies
// `# tcguard:` suppressions and the policy's exceptions, folds duplicates and numbers the
// requests, once. Judging never changes its input.
#include <cstdint>
#include <vector>

#include "model/finding.h"
#include "policy/policy.h"
#include "rules/credential/credential_facts.h"

namespace tcg::shell {
struct Analysis;
}

namespace tcg::judge {

struct Subject {
  // Sign-in requests, resolved (cluster and production set), in the order they were met: lint
  // gives one per call site and path; equal ones are judged once and share a request number.
  std::vector<SigninRequest> signins;
  // Lint: the shell file's facts; shell checks run and the file's suppressions apply.
  const shell::Analysis* shell = nullptr;
  // Lint reads a sign-in with an unknown lifetime as possibly unbounded (fail closed).
  bool unknown_lifetime_fails = false;
  // Review --expand: what the (one) request's roles grant.
  const rules::RoleExpansion* expansion = nullptr;
  // Run and whoami: the credentials in use; their held request follows the sign-ins in the report.
  const rules::CredentialFacts* credentials = nullptr;
};

struct Judgement {
  Report report;
  // Lint: for each entry of Subject::signins, the index of its request in report.requests.
  std::vector<size_t> signin_request;
  // The indices into policy.exceptions that covered a finding of this subject (lint combines
  // them over a run for --report-unused-exceptions).
  std::vector<size_t> used_exceptions;
};

// `today_days`: days since 1970-01-01 (UTC), for the exceptions' `until`.
Judgement judge(const policy::Policy& policy, const Subject& subject, int64_t today_days);
// The same, today.
Judgement judge(const policy::Policy& policy, const Subject& subject);

}  // namespace tcg::judge
