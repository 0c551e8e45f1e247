// Issue 17 point 12 through the binary: an offline `whoami` still shows what it can tell without
// the API (client id, and the certificate's expiry and scopes), in text and JSON; and failures that
// a retry cannot change (plain http refused, a certificate that does not verify, a 4xx) are not
// retried and are not called "no answer after 6 attempts". Loopback only.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "api/certificate.h"
#include "fixture.h"
#include "standin.h"
#include "support/cli_runner.h"

namespace tcg::test {
namespace {

// A loopback port nothing listens on (bound, then closed): connections to it are refused.
int free_loopback_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  close(fd);
  return port;
}

struct Offline {
  TempDir home;
  RunOptions options(const std::map<std::string, std::string>& env) const {
    RunOptions o;
    o.clean_env = true;
    o.env_set = env;
    o.env_set["HOME"] = home.path();
    o.env_set["XDG_CONFIG_HOME"] = home.path() + "/config";
    o.cwd = home.path();
    return o;
  }
  RunResult whoami(const std::map<std::string, std::string>& env, std::vector<std::string> before = {}) const {
    before.push_back("whoami");
    RunResult r = run_tcguard(before, options(env));
    for (const auto& secret : {kRootToken, kIssuerToken}) {
      EXPECT_EQ(r.out.find(secret), std::string::npos) << r.out;
      EXPECT_EQ(r.err.find(secret), std::string::npos) << r.err;
    }
    return r;
  }
};

std::map<std::string, std::string> temporary_env(const std::string& root_url, api::TemporaryCredentials* out) {
  int64_t now = wall_ms();
  auto temp = api::create_temporary_credentials("relman/issuer", kIssuerToken,
                                                {"queue:rerun-task:gecko-level-3/*", "queue:cancel-task:gecko-level-3/*"},
                                                now - 60000, now + 59 * 60000);
  EXPECT_TRUE(temp.ok());
  *out = *temp;
  return {{"TASKCLUSTER_ROOT_URL", root_url},
          {"TASKCLUSTER_CLIENT_ID", temp->client_id},
          {"TASKCLUSTER_ACCESS_TOKEN", temp->access_token},
          {"TASKCLUSTER_CERTIFICATE", api::certificate_to_json(temp->certificate).dump()}};
}

TEST(WhoamiOffline, TheCertificateTellsExpiryAndScopesBeforeTheError) {
  Offline w;
  api::TemporaryCredentials temp;
  auto env = temporary_env("http://127.0.0.1:" + std::to_string(free_loopback_port()), &temp);

  RunResult text = w.whoami(env);
  EXPECT_EQ(text.exit_code, 1) << text.out << text.err;  // unverifiable on an unknown (production) cluster
  EXPECT_EQ(text.out.find(temp.access_token), std::string::npos);
  size_t client = text.out.find("client:     relman/issuer (temporary credentials)");
  size_t expires = text.out.find("expires:    ");
  size_t scope = text.out.find("  queue:cancel-task:gecko-level-3/*\n");
  size_t error = text.out.find("unverifiable-credentials");
  ASSERT_NE(client, std::string::npos) << text.out;
  ASSERT_NE(expires, std::string::npos) << text.out;
  ASSERT_NE(scope, std::string::npos) << text.out;
  ASSERT_NE(error, std::string::npos) << text.out;
  EXPECT_LT(client, error);
  EXPECT_LT(expires, error);
  EXPECT_LT(scope, error);
  EXPECT_NE(text.out.find("lifetime:   1h"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("<redacted>"), std::string::npos) << text.out;

  RunResult json = w.whoami(env, {"--format", "json"});
  auto j = nlohmann::json::parse(json.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << json.out;
  EXPECT_EQ(j["client_id"], "relman/issuer");
  EXPECT_EQ(j["verified"], false);
  EXPECT_EQ(j["source"], "certificate");
  EXPECT_EQ(j["temporary"], true);
  EXPECT_EQ(j["scopes"], nlohmann::json({"queue:rerun-task:gecko-level-3/*", "queue:cancel-task:gecko-level-3/*"}));
  EXPECT_EQ(j["expires"], api::format_iso8601_ms(temp.certificate.expiry_ms));
  EXPECT_EQ(j["lifetime_seconds"], 3600);
  EXPECT_GT(j["remaining_seconds"].get<int64_t>(), 57 * 60);
  bool unverifiable = false;
  for (const auto& f : j["findings"]) unverifiable = unverifiable || f["rule"] == "unverifiable-credentials";
  EXPECT_TRUE(unverifiable) << json.out;
}

TEST(WhoamiOffline, APermanentClientShowsItsIdAndSaysTheExpiryIsUnknown) {
  Offline w;
  RunResult r = w.whoami({{"TASKCLUSTER_ROOT_URL", "http://127.0.0.1:" + std::to_string(free_loopback_port())},
                          {"TASKCLUSTER_CLIENT_ID", "relman/cli-root1"},
                          {"TASKCLUSTER_ACCESS_TOKEN", kRootToken}},
                         {"--format", "json"});
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["client_id"], "relman/cli-root1");
  EXPECT_EQ(j["verified"], false);
  EXPECT_EQ(j["temporary"], false);
  EXPECT_TRUE(j["expires"].is_null());
}

TEST(WhoamiOffline, PlainHttpToANonLoopbackHostIsRefusedOnceNotSixTimes) {
  // tcguard refuses before any connection is made (nothing leaves the machine).
  Offline w;
  api::TemporaryCredentials temp;
  auto env = temporary_env("http://tc.example.com", &temp);
  auto start = std::chrono::steady_clock::now();
  RunResult r = w.whoami(env);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("refusing plain http"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("not retried"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("trying again will not help"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("attempts"), std::string::npos) << r.out;
  // Five retries back off 0.1+0.2+0.4+0.8+1.6 s (x0.75 at least): 2.3 s or more.
  EXPECT_LT(ms, 2000) << "took " << ms << " ms";
}

TEST(WhoamiOffline, ACertificateThatDoesNotVerifyIsNotRetried) {
  if (run({"bash", "-c", "command -v openssl"}).out.empty()) GTEST_SKIP() << "openssl is not installed";
  // A TLS server on loopback whose certificate is self-signed for another name: curl refuses it
  // (a certificate for the wrong name fails the same way). It accepts one connection only, so a
  // second attempt would be refused and reported as "no answer after 6 attempts".
  Offline w;
  int port = free_loopback_port();
  api::TemporaryCredentials temp;
  auto env = temporary_env("https://127.0.0.1:" + std::to_string(port), &temp);
  const std::string script = R"(cd "$2" || exit 90
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout k.pem -out c.pem \
  -subj /CN=other.example -days 2 >/dev/null 2>&1 || exit 91
(sleep 10 | openssl s_server -naccept 1 -accept "127.0.0.1:$3" -cert c.pem -key k.pem) >server.log 2>&1 </dev/null &
server=$!
for i in $(seq 200); do grep -q ACCEPT server.log && break; sleep 0.05; done
"$1" whoami; code=$?
kill "$server" 2>/dev/null
exit "$code")";
  RunResult r = run({"bash", "-c", script, "bash", tcguard_binary(), w.home.path(), std::to_string(port)}, w.options(env));
  ASSERT_LT(r.exit_code, 90) << r.out << r.err;
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("certificate"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("not retried"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("attempts"), std::string::npos) << r.out;
}

TEST(WhoamiOffline, A4xxIsAskedOnce) {
  TCG_START_STANDIN(standin, standin_fixture());
  Offline w;
  RunResult r = w.whoami({{"TASKCLUSTER_ROOT_URL", standin->root_url()},
                          {"TASKCLUSTER_CLIENT_ID", "mozilla-auth0/ad|Mozilla-LDAP|relman/cli-root1"},
                          {"TASKCLUSTER_ACCESS_TOKEN", kLevel1Token}});  // the wrong token: 401
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("401"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("attempts"), std::string::npos) << r.out;
  // The one signed call, answered 401 (the stand-in logs no client id for a failed Hawk check).
  int calls = 0;
  for (const auto& e : standin->log())
    if (e["url"] == "/api/auth/v1/scopes/current") ++calls;
  EXPECT_EQ(calls, 1) << standin->log().dump();
}

}  // namespace
}  // namespace tcg::test
