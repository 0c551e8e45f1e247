// The API client against the loopback stand-in, which checks Hawk with the `hawk` npm package and
// certificates and scopes with its own code: a signing bug here cannot be hidden by a matching
// verification bug.
#include <gtest/gtest.h>

#include "api/auth.h"
#include "api/certificate.h"
#include "api/queue.h"
#include "api/required_scopes.h"
#include "fixture.h"
#include "standin.h"

namespace tcg::api {
namespace {

using test::kIssuerToken;
using test::kLevel1Token;
using test::kRootToken;

const std::string kRootId = "mozilla-auth0/ad|Mozilla-LDAP|relman/cli-root1";

ClientOptions fast_options(const std::string& root_url, std::optional<Credentials> cred) {
  ClientOptions o;
  o.root_url = root_url;
  o.credentials = std::move(cred);
  o.sleep = [](std::chrono::milliseconds) {};  // retries without waiting
  o.connect_timeout = std::chrono::milliseconds(2000);
  o.total_timeout = std::chrono::milliseconds(5000);
  return o;
}

Credentials permanent(const std::string& id, const std::string& token) { return {id, token, std::nullopt, std::nullopt}; }

void expect_no_secret(const std::string& text) {
  for (const auto& t : {kRootToken, kLevel1Token, kIssuerToken}) EXPECT_EQ(text.find(t), std::string::npos) << text;
  EXPECT_EQ(text.find("Hawk id="), std::string::npos) << text;
}

TEST(Standin, PermanentClientIsAuthenticated) {
  TCG_START_STANDIN(standin, test::standin_fixture());
  Client client(fast_options(standin->root_url(), permanent(kRootId, kRootToken)));
  auto scopes = auth::current_scopes(client);
  ASSERT_TRUE(scopes.ok()) << scopes.error().str();
  EXPECT_NE(std::find(scopes->begin(), scopes->end(), "*"), scopes->end());
  auto info = auth::client_info(client, kRootId);
  ASSERT_TRUE(info.ok()) << info.error().str();
  EXPECT_EQ(info->client_id, kRootId);
  ASSERT_TRUE(info->created_ms && info->expires_ms);
  EXPECT_EQ((*info->expires_ms - *info->created_ms) / 1000, 24 * 3600);
  auto log = standin->log();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0]["clientId"], kRootId);
}

TEST(Standin, PayloadHashIsVerified) {
  TCG_START_STANDIN(standin, test::standin_fixture());
  Client client(fast_options(standin->root_url(), permanent(kRootId, kRootToken)));
  auto expanded = auth::expand_scopes(client, {"assume:project:releng:ops"});
  ASSERT_TRUE(expanded.ok()) << expanded.error().str();
  EXPECT_NE(std::find(expanded->begin(), expanded->end(), "queue:cancel-task:gecko-level-3/*"), expanded->end());
}

TEST(Standin, TemporaryCredentialsComputedHereAreAcceptedThere) {
  TCG_START_STANDIN(standin, test::standin_fixture());
  int64_t now = test::wall_ms();
  for (std::string name : {"", "relman/issuer/temp-1"}) {
    auto temp = create_temporary_credentials("relman/issuer", kIssuerToken, {"queue:get-task:*", "queue:rerun-task:x/*"},
                                             now - 60000, now + 15 * 60000, name);
    ASSERT_TRUE(temp.ok());
    Client client(fast_options(standin->root_url(),
                               Credentials{temp->client_id, temp->access_token, temp->certificate, std::nullopt}));
    auto scopes = auth::current_scopes(client);
    ASSERT_TRUE(scopes.ok()) << name << ": " << scopes.error().str();
    EXPECT_NE(std::find(scopes->begin(), scopes->end(), "queue:rerun-task:x/*"), scopes->end());
    EXPECT_EQ(std::find(scopes->begin(), scopes->end(), "queue:*"), scopes->end());  // only the certificate's
    EXPECT_EQ(standin->log().back()["clientId"], temp->client_id);
  }
}

TEST(Standin, TamperedCertificateOrWrongTokenIsRejectedWithoutLeakingIt) {
  TCG_START_STANDIN(standin, test::standin_fixture());
  int64_t now = test::wall_ms();
  auto temp = create_temporary_credentials("relman/issuer", kIssuerToken, {"queue:get-task:*"}, now, now + 60000);
  ASSERT_TRUE(temp.ok());
  Certificate widened = temp->certificate;
  widened.scopes.push_back("*");  // the signature no longer matches
  Client tampered(fast_options(standin->root_url(), Credentials{temp->client_id, temp->access_token, widened, std::nullopt}));
  auto r = auth::current_scopes(tampered);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status, 401);
  EXPECT_EQ(r.error().attempts, 1);  // 4xx is not retried

  Client wrong(fast_options(standin->root_url(), permanent(kRootId, kLevel1Token)));
  auto w = auth::current_scopes(wrong);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().status, 401);
  EXPECT_EQ(w.error().code, "AuthenticationFailed");
  expect_no_secret(w.error().str());
}

TEST(Standin, RequiredScopesComputedHereAreWhatTheQueueEnforces) {
  TCG_START_STANDIN(standin, test::standin_fixture());
  Client root(fast_options(standin->root_url(), permanent(kRootId, kRootToken)));
  auto task = queue::task(root, "TASK3");
  ASSERT_TRUE(task.ok()) << task.error().str();

  // Each alternative of the computed rerun expression alone is enough for the stand-in.
  for (const auto& alternative : rerun_task_scopes(task->summary).children) {
    auto temp = create_temporary_credentials("relman/issuer", kIssuerToken, leaf_scopes(alternative),
                                             test::wall_ms() - 1000, test::wall_ms() + 60000);
    ASSERT_TRUE(temp.ok());
    // The issuer holds queue:* but not assume:*, so only grant what it can.
    if (leaf_scopes(alternative).back().rfind("assume:", 0) == 0) continue;
    Client client(fast_options(standin->root_url(), Credentials{temp->client_id, temp->access_token, temp->certificate, std::nullopt}));
    auto rerun = queue::rerun_task(client, "TASK3");
    EXPECT_TRUE(rerun.ok()) << scopes::expr_to_string(alternative) << ": " << rerun.error().str();
  }
  Client level1(fast_options(standin->root_url(), permanent("relman/level1", kLevel1Token)));
  auto denied = queue::rerun_task(level1, "TASK3");
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().status, 403);
  EXPECT_EQ(denied.error().code, "InsufficientScopes");
  EXPECT_NE(denied.error().message.find("queue:rerun-task:gecko-level-3/GROUP3/TASK3"), std::string::npos);

  // A retrigger copy created with exactly the computed createTask scopes (first priority choice).
  auto required = retrigger_task_scopes(task->summary, /*exact=*/false);
  ASSERT_TRUE(required.ok());
  std::vector<std::string> grant;
  for (const auto& child : required->children)
    grant.push_back(child.kind == scopes::Expr::Kind::Scope ? child.scope : child.children.back().scope);
  auto copy = task->definition;
  copy["routes"] = nlohmann::json::array();
  auto issue = [&](std::vector<std::string> s) {
    auto t = create_temporary_credentials("relman/issuer", kIssuerToken, std::move(s), test::wall_ms() - 1000,
                                          test::wall_ms() + 60000);
    return Client(fast_options(standin->root_url(), Credentials{t->client_id, t->access_token, t->certificate, std::nullopt}));
  };
  auto created = queue::create_task(issue(grant), "COPY1", copy);
  EXPECT_TRUE(created.ok()) << created.error().str();
  grant.erase(grant.begin());  // drop the task's own scope: now it must fail
  auto refused = queue::create_task(issue(grant), "COPY2", copy);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().status, 403);
}

TEST(Standin, TwoInjectedServerErrorsAreRetriedThrough) {
  TCG_START_STANDIN(standin, test::standin_fixture());
  standin->inject({{"status", 500}, {"count", 2}, {"path", "/api/auth/v1/scopes/current"}});
  Client client(fast_options(standin->root_url(), permanent(kRootId, kRootToken)));
  auto scopes = auth::current_scopes(client);
  ASSERT_TRUE(scopes.ok()) << scopes.error().str();
  auto log = standin->log();
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0]["status"], 500);
  EXPECT_EQ(log[1]["status"], 500);
  EXPECT_EQ(log[2]["status"], 200);  // a replayed nonce would have been refused: each attempt re-signed
}

TEST(Standin, PersistentServerErrorsGiveUpAfterFiveRetries) {
  TCG_START_STANDIN(standin, test::standin_fixture());
  standin->inject({{"status", 503}, {"count", 100}});
  Client client(fast_options(standin->root_url(), permanent(kRootId, kRootToken)));
  auto r = auth::current_scopes(client);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status, 503);
  EXPECT_EQ(r.error().code, "InjectedFailure");
  EXPECT_EQ(standin->log().size(), 6u);
}

TEST(Standin, SlowAnswersHitTheTotalTimeoutAndAreRetried) {
  TCG_START_STANDIN(standin, test::standin_fixture());
  standin->inject({{"delayMs", 1500}, {"count", 1}});
  auto options = fast_options(standin->root_url(), permanent(kRootId, kRootToken));
  options.total_timeout = std::chrono::milliseconds(300);
  Client client(options);
  auto scopes = auth::current_scopes(client);
  ASSERT_TRUE(scopes.ok()) << scopes.error().str();
}

TEST(Standin, DroppedConnectionsAreNetworkErrors) {
  TCG_START_STANDIN(standin, test::standin_fixture());
  standin->inject({{"drop", true}, {"count", 1}});
  Client client(fast_options(standin->root_url(), permanent(kRootId, kRootToken)));
  ASSERT_TRUE(auth::current_scopes(client).ok());
  EXPECT_EQ(standin->log().size(), 2u);
}

TEST(Standin, RefusedConnectionIsAClearNetworkError) {
  TCG_START_STANDIN(standin, test::standin_fixture());
  std::string url = standin->root_url();
  standin->stop();
  Client client(fast_options(url, permanent(kRootId, kRootToken)));
  auto r = auth::current_scopes(client);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().network());
  EXPECT_EQ(r.error().attempts, 6);
  EXPECT_NE(r.error().str().find("no answer"), std::string::npos);
  expect_no_secret(r.error().str());
}

TEST(Standin, RefuseControlMakesLaterConnectionsFail) {
  TCG_START_STANDIN(standin, test::standin_fixture());
  Client client(fast_options(standin->root_url(), permanent(kRootId, kRootToken)));
  ASSERT_TRUE(auth::current_scopes(client).ok());
  standin->refuse();
  auto r = auth::current_scopes(client);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().network());
  EXPECT_EQ(r.error().attempts, 6);
}

TEST(Standin, UnauthenticatedCallsActAsAnonymous) {
  TCG_START_STANDIN(standin, test::standin_fixture());
  Client anonymous(fast_options(standin->root_url(), std::nullopt));
  auto task = queue::task(anonymous, "TASK3");
  ASSERT_TRUE(task.ok()) << task.error().str();
  EXPECT_EQ(task->summary.scheduler_id, "gecko-level-3");
  auto status = queue::status(anonymous, "TASK3");
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->state, "failed");
  auto rerun = queue::rerun_task(anonymous, "TASK3");
  ASSERT_FALSE(rerun.ok());
  EXPECT_EQ(rerun.error().status, 403);
  auto group = queue::list_task_group(anonymous, "GROUP3");
  ASSERT_TRUE(group.ok());
  EXPECT_EQ(group->tasks.size(), 1u);
}

}  // namespace
}  // namespace tcg::api
