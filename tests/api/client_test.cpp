#include "api/client.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "api/auth.h"
#include "api/certificate.h"
#include "api/crypto.h"
#include "api/hawk.h"

namespace tcg::api {
namespace {

const std::string kToken = "the-secret-access-token-0123456789";

// A scripted transport: answers in order, and remembers what it was asked.
struct Script {
  std::vector<HttpResponse> answers;
  std::vector<HttpRequest> seen;
  HttpResponse operator()(const HttpRequest& r) {
    seen.push_back(r);
    if (seen.size() <= answers.size()) return answers[seen.size() - 1];
    return answers.back();
  }
};

std::string header(const HttpRequest& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

struct Harness {
  std::shared_ptr<Script> script = std::make_shared<Script>();
  std::vector<std::chrono::milliseconds> sleeps;
  int64_t clock_ms = 1700000000000;
  int nonce_counter = 0;

  ClientOptions options(bool with_credentials = true) {
    ClientOptions o;
    o.root_url = "https://tc.example.com/";
    if (with_credentials) o.credentials = Credentials{"my-client", kToken, std::nullopt, std::nullopt};
    o.transport = [s = script](const HttpRequest& r) { return (*s)(r); };
    o.sleep = [this](std::chrono::milliseconds d) {
      sleeps.push_back(d);
      clock_ms += d.count() + 1000;  // time passes, so every attempt has a new timestamp
    };
    o.now_ms = [this] { return clock_ms; };
    o.random_unit = [] { return 0.5; };
    o.nonce = [this] { return "nonce" + std::to_string(nonce_counter++); };
    return o;
  }
};

HttpResponse answer(int status, std::string body) { return HttpResponse{status, std::move(body), "", false, ""}; }

TEST(Client, ARequestThatCannotBeSignedIsAnErrorNotAnException) {
  Harness h;
  h.script->answers = {answer(200, R"({"scopes": []})")};
  ClientOptions o = h.options();
  o.nonce = []() -> std::string { throw std::runtime_error("RAND_bytes failed"); };
  Client client(o);
  auto scopes = auth::current_scopes(client);
  ASSERT_FALSE(scopes.ok());
  EXPECT_NE(scopes.error().str().find("cannot be signed: RAND_bytes failed"), std::string::npos) << scopes.error().str();
  EXPECT_TRUE(h.script->seen.empty()) << "nothing was sent";
  EXPECT_TRUE(h.sleeps.empty()) << "no retry helps";
}

TEST(Client, BuildsTheServiceUrlAndSignsWithHawk) {
  Harness h;
  h.script->answers = {answer(200, R"({"scopes": ["a", "b*"]})")};
  Client client(h.options());
  auto scopes = auth::current_scopes(client);
  ASSERT_TRUE(scopes.ok()) << scopes.error().str();
  EXPECT_EQ(*scopes, (std::vector<std::string>{"a", "b*"}));
  ASSERT_EQ(h.script->seen.size(), 1u);
  const auto& req = h.script->seen[0];
  EXPECT_EQ(req.url, "https://tc.example.com/api/auth/v1/scopes/current");
  EXPECT_EQ(req.method, "GET");
  // Recompute the MAC the server would check.
  HawkArtifacts a;
  a.ts = 1700000000;
  a.nonce = "nonce0";
  a.method = "GET";
  a.resource = "/api/auth/v1/scopes/current";
  a.host = "tc.example.com";
  a.port = 443;
  EXPECT_EQ(header(req, "Authorization"), hawk_header("my-client", kToken, a));
}

TEST(Client, BodiesAreHashedAndCertificatesTravelInExt) {
  Harness h;
  h.script->answers = {answer(200, R"({"scopes": ["x"]})")};
  auto opts = h.options();
  auto temp = create_temporary_credentials("issuer", "issuer-token", {"x"}, 0, 60000);
  ASSERT_TRUE(temp.ok());
  opts.credentials = Credentials{temp->client_id, temp->access_token, temp->certificate, std::vector<std::string>{"x"}};
  Client client(opts);
  ASSERT_TRUE(auth::expand_scopes(client, {"assume:x"}).ok());
  const auto& req = h.script->seen.at(0);
  EXPECT_EQ(req.body, R"({"scopes":["assume:x"]})");
  EXPECT_EQ(header(req, "Content-Type"), "application/json");
  std::string auth = header(req, "Authorization");
  EXPECT_NE(auth.find("hash=\"" + hawk_payload_hash("application/json", req.body) + "\""), std::string::npos);
  auto ext_start = auth.find("ext=\"");
  ASSERT_NE(ext_start, std::string::npos);
  std::string ext = auth.substr(ext_start + 5, auth.find('"', ext_start + 5) - ext_start - 5);
  auto decoded = nlohmann::json::parse(*base64_decode(ext));
  EXPECT_EQ(decoded["certificate"]["seed"], temp->certificate.seed);
  EXPECT_TRUE(decoded["certificate"].is_object());
  EXPECT_EQ(decoded["authorizedScopes"], nlohmann::json({"x"}));
}

TEST(Client, WithoutCredentialsNoAuthorizationHeader) {
  Harness h;
  h.script->answers = {answer(200, R"({"scopes": []})")};
  Client client(h.options(false));
  ASSERT_TRUE(auth::current_scopes(client).ok());
  EXPECT_EQ(header(h.script->seen.at(0), "Authorization"), "");
}

TEST(Client, RetriesServerErrorsReSigningEachAttempt) {
  Harness h;
  h.script->answers = {answer(500, "{}"), answer(503, "oops"), answer(200, R"({"scopes": ["ok"]})")};
  Client client(h.options());
  auto r = auth::current_scopes(client);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(h.script->seen.size(), 3u);
  std::set<std::string> headers;
  for (const auto& req : h.script->seen) headers.insert(header(req, "Authorization"));
  EXPECT_EQ(headers.size(), 3u);  // fresh ts and nonce each time
  // 100 ms * 2^attempt, jitter factor 1.0 at r = 0.5.
  EXPECT_EQ(h.sleeps, (std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(100), std::chrono::milliseconds(200)}));
}

TEST(Client, NetworkErrorsAreRetriedFiveTimesThenReported) {
  Harness h;
  h.script->answers = {HttpResponse{0, "", "Connection refused", false, ""}};
  Client client(h.options());
  auto r = auth::current_scopes(client);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(h.script->seen.size(), 6u);
  EXPECT_EQ(r.error().attempts, 6);
  EXPECT_TRUE(r.error().network());
  EXPECT_NE(r.error().str().find("Connection refused"), std::string::npos);
  EXPECT_NE(r.error().str().find("auth.currentScopes"), std::string::npos);
}

TEST(Client, OtherClientErrorsAreNotRetriedAndCarryCodeAndMessage) {
  for (int status : {400, 401, 403, 404, 409}) {
    Harness h;
    h.script->answers = {answer(status, R"({"code": "InsufficientScopes", "message": "lacks x\n\n---\n\n* method: y"})")};
    Client client(h.options());
    auto r = auth::current_scopes(client);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(h.script->seen.size(), 1u) << status;
    EXPECT_EQ(r.error().status, status);
    EXPECT_EQ(r.error().code, "InsufficientScopes");
    EXPECT_EQ(r.error().message, "lacks x");
  }
}

TEST(Client, ErrorsNeverCarryTheTokenOrTheAuthorizationHeader) {
  Harness h;
  // A hostile or buggy server echoing the token back.
  h.script->answers = {answer(401, R"({"code": "AuthenticationFailed", "message": "bad token )" + kToken + R"("})")};
  Client client(h.options());
  auto r = auth::current_scopes(client);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().str().find(kToken), std::string::npos);
  EXPECT_NE(r.error().str().find("<redacted>"), std::string::npos);
  EXPECT_EQ(r.error().str().find("Hawk id="), std::string::npos);
}

TEST(Client, BackoffIsJitteredExponentialAndCapped) {
  using std::chrono::milliseconds;
  EXPECT_EQ(retry_delay(0, 0.0, milliseconds(100), milliseconds(30000)), milliseconds(75));
  EXPECT_EQ(retry_delay(0, 1.0, milliseconds(100), milliseconds(30000)), milliseconds(125));
  EXPECT_EQ(retry_delay(3, 0.5, milliseconds(100), milliseconds(30000)), milliseconds(800));
  EXPECT_EQ(retry_delay(20, 0.5, milliseconds(100), milliseconds(30000)), milliseconds(30000));
}

TEST(Client, NonJsonSuccessAndBadAnswersAreErrors) {
  Harness h;
  h.script->answers = {answer(200, "<html>")};
  Client client(h.options());
  EXPECT_FALSE(auth::current_scopes(client).ok());
  Harness h2;
  h2.script->answers = {answer(200, R"({"scopes": "not-a-list"})")};
  Client client2(h2.options());
  auto r = auth::current_scopes(client2);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "UnexpectedAnswer");
}

TEST(Http, PlainHttpOnlyToLoopback) {
  HttpRequest req;
  req.method = "GET";
  req.url = "http://example.com/api/auth/v1/ping";
  auto r = http_perform(req);
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.network_error.find("non-loopback"), std::string::npos);
}

TEST(Http, SplitsUrls) {
  auto p = split_url("https://Firefox-CI-TC.services.mozilla.com/api/queue/v1/task/x?a=1");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.host, "firefox-ci-tc.services.mozilla.com");
  EXPECT_EQ(p.port, 443);
  EXPECT_EQ(p.resource, "/api/queue/v1/task/x?a=1");
  auto q = split_url("http://127.0.0.1:8080");
  ASSERT_TRUE(q.ok);
  EXPECT_EQ(q.port, 8080);
  EXPECT_EQ(q.resource, "/");
  EXPECT_FALSE(split_url("ftp://x/").ok);
  EXPECT_FALSE(split_url("https://user@x/").ok);
  EXPECT_FALSE(split_url("https://x:99999/").ok);
}

TEST(Client, PathSegmentsAreEncoded) {
  EXPECT_EQ(encode_path_segment("mozilla-auth0/ad|Mozilla-LDAP|me/cli-abc"),
            "mozilla-auth0%2Fad%7CMozilla-LDAP%7Cme%2Fcli-abc");
}

}  // namespace
}  // namespace tcg::api
