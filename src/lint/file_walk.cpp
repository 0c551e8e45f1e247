#include "lint/file_walk.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>

#include "lint/doc_blocks.h"

namespace tcg::lint {

namespace fs = std::filesystem;

namespace {

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() > end.size() && s.substr(s.size() - end.size()) == end;
}

std::string_view without_dot(std::string_view name) {
  return name.size() > 1 && name.front() == '.' ? name.substr(1) : name;
}

// The extension after the last dot that is not the first character ("" when none).
std::string_view extension(std::string_view name) {
  auto dot = name.rfind('.');
  return dot == std::string_view::npos || dot == 0 ? std::string_view{} : name.substr(dot + 1);
}

}  // namespace

NameVerdict classify_name(std::string_view name) {
  static constexpr std::array<std::string_view, 4> kExtensions = {".sh", ".bash", ".zsh", ".ksh"};
  static constexpr std::array<std::string_view, 14> kRcNames = {
      "bashrc", "bash_profile", "bash_login", "bash_logout", "bash_aliases", "profile", "zshrc",
      "zshenv", "zprofile",     "zlogin",     "zlogout",     "aliases",      "kshrc",   "shrc"};
  // Docs (Markdown, MDX, RST, plain text) and dotenv files are linted through their shell view.
  if (doc_kind_of_name(name) != DocKind::Shell || name == ".envrc") return NameVerdict::Shell;
  std::string_view bare = without_dot(name);
  for (auto rc : kRcNames)
    if (bare == rc) return NameVerdict::Shell;
  for (auto ext : kExtensions)
    if (ends_with(name, ext)) return NameVerdict::Shell;
  // Files with another extension are not scripts run by a shell (README.md, x.py, x.json).
  if (!extension(name).empty()) return NameVerdict::NotShell;
  return NameVerdict::Maybe;
}

NameVerdict classify_name_in_shell_folder(std::string_view name) {
  if (classify_name(name) == NameVerdict::Shell) return NameVerdict::Shell;  // docs included
  // Dotfile repositories name these files freely (zsh/aliases, profile.d/tc.local, bash/git.linux),
  // so any extension counts except those of documentation, data and other languages.
  static constexpr std::array<std::string_view, 26> kOtherKinds = {
      "md",  "markdown", "rst", "txt",  "adoc", "org", "json", "yaml", "yml", "toml", "xml", "ini", "cfg",
      "conf", "html",   "css", "py",   "rb",   "pl",  "pm",   "js",   "ts",  "lua",  "vim", "el",  "fish"};
  std::string_view ext = extension(name);
  for (auto other : kOtherKinds)
    if (ext == other) return NameVerdict::NotShell;
  return NameVerdict::Shell;
}

bool is_shell_folder_name(std::string_view folder) {
  std::string_view bare = without_dot(folder);
  return bare == "zsh" || bare == "bash" || bare == "shell" || bare == "profile.d" || bare == "zshrc.d";
}

bool shebang_is_shell(std::string_view line) {
  if (line.substr(0, 2) != "#!") return false;
  line.remove_prefix(2);
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  auto end = line.find_first_of(" \t\r\n");
  std::string_view interp = line.substr(0, end);
  auto slash = interp.rfind('/');
  std::string_view base = slash == std::string_view::npos ? interp : interp.substr(slash + 1);
  if (base == "env" && end != std::string_view::npos) {
    std::string_view rest = line.substr(end);
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    if (rest.substr(0, 3) == "-S ") rest.remove_prefix(3);
    base = rest.substr(0, rest.find_first_of(" \t\r\n"));
  }
  return base == "sh" || base == "bash" || base == "zsh" || base == "ksh" || base == "dash" || base == "mksh";
}

namespace {

bool first_line_is_shell(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  char buf[256];
  in.read(buf, sizeof buf);
  std::string_view head(buf, static_cast<size_t>(in.gcount()));
  return shebang_is_shell(head.substr(0, head.find('\n')));
}

// A file without an extension holding only `KEY=value` lines (docker's env files, `.hooks`).
bool content_is_dotenv(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::string head(8192, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  if (head.find('\0') != std::string::npos) return false;
  if (head.size() == 8192) head.resize(head.rfind('\n') == std::string::npos ? 0 : head.rfind('\n'));
  return looks_like_dotenv(head);
}

}  // namespace

WalkResult walk_folder(const std::string& folder) {
  WalkResult out;
  std::error_code ec;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    out.problems.push_back(Error{"cannot read folder: " + ec.message(), SourceLocation{folder, 0, 0}});
    return out;
  }
  // in_shell_folder[d]: the folder at depth d (below the walked one) is, or lies inside, a folder
  // whose files are all shell. The walked folder's own name counts (`tcguard lint dotfiles/zsh`).
  std::string_view root = folder;
  while (root.size() > 1 && root.back() == '/') root.remove_suffix(1);
  const bool root_is_shell = is_shell_folder_name(fs::path(root).filename().string());
  std::vector<bool> in_shell_folder;
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      out.problems.push_back(Error{"cannot read folder: " + ec.message(), SourceLocation{it->path().string(), 0, 0}});
      ec.clear();
      continue;
    }
    const fs::path& p = it->path();
    std::string name = p.filename().string();
    auto depth = static_cast<size_t>(it.depth());
    bool parent_is_shell = depth == 0 ? root_is_shell : in_shell_folder[depth - 1];
    // The entry's type comes from the folder listing (d_type): no stat for each file or folder.
    // A link to a folder is not walked into, as the iterator does not follow it either.
    std::error_code sec;
    if (!it->is_symlink(sec) && it->is_directory(sec)) {
      if (name == ".git" || name == ".hg" || name == ".svn" || name == "node_modules") it.disable_recursion_pending();
      in_shell_folder.resize(depth + 1);
      in_shell_folder[depth] = parent_is_shell || is_shell_folder_name(name);
      continue;
    }
    if (!it->is_regular_file(sec)) continue;
    NameVerdict v = parent_is_shell ? classify_name_in_shell_folder(name) : classify_name(name);
    if (v == NameVerdict::Shell || (v == NameVerdict::Maybe && (first_line_is_shell(p) || content_is_dotenv(p)))) out.files.push_back(p.string());
  }
  std::sort(out.files.begin(), out.files.end());
  return out;
}

}  // namespace tcg::lint
