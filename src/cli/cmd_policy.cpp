// `tcguard policy check FILE... | show | rules`.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <iostream>
#include <map>

#include "cli/common.h"
#include "policy/show.h"
#include "rules/rule.h"

namespace tcg::cli {

namespace {

// check: each file alone, then all of them merged over the default (cluster names and exception
// rule ids can only be checked then). A lapsed exception is a warning: exit 1.
int run_check(const Context& ctx, const std::vector<std::string>& files) {
  std::vector<std::string> to_check = files;
  if (to_check.empty()) {
    policy::LoadOptions options;
    options.explicit_files = ctx.global.policy_files;  // `tcguard --policy F policy check`
    options.no_default = ctx.global.no_default_policy;
    std::error_code ec;
    options.cwd = std::filesystem::current_path(ec).string();
    auto found = policy::policy_files_to_load(options);
    if (!found) return usage_error(found.error());
    to_check = *found;
    if (to_check.empty()) {
      std::cout << "no policy file found; the embedded default policy is in effect\n";
      return kExitOk;
    }
  }
  policy::Policy merged = ctx.global.no_default_policy ? policy::Policy{} : policy::default_policy();
  std::vector<policy::Policy> parsed;
  int exit_code = kExitOk;
  for (const auto& file : to_check) {
    auto p = policy::load_policy_file(file);
    if (!p) {
      usage_error(p.error());
      exit_code = kExitUsage;
      continue;
    }
    merged = policy::merge(std::move(merged), *p);
    parsed.push_back(std::move(*p));
  }
  if (exit_code != kExitOk) return exit_code;
  if (Status s = policy::check_references(merged); !s) return usage_error(s.error());

  const int64_t today = policy::today_days_utc();
  for (size_t i = 0; i < parsed.size(); ++i) {
    const auto& p = parsed[i];
    for (const auto& ex : p.exceptions) {
      if (today <= ex.until_days) continue;
      std::cout << ex.where.str() << ": warning: the exception for `" << ex.rule << "` expired on " << ex.until
                << " [expired-exception]\n";
      exit_code = kExitFindings;
    }
    std::cout << to_check[i] << ": ok (" << p.clusters.size() << " clusters, " << p.rules.size() << " rules, "
              << p.actions.size() << " actions, " << p.exceptions.size() << " exceptions)\n";
  }
  return exit_code;
}

int run_show(const Context& ctx) {
  auto p = load_policy(ctx.global);
  if (!p) return usage_error(p.error());
  std::cout << policy::policy_to_yaml(*p);
  return kExitOk;
}

struct RuleRow {
  std::string id;
  std::string kind;
  std::string severity;
  std::string summary;
  std::string source;  // "builtin" or file:line:column of its definition
};

std::vector<RuleRow> rule_rows(const policy::Policy& p) {
  std::map<std::string, RuleRow> rows;
  for (const auto& r : rules::builtin_rules())
    rows[std::string(r.id)] = {std::string(r.id), std::string(rules::kind_name(r.kind)), std::string(severity_name(r.severity)),
                               std::string(r.summary), "builtin"};
  for (const auto& r : p.rules) {
    auto& row = rows[r.id];
    if (row.id.empty()) row = {r.id, "policy", "", r.description, ""};
    row.severity = std::string(severity_name(r.severity));  // the policy may change the level
    row.source = r.where.str();
  }
  for (const auto& a : p.actions) {
    auto& row = rows[a.id];
    if (row.id.empty()) row = {a.id, "action", "", a.message, ""};
    row.severity = std::string(severity_name(a.severity));
    row.source = a.where.str();
  }
  std::vector<RuleRow> out;
  for (auto& [id, row] : rows) out.push_back(std::move(row));
  return out;
}

int run_rules(const Context& ctx) {
  auto p = load_policy(ctx.global);
  if (!p) return usage_error(p.error());
  auto rows = rule_rows(*p);
  if (ctx.global.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rows)
      out.push_back({{"id", r.id}, {"kind", r.kind}, {"severity", r.severity}, {"summary", r.summary}, {"source", r.source}});
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  size_t id_width = 2, kind_width = 4;
  for (const auto& r : rows) {
    id_width = std::max(id_width, r.id.size());
    kind_width = std::max(kind_width, r.kind.size());
  }
  auto pad = [](const std::string& s, size_t w) { return s + std::string(w > s.size() ? w - s.size() : 0, ' '); };
  std::cout << pad("ID", id_width) << "  " << pad("KIND", kind_width) << "  " << pad("SEVERITY", 8) << "  SUMMARY\n";
  for (const auto& r : rows)
    std::cout << pad(r.id, id_width) << "  " << pad(r.kind, kind_width) << "  " << pad(r.severity, 8) << "  " << r.summary << "\n";
  return kExitOk;
}

}  // namespace

void add_policy_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("policy", "Validate policy files, print the effective policy, list rules");
  cmd->require_subcommand(1);

  auto files = std::make_shared<std::vector<std::string>>();
  auto* check = cmd->add_subcommand("check", "Validate policy files (exit 2 with file:line:column on the first problem)");
  check->add_option("FILE", *files, "Policy files (default: the one lookup finds)");
  check->callback([&ctx, files] { ctx.exit_code = run_check(ctx, *files); });

  auto* show = cmd->add_subcommand("show", "Print the effective policy as YAML, each entry with the file:line it came from");
  show->callback([&ctx] { ctx.exit_code = run_show(ctx); });

  auto* rules_cmd = cmd->add_subcommand("rules", "List every rule id with its kind, severity and summary (--format json)");
  rules_cmd->callback([&ctx] { ctx.exit_code = run_rules(ctx); });

  for (auto* sub : {check, show, rules_cmd}) sub->fallthrough();
}

}  // namespace tcg::cli
