// Placeholder until the packaging helpers land (man page, completion data).
#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace tcg::cli {

void add_dist_commands(CLI::App&, Context&) {}

}  // namespace tcg::cli
