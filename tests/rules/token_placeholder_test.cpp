// What the hardcoded-access-token check takes for a placeholder, and what it never does.
#include <gtest/gtest.h>

#include "rules/shell/token_placeholder.h"

namespace tcg::rules {
namespace {

TEST(TokenPlaceholder, PlaceholdersDocsAndTemplatesShow) {
  for (const char* v : {"", "..", "...", ".....", "xxxxxxxx", "XXXX", "***", "________", "<your token>", "<...>",
                        "<redacted>", "[token]", "{{ tc_token }}", "%TC_TOKEN%", "${TOKEN}", "$TOKEN",
                        "your-access-token", "the_access_token", "YOUR_TOKEN_HERE", "changeme", "CHANGE_ME",
                        "REDACTED", "placeholder", "dummy", "fake-token", "example", "aaaaaaaa", "insert-here"})
    EXPECT_TRUE(is_token_placeholder(v)) << v;
}

TEST(TokenPlaceholder, RealLookingValuesAreTokens) {
  for (const char* v : {"Xq3vB8nK2mL9pR4sT7wY1zA5cE6fG0hJ_kM-oN2qS4uV",   // 44 base64url characters
                        "tokenXq3vB8nK2mL9pR4sT7wY1zA5cE6fG0hJ_kM-oN2",    // a word in it by chance
                        "hunter2", "s3cr3t-ish", "abcdefgh12345678",
                        "{\"clientId\":\"x\",\"accessToken\":\"Xq3vB8nK2mL9pR4sT7wY1zA5cE6fG0hJ_kM-oN2qS4uV\"}"})
    EXPECT_FALSE(is_token_placeholder(v)) << v;
}

}  // namespace
}  // namespace tcg::rules
