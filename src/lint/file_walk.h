#pragma once
// Which files `tcguard lint` reads when given a folder: shell files by extension (.sh .bash .zsh
// .ksh), rc names with or without the dot (bashrc, bash_aliases, aliases, profile, zshrc ...: dotfile
// repositories keep them without it), every file under a folder named zsh, bash, shell or profile.d
// (again with or without a dot) unless its extension names another kind of file (README.md), and
// files whose shebang names a shell. `.git` (and other VCS folders) and symlinked folders are
// skipped. Binary files are left out when read (lint.cpp), since only then is their content known.
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace tcg::lint {

// By name alone: true (shell), false (not), or needs the shebang (nullopt is expressed as `maybe`).
enum class NameVerdict { Shell, NotShell, Maybe };
NameVerdict classify_name(std::string_view filename);
// The same for a file inside a folder whose files are all shell (zsh/, profile.d/ ...).
NameVerdict classify_name_in_shell_folder(std::string_view filename);
bool is_shell_folder_name(std::string_view folder);
// Does this first line name a shell interpreter (sh, bash, zsh, ksh, dash, via env or not)?
bool shebang_is_shell(std::string_view first_line);

struct WalkResult {
  std::vector<std::string> files;
  std::vector<Error> problems;  // unreadable folders
};
WalkResult walk_folder(const std::string& folder);

}  // namespace tcg::lint
