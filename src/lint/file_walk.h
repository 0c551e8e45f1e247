#pragma once
// Which files `tcguard lint` reads when given a folder: shell files by extension (.sh .bash .zsh
// .ksh), rc names (.bashrc .zshrc .profile .bash_aliases .aliases ...) and files whose shebang names
// a shell. `.git` (and other VCS folders) and symlinked folders are skipped.
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace tcg::lint {

// By name alone: true (shell), false (not), or needs the shebang (nullopt is expressed as `maybe`).
enum class NameVerdict { Shell, NotShell, Maybe };
NameVerdict classify_name(std::string_view filename);
// Does this first line name a shell interpreter (sh, bash, zsh, ksh, dash, via env or not)?
bool shebang_is_shell(std::string_view first_line);

struct WalkResult {
  std::vector<std::string> files;
  std::vector<Error> problems;  // unreadable folders
};
WalkResult walk_folder(const std::string& folder);

}  // namespace tcg::lint
