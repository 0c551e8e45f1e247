// Issue 17 point 11 through the binary: `run` says the real problem. No root URL is a usage error
// (not "confirmation missing"), --dry-run never shows `type <no cluster>`, and a `--confirm NAME`
// written after the command is an error naming where it belongs (not passed to taskcluster).
#include <gtest/gtest.h>

#include <filesystem>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

constexpr const char* kProduction = "https://firefox-ci-tc.services.mozilla.com/";

class RunMessages : public ::testing::Test {
 protected:
  TempDir dir;
  std::string stub, record, masquerade;

  void SetUp() override {
    stub = dir.write("real/taskcluster", "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$STUB_RECORD\"\nexit 0\n", true);
    record = dir.path() + "/record.txt";
    std::filesystem::create_directories(dir.path() + "/bin");
    masquerade = dir.path() + "/bin/taskcluster";
    std::filesystem::create_symlink(tcguard_binary(), masquerade);
  }
  // No root URL anywhere: no TASKCLUSTER_ROOT_URL and no CLI config file (XDG_CONFIG_HOME is empty).
  RunOptions options(bool root_url = true) const {
    RunOptions o;
    o.clean_env = true;
    o.cwd = dir.path();
    o.env_set = {{"HOME", dir.path()},
                 {"XDG_CONFIG_HOME", dir.path() + "/config"},
                 {"TCGUARD_TASKCLUSTER", stub},
                 {"TCGUARD_AUDIT_LOG", dir.path() + "/audit.jsonl"},
                 {"STUB_RECORD", record}};
    if (root_url) o.env_set["TASKCLUSTER_ROOT_URL"] = kProduction;
    return o;
  }
  bool stub_ran() const { return std::filesystem::exists(record); }
};

TEST_F(RunMessages, NoRootUrlIsSaidAsSuchNotAsAMissingConfirmation) {
  for (const std::vector<std::string>& cmd : std::vector<std::vector<std::string>>{
           {"task", "rerun", "T1"}, {"task", "retrigger", "T1"}, {"group", "cancel", "G1"}}) {
    std::vector<std::string> argv{"run", "--", "taskcluster"};
    argv.insert(argv.end(), cmd.begin(), cmd.end());
    RunResult r = run_tcguard(argv, options(false));
    EXPECT_EQ(r.exit_code, 2) << cmd[1] << ": " << r.err;
    EXPECT_NE(r.err.find("no root URL is configured"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("TASKCLUSTER_ROOT_URL"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(dir.path() + "/config/taskcluster.yml"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("not confirmed"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("confirmation"), std::string::npos) << r.err;
    EXPECT_FALSE(stub_ran());
  }
  // The masquerade says the same.
  RunResult m = run({masquerade, "task", "cancel", "T1"}, options(false));
  EXPECT_EQ(m.exit_code, 2) << m.err;
  EXPECT_NE(m.err.find("no root URL is configured"), std::string::npos) << m.err;
}

TEST_F(RunMessages, ARootUrlFromTheCliConfigIsEnough) {
  dir.write("config/taskcluster.yml", std::string("rootUrl: ") + kProduction + "\n");
  RunResult r = run_tcguard({"run", "--dry-run", "--", "taskcluster", "task", "rerun", "T1"}, options(false));
  EXPECT_EQ(r.exit_code, 4) << r.out << r.err;  // confirmation required on firefoxci
  EXPECT_NE(r.out.find("type firefoxci"), std::string::npos) << r.out;
}

TEST_F(RunMessages, DryRunNeverShowsNoClusterAsTheNameToType) {
  RunResult r = run_tcguard({"run", "--dry-run", "--", "taskcluster", "task", "rerun", "T1"}, options(false));
  EXPECT_EQ(r.out.find("<no cluster>"), std::string::npos) << r.out;
  EXPECT_EQ(r.err.find("<no cluster>"), std::string::npos) << r.err;
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("no root URL is configured"), std::string::npos) << r.err;
  // A local-only command needs no cluster: `config set` is still judged and shown.
  RunResult local = run_tcguard({"run", "--dry-run", "--", "taskcluster", "config", "set", "rootUrl", kProduction},
                                options(false));
  EXPECT_EQ(local.out.find("<no cluster>"), std::string::npos) << local.out;
  EXPECT_NE(local.out.find("would run:"), std::string::npos) << local.out << local.err;
}

TEST_F(RunMessages, ConfirmWrittenAfterTheCommandIsAnErrorNamingWhereItBelongs) {
  for (const std::vector<std::string>& tail : std::vector<std::vector<std::string>>{
           {"task", "rerun", "T1", "--confirm", "firefoxci"},
           {"task", "retrigger", "T1", "--confirm=firefoxci"},
           {"group", "cancel", "--confirm", "firefoxci", "G1"}}) {
    std::vector<std::string> argv{"run", "--", "taskcluster"};
    argv.insert(argv.end(), tail.begin(), tail.end());
    RunResult r = run_tcguard(argv, options());
    EXPECT_EQ(r.exit_code, 2) << tail[1] << ": " << r.err;
    EXPECT_NE(r.err.find("written after the command"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("tcguard run --confirm firefoxci -- taskcluster " + tail[0] + " " + tail[1]),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(stub_ran()) << tail[1];
  }
  RunResult r = run_tcguard({"run", "--", "taskcluster", "task", "rerun", "T1", "--confirm", "firefoxci"}, options());
  EXPECT_NE(r.err.find("`tcguard run --confirm firefoxci -- taskcluster task rerun T1`"), std::string::npos) << r.err;
  // The masquerade has no options of its own: it also names TCGUARD_CONFIRM.
  RunResult m = run({masquerade, "task", "rerun", "T1", "--confirm", "firefoxci"}, options());
  EXPECT_EQ(m.exit_code, 2) << m.err;
  EXPECT_NE(m.err.find("TCGUARD_CONFIRM=firefoxci"), std::string::npos) << m.err;
  EXPECT_FALSE(stub_ran());
}

TEST_F(RunMessages, AGivenConfirmationPrintsNoConfirmHintAndNoSummaryLine) {
  RunResult r = run_tcguard({"run", "--confirm", "firefoxci", "--", "taskcluster", "task", "rerun", "T1"}, options());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(stub_ran());
  EXPECT_NE(r.err.find("production cluster"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("pass --confirm"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("0 errors"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("1 warning"), std::string::npos) << r.err;
}

TEST_F(RunMessages, AMissingConfirmationStillSaysHowToGiveIt) {
  RunResult r = run_tcguard({"run", "--", "taskcluster", "task", "rerun", "T1"}, options());  // no terminal
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("--confirm firefoxci"), std::string::npos) << r.err;
  EXPECT_FALSE(stub_ran());
}

TEST_F(RunMessages, TheClisOwnConfirmFlagIsLeftAlone) {
  // `task rerun --confirm` is the CLI's own yes/no prompt; with tcguard's confirmation given it runs.
  RunResult r = run_tcguard({"run", "--confirm", "firefoxci", "--", "taskcluster", "task", "rerun", "--confirm", "T1"},
                            options());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(record), "task\nrerun\n--confirm\nT1\n");
}

}  // namespace
}  // namespace tcg::test
