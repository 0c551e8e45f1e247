#pragma once
// Values written into shell code that a shell will run (`eval`, `source`): quoted so that the
// shell reads back exactly the value, whatever it holds.
#include <string>
#include <string_view>

namespace tcg {

// bash, zsh and sh: '...' with each ' written as '\''.
std::string posix_quoted(std::string_view value);
// fish: '...' where \ and ' are escaped with a backslash.
std::string fish_quoted(std::string_view value);

}  // namespace tcg
