// A property of lint on a large body of real, unusual shell: every shell script installed on
// this machine (bash completions, /etc, /usr/bin scripts) and every fixture of this repository,
// with a root sign-in for a day appended on its own line, fails lint with an error. Where the
// parser loses its place on text bash accepts, the sign-in must still be reported.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr size_t kMaxFiles = 400;         // bounded: the test runs in seconds, also under ASan
constexpr uintmax_t kMaxBytes = 256 * 1024;
const std::string kSignin = "eval \"$(taskcluster signin -s '*' --expires 1d)\"";

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool shell_shebang(const std::string& text) {
  if (text.rfind("#!", 0) != 0) return false;
  std::string first = text.substr(0, text.find('\n'));
  return std::regex_search(first, std::regex(R"((^#!\s*\S*/(ba|da)?sh\b)|(env\s+(ba)?sh\b))"));
}

// Candidate files, in a stable order, up to kMaxFiles.
std::vector<fs::path> candidates() {
  std::vector<fs::path> out;
  auto add_tree = [&](const fs::path& root, bool need_shebang, bool need_sh_ext) {
    std::error_code ec;
    std::vector<fs::path> found;
    for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      std::error_code e2;
      if (!it->is_regular_file(e2) || it->is_symlink(e2)) continue;
      if (it->file_size(e2) > kMaxBytes || e2) continue;
      const fs::path& p = it->path();
      if (need_sh_ext && p.extension() != ".sh" && p.extension() != ".bash" && p.extension() != ".zsh") {
        if (!need_shebang) continue;
      }
      found.push_back(p);
    }
    std::sort(found.begin(), found.end());
    for (const auto& p : found) {
      if (out.size() >= kMaxFiles) return;
      if (need_shebang) {
        std::string head = read_all(p).substr(0, 200);
        bool ext = p.extension() == ".sh" || p.extension() == ".bash";
        if (!shell_shebang(head) && !ext) continue;
      }
      out.push_back(p);
    }
  };
  add_tree(fs::path(TCGUARD_SOURCE_DIR) / "examples", false, true);
  add_tree(fs::path(TCGUARD_SOURCE_DIR) / "tests", false, true);
  add_tree("/usr/share/bash-completion/completions", false, false);
  add_tree("/etc", true, false);
  add_tree("/usr/bin", true, false);
  add_tree("/usr/share", true, true);
  return out;
}

// The appended line is reachable: no exit/exec anywhere (a script that ends by exiting, or by
// calling a function that does, never reaches it), no `return` at the start of a line (a sourced
// file that returns at its top level ends there), and bash parses the result cleanly (not
// inside an unterminated here-document or quote).
bool appendable(const std::string& text) {
  static const std::regex ends(R"((^|[^A-Za-z0-9_$-])(exit|exec|logout)([^A-Za-z0-9_-]|$))");
  static const std::regex top_level_return(R"((^|\n)return([^A-Za-z0-9_-]|$))");
  if (std::regex_search(text, top_level_return)) return false;
  if (std::regex_search(text, ends)) return false;
  if (text.find('\0') != std::string::npos) return false;
  return true;
}

TEST(LintProperty, AppendedRootSigninIsAlwaysAnError) {
  TempDir dir;
  size_t tried = 0;
  std::vector<std::string> failures;
  for (const auto& p : candidates()) {
    std::string text = read_all(p);
    if (!appendable(text)) continue;
    if (!text.empty() && text.back() != '\n') text += '\n';
    text += kSignin + "\n";
    std::string file = dir.write("case.sh", text);
    RunResult syntax = run({"bash", "-n", file});
    if (syntax.exit_code != 0 || !syntax.err.empty()) continue;  // not bash, or ends inside something
    ++tried;
    RunOptions o;
    o.cwd = dir.path();
    o.env_unset = {"TCGUARD_POLICY", "TASKCLUSTER_ROOT_URL", "NO_COLOR"};
    o.env_set["XDG_CONFIG_HOME"] = "/nonexistent-tcguard-test";
    RunResult r = run_tcguard({"--format", "json", "lint", "--fail-on", "error", file}, o);
    json j = json::parse(r.out, nullptr, false);
    bool error = false;
    if (!j.is_discarded())
      for (const auto& f : j["findings"])
        if (f["severity"] == "error") error = true;
    if (r.exit_code != 1 || !error) failures.push_back(p.string() + " (exit " + std::to_string(r.exit_code) + ")");
  }
  std::string list;
  for (const auto& f : failures) list += "  " + f + "\n";
  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << tried << " files passed lint:\n" << list;
  // The body must be large enough to mean something (this repository alone has dozens).
  EXPECT_GE(tried, 20u);
  std::cout << "[ lint_property ] " << tried << " files checked\n";
}

}  // namespace
}  // namespace tcg::test
