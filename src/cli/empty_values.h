#pragma once
// `--opt=` (an empty value written inline). CLI11 reads it as `--opt` alone and takes the next
// word as the value, so `--confirm= --dry-run` would confirm "--dry-run" and run for real.
// Before CLI11 parses, every such word is rewritten: an option of type SCOPE gets the empty scope
// (taskcluster-lib-scopes defines it), any other option is a usage error, naming the option.
#include <string>
#include <vector>

#include "util/result.h"

namespace CLI {
class App;
}

namespace tcg::cli {

// The type name (CLI11 `type_name`) of options whose value may be the empty string.
inline constexpr const char* kScopeTypeName = "SCOPE";

// `words` is argv without the program name. Follows subcommands as CLI11 does (global options
// may follow a subcommand); stops at `--` and at a prefix command's first positional, whose
// words are not tcguard's.
Status expand_empty_inline_values(const CLI::App& app, std::vector<std::string>& words);

}  // namespace tcg::cli
