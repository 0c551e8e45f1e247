// Placeholder until the `review` command lands.
#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace tcg::cli {

void add_review_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("review", "(not implemented yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = usage_error("'review' is not implemented yet"); });
}

}  // namespace tcg::cli
