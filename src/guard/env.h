#pragma once
// Environment lookups go through a function so tests can give their own environment.
#include <functional>
#include <optional>
#include <string>

namespace tcg::guard {

using Getenv = std::function<std::optional<std::string>(const std::string&)>;

// The process environment; unset and empty variables are both nullopt (as the CLI treats them).
Getenv process_env();

}  // namespace tcg::guard
