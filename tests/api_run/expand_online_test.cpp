// `tcguard review --expand` and `tcguard scopes expand --online` against the stand-in's
// auth.expandScopes.
#include "harness.h"

namespace tcg::test {
namespace {

TEST_F(ApiRun, ReviewExpandOnlineCatchesARoleHoldingRoot) {
  TCG_START_STANDIN(standin, standin_fixture());
  const std::string url = standin->root_url();
  // Credentials of this cluster are sent; the stand-in expands either way.
  RunResult r = run_checked({"review", "--root-url", url, "--expand", "--expires", "1d", "-s",
                             "assume:mozilla-group:releng"},
                            creds(url, "relman/level3", kLevel3Token));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "[root-scope-expiry]")) << r.out;
  EXPECT_TRUE(contains(r.out, "through role expansion of `assume:mozilla-group:releng`")) << r.out;
  bool authenticated = false, expanded = false;
  for (const auto& e : standin->log()) {
    if (e["url"] != "/api/auth/v1/scopes/expand") continue;
    expanded = true;
    authenticated = authenticated || e["clientId"] == "relman/level3";
  }
  EXPECT_TRUE(expanded);
  EXPECT_TRUE(authenticated);
}

TEST_F(ApiRun, ReviewExpandNeverSendsCredentialsToAnotherCluster) {
  TCG_START_STANDIN(standin, standin_fixture());
  // The environment's credentials belong to another root URL: the call goes out unauthenticated.
  RunResult r = run_checked({"review", "--root-url", standin->root_url(), "--expand", "--expires", "15m", "-s",
                             "assume:project:releng:ops"},
                            creds("https://firefox-ci-tc.services.mozilla.com", "relman/level3", kLevel3Token));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "queue:cancel-task:gecko-level-3/*")) << r.out;
  auto log = standin->log();
  ASSERT_FALSE(log.empty());
  for (const auto& e : log) EXPECT_TRUE(e["clientId"].is_null()) << log.dump();
}

TEST_F(ApiRun, ReviewExpandFailsClosedOnProductionAndJudgesAsWrittenElsewhere) {
  TCG_START_STANDIN(standin, standin_fixture());
  const std::string url = standin->root_url();
  auto staging = policy_for(url, false);
  standin->stop();  // the port now refuses connections
  RunResult prod = run_checked({"review", "--root-url", url, "--expand", "--expires", "1d", "-s",
                                "assume:mozilla-group:releng"},
                               {});
  // Issue 17 point 12: refused (exit 3, as DESIGN.md documents a refusal), not the usage code;
  // the scopes as written are still reviewed, and the message says how to review offline.
  EXPECT_EQ(prod.exit_code, 3) << prod.out << prod.err;
  EXPECT_TRUE(contains(prod.err, "could not be expanded")) << prod.err;
  EXPECT_TRUE(contains(prod.err, "auth.expandScopes")) << prod.err;
  EXPECT_TRUE(contains(prod.err, "--roles FILE")) << prod.err;
  EXPECT_TRUE(contains(prod.out, "long-lived-credential")) << prod.out;

  RunResult stage = run_checked({"--policy", staging, "review", "--cluster", "standin", "--expand", "--expires", "1d",
                                 "-s", "assume:mozilla-group:releng"},
                                {});
  EXPECT_EQ(stage.exit_code, 0) << stage.out << stage.err;
  EXPECT_TRUE(contains(stage.err, "warning: the requested scopes could not be expanded")) << stage.err;
  EXPECT_TRUE(contains(stage.err, "--roles FILE")) << stage.err;
  EXPECT_TRUE(contains(stage.out, "long-lived-credential")) << stage.out;
}

TEST_F(ApiRun, ScopesExpandOnline) {
  TCG_START_STANDIN(standin, standin_fixture());
  RunResult r = run_checked({"--format", "json", "scopes", "expand", "--online", "assume:project:releng:ops"},
                            creds(standin->root_url(), "relman/level3", kLevel3Token));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_TRUE(j.is_array()) << r.out;
  EXPECT_NE(std::find(j.begin(), j.end(), "queue:cancel-task:gecko-level-3/*"), j.end()) << r.out;
  EXPECT_NE(std::find(j.begin(), j.end(), "assume:project:releng:ops"), j.end()) << r.out;

  RunResult no_url = run_checked({"scopes", "expand", "--online", "assume:x"}, {});
  EXPECT_EQ(no_url.exit_code, 2);
  EXPECT_TRUE(contains(no_url.err, "TASKCLUSTER_ROOT_URL")) << no_url.err;
  standin->stop();
  RunResult down = run_checked({"scopes", "expand", "--online", "assume:x"}, {{"TASKCLUSTER_ROOT_URL", standin->root_url()}});
  EXPECT_EQ(down.exit_code, 2);
  EXPECT_TRUE(contains(down.err, "auth.expandScopes")) << down.err;
}

}  // namespace
}  // namespace tcg::test
