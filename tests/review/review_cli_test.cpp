// `tcguard review` through the binary: output and exit codes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/cli_runner.h"

using tcg::test::run_tcguard;
using tcg::test::RunOptions;

namespace {

RunOptions no_root_url() {
  RunOptions o;
  o.env_unset = {"TASKCLUSTER_ROOT_URL", "TCGUARD_POLICY", "XDG_CONFIG_HOME", "NO_COLOR"};
  o.env_set = {{"HOME", "/nonexistent"}};
  o.cwd = "/";
  return o;
}

TEST(ReviewCli, RootForAnHourIsAnError) {
  auto r = run_tcguard({"review", "--cluster", "firefoxci", "--expires", "1h", "-s", "*"}, no_root_url());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("[root-scope-expiry]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("help:"), std::string::npos) << r.out;
}

TEST(ReviewCli, RootForFifteenMinutesPasses) {
  auto r = run_tcguard({"review", "--cluster", "firefoxci", "--expires", "15m", "-s", "*"}, no_root_url());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("root-scope-expiry"), std::string::npos) << r.out;
}

TEST(ReviewCli, BareSigninCommandGetsDefaultsAndRoot) {
  auto o = no_root_url();
  o.env_set["TASKCLUSTER_ROOT_URL"] = "https://firefox-ci-tc.services.mozilla.com";
  auto r = run_tcguard({"--format", "json", "review", "--", "taskcluster", "signin"}, o);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto j = nlohmann::json::parse(r.out);
  std::set<std::string> rules;
  for (const auto& f : j["findings"]) {
    rules.insert(f["rule"].get<std::string>());
    for (const auto& r : f["related"])  // folded into the finding of the same cause
      if (!r["rule"].is_null()) rules.insert(r["rule"].get<std::string>());
  }
  EXPECT_TRUE(rules.count("signin-default-scopes"));
  EXPECT_TRUE(rules.count("signin-default-expiry"));
  EXPECT_TRUE(rules.count("root-scope-expiry"));
  ASSERT_EQ(j["requests"].size(), 1u);
  EXPECT_EQ(j["requests"][0]["cluster"], "firefoxci");
  EXPECT_EQ(j["requests"][0]["production"], true);
  EXPECT_EQ(j["requests"][0]["scopes"], nlohmann::json::array({"*"}));
  EXPECT_EQ(j["requests"][0]["expires_seconds"], 86400);
}

TEST(ReviewCli, CommandFormTakesAnEnvPrefixAndPflagForms) {
  auto r = run_tcguard({"--format", "json", "review", "--", "TASKCLUSTER_ROOT_URL=https://stage.taskcluster.nonprod.cloudops.mozgcp.net/",
                        "/usr/local/bin/taskcluster", "signin", "--expires=1h", "-squeue:rerun-task:*\nqueue:cancel-task:*"},
                       no_root_url());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["requests"][0]["cluster"], "firefoxci-staging");
  EXPECT_EQ(j["requests"][0]["scopes"], nlohmann::json::array({"queue:rerun-task:*", "queue:cancel-task:*"}));
  EXPECT_EQ(j["requests"][0]["expires_seconds"], 3600);
}

TEST(ReviewCli, UsageErrorsExitTwo) {
  EXPECT_EQ(run_tcguard({"review", "--cluster", "nope", "-s", "a"}, no_root_url()).exit_code, 2);
  EXPECT_EQ(run_tcguard({"review", "--", "taskcluster", "task", "rerun", "abc"}, no_root_url()).exit_code, 2);
  auto bad = run_tcguard({"review", "--", "taskcluster", "signin", "--bogus"}, no_root_url());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--bogus"), std::string::npos) << bad.err;
}

TEST(ReviewCli, NoColorIsHonouredAndAlwaysColours) {
  auto o = no_root_url();
  auto plain = run_tcguard({"--color", "always", "review", "--cluster", "firefoxci", "-s", "*"}, o);
  EXPECT_NE(plain.out.find("\x1b["), std::string::npos);
  o.env_set["NO_COLOR"] = "1";
  auto no = run_tcguard({"review", "--cluster", "firefoxci", "-s", "*"}, o);
  EXPECT_EQ(no.out.find("\x1b["), std::string::npos);
}

}  // namespace
