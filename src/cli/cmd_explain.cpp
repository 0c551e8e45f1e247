// `tcguard explain RULE-ID`: the rule's documentation page.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli/common.h"
#include "policy/suggest.h"
#include "model/rule.h"

namespace tcg::cli {

namespace {

int run_explain(const Context& ctx, const std::string& id) {
  if (auto doc = rules::rule_doc(id)) {
    std::cout << *doc;
    if (!doc->empty() && doc->back() != '\n') std::cout << "\n";
    return kExitOk;
  }
  if (const auto* builtin = rules::find_builtin_rule(id)) {
    std::cout << "# " << builtin->id << "\n\n" << builtin->summary << ".\n\n(" << rules::kind_name(builtin->kind)
              << ", default severity " << severity_name(builtin->severity) << "; no documentation page yet)\n";
    return kExitOk;
  }
  // A rule or action of the user's own policy: its page is what the policy says about it.
  std::vector<std::string> known;
  for (const auto& r : rules::builtin_rules()) known.emplace_back(r.id);
  auto p = load_policy(ctx.global);
  if (p) {
    if (const auto* rule = p->find_rule(id)) {
      std::cout << "# " << rule->id << "\n\n"
                << (rule->description.empty() ? "A rule of your policy." : rule->description) << "\n\n"
                << "Defined in " << rule->where.str() << " (severity " << severity_name(rule->severity) << ").\n";
      if (!rule->help.empty()) std::cout << "\n## How to fix\n\n" << rule->help << "\n";
      return kExitOk;
    }
    for (const auto& a : p->actions) {
      if (a.id != id) continue;
      std::cout << "# " << a.id << "\n\n" << (a.message.empty() ? "An action of your policy." : a.message) << "\n\n"
                << "Defined in " << a.where.str() << " (severity " << severity_name(a.severity) << ").\n";
      if (!a.help.empty()) std::cout << "\n## How to fix\n\n" << a.help << "\n";
      return kExitOk;
    }
    for (const auto& r : p->rules) known.push_back(r.id);
    for (const auto& a : p->actions) known.push_back(a.id);
  }
  return usage_error("unknown rule `" + id + "`" + policy::did_you_mean(id, known) +
                     "; `tcguard policy rules` lists every rule");
}

}  // namespace

void add_explain_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("explain", "Print a rule's documentation: what it catches, why, how to fix it");
  auto rule_id = std::make_shared<std::string>();
  cmd->add_option("RULE-ID", *rule_id, "A rule id, as printed in findings")->required();
  cmd->callback([&ctx, rule_id] { ctx.exit_code = run_explain(ctx, *rule_id); });
}

}  // namespace tcg::cli
