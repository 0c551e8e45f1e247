// `tcguard run` end to end, with a recording stub standing in for the real taskcluster CLI: a shell
// script that writes its argv to a file and exits with a chosen code.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

constexpr const char* kProduction = "https://firefox-ci-tc.services.mozilla.com/";
constexpr const char* kStaging = "https://stage.taskcluster.nonprod.webservices.mozgcp.net/";

constexpr const char* kStubScript =
    "#!/bin/sh\n"
    "printf '%s\\n' \"$@\" > \"$STUB_RECORD\"\n"
    "echo \"stub-out $*\"\n"
    "exit ${STUB_EXIT:-0}\n";

class RunE2E : public ::testing::Test {
 protected:
  TempDir dir;
  std::string stub;
  std::string record;
  std::string audit;

  void SetUp() override {
    stub = dir.write("real/taskcluster", kStubScript, true);
    record = dir.path() + "/record.txt";
    audit = dir.path() + "/state/audit.jsonl";
  }

  RunOptions options(const std::string& root_url) const {
    RunOptions o;
    o.clean_env = true;
    o.cwd = dir.path();
    o.env_set = {{"HOME", dir.path()},
                 {"XDG_CONFIG_HOME", dir.path() + "/config"},
                 {"TCGUARD_TASKCLUSTER", stub},
                 {"TCGUARD_AUDIT_LOG", audit},
                 {"STUB_RECORD", record},
                 {"USER", "relduty"}};
    if (!root_url.empty()) o.env_set["TASKCLUSTER_ROOT_URL"] = root_url;
    return o;
  }

  bool stub_ran() const { return std::filesystem::exists(record); }
  std::vector<std::string> recorded_args() const {
    std::vector<std::string> out;
    std::istringstream in(read_file(record));
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }
  std::vector<nlohmann::json> audit_lines() const {
    std::vector<nlohmann::json> out;
    std::istringstream in(read_file(audit));
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }
};

std::vector<std::string> with_run(std::vector<std::string> tc_args, std::vector<std::string> run_opts = {}) {
  std::vector<std::string> out{"run"};
  out.insert(out.end(), run_opts.begin(), run_opts.end());
  out.push_back("--");
  out.push_back("taskcluster");
  out.insert(out.end(), tc_args.begin(), tc_args.end());
  return out;
}

TEST_F(RunE2E, ReadOnlyCommandPassesThroughWithItsExitCodeAndOutput) {
  RunOptions o = options(kProduction);
  o.env_set["STUB_EXIT"] = "7";
  RunResult r = run_tcguard(with_run({"task", "status", "fQ7RkAcgSBeZ4B8GQNcDhA"}), o);
  EXPECT_EQ(r.exit_code, 7) << r.err;
  EXPECT_EQ(r.out, "stub-out task status fQ7RkAcgSBeZ4B8GQNcDhA\n");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(recorded_args(), (std::vector<std::string>{"task", "status", "fQ7RkAcgSBeZ4B8GQNcDhA"}));
  EXPECT_FALSE(std::filesystem::exists(audit)) << "read-only commands are not audited";
}

TEST_F(RunE2E, ProductionMutationsWithoutConfirmationAreRefusedAndNeverRun) {
  const std::vector<std::vector<std::string>> commands = {
      {"task", "rerun", "T1"},
      {"task", "cancel", "T1"},
      {"task", "retrigger", "T1"},
      {"group", "cancel", "G1"},
      {"api", "queue", "createTask", "T1", "{}"},
      {"task", "complete", "T1"},
  };
  for (const auto& cmd : commands) {
    RunResult r = run_tcguard(with_run(cmd), options(kProduction));
    EXPECT_EQ(r.exit_code, 4) << cmd[1] << ": " << r.err;
    EXPECT_FALSE(stub_ran()) << cmd[1];
    EXPECT_EQ(r.out, "") << cmd[1];
    EXPECT_NE(r.err.find("--confirm firefoxci"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("TCGUARD_CONFIRM=firefoxci"), std::string::npos) << r.err;
  }
  auto lines = audit_lines();
  ASSERT_EQ(lines.size(), commands.size());
  EXPECT_EQ(lines[0]["decision"], "refused");
  EXPECT_EQ(lines[0]["command"], "task rerun");
  EXPECT_EQ(lines[0]["cluster"], "firefoxci");
  EXPECT_EQ(lines[3]["command"], "group cancel");
  EXPECT_EQ(lines[4]["command"], "api queue.createTask");
}

TEST_F(RunE2E, TheRightConfirmNameRunsTheCommandUnchanged) {
  RunOptions o = options(kProduction);
  o.env_set["STUB_EXIT"] = "3";
  RunResult r = run_tcguard(with_run({"task", "rerun", "-v", "T1"}, {"--confirm", "firefoxci"}), o);
  EXPECT_EQ(r.exit_code, 3) << r.err;  // the CLI's own exit code
  EXPECT_EQ(r.out, "stub-out task rerun -v T1\n");
  EXPECT_EQ(recorded_args(), (std::vector<std::string>{"task", "rerun", "-v", "T1"}));
  auto lines = audit_lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["decision"], "confirmed");
  EXPECT_EQ(lines[0]["confirmed_by"], "flag");
  EXPECT_EQ(lines[0]["user"], "relduty");
  EXPECT_EQ(lines[0]["target"], "T1");
  EXPECT_EQ(lines[0]["rules"], nlohmann::json::array({"production-confirmation"}));
}

TEST_F(RunE2E, ConfirmThroughTheEnvironment) {
  RunOptions o = options(kProduction);
  o.env_set["TCGUARD_CONFIRM"] = "firefoxci";
  RunResult r = run_tcguard(with_run({"group", "cancel", "--force", "G1"}), o);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(recorded_args(), (std::vector<std::string>{"group", "cancel", "--force", "G1"}));
  EXPECT_EQ(audit_lines().at(0)["confirmed_by"], "env");
}

TEST_F(RunE2E, AWrongNameRefuses) {
  RunResult r = run_tcguard(with_run({"task", "cancel", "T1"}, {"--confirm", "firefoxci-staging"}), options(kProduction));
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_FALSE(stub_ran());
  EXPECT_NE(r.err.find("does not match"), std::string::npos) << r.err;
  RunOptions o = options(kProduction);
  o.env_set["TCGUARD_CONFIRM"] = "y";
  EXPECT_EQ(run_tcguard(with_run({"task", "cancel", "T1"}), o).exit_code, 4);
  EXPECT_FALSE(stub_ran());
}

TEST_F(RunE2E, StagingNeedsNoConfirmation) {
  for (const char* url : {kStaging, "https://stage.taskcluster.nonprod.cloudops.mozgcp.net"}) {
    RunResult r = run_tcguard(with_run({"task", "cancel", "T1"}), options(url));
    EXPECT_EQ(r.exit_code, 0) << url << ": " << r.err;
    EXPECT_TRUE(stub_ran());
    std::filesystem::remove(record);
  }
  EXPECT_EQ(audit_lines().at(0)["decision"], "allowed");
  EXPECT_EQ(audit_lines().at(0)["cluster"], "firefoxci-staging");
}

TEST_F(RunE2E, AnUnknownRootUrlCountsAsProduction) {
  RunResult r = run_tcguard(with_run({"task", "rerun", "T1"}), options("https://tc.example.com/"));
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_FALSE(stub_ran());
  // Its host is what confirms it.
  RunResult ok = run_tcguard(with_run({"task", "rerun", "T1"}, {"--confirm", "tc.example.com"}), options("https://tc.example.com/"));
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_TRUE(stub_ran());
}

TEST_F(RunE2E, TheRootUrlComesFromTheCliConfigFileWhenTheEnvironmentHasNone) {
  // Only the root URL: a client id there without its token would be refused as unverifiable.
  dir.write("config/taskcluster.yml", std::string("config:\n  rootUrl: ") + kProduction + "\n");
  RunResult r = run_tcguard(with_run({"task", "rerun", "T1"}), options(""));
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_FALSE(stub_ran());
  dir.write("config/taskcluster.yml", std::string("config:\n  rootUrl: ") + kStaging + "\n");
  RunResult s = run_tcguard(with_run({"task", "rerun", "T1"}), options(""));
  EXPECT_EQ(s.exit_code, 0) << s.err;
  EXPECT_TRUE(stub_ran());
}

TEST_F(RunE2E, DryRunPrintsTheDecisionAndRunsNothing) {
  RunResult text = run_tcguard(with_run({"task", "rerun", "T1"}, {"--dry-run"}), options(kProduction));
  EXPECT_EQ(text.exit_code, 4);
  EXPECT_FALSE(stub_ran());
  EXPECT_NE(text.out.find("task rerun"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("firefoxci"), std::string::npos);
  EXPECT_NE(text.out.find("confirm"), std::string::npos);

  RunResult json = run_tcguard({"--format", "json", "run", "--dry-run", "--", "taskcluster", "task", "retrigger", "T1"},
                               options(kProduction));
  EXPECT_EQ(json.exit_code, 4);
  EXPECT_FALSE(stub_ran());
  auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["command"], "task retrigger");
  EXPECT_EQ(j["cluster"], "firefoxci");
  EXPECT_EQ(j["production"], true);
  EXPECT_EQ(j["decision"], "confirm");
  EXPECT_EQ(j["target"], "T1");
  std::vector<std::string> rules;
  for (const auto& f : j["findings"]) rules.push_back(f["rule"]);
  EXPECT_EQ(rules, (std::vector<std::string>{"production-confirmation", "retrigger-breaks-cot"}));

  RunResult confirmed = run_tcguard(with_run({"task", "rerun", "T1"}, {"--dry-run", "--confirm", "firefoxci"}), options(kProduction));
  EXPECT_EQ(confirmed.exit_code, 0);
  EXPECT_FALSE(stub_ran());
  RunResult read_only = run_tcguard(with_run({"task", "status", "T1"}, {"--dry-run"}), options(kProduction));
  EXPECT_EQ(read_only.exit_code, 0);
  EXPECT_NE(read_only.out.find("allow"), std::string::npos);
  EXPECT_FALSE(stub_ran());
  EXPECT_FALSE(std::filesystem::exists(audit));
}

TEST_F(RunE2E, RetriggerWarnsAboutChainOfTrustOnStderrOnly) {
  RunResult r = run_tcguard(with_run({"task", "retrigger", "T1"}), options(kStaging));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "stub-out task retrigger T1\n");
  EXPECT_NE(r.err.find("retrigger-breaks-cot"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Chain of Trust"), std::string::npos);
  EXPECT_NE(r.err.find("task rerun"), std::string::npos);
  EXPECT_NE(r.err.find("in-tree-action-"), std::string::npos);
  EXPECT_EQ(audit_lines().at(0)["rules"], nlohmann::json::array({"retrigger-breaks-cot"}));
}

TEST_F(RunE2E, RerunForceWarns) {
  RunResult r = run_tcguard(with_run({"task", "rerun", "-f", "T1"}), options(kStaging));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("rerun-force-completed"), std::string::npos) << r.err;
  RunResult plain = run_tcguard(with_run({"task", "rerun", "T1"}), options(kStaging));
  EXPECT_EQ(plain.err.find("rerun-force-completed"), std::string::npos) << plain.err;
}

TEST_F(RunE2E, ReadOnlyApiPassesAndMutatingApiIsGuarded) {
  EXPECT_EQ(run_tcguard(with_run({"api", "queue", "status", "T1"}), options(kProduction)).exit_code, 0);
  std::filesystem::remove(record);
  EXPECT_EQ(run_tcguard(with_run({"api", "hooks", "triggerHook", "g", "h", "{}"}), options(kProduction)).exit_code, 4);
  EXPECT_FALSE(stub_ran());
}

TEST_F(RunE2E, ConfigSetPassesWithoutConfirmationAndTheTokenIsRedacted) {
  const std::string token = "Xq3vB8nK2mL9pR4sT7wY1zA5cE6fG0hJ_kM-oN2qS4uV";
  RunOptions o = options(kProduction);
  o.env_set["TASKCLUSTER_ACCESS_TOKEN"] = "EnvTok3nValue9876543210abcdefghijklmnopqrstu";
  RunResult r = run_tcguard(with_run({"config", "set", "config.accessToken", token}), o);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(recorded_args().back(), token);  // the CLI itself gets the argv unchanged
  std::string log = read_file(audit);
  EXPECT_EQ(log.find(token), std::string::npos) << log;
  EXPECT_EQ(log.find("EnvTok3n"), std::string::npos) << log;
  EXPECT_EQ(audit_lines().at(0)["argv"][4], "<redacted>") << log;
}

TEST_F(RunE2E, AnUnwritableAuditLogRefusesWhatWouldRun) {
  std::string blocker = dir.write("blocker", "a file, not a folder");
  RunOptions o = options(kProduction);
  o.env_set["TCGUARD_AUDIT_LOG"] = blocker + "/audit.jsonl";
  RunResult refused = run_tcguard(with_run({"task", "cancel", "T1"}), o);
  EXPECT_EQ(refused.exit_code, 4);
  EXPECT_FALSE(stub_ran());
  EXPECT_NE(refused.err.find("audit log not written"), std::string::npos) << refused.err;
  // A command that would run is refused when it cannot be recorded (fail closed).
  RunResult ok = run_tcguard(with_run({"task", "cancel", "T1"}, {"--confirm", "firefoxci"}), o);
  EXPECT_EQ(ok.exit_code, 3) << ok.err;
  EXPECT_FALSE(stub_ran());
  EXPECT_NE(ok.err.find("cannot be recorded in the audit log"), std::string::npos) << ok.err;
}

TEST_F(RunE2E, UnknownCommandsAreGuarded) {
  EXPECT_EQ(run_tcguard(with_run({"frobnicate", "T1"}), options(kProduction)).exit_code, 4);
  EXPECT_FALSE(stub_ran());
}

TEST_F(RunE2E, UsageErrors) {
  EXPECT_EQ(run_tcguard({"run", "--", "ls", "-l"}, options(kProduction)).exit_code, 2);
  EXPECT_EQ(run_tcguard({"run"}, options(kProduction)).exit_code, 2);
  RunOptions o = options(kProduction);
  o.env_set["TCGUARD_TASKCLUSTER"] = dir.path() + "/nonexistent";
  RunResult r = run_tcguard(with_run({"task", "status", "T1"}), o);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("TCGUARD_TASKCLUSTER"), std::string::npos);
}

TEST_F(RunE2E, AnExplicitPathToTheRealCliIsUsed) {
  RunOptions o = options(kStaging);
  o.env_unset.push_back("TCGUARD_TASKCLUSTER");
  o.env_set.erase("TCGUARD_TASKCLUSTER");
  RunResult r = run_tcguard({"run", "--", stub, "task", "cancel", "T1"}, o);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(recorded_args(), (std::vector<std::string>{"task", "cancel", "T1"}));
}

// --- The masquerade: a `taskcluster` symlink to tcguard, earlier on PATH than the real CLI. ---

class Masquerade : public RunE2E {
 protected:
  std::string link;
  void SetUp() override {
    RunE2E::SetUp();
    std::filesystem::create_directories(dir.path() + "/bin");
    link = dir.path() + "/bin/taskcluster";
    std::filesystem::create_symlink(tcguard_binary(), link);
  }
  RunOptions path_options(const std::string& root_url, const std::string& path) const {
    RunOptions o = options(root_url);
    o.env_set.erase("TCGUARD_TASKCLUSTER");
    o.env_set["PATH"] = path;
    return o;
  }
};

TEST_F(Masquerade, ActsAsRunThroughTheSymlink) {
  std::string path = dir.path() + "/bin:" + dir.path() + "/real:/usr/bin:/bin";
  RunResult ro = run({link, "task", "status", "T1"}, path_options(kProduction, path));
  EXPECT_EQ(ro.exit_code, 0) << ro.err;
  EXPECT_EQ(ro.out, "stub-out task status T1\n");
  std::filesystem::remove(record);

  RunResult refused = run({link, "task", "rerun", "T1"}, path_options(kProduction, path));
  EXPECT_EQ(refused.exit_code, 4) << refused.err;
  EXPECT_FALSE(stub_ran());

  RunOptions confirmed = path_options(kProduction, path);
  confirmed.env_set["TCGUARD_CONFIRM"] = "firefoxci";
  // Found on PATH, as a user types it (through a shell, which searches the child's PATH).
  RunResult ok = run({"/bin/sh", "-c", "taskcluster task rerun T1"}, confirmed);
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(recorded_args(), (std::vector<std::string>{"task", "rerun", "T1"}));
}

TEST_F(Masquerade, FailsCleanlyWithNoRealCliBehindIt) {
  // The only `taskcluster` on PATH is the symlink itself: a clear error, no loop.
  RunResult r = run({link, "task", "status", "T1"}, path_options(kProduction, dir.path() + "/bin:/usr/bin:/bin"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no real taskcluster CLI found"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(Masquerade, TcguardTaskclusterPointingAtItselfIsAnError) {
  RunOptions o = path_options(kProduction, dir.path() + "/bin:/usr/bin:/bin");
  o.env_set["TCGUARD_TASKCLUSTER"] = link;
  RunResult r = run({link, "version"}, o);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("tcguard itself"), std::string::npos) << r.err;
}

TEST_F(Masquerade, AWrapperThatCallsTaskclusterAgainDoesNotLoop) {
  // A "real CLI" that runs `taskcluster` from PATH, which is the symlink again.
  dir.write("wrapper/taskcluster", "#!/bin/sh\nexec taskcluster \"$@\"\n", true);
  std::string path = dir.path() + "/bin:" + dir.path() + "/wrapper:/usr/bin:/bin";
  RunResult r = run({link, "task", "status", "T1"}, path_options(kProduction, path));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("loops back"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tcg::test
