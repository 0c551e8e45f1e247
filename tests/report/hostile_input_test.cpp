// Findings carry text from arbitrary shell files: every format must stay well-formed whatever the
// bytes (a deterministic pseudo-random sweep, not a timed test).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "fixtures.h"
#include "report/render.h"

namespace tcg::report {
namespace {

std::string random_bytes(std::mt19937& rng, size_t max_len) {
  std::uniform_int_distribution<size_t> len(0, max_len);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string s(len(rng), '\0');
  for (auto& c : s) c = static_cast<char>(byte(rng));
  return s;
}

Report random_report(std::mt19937& rng) {
  Report r;
  for (int i = 0; i < 4; ++i) {
    int line = static_cast<int>(rng() % 3);
    r.findings.push_back(test::make_finding(random_bytes(rng, 12), static_cast<Severity>(rng() % 3),
                                            random_bytes(rng, 40), random_bytes(rng, 40),
                                            rng() % 2 ? random_bytes(rng, 20) : "", line, line ? 5 : 0,
                                            random_bytes(rng, 10)));
    SigninRequest req;
    req.context = random_bytes(rng, 10);
    req.root_url = random_bytes(rng, 20);
    req.scopes = {random_bytes(rng, 15), random_bytes(rng, 15)};
    req.expires = random_bytes(rng, 6);
    r.requests.push_back(req);
  }
  return r;
}

TEST(HostileInput, EveryFormatStaysWellFormed) {
  std::mt19937 rng(20240611);
  for (int round = 0; round < 300; ++round) {
    Report report = random_report(rng);
    RenderOptions options;
    options.base_dir = "/repo";
    options.text_show_requests = true;

    std::ostringstream text;
    write_text(text, report, options);
    for (char c : text.str()) ASSERT_TRUE(c == '\n' || static_cast<unsigned char>(c) >= 0x20) << round;
    ASSERT_EQ(text.str().find('\x7f'), std::string::npos);

    std::ostringstream json;
    write_json(json, report);
    auto j = nlohmann::json::parse(json.str());  // throws (fails the test) when malformed
    ASSERT_EQ(j["findings"].size(), report.findings.size());

    std::ostringstream sarif;
    write_sarif(sarif, report, options);
    auto s = nlohmann::json::parse(sarif.str());
    ASSERT_EQ(s["runs"][0]["results"].size(), report.findings.size());
    for (const auto& result : s["runs"][0]["results"])
      ASSERT_EQ(s["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"].get<size_t>()]["id"], result["ruleId"]);

    std::ostringstream github;
    write_github(github, report, options);
    std::string g = github.str();
    ASSERT_EQ(std::count(g.begin(), g.end(), '\n'), static_cast<long>(report.findings.size())) << round;
    ASSERT_EQ(g.find('\r'), std::string::npos);
  }
}

}  // namespace
}  // namespace tcg::report
