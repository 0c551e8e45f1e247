// Placeholder until the `lint` command lands.
#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace tcg::cli {

void add_lint_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("lint", "(not implemented yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = usage_error("'lint' is not implemented yet"); });
}

}  // namespace tcg::cli
