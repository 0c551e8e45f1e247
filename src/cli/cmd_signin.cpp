// `tcguard signin ARGS`: review the sign-in, then become `taskcluster signin ARGS`. stdout is the real
// CLI's own (the export lines), so `eval "$(tcguard signin --expires 15m -s ...)"` is a drop-in;
// findings go to stderr. It is exactly `tcguard run -- taskcluster signin ARGS`.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/common.h"
#include "guard/env.h"
#include "guard/real_cli.h"
#include "tccli/command.h"

namespace tcg::cli {

void add_signin_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("signin", "Review a sign-in against the policy, then run `taskcluster signin` with the same arguments");
  cmd->prefix_command();  // every argument is signin's own
  cmd->allow_extras();
  // No -h/--help of tcguard's: CLI11 would take `-n -h` as a request for help, where the CLI's
  // flag parser names the client "-h" and signs in. Help is decided as pflag decides it.
  cmd->set_help_flag();
  cmd->footer(
      "Usage: eval \"$(tcguard signin [taskcluster signin ARGS...])\"\n"
      "Example: eval \"$(tcguard signin --expires 15m -s 'queue:rerun-task:gecko-level-3/*')\"\n"
      "Error findings refuse the sign-in (exit 3) and nothing is run; warnings are printed to stderr.\n"
      "The real CLI is $TCGUARD_TASKCLUSTER, else the next `taskcluster` on PATH that is not tcguard;\n"
      "without one, exit 2.");
  cmd->callback([&ctx, cmd] {
    std::vector<std::string> argv{"taskcluster", "signin"};
    for (auto& a : cmd->remaining()) argv.push_back(a);
    if (tccli::parse_command({argv.begin() + 1, argv.end()}).help) {
      // tcguard's part first; then the CLI's own help, when there is a CLI to ask.
      std::cout << cmd->help("tcguard") << std::flush;
      if (!guard::find_real_cli(guard::process_env(), guard::self_executable())) {
        ctx.exit_code = kExitOk;
        return;
      }
      std::cout << "\n`taskcluster signin --help`:\n" << std::flush;
    }
    ctx.exit_code = run_guarded(ctx.global, argv);
  });
}

}  // namespace tcg::cli
