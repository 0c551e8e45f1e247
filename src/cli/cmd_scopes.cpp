// Placeholder until the `scopes` command lands.
#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace tcg::cli {

void add_scopes_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("scopes", "(not implemented yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = usage_error("'scopes' is not implemented yet"); });
}

}  // namespace tcg::cli
