#pragma once
// After CLI11 refuses a command line: "did you mean ...?" for a misspelt subcommand (`tcguard lnt`
// says only "A subcommand is required") or option (`--expire`: "not expected"), as `explain`
// already does for rule ids.
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace tcg::cli {

// `words` is argv without the program name. "" when nothing close is found.
std::string typo_hint(const CLI::App& app, const std::vector<std::string>& words);

}  // namespace tcg::cli
