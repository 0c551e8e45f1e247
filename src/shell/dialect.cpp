// Choosing the dialect of a file from its first line and its name.
#include "shell/dialect.h"

#include <array>
#include <string>

namespace tcg::shell {

using namespace std::string_view_literals;

std::string_view dialect_name(Dialect d) { return d == Dialect::Zsh ? "zsh"sv : "bash"sv; }

std::optional<Dialect> parse_dialect(std::string_view name) {
  if (name == "bash"sv || name == "sh"sv) return Dialect::Bash;
  if (name == "zsh"sv) return Dialect::Zsh;
  return std::nullopt;
}

namespace {

// The interpreter a `#!` line names (`env` and `env -S` looked through), or "".
std::string_view shebang_interpreter(std::string_view line) {
  if (line.substr(0, 2) != "#!"sv) return {};
  line.remove_prefix(2);
  auto skip_blanks = [](std::string_view& s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  };
  skip_blanks(line);
  auto end = line.find_first_of(" \t\r\n");
  std::string_view interp = line.substr(0, end);
  auto slash = interp.rfind('/');
  std::string_view base = slash == std::string_view::npos ? interp : interp.substr(slash + 1);
  if (base == "env"sv && end != std::string_view::npos) {
    std::string_view rest = line.substr(end);
    skip_blanks(rest);
    if (rest.substr(0, 3) == "-S "sv) rest.remove_prefix(3);
    skip_blanks(rest);
    base = rest.substr(0, rest.find_first_of(" \t\r\n"));
  }
  return base;
}

bool zsh_file_name(std::string_view name) {
  static constexpr std::array<std::string_view, 6> kRc = {"zshrc", "zshenv", "zprofile", "zlogin", "zlogout", "zshrc.local"};
  std::string_view bare = name.substr(0, 1) == "."sv ? name.substr(1) : name;
  for (auto rc : kRc)
    if (bare == rc) return true;
  return name.size() > 4 && name.substr(name.size() - 4) == ".zsh"sv;
}

bool zsh_folder_name(std::string_view folder) {
  return folder == "zshrc.d"sv || folder == ".zshrc.d"sv || folder == ".zsh"sv || folder == "zsh"sv ||
         folder == ".zfunctions"sv || folder == "zfunctions"sv;
}

}  // namespace

Dialect detect_dialect(std::string_view path, std::string_view text) {
  std::string_view first = text.substr(0, text.find('\n'));
  if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
  std::string_view interp = shebang_interpreter(first);
  if (!interp.empty()) return interp == "zsh"sv ? Dialect::Zsh : Dialect::Bash;
  // A completion function file (autoloaded by compinit) is zsh code.
  if (first.substr(0, 8) == "#compdef"sv || first.substr(0, 9) == "#autoload"sv) return Dialect::Zsh;
  std::string_view rest = path;
  std::string_view name = rest;
  auto slash = rest.rfind('/');
  if (slash != std::string_view::npos) {
    name = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  } else {
    rest = {};
  }
  if (zsh_file_name(name)) return Dialect::Zsh;
  // Any folder on the way: `dotfiles/zsh/aliases`, `~/.zshrc.d/tc.sh`, `.zsh/functions/tc`.
  while (!rest.empty()) {
    auto s = rest.rfind('/');
    std::string_view folder = s == std::string_view::npos ? rest : rest.substr(s + 1);
    if (zsh_folder_name(folder)) return Dialect::Zsh;
    if (s == std::string_view::npos) break;
    rest = rest.substr(0, s);
  }
  return Dialect::Bash;
}

}  // namespace tcg::shell
