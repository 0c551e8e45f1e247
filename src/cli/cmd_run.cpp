// Placeholder until the `run` command lands.
#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace tcg::cli {

void add_run_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("run", "(not implemented yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = usage_error("'run' is not implemented yet"); });
}

int masquerade_main(int, char**) { return usage_error("the taskcluster masquerade is not implemented yet"); }

}  // namespace tcg::cli
