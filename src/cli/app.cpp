#include "cli/app.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <string_view>

#include "cli/common.h"
#include "cli/empty_values.h"
#include "cli/typo_hint.h"
#include "guard/real_cli.h"
#include "tccli/command.h"
#include "util/version.h"

namespace tcg::cli {

namespace {

// The public subcommands, in the order `--help` lists them.
constexpr std::string_view kSubcommands[] = {"review", "signin", "lint", "run", "scopes", "policy", "explain", "whoami", "jsone", "action",
                                             "profiles", "logout", "shell-init"};

// Building every subcommand's options costs more start-up than parsing one (allocations in CLI11),
// and `tcguard run` is in front of every guarded command: when argv[1] names a public subcommand,
// only that one is registered. Anything else (`--help`, global options first, the hidden
// `__man`/`__complete`, a typo) gets the whole tree, so help, the man page and errors are complete.
bool registers(int argc, char** argv, std::string_view subcommand) {
  if (argc < 2) return true;
  std::string_view first = argv[1];
  for (std::string_view name : kSubcommands)
    if (first == name) return first == subcommand;
  return true;
}

// `tcguard lint --help` (and every other command's help) lists the global options too: they are
// accepted there, and a user reading one command's help should not have to know they exist. Taken
// from the root's own options, so the list cannot drift from what is parsed.
class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_footer(const CLI::App* app) const override {
    const CLI::App* root = app;
    while (root->get_parent()) root = root->get_parent();
    if (root == app) return CLI::Formatter::make_footer(app);
    std::vector<const CLI::Option*> globals = root->get_options([root](const CLI::Option* o) {
      return o != root->get_help_ptr() && o != root->get_help_all_ptr() && o->get_name() != "--version";
    });
    // signin's arguments are all its own, so there the global options go before the command name.
    bool before_only = app->get_name() == "signin";
    std::string group = make_group(before_only ? "GLOBAL OPTIONS (before `signin`)" : "GLOBAL OPTIONS (before or after the command)",
                                   false, globals);
    return group + CLI::Formatter::make_footer(app);
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc > 0 && argv[0] && tccli::names_taskcluster(argv[0])) return masquerade_main(argc, argv);

  Context ctx;
  CLI::App app{
      "tcguard: a scope-policy linter and safety wrapper for the Taskcluster CLI.\n"
      "Reviews sign-ins before they happen, lints shell files for risky credential handling,\n"
      "and guards state-changing commands on production clusters.",
      "tcguard"};
  app.formatter(std::make_shared<HelpFormatter>());
  app.set_version_flag("--version", std::string("tcguard ") + std::string(version()) + " (" +
                                        std::string(git_revision()) + ")");
  app.require_subcommand(1);
  app.option_defaults()->always_capture_default();
  app.add_option("--policy", ctx.global.policy_files, "Policy file merged over the default (repeatable)")
      ->check(CLI::ExistingFile);
  app.add_flag("--no-default-policy", ctx.global.no_default_policy, "Do not start from the embedded default policy");
  app.add_option("--format", ctx.global.format, "Output format for findings")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
  app.add_option("--color", ctx.global.color, "Colour in text output (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.footer(
      "Exit codes: 0 fine, 1 findings at or above the fail level, 2 usage or input error,\n"
      "3 refused by policy, 4 confirmation missing or declined.\n"
      "Run `tcguard COMMAND --help` for a command's options, `tcguard explain RULE-ID` for a rule.");

  if (registers(argc, argv, "review")) add_review_command(app, ctx);
  if (registers(argc, argv, "signin")) add_signin_command(app, ctx);
  if (registers(argc, argv, "lint")) add_lint_command(app, ctx);
  if (registers(argc, argv, "run")) add_run_command(app, ctx);
  if (registers(argc, argv, "scopes")) add_scopes_command(app, ctx);
  if (registers(argc, argv, "policy")) add_policy_command(app, ctx);
  if (registers(argc, argv, "explain")) add_explain_command(app, ctx);
  if (registers(argc, argv, "whoami")) add_whoami_command(app, ctx);
  if (registers(argc, argv, "jsone")) add_jsone_command(app, ctx);
  if (registers(argc, argv, "action")) add_action_command(app, ctx);
  if (registers(argc, argv, "profiles") || registers(argc, argv, "logout") || registers(argc, argv, "shell-init"))
    add_profile_commands(app, ctx);
  if (registers(argc, argv, "__dist")) add_dist_commands(app, ctx);
  // Global options may follow the subcommand, except for `signin`, whose arguments are all its own.
  for (auto* sub : app.get_subcommands({}))
    if (sub->get_name() != "signin") sub->fallthrough();

  std::vector<std::string> words(argv + (argc > 0 ? 1 : 0), argv + argc);
  if (auto expanded = expand_empty_inline_values(app, words); !expanded) return usage_error(expanded.error());
  const std::vector<std::string> in_order = words;
  std::reverse(words.begin(), words.end());  // CLI11 takes the words last first
  try {
    app.parse(words);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    if (std::string hint = typo_hint(app, in_order); !hint.empty()) std::cerr << hint << "\n";
    return kExitUsage;
  }
  return ctx.exit_code;
}

}  // namespace tcg::cli
