#include "api/certificate.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/crypto.h"

namespace tcg::api {
namespace {

const std::string kSeed(44, 's');

nlohmann::json valid_json() {
  return {{"version", 1}, {"scopes", {"queue:get-task:*", "b"}}, {"start", 1700000000000LL},
          {"expiry", 1700000900000LL}, {"seed", kSeed}, {"signature", "c2ln"}};
}

TEST(Certificate, ParsesAndComputesLifetime) {
  auto c = parse_certificate(valid_json().dump());
  ASSERT_TRUE(c.ok()) << c.error().str();
  EXPECT_EQ(c->scopes, (std::vector<std::string>{"queue:get-task:*", "b"}));
  EXPECT_EQ(c->lifetime_seconds(), 900);
  EXPECT_FALSE(c->issuer.has_value());
}

TEST(Certificate, RejectsBadShapes) {
  EXPECT_FALSE(parse_certificate("not json").ok());
  EXPECT_FALSE(parse_certificate("[]").ok());
  for (const char* key : {"version", "scopes", "start", "expiry", "seed", "signature"}) {
    auto j = valid_json();
    j.erase(key);
    EXPECT_FALSE(parse_certificate(j.dump()).ok()) << key;
  }
  auto j = valid_json();
  j["version"] = 2;
  EXPECT_FALSE(parse_certificate(j.dump()).ok());
  j = valid_json();
  j["seed"] = "short";
  EXPECT_FALSE(parse_certificate(j.dump()).ok());
  j = valid_json();
  j["scopes"] = {"a\nb"};
  EXPECT_FALSE(parse_certificate(j.dump()).ok());
  j = valid_json();
  j["start"] = 1.5;
  EXPECT_FALSE(parse_certificate(j.dump()).ok());
  j = valid_json();
  j["issuer"] = 3;
  EXPECT_FALSE(parse_certificate(j.dump()).ok());
}

TEST(Certificate, SignedTextMatchesTheDocumentedLayout) {
  Certificate c = *certificate_from_json(valid_json());
  EXPECT_EQ(certificate_signed_text(c, "ignored"),
            "version:1\nseed:" + kSeed + "\nstart:1700000000000\nexpiry:1700000900000\nscopes:\nqueue:get-task:*\nb");
  c.issuer = "issuer-client";
  EXPECT_EQ(certificate_signed_text(c, "named/temp"),
            "version:1\nclientId:named/temp\nissuer:issuer-client\nseed:" + kSeed +
                "\nstart:1700000000000\nexpiry:1700000900000\nscopes:\nqueue:get-task:*\nb");
}

TEST(Certificate, TemporaryTokenIsUrlSafeHmacOfSeed) {
  std::string token = temporary_access_token("issuer-token", kSeed);
  EXPECT_EQ(token, base64url_nopad(hmac_sha256("issuer-token", kSeed)));
  EXPECT_EQ(token.size(), 43u);
  EXPECT_EQ(token.find_first_of("+/="), std::string::npos);
}

TEST(Certificate, CreateTemporaryCredentialsSignsWhatItIssues) {
  auto t = create_temporary_credentials("issuer", "secret-token", {"a", "b*"}, 1000, 1000 + 15 * 60 * 1000);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->client_id, "issuer");
  EXPECT_FALSE(t->certificate.issuer.has_value());
  EXPECT_EQ(t->certificate.seed.size(), 44u);
  EXPECT_EQ(t->certificate.signature, certificate_signature(t->certificate, "issuer", "secret-token"));
  EXPECT_EQ(t->access_token, temporary_access_token("secret-token", t->certificate.seed));
  // Round trip through the JSON the CLI keeps in TASKCLUSTER_CERTIFICATE.
  auto back = parse_certificate(certificate_to_json(t->certificate).dump());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->signature, t->certificate.signature);

  auto named = create_temporary_credentials("issuer", "secret-token", {"a"}, 0, 60000, "issuer/named");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->client_id, "issuer/named");
  EXPECT_EQ(named->certificate.issuer, "issuer");
  EXPECT_NE(named->certificate.signature, certificate_signature(named->certificate, "other", "secret-token"));
}

TEST(Certificate, RefusesMoreThan31DaysOrNegativeLifetimes) {
  EXPECT_FALSE(create_temporary_credentials("i", "t", {}, 0, kMaxCertificateLifetimeMs + 1).ok());
  EXPECT_TRUE(create_temporary_credentials("i", "t", {}, 0, kMaxCertificateLifetimeMs).ok());
  EXPECT_FALSE(create_temporary_credentials("i", "t", {}, 10, 10).ok());
}

}  // namespace
}  // namespace tcg::api
