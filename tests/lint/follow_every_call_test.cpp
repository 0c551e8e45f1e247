// Issue 15, point 1: skipping the calls that cannot matter (shell/unneeded_calls.h) changes no
// finding and no request. Every text file of the test suite's fixtures, the examples and the docs
// is linted both ways, and the two reports must be the same byte for byte; so is what the binary
// prints for the examples and the zsh fixtures.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lint/lint.h"
#include "policy/policy.h"
#include "report/render.h"
#include "support/cli_runner.h"

namespace tcg::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> suite_files() {
  const fs::path root = TCGUARD_SOURCE_DIR;
  std::vector<std::string> out;
  for (const char* dir : {"tests", "examples", "docs"}) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root / dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file() || it->path().extension() == ".cpp") continue;
      if (fs::file_size(it->path()) > 512 * 1024) continue;
      std::ifstream in(it->path(), std::ios::binary);
      std::string head(8000, '\0');
      in.read(head.data(), static_cast<std::streamsize>(head.size()));
      head.resize(static_cast<size_t>(in.gcount()));
      if (head.find('\0') != std::string::npos) continue;  // binary: not linted
      out.push_back(fs::relative(it->path(), root).string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string json_of(const std::vector<std::string>& files, bool follow_every_call) {
  lint::LintOptions options;
  options.threads = 1;
  options.follow_every_call = follow_every_call;
  lint::LintResult r = lint::lint_paths(files, policy::default_policy(), TCGUARD_SOURCE_DIR, options);
  std::ostringstream out;
  report::write_json(out, r.report);
  return out.str();
}

TEST(FollowEveryCall, EveryFileOfTheSuiteGivesTheSameReport) {
  std::vector<std::string> files = suite_files();
  ASSERT_GT(files.size(), 100u) << "the suite's files were not found";
  std::string skipping = json_of(files, false);
  std::string following = json_of(files, true);
  ASSERT_GT(skipping.size(), 10000u);
  if (skipping == following) return;
  // Name the first file that differs.
  for (const auto& f : files) ASSERT_EQ(json_of({f}, false), json_of({f}, true)) << f;
  FAIL() << "the reports differ, but no single file does";
}

// Real, eval-heavy shell that nobody wrote for tcguard, where nearly every call is skipped.
TEST(FollowEveryCall, DebiansBashCompletionScriptsGiveTheSameReport) {
  const fs::path dir = "/usr/share/bash-completion/completions";
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && !e.is_symlink()) files.push_back(e.path().string());
  if (files.empty()) GTEST_SKIP() << dir << " is not installed (Debian's bash-completion package)";
  std::sort(files.begin(), files.end());
  // Named files are shell whatever their names (no extension here).
  EXPECT_EQ(json_of(files, false), json_of(files, true));
}

TEST(FollowEveryCall, TheBinaryPrintsTheSameAndHidesTheFlag) {
  RunOptions o;
  o.cwd = TCGUARD_SOURCE_DIR;
  o.env_unset = {"TCGUARD_POLICY", "TASKCLUSTER_ROOT_URL"};
  o.env_set["XDG_CONFIG_HOME"] = "/nonexistent-tcguard-test";
  for (const char* path : {"examples", "tests/zsh_agreement/fixtures", "tests/lint_actions/fixtures"}) {
    SCOPED_TRACE(path);
    RunResult skipping = run_tcguard({"--format", "json", "lint", path}, o);
    RunResult following = run_tcguard({"--format", "json", "lint", "--follow-every-call", path}, o);
    ASSERT_TRUE(skipping.exit_code == 0 || skipping.exit_code == 1) << skipping.err;
    EXPECT_EQ(skipping.exit_code, following.exit_code);
    EXPECT_EQ(skipping.out, following.out);
    EXPECT_NE(skipping.out.find("\"requests\""), std::string::npos);
  }
  RunResult help = run_tcguard({"lint", "--help"}, o);
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_EQ(help.out.find("follow-every-call"), std::string::npos) << help.out;
}

}  // namespace
}  // namespace tcg::test
