// Placeholder until the `whoami` command lands.
#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace tcg::cli {

void add_whoami_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("whoami", "(not implemented yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = usage_error("'whoami' is not implemented yet"); });
}

}  // namespace tcg::cli
