#include <algorithm>

#include "model/rule.h"
#include "util/embedded.h"

namespace tcg::rules {

std::string_view kind_name(RuleKind k) {
  switch (k) {
    case RuleKind::Policy: return "policy";
    case RuleKind::Check: return "check";
    case RuleKind::Action: return "action";
    case RuleKind::Credential: return "credential";
  }
  return "check";
}

const std::vector<RuleInfo>& builtin_rules() {
  using enum RuleKind;
  static const std::vector<RuleInfo> rules = [] {
    // The fifth column is the security-severity (see rule.h): critical for a token written out,
    // high for root or a whole service for long, for credentials printed into a log and for a
    // copy that breaks the Chain of Trust; medium for lifetimes and leftovers that widen exposure.
    // Rules about a malformed request (it fails, or asks for less) are not security rules.
    std::vector<RuleInfo> r = {
        // Rules of the embedded default policy.
        {"root-scope-expiry", Policy, Severity::Error, "root scope `*` requested for longer than 15 minutes", "8.5"},
        {"service-wildcard-expiry", Policy, Severity::Error, "a whole service (`queue:*`, `assume:*`) requested for longer than 15 minutes", "7.5"},
        {"wildcard-scope-expiry", Policy, Severity::Error, "a wildcard scope requested for longer than an hour", "6.5"},
        {"long-lived-credential", Policy, Severity::Warning, "credentials that live longer than an hour", "5.0"},
        {"expired-on-arrival", Policy, Severity::Error, "a lifetime of zero or less: the client is expired when created"},
        // Built-in checks on a sign-in request.
        {"scope-invalid", Check, Severity::Error, "a scope with characters outside printable ASCII"},
        {"scope-double-star", Check, Severity::Error, "a scope ending in `**`, which the services reject"},
        {"scope-inner-star", Check, Severity::Warning, "a `*` that is not last, so it is literal, not a wildcard"},
        {"scope-redundant", Check, Severity::Note, "a requested scope already covered by another requested scope"},
        {"scope-literal-escape", Check, Severity::Error, "a literal `\\n` or `\\t` inside a scope: an escape that the shell did not expand"},
        {"expires-invalid", Check, Severity::Error, "an --expires value the Taskcluster UI cannot parse"},
        {"signin-default-scopes", Check, Severity::Warning, "no --scope given, so the sign-in asks for root `*`", "8.0"},
        {"signin-default-expiry", Check, Severity::Warning, "no --expires given, so the credentials live a day", "5.0"},
        {"unknown-cluster", Check, Severity::Warning, "a root URL that names no cluster of the policy (judged as production)"},
        // Built-in checks on shell files.
        {"signin-output-not-evaluated", Check, Severity::Error, "the export lines of `taskcluster signin` are printed, not evaluated", "7.5"},
        {"alias-positional-args", Check, Severity::Error, "an alias uses `$@`, `$*` or `$1`, which aliases never receive", "5.5"},
        {"logout-incomplete", Check, Severity::Warning, "a logout that leaves Taskcluster credentials or the root URL behind", "6.0"},
        {"hardcoded-access-token", Check, Severity::Error, "a literal TASKCLUSTER_ACCESS_TOKEN value in a file", "9.5"},
        {"signin-invalid-arguments", Check, Severity::Error, "a `taskcluster signin` whose arguments the CLI rejects (an unknown flag such as `--scopes`): nothing is signed in"},
        {"alias-keyword-missing", Check, Severity::Warning, "a `name='...'` line meant as an alias but written without `alias`: it defines nothing"},
        {"dynamic-signin-request", Check, Severity::Note, "a sign-in whose scopes or lifetime cannot be resolved statically", "4.0"},
        {"credentials-written-to-file", Check, Severity::Error, "the credentials `taskcluster signin` prints are written to a file the script never removes", "7.0"},
        {"suppression-without-reason", Check, Severity::Note, "a `# tcguard: disable=` comment with no `-- reason`"},
        {"suppression-invalid", Check, Severity::Warning, "a `# tcguard:` comment that suppresses nothing: an unknown rule id, or not written as `disable=ID`"},
        {"expired-exception", Check, Severity::Warning, "a policy exception past its `until` date", "4.0"},
        {"unused-exception", Check, Severity::Note, "a policy exception that matched no finding in the run (lint --report-unused-exceptions)"},
        {"rule-loosened", Check, Severity::Warning, "a policy file replaces a rule and protects fewer clusters, or less, than the rule it replaces"},
        // Decisions on CLI commands (actions of the default policy).
        {"production-confirmation", Action, Severity::Warning, "a state-changing command on a production cluster needs confirmation", "5.0"},
        {"retrigger-breaks-cot", Action, Severity::Warning, "`task retrigger` makes a task that Chain of Trust cannot verify", "7.0"},
        {"rerun-force-completed", Action, Severity::Warning, "`task rerun --force` reruns a completed task under its dependents", "5.0"},
        // Judgements of the credentials in use.
        {"insufficient-scopes", Credential, Severity::Error, "the credentials lack a scope the command needs"},
        {"excess-privilege", Credential, Severity::Warning, "the credentials grant far more than the command needs", "6.0"},
        {"unverifiable-credentials", Credential, Severity::Error, "the credentials or the task could not be checked with the API", "4.0"},
    };
    std::sort(r.begin(), r.end(), [](const RuleInfo& a, const RuleInfo& b) { return a.id < b.id; });
    return r;
  }();
  return rules;
}

std::string rule_doc_url(std::string_view id) {
  return std::string(kRepositoryUrl) + "/blob/main/docs/rules/" + std::string(id) + ".md";
}

const RuleInfo* find_builtin_rule(std::string_view id) {
  for (const auto& r : builtin_rules())
    if (r.id == id) return &r;
  return nullptr;
}

namespace {

// The rules whose level differs off production (DESIGN.md: fail closed on production only).
struct OffProduction {
  std::string_view id;
  Severity severity;
};
constexpr OffProduction kOffProduction[] = {
    // The API could not be asked: refused on production, a warning where a mistake costs less.
    {"unverifiable-credentials", Severity::Warning},
};

}  // namespace

Severity rule_severity(std::string_view id, bool production) {
  if (!production)
    for (const auto& o : kOffProduction)
      if (o.id == id) return o.severity;
  const RuleInfo* info = find_builtin_rule(id);
  return info ? info->severity : Severity::Error;
}

std::optional<std::string_view> rule_doc(std::string_view id) {
  return embedded_file("docs/rules/" + std::string(id) + ".md");
}

namespace {

// The text of the section that starts with `heading` (up to the next "## "), trimmed.
std::string section(std::string_view doc, std::string_view heading) {
  auto start = doc.find(heading);
  if (start == std::string_view::npos) return "";
  start = doc.find('\n', start);
  if (start == std::string_view::npos) return "";
  auto end = doc.find("\n## ", start);
  std::string_view body = doc.substr(start + 1, end == std::string_view::npos ? std::string_view::npos : end - start - 1);
  while (!body.empty() && (body.front() == '\n' || body.front() == ' ')) body.remove_prefix(1);
  while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.remove_suffix(1);
  return std::string(body);
}

}  // namespace

std::string rule_doc_description(std::string_view id) {
  auto doc = rule_doc(id);
  if (!doc) return "";
  // The first paragraph after the "# id" title.
  auto title_end = doc->find('\n');
  if (title_end == std::string_view::npos) return "";
  std::string_view rest = doc->substr(title_end + 1);
  while (!rest.empty() && rest.front() == '\n') rest.remove_prefix(1);
  auto para_end = rest.find("\n\n");
  std::string out(rest.substr(0, para_end));
  for (auto& c : out)
    if (c == '\n') c = ' ';
  return out;
}

std::string rule_doc_fix(std::string_view id) {
  auto doc = rule_doc(id);
  return doc ? section(*doc, "## How to fix") : "";
}

}  // namespace tcg::rules
