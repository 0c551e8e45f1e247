// Issue 14 points 2 and 11 through the binary: `-h`/`--help` as a flag's value is no help (the
// real CLI's pflag takes it as the value and signs in), and `signin --check` is read-only.
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

class SigninFlags : public ::testing::Test {
 protected:
  TempDir dir;
  std::string stub;
  std::string record;
  std::string audit;
  std::string masquerade;

  void SetUp() override {
    record = dir.path() + "/argv";
    audit = dir.path() + "/audit.jsonl";
    // The real CLI: records its argv, one word a line.
    stub = dir.write("real/taskcluster", "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + record + "'\n", true);
    std::filesystem::create_directories(dir.path() + "/bin");
    masquerade = dir.path() + "/bin/taskcluster";
    std::filesystem::create_symlink(tcg::test::tcguard_binary(), masquerade);
  }

  RunOptions options() const {
    RunOptions o;
    o.env_unset = {"TCGUARD_POLICY", "XDG_CONFIG_HOME", "TCGUARD_EXEC_DEPTH", "TCGUARD_CONFIRM",
                   "TASKCLUSTER_CLIENT_ID", "TASKCLUSTER_ACCESS_TOKEN", "TASKCLUSTER_CERTIFICATE"};
    o.env_set = {{"TCGUARD_TASKCLUSTER", stub},
                 {"TASKCLUSTER_ROOT_URL", "https://firefox-ci-tc.services.mozilla.com/"},
                 {"TCGUARD_AUDIT_LOG", audit},
                 {"HOME", dir.path()}};
    o.cwd = "/";
    return o;
  }

  bool ran() const { return std::filesystem::exists(record); }
};

// Every way in: `tcguard signin`, `tcguard run --`, the masquerade.
std::vector<std::vector<std::string>> ways_in(const std::string& masquerade, const std::vector<std::string>& args) {
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> a{"tcguard", "signin"};
  a.insert(a.end(), args.begin(), args.end());
  out.push_back(a);
  std::vector<std::string> b{"tcguard", "run", "--", "taskcluster", "signin"};
  b.insert(b.end(), args.begin(), args.end());
  out.push_back(b);
  std::vector<std::string> c{masquerade, "signin"};
  c.insert(c.end(), args.begin(), args.end());
  out.push_back(c);
  return out;
}

TEST_F(SigninFlags, HelpAsTheValueOfAFlagIsARootSigninAndIsRefused) {
  // pflag: a flag that takes a value takes the next word, whatever it is. Each of these signs in
  // with `*` (the name, port or scope being "-h"/"--help"), so each is refused like a root sign-in.
  const std::vector<std::vector<std::string>> cases = {
      {"--expires", "30d", "-n", "-h"},       {"--expires", "30d", "--name", "--help"},
      {"--expires=30d", "--name", "-h"},      {"--expires", "30d", "-p", "--help"},
      {"--expires", "-h"},                    {"--expires", "30d", "--help=false"},
      {"--expires", "30d", "-h=false"},       {"--expires", "30d", "--", "-h"},
  };
  for (const auto& args : cases) {
    for (const auto& argv : ways_in(masquerade, args)) {
      std::filesystem::remove(record);
      RunResult r = run(argv, options());
      std::string shown;
      for (const auto& w : argv) shown += w + " ";
      EXPECT_EQ(r.exit_code, 3) << shown << "\n" << r.out << r.err;
      EXPECT_FALSE(ran()) << shown << ": the real CLI ran\n" << read_file(record);
    }
  }
}

TEST_F(SigninFlags, RealHelpStillPassesThrough) {
  const std::vector<std::vector<std::string>> cases = {
      {"-h"}, {"--help"}, {"--expires", "30d", "-h"}, {"-n", "x", "--help"}, {"--help=true"}, {"-vh"}};
  for (const auto& args : cases) {
    for (const auto& argv : ways_in(masquerade, args)) {
      std::filesystem::remove(record);
      RunResult r = run(argv, options());
      EXPECT_EQ(r.exit_code, 0) << argv.back() << r.err;
      EXPECT_TRUE(ran()) << argv.back();
    }
  }
}

TEST_F(SigninFlags, CheckOnlyChecksAndRunsAtOnce) {
  for (const auto& argv : ways_in(masquerade, {"--check"})) {
    std::filesystem::remove(record);
    RunResult r = run(argv, options());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(read_file(record), "signin\n--check\n");
    EXPECT_EQ(r.err.find("root-scope-expiry"), std::string::npos) << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(audit)) << read_file(audit);
}

TEST_F(SigninFlags, CheckThatIsNotTheCheckFlagIsStillASignin) {
  // `--check=false`, and `--check` as the value of -n, sign in.
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--check=false"},
                                              std::vector<std::string>{"-n", "--check"}}) {
    for (const auto& argv : ways_in(masquerade, args)) {
      std::filesystem::remove(record);
      RunResult r = run(argv, options());
      EXPECT_EQ(r.exit_code, 3) << args.front() << r.err;
      EXPECT_FALSE(ran());
    }
  }
}

TEST_F(SigninFlags, ReviewSaysCheckIsNotASigninRequest) {
  RunResult r = run_tcguard({"review", "--", "taskcluster", "signin", "--check"}, options());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("not a sign-in request"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("root-scope-expiry"), std::string::npos) << r.out;
  // ...but a name of "--check" is a root sign-in for a day.
  RunResult named = run_tcguard({"review", "--", "taskcluster", "signin", "-n", "--check"}, options());
  EXPECT_EQ(named.exit_code, 1) << named.out << named.err;
  EXPECT_NE(named.out.find("root-scope-expiry"), std::string::npos) << named.out;
}

}  // namespace
