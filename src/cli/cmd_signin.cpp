// Placeholder until the `signin` command lands.
#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace tcg::cli {

void add_signin_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("signin", "(not implemented yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = usage_error("'signin' is not implemented yet"); });
}

}  // namespace tcg::cli
