// Fuzzes policy loading: any bytes give a Policy or one Error, never a crash or an exception. An
// accepted policy is also evaluated, has its exceptions applied, and is printed by `policy show`,
// which must parse back.
#include <cstddef>
#include <cstdint>
#include <string>

#include "policy/glob.h"
#include "policy/policy.h"
#include "policy/show.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto parsed = tcg::policy::parse_policy(text, "fuzz.yaml");
  if (!parsed) {
    if (parsed.error().where.file != "fuzz.yaml") __builtin_trap();
    return 0;
  }
  const auto& policy = *parsed;
  (void)tcg::policy::check_references(policy);

  tcg::SigninRequest request;
  request.scopes = {"*", "queue:rerun-task:*", "assume:repo:github.com/x", ""};
  request.expires_seconds = 7200;
  request.root_url = "https://firefox-ci-tc.services.mozilla.com/";
  auto cluster = tcg::policy::classify_root_url(policy, request.root_url);
  request.cluster = cluster.name;
  request.production = cluster.production;
  request.where = tcg::SourceLocation{"dotfiles/a.sh", 1, 1};
  request.context = "tc-relduty/prod";
  auto findings = tcg::policy::evaluate_rules(policy, request);
  for (const auto& ex : policy.exceptions) {
    tcg::Finding f;
    f.rule = ex.rule;
    f.where = tcg::SourceLocation{text.substr(0, 64), 1, 1};
    f.context = ex.context;
    findings.push_back(f);
    (void)tcg::policy::glob_match(ex.path, text.substr(0, 256));
  }
  tcg::policy::apply_exceptions(policy, tcg::policy::today_days_utc(), findings);

  std::string shown = tcg::policy::policy_to_yaml(policy);
  auto back = tcg::policy::parse_policy(shown, "shown.yaml");
  // The nesting pre-scan estimates upwards and may count differently once strings are re-quoted.
  if (!back && back.error().message.find("nests too deeply") == std::string::npos) __builtin_trap();
  if (back && back->rules.size() != policy.rules.size()) __builtin_trap();
  return 0;
}
