#pragma once
// Which shell a file is written for. It changes how words expand (zsh does not split unquoted
// parameters, its arrays are 1-based, `${(j: :)a}` flags) and so what a sign-in requests.
#include <optional>
#include <string_view>

namespace tcg::shell {

enum class Dialect { Bash, Zsh };

std::string_view dialect_name(Dialect d);                    // "bash", "zsh"
std::optional<Dialect> parse_dialect(std::string_view name);  // "bash", "sh", "zsh"

// The dialect a file is written in when no --shell is given: the shebang (`#!/bin/zsh`,
// `#!/usr/bin/env zsh`, a `#compdef` line), else the name (`.zsh`, `.zshrc`, `zshenv`, `zprofile`,
// `zlogin`, `zlogout`, with or without the dot, and any file under a `zshrc.d/`, `.zsh/`, `zsh/` or
// `.zfunctions/` folder), else bash.
Dialect detect_dialect(std::string_view path, std::string_view text);

}  // namespace tcg::shell
