// Placeholder until the `explain` command lands.
#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace tcg::cli {

void add_explain_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("explain", "(not implemented yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = usage_error("'explain' is not implemented yet"); });
}

}  // namespace tcg::cli
