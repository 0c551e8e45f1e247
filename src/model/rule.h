#pragma once
// The rule registry: every rule id tcguard can report, whatever produces it (DESIGN.md "Rule ids").
// The prose for each rule lives in docs/rules/<id>.md (embedded), which is the one source for
// `tcguard explain`, `policy rules`, SARIF rule help and the man page.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"

namespace tcg::rules {

enum class RuleKind {
  Policy,      // a rule of the policy file, applied to sign-in requests and credentials
  Check,       // a built-in check on a sign-in request or a shell file
  Action,      // a decision on a CLI command (policy `actions`)
  Credential,  // a judgement of the credentials in use (run, whoami)
};
std::string_view kind_name(RuleKind k);

struct RuleInfo {
  std::string_view id;
  RuleKind kind;
  Severity severity;       // the default level
  std::string_view summary;  // one line
  // GitHub code scanning's security-severity, a CVSS-like score as text: 9.0 and up critical,
  // 7.0-8.9 high, 4.0-6.9 medium, below low; "" for a rule that is about correctness, not security.
  std::string_view security_severity = {};
};

// Where tcguard's sources (and docs/rules/) are published: SARIF's tool.driver.informationUri, and
// the base of every rule's helpUri. The one place to change it for a fork or a mirror.
inline constexpr std::string_view kRepositoryUrl = "https://github.com/mozilla-releng/tcguard";
// The rule's page in the repository: kRepositoryUrl/blob/main/docs/rules/<id>.md.
std::string rule_doc_url(std::string_view id);

// Every built-in rule id, sorted by id. Policy files may add more (see policy::Policy::rules).
const std::vector<RuleInfo>& builtin_rules();
const RuleInfo* find_builtin_rule(std::string_view id);

// The one place a built-in rule's severity is decided, for every front end that reports it:
// its registry level, except where the registry declares a level off production (a rule that
// fails closed on production and only warns elsewhere). An id missing from the registry is a
// programming error; it is judged an error (fail closed), and tests/rules checks every id is there.
Severity rule_severity(std::string_view id, bool production = true);

// The rule's embedded doc page (docs/rules/<id>.md), if any.
std::optional<std::string_view> rule_doc(std::string_view id);
// Sections of the doc page: the first paragraph after the title, and the "## How to fix" section.
std::string rule_doc_description(std::string_view id);
std::string rule_doc_fix(std::string_view id);

}  // namespace tcg::rules
