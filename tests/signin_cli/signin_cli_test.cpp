// `tcguard signin` through the binary, with a recording stub as the real CLI.
#include <gtest/gtest.h>

#include "support/cli_runner.h"

using tcg::test::read_file;
using tcg::test::run_tcguard;
using tcg::test::RunOptions;
using tcg::test::TempDir;

namespace {

struct Stub {
  TempDir dir;
  std::string path;
  std::string record;
  Stub() {
    record = dir.path() + "/argv";
    // Prints export lines like the real signin, and records its argv one per line.
    path = dir.write("taskcluster",
                     "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + record +
                         "'\necho \"export TASKCLUSTER_CLIENT_ID='me/cli-abc'\"\n",
                     true);
  }
};

RunOptions env_for(const Stub& stub) {
  RunOptions o;
  o.env_unset = {"TCGUARD_POLICY", "XDG_CONFIG_HOME", "TCGUARD_EXEC_DEPTH"};
  o.env_set = {{"TCGUARD_TASKCLUSTER", stub.path},
               {"TASKCLUSTER_ROOT_URL", "https://firefox-ci-tc.services.mozilla.com/"},
               {"TCGUARD_AUDIT_LOG", stub.dir.path() + "/audit.jsonl"},
               {"HOME", stub.dir.path()}};
  o.cwd = "/";
  return o;
}

TEST(SigninCli, ANarrowShortSigninBecomesTheRealCommand) {
  Stub stub;
  auto r = run_tcguard({"signin", "--expires", "15m", "-s", "queue:rerun-task:gecko-level-3/*"}, env_for(stub));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "export TASKCLUSTER_CLIENT_ID='me/cli-abc'\n");  // stdout is the CLI's own
  EXPECT_EQ(read_file(stub.record), "signin\n--expires\n15m\n-s\nqueue:rerun-task:gecko-level-3/*\n");
}

TEST(SigninCli, RootForADayIsRefusedAndNothingRuns) {
  Stub stub;
  auto r = run_tcguard({"signin"}, env_for(stub));
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("root-scope-expiry"), std::string::npos) << r.err;
  EXPECT_TRUE(read_file(stub.record).empty());
}

TEST(SigninCli, WarningsGoToStderrAndTheSigninRuns) {
  Stub stub;
  // Root for 15 minutes passes the policy, but names no lifetime... here: default scopes warning only.
  auto r = run_tcguard({"signin", "--expires=15m"}, env_for(stub));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("signin-default-scopes"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("signin-default-scopes"), std::string::npos);
  EXPECT_EQ(read_file(stub.record), "signin\n--expires=15m\n");
}

TEST(SigninCli, NoRealCliIsAClearError) {
  Stub stub;
  auto o = env_for(stub);
  o.env_set.erase("TCGUARD_TASKCLUSTER");
  o.env_set["PATH"] = stub.dir.path() + "/empty-bin";
  auto r = run_tcguard({"signin", "--expires", "15m", "-s", "a"}, o);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("taskcluster"), std::string::npos) << r.err;
}

}  // namespace
