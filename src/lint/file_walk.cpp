#include "lint/file_walk.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>

namespace tcg::lint {

namespace fs = std::filesystem;

NameVerdict classify_name(std::string_view name) {
  static constexpr std::array<std::string_view, 4> kExtensions = {".sh", ".bash", ".zsh", ".ksh"};
  static constexpr std::array<std::string_view, 16> kRcNames = {
      ".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".bash_aliases", ".profile",
      ".zshrc",  ".zshenv",       ".zprofile",   ".zlogin",      ".zlogout",      ".aliases",
      ".kshrc",  ".shrc",         "bashrc",      "zshrc"};
  for (auto rc : kRcNames)
    if (name == rc) return NameVerdict::Shell;
  for (auto ext : kExtensions)
    if (name.size() > ext.size() && name.substr(name.size() - ext.size()) == ext) return NameVerdict::Shell;
  // Files with another extension are not scripts run by a shell (README.md, x.py, x.json).
  auto dot = name.rfind('.');
  if (dot != std::string_view::npos && dot > 0) return NameVerdict::NotShell;
  return NameVerdict::Maybe;
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

}  // namespace

WalkResult walk_folder(const std::string& folder) {
  WalkResult out;
  std::error_code ec;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    out.problems.push_back(Error{"cannot read folder: " + ec.message(), SourceLocation{folder, 0, 0}});
    return out;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      out.problems.push_back(Error{"cannot read folder: " + ec.message(), SourceLocation{it->path().string(), 0, 0}});
      ec.clear();
      continue;
    }
    const fs::path& p = it->path();
    std::string name = p.filename().string();
    std::error_code sec;
    auto status = it->symlink_status(sec);
    if (fs::is_directory(status)) {
      if (name == ".git" || name == ".hg" || name == ".svn" || name == "node_modules") it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(sec)) continue;
    NameVerdict v = classify_name(name);
    if (v == NameVerdict::Shell || (v == NameVerdict::Maybe && first_line_is_shell(p))) out.files.push_back(p.string());
  }
  std::sort(out.files.begin(), out.files.end());
  return out;
}

}  // namespace tcg::lint
