// root_urls_equal compares in place; it must agree with comparing canonical copies (drop one
// trailing '/', lower-case scheme and host), which is what it did before.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "policy/policy.h"

namespace tcg::policy {
namespace {

std::string canonical(std::string url) {
  if (!url.empty() && url.back() == '/') url.pop_back();
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  size_t host_end = url.find('/', scheme_end + 3);
  if (host_end == std::string::npos) host_end = url.size();
  std::transform(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(host_end), url.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return url;
}

TEST(RootUrlsEqual, AgreesWithCanonicalCopiesOnRandomUrls) {
  const std::string alphabet = "aAbB:/.\xc3";
  std::mt19937 rng(4242);
  auto random_url = [&] {
    std::string s(rng() % 9, 'a');
    for (auto& c : s) c = alphabet[rng() % alphabet.size()];
    return s;
  };
  int equal = 0;
  for (int i = 0; i < 300000; ++i) {
    std::string a = random_url();
    std::string b = rng() % 2 ? random_url() : canonical(a) + (rng() % 2 ? "/" : "");
    if (rng() % 3 == 0) std::transform(b.begin(), b.end(), b.begin(), [](char c) { return c == 'a' ? 'A' : c; });
    bool expected = canonical(a) == canonical(b);
    equal += expected;
    ASSERT_EQ(root_urls_equal(a, b), expected) << "'" << a << "' '" << b << "'";
  }
  EXPECT_GT(equal, 1000);  // the sweep reaches both answers
}

}  // namespace
}  // namespace tcg::policy
