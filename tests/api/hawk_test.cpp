#include "api/hawk.h"

#include <gtest/gtest.h>

#include <vector>

#include "api/crypto.h"

namespace tcg::api {
namespace {

HawkArtifacts spec_artifacts() {
  HawkArtifacts a;
  a.ts = 1353832234;
  a.nonce = "j4h3g2";
  a.method = "GET";
  a.resource = "/resource/1?b=1&a=2";
  a.host = "example.com";
  a.port = 8000;
  a.ext = "some-app-ext-data";
  return a;
}

constexpr const char* kSpecKey = "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn";

TEST(Hawk, SpecificationVectorWithoutPayload) {
  EXPECT_EQ(hawk_mac(kSpecKey, spec_artifacts()), "6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=");
}

TEST(Hawk, SpecificationVectorWithPayload) {
  // The Hawk README's POST example: payload "Thank you for flying Hawk", text/plain.
  HawkArtifacts a = spec_artifacts();
  a.method = "POST";
  a.payload_hash = hawk_payload_hash("text/plain", "Thank you for flying Hawk");
  EXPECT_EQ(a.payload_hash, "Yi9LfIIFRtBEPt74PVmbTF/xVAwPn7ub15ePICfgnuY=");
  EXPECT_EQ(hawk_mac(kSpecKey, a), "aSe1DERmZuRl3pI36/9BdZmnErTw3sNzOOAUlfeKjVw=");
}

TEST(Hawk, ContentTypeParametersAndCaseDoNotChangeTheHash) {
  EXPECT_EQ(hawk_payload_hash("Text/Plain; charset=utf-8", "Thank you for flying Hawk"),
            "Yi9LfIIFRtBEPt74PVmbTF/xVAwPn7ub15ePICfgnuY=");
}

TEST(Hawk, NormalizedStringLowercasesHostAndEndsEachField) {
  HawkArtifacts a = spec_artifacts();
  a.host = "Example.COM";
  EXPECT_EQ(hawk_normalized_string(a),
            "hawk.1.header\n1353832234\nj4h3g2\nGET\n/resource/1?b=1&a=2\nexample.com\n8000\n\nsome-app-ext-data\n");
  EXPECT_EQ(hawk_mac(kSpecKey, a), "6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=");
}

TEST(Hawk, HeaderCarriesOptionalFieldsOnlyWhenPresent) {
  HawkArtifacts a = spec_artifacts();
  std::string h = hawk_header("dh37fgj492je", kSpecKey, a);
  EXPECT_EQ(h,
            "Hawk id=\"dh37fgj492je\", ts=\"1353832234\", nonce=\"j4h3g2\", ext=\"some-app-ext-data\", "
            "mac=\"6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=\"");
  a.ext.clear();
  h = hawk_header("id", kSpecKey, a);
  EXPECT_EQ(h.find("ext="), std::string::npos);
  EXPECT_EQ(h.find("hash="), std::string::npos);
  EXPECT_EQ(h.find(kSpecKey), std::string::npos);
}

TEST(Crypto, Base64RoundTripsAndUrlFormHasNoPadding) {
  for (const std::string& s : std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar",
                                                        std::string("\xff\xfe\x00\x01", 4)}) {
    auto back = base64_decode(base64(s));
    ASSERT_TRUE(back.has_value()) << s;
    EXPECT_EQ(*back, s);
  }
  EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64("fo"), "Zm8=");
  EXPECT_EQ(base64url_nopad("\xfb\xff"), "-_8");
  EXPECT_FALSE(base64_decode("Zm9v!").has_value());
}

TEST(Crypto, RandomTokensDiffer) {
  EXPECT_NE(random_token(9), random_token(9));
  EXPECT_EQ(random_token(33).size(), 44u);
}

}  // namespace
}  // namespace tcg::api
