// The audit log and what tcguard shows, attacked (issue 14, points 5, 6, 7 and 13): through the
// built binary, with a recording stub as the real CLI and the production root URL.
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
constexpr const char* kAwsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";       // 40, with `/`
constexpr const char* kToken = "Xq3vB8nK2mL9pR4sT7wY1zA5cE6fG0hJ_kM-oN2qS4uV";       // 44 base64url

class AuditHardening : public ::testing::Test {
 protected:
  TempDir dir;
  std::string stub, record, audit;

  void SetUp() override {
    stub = dir.write("real/taskcluster", "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$STUB_RECORD\"\nexit 0\n", true);
    record = dir.path() + "/record.txt";
    audit = dir.path() + "/state/audit.jsonl";
  }
  RunOptions options() const {
    RunOptions o;
    o.clean_env = true;
    o.cwd = dir.path();
    o.env_set = {{"HOME", dir.path()},
                 {"XDG_CONFIG_HOME", dir.path() + "/config"},
                 {"TCGUARD_TASKCLUSTER", stub},
                 {"TCGUARD_AUDIT_LOG", audit},
                 {"STUB_RECORD", record},
                 {"USER", "relduty"},
                 {"TASKCLUSTER_ROOT_URL", kProduction}};
    return o;
  }
  RunOptions with_log(const std::string& log) const {
    RunOptions o = options();
    o.env_set["TCGUARD_AUDIT_LOG"] = log;
    return o;
  }
  bool stub_ran() const { return std::filesystem::exists(record); }
  RunResult confirmed(std::vector<std::string> tc_args, const RunOptions& o) const {
    std::vector<std::string> argv{"run", "--confirm", "firefoxci", "--", "taskcluster"};
    argv.insert(argv.end(), tc_args.begin(), tc_args.end());
    return run_tcguard(argv, o);
  }
  std::vector<nlohmann::json> audit_lines() const {
    std::vector<nlohmann::json> out;
    std::istringstream in(read_file(audit));
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }
};

// --- 5. A guarded command that cannot be recorded does not run. ---

void expect_refused_for_log(const RunResult& r, const std::string& log) {
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("cannot be recorded in the audit log " + log), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing was run"), std::string::npos) << r.err;
}

TEST_F(AuditHardening, AnUnwritableLogRefusesAConfirmedProductionChange) {
  // /dev/full: every write fails (and it is not a regular file).
  RunResult full = confirmed({"group", "cancel", "--force", "G1"}, with_log("/dev/full"));
  expect_refused_for_log(full, "/dev/full");
  EXPECT_FALSE(stub_ran());

  // A folder in the way of the log's folder (a read-only folder does the same for a user; the
  // tests may run as root, who can write anywhere).
  std::string blocker = dir.write("blocker", "a file, not a folder");
  RunResult blocked = confirmed({"task", "cancel", "T1"}, with_log(blocker + "/audit.jsonl"));
  expect_refused_for_log(blocked, blocker + "/audit.jsonl");
  EXPECT_FALSE(stub_ran());
}

TEST_F(AuditHardening, AFullDiskRefuses) {
  // A file-size limit of 0 makes write(2) fail with EFBIG, as a full disk fails with ENOSPC; the
  // signal that would kill the process is ignored, so the write's error is what tcguard sees.
  std::string script = "trap '' XFSZ; ulimit -f 0; exec \"$0\" run --confirm firefoxci -- taskcluster task rerun T1";
  RunResult r = run({"/bin/sh", "-c", script, tcguard_binary()}, options());
  expect_refused_for_log(r, audit);
  EXPECT_NE(r.err.find("cannot write"), std::string::npos) << r.err;
  EXPECT_FALSE(stub_ran());
}

// "unless the policy says otherwise explicitly": only the user's own policy can say it.
TEST_F(AuditHardening, TheUsersOwnPolicyMayMakeTheLogBestEffortAProjectFileMayNot) {
  const std::string relaxed = "version: 1\naudit_log: best-effort\n";
  RunOptions own = with_log("/dev/full");
  own.env_set["TCGUARD_POLICY"] = dir.write("own.yaml", relaxed);
  RunResult r = confirmed({"task", "rerun", "T1"}, own);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(stub_ran());
  EXPECT_NE(r.err.find("audit log /dev/full not written"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("best-effort"), std::string::npos) << r.err;
  std::filesystem::remove(record);

  // The same line in a cloned repository's .tcguard.yaml is left out, with a warning.
  dir.write("clone/.tcguard.yaml", relaxed);
  RunOptions project = with_log("/dev/full");
  project.cwd = dir.path() + "/clone";
  RunResult p = confirmed({"task", "rerun", "T1"}, project);
  expect_refused_for_log(p, "/dev/full");
  EXPECT_FALSE(stub_ran());
  EXPECT_NE(p.err.find("audit_log"), std::string::npos) << p.err;

  // A misspelt value is an error at its place, not a silent default.
  RunOptions typo = options();
  std::string bad = dir.write("typo.yaml", "version: 1\naudit_log: besteffort\n");
  typo.env_set["TCGUARD_POLICY"] = bad;
  RunResult t = confirmed({"task", "rerun", "T1"}, typo);
  EXPECT_EQ(t.exit_code, 2) << t.err;
  EXPECT_NE(t.err.find(bad + ":2:12"), std::string::npos) << t.err;
  EXPECT_NE(t.err.find("did you mean `best-effort`?"), std::string::npos) << t.err;
  EXPECT_FALSE(stub_ran());
}

TEST_F(AuditHardening, ReadOnlyCommandsAreNeitherLoggedNorBlocked) {
  RunResult r = run_tcguard({"run", "--", "taskcluster", "task", "status", "T1"}, with_log("/dev/full"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(stub_ran());
  EXPECT_EQ(r.err, "");
}

// --- 6. No symlinks, only the user's own regular file, lines no shell runs. ---

TEST_F(AuditHardening, APlantedSymlinkIsRefusedAndItsTargetUntouched) {
  std::string bashrc = dir.write("home/.bashrc", "# my rc\n");
  std::filesystem::create_directories(dir.path() + "/state");
  std::filesystem::create_symlink(bashrc, audit);
  RunResult r = confirmed({"task", "rerun", "T1"}, options());
  expect_refused_for_log(r, audit);
  EXPECT_NE(r.err.find("symbolic link"), std::string::npos) << r.err;
  EXPECT_FALSE(stub_ran());
  EXPECT_EQ(read_file(bashrc), "# my rc\n");
}

TEST_F(AuditHardening, AHardLinkToAnotherFileIsRefused) {
  std::string bashrc = dir.write("home/.bashrc", "# my rc\n");
  std::filesystem::create_directories(dir.path() + "/state");
  std::filesystem::create_hard_link(bashrc, audit);
  RunResult r = confirmed({"task", "rerun", "T1"}, options());
  expect_refused_for_log(r, audit);
  EXPECT_FALSE(stub_ran());
  EXPECT_EQ(read_file(bashrc), "# my rc\n");
}

TEST_F(AuditHardening, AFileOwnedBySomeoneElseIsRefused) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give a file to another user";
  std::string log = dir.write("other.jsonl", "");
  ASSERT_EQ(::chown(log.c_str(), 65534, 65534), 0);
  RunResult r = confirmed({"task", "rerun", "T1"}, with_log(log));
  expect_refused_for_log(r, log);
  EXPECT_NE(r.err.find("not owned"), std::string::npos) << r.err;
  EXPECT_FALSE(stub_ran());
}

TEST_F(AuditHardening, NewFoldersAndTheFileArePrivate) {
  std::string log = dir.path() + "/a/b/audit.jsonl";
  RunResult r = confirmed({"task", "rerun", "T1"}, with_log(log));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  struct stat st {};
  ASSERT_EQ(::stat((dir.path() + "/a").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  ASSERT_EQ(::stat((dir.path() + "/a/b").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  ASSERT_EQ(::stat(log.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(AuditHardening, SourcingTheLogWithBashRunsNothingItCarries) {
  const std::vector<std::string> hostile = {
      "$(touch M1)", "`touch M2`", "\"; touch M3; \"", "'; touch M4; '", "x;touch M5", "x|touch M6",
      "x&touch M7", "x>M8", "$(touch${IFS}M9)", "\\\"$(touch M10)\\\"", "a b\nc $(touch M11)",
  };
  std::vector<std::string> args{"task", "rerun", "T1"};
  args.insert(args.end(), hostile.begin(), hostile.end());
  RunResult r = confirmed(args, options());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The JSON is still the same JSON: every argument reads back as it was given.
  auto lines = audit_lines();
  ASSERT_EQ(lines.size(), 1u);
  for (size_t i = 0; i < hostile.size(); ++i) EXPECT_EQ(lines[0]["argv"][4 + i], hostile[i]);
  std::string text = read_file(audit);
  RunResult sourced = run({"/bin/bash", "-c", ". \"$0\"; . \"$0\"", audit}, [&] {
    RunOptions o;
    o.cwd = dir.path();
    return o;
  }());
  for (int m = 1; m <= 11; ++m)
    EXPECT_FALSE(std::filesystem::exists(dir.path() + "/M" + std::to_string(m))) << "M" << m << "\n" << text;
}

// --- 7. Secrets in every field and message. ---

TEST_F(AuditHardening, TokensAreRedactedInEveryFieldTheDryRunAndThePrompt) {
  // An unknown command word and a target id that are token-shaped, and an AWS-style secret.
  RunResult r = confirmed({"task", "rerun", kAwsSecret}, options());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  RunResult u = confirmed({kToken}, options());
  ASSERT_EQ(u.exit_code, 0) << u.err;
  std::string log = read_file(audit);
  EXPECT_EQ(log.find("EXAMPLEKEY"), std::string::npos) << log;
  EXPECT_EQ(log.find("Xq3vB8"), std::string::npos) << log;
  auto lines = audit_lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["target"], "<redacted>");
  EXPECT_EQ(lines[1]["command"], "<redacted>");

  RunResult dry = run_tcguard({"run", "--dry-run", "--", "taskcluster", "task", "cancel", kAwsSecret}, options());
  EXPECT_EQ(dry.out.find("EXAMPLEKEY"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("<redacted>"), std::string::npos) << dry.out;
  RunResult json =
      run_tcguard({"--format", "json", "run", "--dry-run", "--", "taskcluster", "group", "cancel", kToken}, options());
  EXPECT_EQ(json.out.find("Xq3vB8"), std::string::npos) << json.out;
  RunResult unknown = run_tcguard({"run", "--dry-run", "--", "taskcluster", kToken}, options());
  EXPECT_EQ(unknown.out.find("Xq3vB8"), std::string::npos) << unknown.out;
  // Refusals on stderr.
  RunResult refused = run_tcguard({"run", "--confirm", kToken, "--", "taskcluster", "task", "rerun", "T1"}, options());
  EXPECT_EQ(refused.exit_code, 4);
  EXPECT_EQ(refused.err.find("Xq3vB8"), std::string::npos) << refused.err;
  EXPECT_EQ(read_file(audit).find("Xq3vB8"), std::string::npos);
}

TEST_F(AuditHardening, SecretPayloadsAreLoggedByTheirKeysOnly) {
  std::string payload = std::string(R"({"secret": {"AWS_SECRET_ACCESS_KEY": ")") + kAwsSecret +
                        R"(", "pin": "4242", "nested": [{"k": "v1"}]}, "expires": "2027-01-01T00:00:00.000Z"})";
  RunResult r = confirmed({"api", "secrets", "set", "project/releng/aws", payload}, options());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = audit_lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["target"], "project/releng/aws");
  const auto& argv = lines[0]["argv"];
  EXPECT_EQ(argv[4], "project/releng/aws");
  auto logged = nlohmann::json::parse(argv[5].get<std::string>());
  EXPECT_EQ(logged, nlohmann::json::parse(R"({"secret": {"AWS_SECRET_ACCESS_KEY": "<redacted>", "pin": "<redacted>",
      "nested": [{"k": "<redacted>"}]}, "expires": "<redacted>"})"));
  std::string log = read_file(audit);
  for (const char* value : {"EXAMPLEKEY", "4242", "v1"}) EXPECT_EQ(log.find(value), std::string::npos) << value << log;
  // The CLI itself gets the payload unchanged.
  EXPECT_NE(read_file(record).find(kAwsSecret), std::string::npos);
  // A payload that is not JSON goes entirely.
  RunResult raw = confirmed({"api", "secrets", "set", "n", "pin=4242"}, options());
  ASSERT_EQ(raw.exit_code, 0) << raw.err;
  EXPECT_EQ(audit_lines().at(1)["argv"][5], "<redacted>");
}

TEST_F(AuditHardening, TaskIdsAndScopesStayReadable) {
  std::vector<std::string> args = {"api", "auth", "createClient", "fQ7RkAcgSBeZ4B8GQNcDhA",
                                   "queue:create-task:highest:proj-releng/*",
                                   "assume:repo:github.com/mozilla-releng/scriptworker-scripts:branch:main",
                                   "secrets:get:project/releng/scriptworker/v2/dep-signing/FooBar123ApiKey"};
  RunResult r = confirmed(args, options());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto argv = audit_lines().at(0)["argv"];
  for (size_t i = 3; i < args.size(); ++i) EXPECT_EQ(argv[1 + i], args[i]);
}

// --- 13. Terminal escapes in arguments are shown escaped. ---

TEST_F(AuditHardening, ControlCharactersAreEscapedInTheDryRunAndMessages) {
  const std::string fake = "T1\x1b[2K\r  cluster:  staging\x07\x7f\xc2\x9b" "31m\xe2\x80\xae";
  RunResult dry = run_tcguard({"run", "--dry-run", "--", "taskcluster", "task", "rerun", fake}, options());
  for (const char* raw : {"\x1b", "\r", "\x07", "\x7f", "\xc2\x9b", "\xe2\x80\xae"})
    EXPECT_EQ(dry.out.find(raw), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("T1\\x1b[2K\\r  cluster:  staging\\x07\\x7f\\x9b31m\\u{202E}"), std::string::npos) << dry.out;

  RunResult refused = run_tcguard({"run", "--confirm", "x\x1b]0;owned\x07", "--", "taskcluster", "task", "rerun", fake},
                                  options());
  EXPECT_EQ(refused.exit_code, 4);
  for (const char* raw : {"\x1b", "\r", "\x07"}) EXPECT_EQ(refused.err.find(raw), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("x\\x1b]0;owned\\x07"), std::string::npos) << refused.err;

  RunResult blocked = confirmed({"task", "rerun", fake}, with_log("/dev/full"));
  EXPECT_EQ(blocked.exit_code, 3);
  EXPECT_EQ(blocked.err.find("\x1b"), std::string::npos) << blocked.err;
  EXPECT_NE(blocked.err.find("T1\\x1b[2K"), std::string::npos) << blocked.err;
}

}  // namespace
}  // namespace tcg::test
