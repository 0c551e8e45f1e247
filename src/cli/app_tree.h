#pragma once
// Walking tcguard's own CLI11 tree, for everything that reads a command line before or beside
// CLI11: the `--opt=` rewrite, typo hints, shell completion and the man page.
#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace tcg::cli {

// Subcommands shown in --help (hidden helpers such as `__complete` have no group).
bool is_visible(const CLI::App* sub);
std::vector<const CLI::App*> visible_subcommands(const CLI::App* app);
// Any subcommand of `app` named `word` (or an alias of it), hidden ones too.
const CLI::App* find_subcommand(const CLI::App* app, const std::string& word);
// A named option as written (`--policy`, `-s`), in `app` or a parent: every subcommand falls
// through to its parents, so their options are accepted too.
const CLI::Option* find_option(const CLI::App* app, const std::string& name);
// False for a flag (CLI11 keeps a flag's type size at 1 but expects no items).
bool takes_value(const CLI::Option* opt);

}  // namespace tcg::cli
