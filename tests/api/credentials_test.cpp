#include "api/credentials.h"

#include <gtest/gtest.h>

#include <map>

#include <nlohmann/json.hpp>

#include "support/cli_runner.h"

namespace tcg::api {
namespace {

Getenv fake_env(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

const std::string kCert = nlohmann::json{{"version", 1}, {"scopes", {"a"}}, {"start", 1}, {"expiry", 2},
                                         {"seed", std::string(44, 'x')}, {"signature", "c2ln"}}
                              .dump();

TEST(Credentials, NoneMeansUnauthenticated) {
  auto env = load_environment(fake_env({}), std::nullopt, "");
  ASSERT_TRUE(env.ok());
  EXPECT_FALSE(env->credentials.has_value());
  EXPECT_FALSE(env->root_url.has_value());
}

TEST(Credentials, EnvironmentOverridesTheConfigFileAndEmptyVariablesDoNot) {
  std::string config = "rootUrl: https://file.example/\nclientId: file-client\naccessToken: file-token\n";
  auto env = load_environment(fake_env({{"TASKCLUSTER_CLIENT_ID", "env-client"},
                                        {"TASKCLUSTER_ACCESS_TOKEN", "env-token"},
                                        {"TASKCLUSTER_ROOT_URL", ""}}),
                              config, "/cfg/taskcluster.yml");
  ASSERT_TRUE(env.ok()) << env.error().str();
  ASSERT_TRUE(env->credentials.has_value());
  EXPECT_EQ(env->credentials->client_id, "env-client");
  EXPECT_EQ(env->credentials->access_token, "env-token");
  EXPECT_EQ(env->root_url, "https://file.example");  // empty variable: the file's value
  EXPECT_EQ(env->sources.root_url, "/cfg/taskcluster.yml");
  EXPECT_EQ(env->sources.client_id, "TASKCLUSTER_CLIENT_ID");
  EXPECT_FALSE(env->credentials->temporary());
}

TEST(Credentials, CertificateMakesThemTemporary) {
  auto env = load_environment(fake_env({{"TASKCLUSTER_CLIENT_ID", "c"}, {"TASKCLUSTER_ACCESS_TOKEN", "t"},
                                        {"TASKCLUSTER_CERTIFICATE", kCert}}),
                              std::nullopt, "");
  ASSERT_TRUE(env.ok());
  EXPECT_TRUE(env->credentials->temporary());
}

TEST(Credentials, HalfCredentialsAndBadCertificatesAreErrorsWithoutTheToken) {
  auto half = load_environment(fake_env({{"TASKCLUSTER_ACCESS_TOKEN", "sekrit-token-123"}}), std::nullopt, "");
  ASSERT_FALSE(half.ok());
  EXPECT_EQ(half.error().str().find("sekrit-token-123"), std::string::npos);
  auto bad = load_environment(fake_env({{"TASKCLUSTER_CLIENT_ID", "c"}, {"TASKCLUSTER_ACCESS_TOKEN", "sekrit-token-123"},
                                        {"TASKCLUSTER_CERTIFICATE", "{nope"}}),
                              std::nullopt, "");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().str().find("TASKCLUSTER_CERTIFICATE"), std::string::npos);
  EXPECT_EQ(bad.error().str().find("sekrit-token-123"), std::string::npos);
}

TEST(Credentials, InvalidConfigFileNamesFileLineAndColumn) {
  auto env = load_environment(fake_env({}), "clientId: a\naccessToken: [unclosed\n", "/cfg/taskcluster.yml");
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.error().where.file, "/cfg/taskcluster.yml");
  EXPECT_GT(env.error().where.line, 0);
  auto list = load_environment(fake_env({}), "clientId: [a, b]\naccessToken: x\n", "f.yml");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().where.line, 1);
}

TEST(Credentials, ConfigPathPrefersXdgConfigHome) {
  EXPECT_EQ(cli_config_path(fake_env({{"XDG_CONFIG_HOME", "/x"}, {"HOME", "/h"}})), "/x/taskcluster.yml");
  EXPECT_EQ(cli_config_path(fake_env({{"HOME", "/h"}})), "/h/.config/taskcluster.yml");
  EXPECT_EQ(cli_config_path(fake_env({})), "");
  // An empty XDG_CONFIG_HOME is unset (XDG Base Directory spec).
  EXPECT_EQ(cli_config_path(fake_env({{"XDG_CONFIG_HOME", ""}, {"HOME", "/h"}})), "/h/.config/taskcluster.yml");
}

TEST(Credentials, ReadsTheConfigSectionThatConfigSetWrites) {
  auto env = load_environment(fake_env({}),
                              "config:\n  rootUrl: https://tc.example.com\n  clientId: sec-client\n  accessToken: sec-token\n",
                              "f.yml");
  ASSERT_TRUE(env.ok()) << env.error().str();
  ASSERT_TRUE(env->credentials);
  EXPECT_EQ(env->credentials->client_id, "sec-client");
  EXPECT_EQ(env->root_url, "https://tc.example.com");
}

TEST(Credentials, DuplicateKeysAreRefusedAtTheirPlace) {
  auto env = load_environment(fake_env({}), "config:\n  rootUrl: https://a.example.com\n  rootUrl: https://b.example.com\n",
                              "f.yml");
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.error().where.file, "f.yml");
  EXPECT_EQ(env.error().where.line, 3);
  EXPECT_EQ(env.error().where.column, 3);
  auto both = load_environment(fake_env({}), "rootUrl: https://a.example.com\nconfig:\n  rootUrl: https://b.example.com\n", "f.yml");
  EXPECT_FALSE(both.ok());
}

TEST(Credentials, ReadsTheConfigFileFromDisk) {
  test::TempDir dir;
  dir.write("taskcluster.yml", "clientId: disk-client\naccessToken: disk-token\ncertificate: '" + kCert + "'\n");
  auto env = load_environment(fake_env({{"XDG_CONFIG_HOME", dir.path()}}));
  ASSERT_TRUE(env.ok()) << env.error().str();
  EXPECT_EQ(env->credentials->client_id, "disk-client");
  EXPECT_TRUE(env->credentials->temporary());
  EXPECT_EQ(env->config_file, dir.path() + "/taskcluster.yml");
}

TEST(Credentials, RedactReplacesEveryOccurrence) {
  EXPECT_EQ(redact("a TOK b TOK", "TOK"), "a <redacted> b <redacted>");
  EXPECT_EQ(redact("abc", ""), "abc");
  EXPECT_EQ(redact("firefox-ci-tc: x", "x"), "firefox-ci-tc: <redacted>");
}

}  // namespace
}  // namespace tcg::api
