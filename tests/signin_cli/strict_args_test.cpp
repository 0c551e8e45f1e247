// Issue 17 point 10 through the binary: `tcguard signin` checks its arguments as `tcguard review --
// taskcluster signin` does (one parser), takes `--cluster` / `--root-url` as its own, and names the
// arguments in their order when it refuses them.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/cli_runner.h"

using tcg::test::read_file;
using tcg::test::run;
using tcg::test::run_tcguard;
using tcg::test::RunOptions;
using tcg::test::RunResult;
using tcg::test::TempDir;

namespace {

constexpr const char* kProduction = "https://firefox-ci-tc.services.mozilla.com/";
constexpr const char* kStaging = "https://stage.taskcluster.nonprod.webservices.mozgcp.net/";

class SigninArgs : public ::testing::Test {
 protected:
  TempDir dir;
  std::string stub, record, root_record;

  void SetUp() override {
    record = dir.path() + "/argv";
    root_record = dir.path() + "/root_url";
    // The real CLI: records its argv (one word a line) and the root URL it was given.
    stub = dir.write("real/taskcluster",
                     "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + record + "'\nprintf '%s' \"$TASKCLUSTER_ROOT_URL\" > '" +
                         root_record + "'\n",
                     true);
  }
  RunOptions options(bool with_root_url = true) const {
    RunOptions o;
    o.env_unset = {"TCGUARD_POLICY", "XDG_CONFIG_HOME", "TCGUARD_EXEC_DEPTH", "TCGUARD_CONFIRM", "TASKCLUSTER_ROOT_URL",
                   "TASKCLUSTER_CLIENT_ID", "TASKCLUSTER_ACCESS_TOKEN", "TASKCLUSTER_CERTIFICATE"};
    o.env_set = {{"TCGUARD_TASKCLUSTER", stub}, {"TCGUARD_AUDIT_LOG", dir.path() + "/audit.jsonl"}, {"HOME", dir.path()}};
    if (with_root_url) o.env_set["TASKCLUSTER_ROOT_URL"] = kProduction;
    o.cwd = "/";
    return o;
  }
  bool ran() const { return std::filesystem::exists(record); }
};

TEST_F(SigninArgs, AMisspeltFlagIsAUsageErrorWithTheNearestFlagNotADefaultLifetime) {
  RunResult r = run_tcguard({"signin", "--expire", "15m", "-s", "queue:rerun-task:gecko-level-3/*"}, options());
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("unknown flag: --expire"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean `--expires`?"), std::string::npos) << r.err;
  // Not judged as a sign-in on the defaults the CLI would never use.
  EXPECT_EQ(r.err.find("signin-default-expiry"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("no --expires given"), std::string::npos) << r.err;
  EXPECT_FALSE(ran());
  EXPECT_TRUE(r.out.empty()) << r.out;  // nothing for `eval` to run
}

TEST_F(SigninArgs, SigninAndReviewRejectTheSameArgumentsWithTheSameMessage) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"--expire", "15m"}, {"--expires"}, {"-x"}, {"--expires", "15m", "stray"}}) {
    std::vector<std::string> signin{"signin"}, review{"review", "--", "taskcluster", "signin"};
    signin.insert(signin.end(), args.begin(), args.end());
    review.insert(review.end(), args.begin(), args.end());
    RunResult s = run_tcguard(signin, options());
    RunResult v = run_tcguard(review, options());
    EXPECT_EQ(s.exit_code, 2) << args.front() << ": " << s.err;
    EXPECT_EQ(v.exit_code, 2) << args.front() << ": " << v.err;
    EXPECT_EQ(s.err, v.err) << args.front();
    EXPECT_FALSE(ran()) << args.front();
  }
}

TEST_F(SigninArgs, ARejectedCommandLineIsShownInItsOrder) {
  RunResult r = run_tcguard({"signin", "-s", "b:x", "--expire", "15m", "-s", "a:y z"}, options());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("`taskcluster signin -s b:x --expire 15m -s 'a:y z'`"), std::string::npos) << r.err;
}

TEST_F(SigninArgs, ClusterIsTcguardsOwnAndIsNotPassedOn) {
  // Without TASKCLUSTER_ROOT_URL: --cluster names the cluster, before or after signin's flags.
  for (const std::vector<std::string>& argv : std::vector<std::vector<std::string>>{
           {"signin", "--cluster", "firefoxci-staging", "--expires", "15m", "-s", "queue:rerun-task:gecko-level-1/*"},
           {"signin", "--expires", "15m", "-s", "queue:rerun-task:gecko-level-1/*", "--cluster=firefoxci-staging"}}) {
    std::filesystem::remove(record);
    RunResult r = run_tcguard(argv, options(false));
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(read_file(record), "signin\n--expires\n15m\n-s\nqueue:rerun-task:gecko-level-1/*\n");
    EXPECT_EQ(read_file(root_record), kStaging);
  }
}

TEST_F(SigninArgs, AClusterThatIsAFlagsValueStaysSignins) {
  // `-n --cluster` names the client "--cluster" (pflag takes the next word as the value).
  RunResult r = run_tcguard({"signin", "--expires", "15m", "-s", "queue:rerun-task:gecko-level-1/*", "-n", "--cluster"},
                            options());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(read_file(record), "signin\n--expires\n15m\n-s\nqueue:rerun-task:gecko-level-1/*\n-n\n--cluster\n");
  EXPECT_EQ(read_file(root_record), kProduction);
}

TEST_F(SigninArgs, AnUnknownClusterIsAUsageErrorWithTheNearestName) {
  RunResult r = run_tcguard({"signin", "--cluster", "firefoxcii", "--expires", "15m", "-s", "a"}, options(false));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("unknown cluster `firefoxcii`"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("firefoxci"), std::string::npos) << r.err;
  EXPECT_FALSE(ran());
}

TEST_F(SigninArgs, ClusterDecidesWhichPolicyApplies) {
  // Root for an hour: an error on production (refused, exit 3) but not on staging for 15m... the
  // same request is judged on the named cluster, not on $TASKCLUSTER_ROOT_URL.
  RunResult r = run_tcguard({"signin", "--cluster", "firefoxci", "--expires", "1h", "-s", "*"}, options(false));
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("firefoxci"), std::string::npos) << r.err;
  EXPECT_FALSE(ran());
}

}  // namespace
