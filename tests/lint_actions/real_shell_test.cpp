// What the real shell runs agrees with what lint judges: each fixture is run by bash (and the zsh
// rc file by zsh) with a recording `taskcluster` stub first on PATH; every state-changing command
// recorded, decided by `tcguard run --dry-run` on its real argv and root URL, must be one that lint
// reports with the same rule ids, and lint must report no command the shell did not run.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// Records argv (NUL-separated) and the root URL; `group list` prints two task ids, as the real
// one prints the group's tasks.
const char* kStub =
    "#!/bin/sh\n"
    "f=$(mktemp \"$TCG_RECORD_DIR/call.XXXXXX\")\n"
    "printf '%s\\0' \"$@\" > \"$f\"\n"
    "printf '%s' \"${TASKCLUSTER_ROOT_URL-}\" > \"$f.root\"\n"
    "if [ \"$1 $2\" = 'group list' ]; then printf 'e3LdoX1GSgq0RIsFoz8hWQ\\nfRAUNWNzRq6d_4Uz1Ea4Cg\\n'; fi\n";

RunOptions isolated() {
  RunOptions o;
  o.cwd = TCGUARD_SOURCE_DIR;
  o.env_unset = {"TCGUARD_POLICY", "TASKCLUSTER_ROOT_URL", "NO_COLOR", "TCGUARD_CONFIRM", "TASKCLUSTER_CLIENT_ID",
                 "TASKCLUSTER_ACCESS_TOKEN", "TASKCLUSTER_CERTIFICATE"};
  o.env_set["XDG_CONFIG_HOME"] = "/nonexistent-tcguard-test";
  return o;
}

using Judged = std::set<std::pair<std::string, std::set<std::string>>>;  // (command name, rule ids)

// Runs `program args` in `dir` with the stub, then decides each recorded call as `run` does.
Judged shell_run(const TempDir& dir, const std::vector<std::string>& argv, const std::string& home) {
  std::string bin = dir.path() + "/bin";
  dir.write("bin/taskcluster", kStub, true);
  fs::create_directories(dir.path() + "/rec");
  RunOptions o;
  o.cwd = dir.path();
  o.clean_env = true;
  o.env_set["PATH"] = bin + ":/usr/bin:/bin";
  o.env_set["TCG_RECORD_DIR"] = dir.path() + "/rec";
  o.env_set["HOME"] = home;
  RunResult r = run(argv, o);
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  Judged out;
  size_t calls = 0;
  for (const auto& e : fs::directory_iterator(dir.path() + "/rec")) {
    std::string p = e.path().string();
    if (p.size() > 5 && p.substr(p.size() - 5) == ".root") continue;
    ++calls;
    std::vector<std::string> words;
    std::string raw = read_file(p);
    for (size_t start = 0, i = 0; i < raw.size(); ++i)
      if (raw[i] == '\0') {
        words.push_back(raw.substr(start, i - start));
        start = i + 1;
      }
    RunOptions ro = isolated();
    ro.env_set["TASKCLUSTER_ROOT_URL"] = read_file(p + ".root");
    std::vector<std::string> args = {"--format", "json", "run", "--dry-run", "--", "taskcluster"};
    args.insert(args.end(), words.begin(), words.end());
    json d = json::parse(run_tcguard(args, ro).out);
    if (!d["state_changing"].get<bool>()) continue;
    std::set<std::string> rules;
    for (const auto& f : d["findings"]) rules.insert(f["rule"].get<std::string>());
    out.insert({d["command"].get<std::string>(), rules});
  }
  EXPECT_GT(calls, 0u);
  return out;
}

Judged linted(const std::string& fixture) {
  RunResult r = run_tcguard({"--format", "json", "lint", fixture}, isolated());
  json j = json::parse(r.out);
  std::map<int, std::pair<std::string, std::set<std::string>>> by_line;
  for (const auto& f : j["findings"]) {
    std::string m = f["message"];
    auto at = m.find("`taskcluster ");
    if (at == std::string::npos) continue;
    auto end = m.find('`', at + 1);
    auto& entry = by_line[f["line"].get<int>()];
    entry.first = m.substr(at + 13, end - at - 13);
    entry.second.insert(f["rule"].get<std::string>());
  }
  Judged out;
  for (const auto& [line, e] : by_line) out.insert(e);
  return out;
}

TEST(LintActionsRealShell, BashRunsWhatLintJudgesInTheReleaseDutyScript) {
  TempDir dir;
  std::string fixture = "tests/lint_actions/fixtures/relduty-helpers.sh";
  Judged ran = shell_run(dir, {"bash", source_path(fixture), "Cr2Nb1ZmTKaY3yMFkUV0bw"}, dir.path());
  Judged judged = linted(fixture);
  EXPECT_EQ(ran, judged);
  EXPECT_EQ(ran.size(), 4u);  // retrigger; rerun; rerun --force; group cancel
}

TEST(LintActionsRealShell, ZshRunsWhatLintJudgesInTheRcFile) {
  TempDir dir;
  std::string fixture = "tests/lint_actions/fixtures/tc-rc.zshrc";
  dir.write("failed.txt", "e3LdoX1GSgq0RIsFoz8hWQ\n");
  std::string driver = dir.write("driver.zsh", "source '" + source_path(fixture) + "'\ntc-rerun-failed\ntc-retrigger abc\n");
  Judged ran = shell_run(dir, {"zsh", "-f", driver}, dir.path());
  Judged judged = linted(fixture);
  EXPECT_EQ(ran, judged);
  EXPECT_EQ(ran.size(), 2u);
}

// Which credential files bash really leaves behind is what lint reports: the stub's `signin`
// prints export lines; after the script, the files under $HOME and $TMPDIR that hold them are
// counted.
TEST(LintActionsRealShell, BashLeavesBehindTheCredentialFilesLintReports) {
  const char* stub =
      "#!/bin/sh\n"
      "if [ \"$1\" = signin ]; then echo 'export TASKCLUSTER_CLIENT_ID=x'; "
      "echo 'export TASKCLUSTER_ACCESS_TOKEN=stub-token-value'; fi\n";
  size_t total = 0;
  for (std::string name : {"creds-to-file", "creds-cleaned", "creds-cleanup-function", "creds-trap-replaced",
                           "creds-removed-too-early"}) {
    TempDir dir;
    dir.write("bin/taskcluster", stub, true);
    fs::create_directories(dir.path() + "/home");
    fs::create_directories(dir.path() + "/tmp");
    std::string fixture = "tests/lint_actions/fixtures/" + name + ".sh";
    RunOptions o;
    o.cwd = dir.path();
    o.clean_env = true;
    o.env_set["PATH"] = dir.path() + "/bin:/usr/bin:/bin";
    o.env_set["HOME"] = dir.path() + "/home";
    o.env_set["TMPDIR"] = dir.path() + "/tmp";
    RunResult r = run({"bash", source_path(fixture), "T"}, o);
    EXPECT_EQ(r.exit_code, 0) << name << r.err;
    size_t left = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir.path()))
      if (e.is_regular_file() && e.path().parent_path() != fs::path(dir.path() + "/bin") &&
          read_file(e.path().string()).find("TASKCLUSTER_ACCESS_TOKEN") != std::string::npos)
        ++left;
    // /tmp/tc-creds of the too-early fixture is outside the folder: bash writes it there.
    if (name == "creds-removed-too-early" && fs::exists("/tmp/tc-creds")) {
      ++left;
      fs::remove("/tmp/tc-creds");
    }
    json j = json::parse(run_tcguard({"--format", "json", "lint", fixture}, isolated()).out);
    size_t reported = 0;
    for (const auto& f : j["findings"])
      if (f["rule"] == "credentials-written-to-file") ++reported;
    EXPECT_EQ(left, reported) << name;
    total += left;
  }
  EXPECT_EQ(total, 5u);  // 3 + 0 + 0 + 1 + 1
}

}  // namespace
}  // namespace tcg::test
