#include <gtest/gtest.h>

#include <map>

#include "guard/cluster.h"
#include "guard/fake_env.h"
#include "support/cli_runner.h"

namespace tcg::guard {
namespace {

using fake::env_of;

TEST(CliConfig, EnvironmentWinsOverTheFile) {
  test::TempDir dir;
  dir.write("taskcluster.yml", "config:\n  rootUrl: https://from-file.example.com/\n");
  EXPECT_EQ(*effective_root_url(env_of({{"XDG_CONFIG_HOME", dir.path()}})), "https://from-file.example.com/");
  EXPECT_EQ(*effective_root_url(env_of({{"XDG_CONFIG_HOME", dir.path()}, {"TASKCLUSTER_ROOT_URL", "https://env/"}})),
            "https://env/");
  EXPECT_FALSE(*effective_root_url(env_of({{"XDG_CONFIG_HOME", dir.path() + "/none"}})));
  // An empty variable is unset, as in the CLI: the file's value applies.
  EXPECT_EQ(*effective_root_url(env_of({{"XDG_CONFIG_HOME", dir.path()}, {"TASKCLUSTER_ROOT_URL", ""}})),
            "https://from-file.example.com/");
}

TEST(CliConfig, ABrokenFileOrAnUnusableRootUrlIsAnError) {
  test::TempDir dir;
  dir.write("taskcluster.yml", "config:\n  rootUrl: [unclosed\n");
  auto broken = effective_root_url(env_of({{"XDG_CONFIG_HOME", dir.path()}}));
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().where.file, dir.path() + "/taskcluster.yml");
  EXPECT_FALSE(effective_root_url(env_of({{"TASKCLUSTER_ROOT_URL", "https://u@firefox-ci-tc.services.mozilla.com"}})).ok());
}

TEST(RootUrlHost, Forms) {
  EXPECT_EQ(root_url_host("https://Firefox-CI-TC.services.mozilla.com/"), "firefox-ci-tc.services.mozilla.com");
  EXPECT_EQ(root_url_host("https://tc.example.com:8443/path?x#y"), "tc.example.com");
  EXPECT_EQ(root_url_host("http://user@tc.example.com"), "tc.example.com");
  EXPECT_EQ(root_url_host("tc.example.com"), "tc.example.com");
  EXPECT_EQ(root_url_host(""), "");
}

TEST(Target, ClustersOfTheDefaultPolicy) {
  const auto& policy = policy::default_policy();
  Target prod = resolve_target(policy, std::string("https://firefox-ci-tc.services.mozilla.com"));
  EXPECT_TRUE(prod.known);
  EXPECT_TRUE(prod.production);
  EXPECT_EQ(prod.cluster, "firefoxci");
  EXPECT_EQ(prod.confirm_name, "firefoxci");
  Target stage = resolve_target(policy, std::string("https://stage.taskcluster.nonprod.cloudops.mozgcp.net/"));
  EXPECT_EQ(stage.cluster, "firefoxci-staging");
  EXPECT_FALSE(stage.production);
  Target unknown = resolve_target(policy, std::string("https://TC.example.com/"));
  EXPECT_FALSE(unknown.known);
  EXPECT_TRUE(unknown.production);
  EXPECT_EQ(unknown.confirm_name, "tc.example.com");
  Target none = resolve_target(policy, std::nullopt);
  EXPECT_TRUE(none.production);
  EXPECT_EQ(none.confirm_name, "");
}

}  // namespace
}  // namespace tcg::guard
