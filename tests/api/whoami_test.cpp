// `tcguard whoami` as a user runs it, against the loopback stand-in.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/certificate.h"
#include "fixture.h"
#include "standin.h"
#include "support/cli_runner.h"

namespace tcg::test {
namespace {

const std::string kRootId = "mozilla-auth0/ad|Mozilla-LDAP|relman/cli-root1";

struct Whoami {
  TempDir home;  // no config file, no policy of the user's
  RunResult run(const std::map<std::string, std::string>& env, std::vector<std::string> args = {}) {
    RunOptions o;
    o.clean_env = true;
    o.env_set = env;
    o.env_set["HOME"] = home.path();
    o.env_set["XDG_CONFIG_HOME"] = home.path() + "/config";
    o.cwd = home.path();
    std::vector<std::string> argv = {"whoami"};
    argv.insert(argv.begin(), args.begin(), args.end());
    auto r = run_tcguard(argv, o);
    // No test may see a token or a Hawk header in any output.
    for (const auto& secret : {kRootToken, kLevel1Token, kIssuerToken}) {
      EXPECT_EQ(r.out.find(secret), std::string::npos) << r.out;
      EXPECT_EQ(r.err.find(secret), std::string::npos) << r.err;
    }
    for (const auto* text : {&r.out, &r.err}) {
      EXPECT_EQ(text->find("Hawk id="), std::string::npos) << *text;
      EXPECT_EQ(text->find("mac=\""), std::string::npos) << *text;
    }
    return r;
  }
};

std::map<std::string, std::string> creds(const Standin& s, const std::string& id, const std::string& token) {
  return {{"TASKCLUSTER_ROOT_URL", s.root_url()}, {"TASKCLUSTER_CLIENT_ID", id}, {"TASKCLUSTER_ACCESS_TOKEN", token}};
}

bool has_rule(const nlohmann::json& j, const std::string& rule) {
  for (const auto& f : j["findings"])
    if (f["rule"] == rule) return true;
  return false;
}

TEST(Whoami, PermanentRootClientForADayIsCaught) {
  TCG_START_STANDIN(standin, standin_fixture());
  Whoami w;
  auto r = w.run(creds(*standin, kRootId, kRootToken), {"--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["client_id"], kRootId);
  EXPECT_EQ(j["temporary"], false);
  EXPECT_EQ(j["root_url"], standin->root_url());
  EXPECT_EQ(j["production"], true);  // an unknown cluster counts as production
  EXPECT_NE(std::find(j["scopes"].begin(), j["scopes"].end(), "*"), j["scopes"].end());
  EXPECT_EQ(j["lifetime_seconds"], 24 * 3600);
  EXPECT_GT(j["remaining_seconds"].get<int64_t>(), 22 * 3600);
  EXPECT_LE(j["remaining_seconds"].get<int64_t>(), 23 * 3600);
  EXPECT_TRUE(j["expires"].is_string());
  EXPECT_TRUE(has_rule(j, "root-scope-expiry")) << r.out;
}

TEST(Whoami, TemporaryCredentialsUseTheCertificateLifetime) {
  TCG_START_STANDIN(standin, standin_fixture());
  int64_t now = wall_ms();
  auto temp = api::create_temporary_credentials("relman/issuer", kIssuerToken, {"queue:rerun-task:gecko-level-3/*"},
                                                now - 60000, now + 14 * 60000);
  ASSERT_TRUE(temp.ok());
  auto env = creds(*standin, temp->client_id, temp->access_token);
  env["TASKCLUSTER_CERTIFICATE"] = api::certificate_to_json(temp->certificate).dump();
  Whoami w;
  auto r = w.run(env, {"--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find(temp->access_token), std::string::npos);
  EXPECT_EQ(r.out.find(temp->certificate.signature), std::string::npos);
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["temporary"], true);
  EXPECT_EQ(j["lifetime_seconds"], 15 * 60);
  EXPECT_EQ(j["judged_scopes"], nlohmann::json({"queue:rerun-task:gecko-level-3/*"}));
  EXPECT_EQ(j["findings"].size(), 0u) << r.out;

  auto text = w.run(env);
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("temporary credentials"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("<redacted>"), std::string::npos);
  EXPECT_NE(text.out.find("15m"), std::string::npos) << text.out;
}

TEST(Whoami, WrongTokenFailsClearlyWithoutTheToken) {
  TCG_START_STANDIN(standin, standin_fixture());
  Whoami w;
  auto r = w.run(creds(*standin, kRootId, kLevel1Token));  // someone else's token
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("unverifiable-credentials"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("did not accept the credentials of " + kRootId), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("401"), std::string::npos) << r.out;
}

TEST(Whoami, NoCredentialsSaysSoAndSucceeds) {
  Whoami w;
  auto r = w.run({{"TASKCLUSTER_ROOT_URL", "https://firefox-ci-tc.services.mozilla.com/"}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("No Taskcluster credentials"), std::string::npos) << r.out;
  auto j = w.run({}, {"--format", "json"});
  auto parsed = nlohmann::json::parse(j.out, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded()) << j.out;
  EXPECT_EQ(parsed["credentials"], false);
  EXPECT_TRUE(parsed["client_id"].is_null());
}

TEST(Whoami, ConfigFileCredentialsAreUsed) {
  TCG_START_STANDIN(standin, standin_fixture());
  Whoami w;
  w.home.write("config/taskcluster.yml", "rootUrl: " + standin->root_url() + "\nclientId: relman/level1\naccessToken: " +
                                             kLevel1Token + "\n");
  auto r = w.run({}, {"--format", "json"});
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out << r.err;
  EXPECT_EQ(j["client_id"], "relman/level1");
  EXPECT_EQ(j["lifetime_seconds"], 15 * 60);
}

TEST(Whoami, TwoInjectedServerErrorsAreRetriedThrough) {
  TCG_START_STANDIN(standin, standin_fixture());
  standin->inject({{"status", 500}, {"count", 2}, {"path", "/api/auth/v1/scopes/current"}});
  Whoami w;
  auto r = w.run(creds(*standin, "relman/level1", kLevel1Token), {"--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["client_id"], "relman/level1");
  int current_calls = 0;
  for (const auto& e : standin->log())
    if (e["url"] == "/api/auth/v1/scopes/current" && !e["clientId"].is_null()) ++current_calls;
  EXPECT_EQ(current_calls, 1);  // the two 500s were answered before authentication
  int all_current = 0;
  for (const auto& e : standin->log())
    if (e["url"] == "/api/auth/v1/scopes/current") ++all_current;
  EXPECT_EQ(all_current, 4);  // 2 failures + the signed success + the anonymous call
}

TEST(Whoami, UnreachableApiSaysWhatFailed) {
  TCG_START_STANDIN(standin, standin_fixture());
  auto env = creds(*standin, kRootId, kRootToken);
  standin->stop();
  Whoami w;
  auto r = w.run(env);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("could not be reached"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("auth.currentScopes"), std::string::npos) << r.out;
}

TEST(Whoami, HalfSetCredentialsAreAUsageError) {
  Whoami w;
  auto r = w.run({{"TASKCLUSTER_ROOT_URL", "https://x.example"}, {"TASKCLUSTER_ACCESS_TOKEN", kRootToken}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no client id"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tcg::test
