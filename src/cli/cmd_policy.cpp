// Placeholder until the `policy` command lands.
#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace tcg::cli {

void add_policy_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("policy", "(not implemented yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = usage_error("'policy' is not implemented yet"); });
}

}  // namespace tcg::cli
