#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "fixtures.h"
#include "report/json_writer.h"
#include "report/render.h"

namespace tcg::report {
namespace {

using test::make_finding;
using Json = nlohmann::ordered_json;

Json json_of(const Report& report) {
  std::ostringstream out;
  write_json(out, report);
  EXPECT_EQ(out.str().back(), '\n');
  return Json::parse(out.str());
}

std::vector<std::string> keys(const Json& j) {
  std::vector<std::string> out;
  for (const auto& [k, v] : j.items()) out.push_back(k);
  return out;
}

TEST(JsonReport, TopLevelShapeAndSummary) {
  Json j = json_of(test::lint_report());
  EXPECT_EQ(keys(j), (std::vector<std::string>{"version", "findings", "requests", "summary"}));
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["summary"], Json::parse(R"({"error": 1, "warning": 1, "note": 1})"));
  EXPECT_EQ(j["findings"].size(), 3u);
  EXPECT_EQ(j["requests"].size(), 1u);
}

TEST(JsonReport, FindingFieldsInDesignOrder) {
  Json f = json_of(test::lint_report())["findings"][1];
  EXPECT_EQ(keys(f), (std::vector<std::string>{"rule", "severity", "message", "help", "file", "line", "column",
                                               "context", "request", "related"}));
  EXPECT_EQ(f["rule"], "signin-default-scopes");
  EXPECT_EQ(f["related"], Json::array());
  EXPECT_EQ(f["severity"], "warning");
  EXPECT_EQ(f["message"], "no --scope given, so the sign-in asks for `*`");
  EXPECT_EQ(f["help"], "Pass -s for each scope the work needs.");
  EXPECT_EQ(f["file"], "dotfiles/aliases.sh");
  EXPECT_EQ(f["line"], 1);
  EXPECT_EQ(f["column"], 20);
  EXPECT_EQ(f["context"], "tc-signin");
  EXPECT_EQ(f["request"], 0);
}

TEST(JsonReport, FindingWithoutRequestHasNullRequest) {
  Json f = json_of(test::lint_report())["findings"][0];
  EXPECT_TRUE(f["request"].is_null());
}

TEST(JsonReport, NoFileMeansNoFileLineColumn) {
  Json j = json_of(test::review_report());
  const Json& f = j["findings"][0];
  EXPECT_EQ(keys(f), (std::vector<std::string>{"rule", "severity", "message", "help", "context", "request", "related"}));
  const Json& r = j["requests"][0];
  EXPECT_FALSE(r.contains("file"));
  EXPECT_FALSE(r.contains("line"));
  EXPECT_FALSE(r.contains("column"));
}

TEST(JsonReport, FileWithoutPositionKeepsOnlyFile) {
  Report report;
  report.findings.push_back(make_finding("x", Severity::Note, "m", "", "a.sh", 0, 0));
  report.findings.push_back(make_finding("x", Severity::Note, "m", "", "a.sh", 4, 0));
  Json j = json_of(report);
  EXPECT_EQ(j["findings"][0]["file"], "a.sh");
  EXPECT_FALSE(j["findings"][0].contains("line"));
  EXPECT_EQ(j["findings"][1]["line"], 4);
  EXPECT_FALSE(j["findings"][1].contains("column"));
}

TEST(JsonReport, RequestFieldsInDesignOrder) {
  Json r = json_of(test::lint_report())["requests"][0];
  EXPECT_EQ(keys(r), (std::vector<std::string>{"file", "line", "column", "context", "root_url", "cluster",
                                               "production", "scopes", "scopes_known", "expires", "expires_seconds",
                                               "expires_known"}));
  EXPECT_EQ(r["file"], "dotfiles/aliases.sh");
  EXPECT_EQ(r["line"], 3);
  EXPECT_EQ(r["column"], 1);
  EXPECT_EQ(r["context"], "tc-relduty");
  EXPECT_EQ(r["root_url"], "https://firefox-ci-tc.services.mozilla.com/");
  EXPECT_EQ(r["cluster"], "firefoxci");
  EXPECT_EQ(r["production"], true);
  EXPECT_EQ(r["scopes"], Json::parse(R"(["queue:rerun-task:*", "queue:cancel-task:*"])"));
  EXPECT_EQ(r["scopes_known"], true);
  EXPECT_EQ(r["expires"], "1h");
  EXPECT_EQ(r["expires_seconds"], 3600);
  EXPECT_EQ(r["expires_known"], true);
}

TEST(JsonReport, UnknownsAreNullOrFalse) {
  Report report;
  SigninRequest r;  // root_url is unknown (nullopt) by default; assigning it trips GCC 12 at -O3
  ASSERT_FALSE(r.root_url.has_value());
  r.cluster = "";
  r.production = false;
  r.scopes.clear();
  r.scopes_known = false;
  r.expires = "$t";
  r.expires_seconds = std::nullopt;
  r.expires_known = false;
  report.requests.push_back(r);
  Json j = json_of(report)["requests"][0];
  EXPECT_TRUE(j["root_url"].is_null());
  EXPECT_TRUE(j["cluster"].is_null());
  EXPECT_EQ(j["production"], false);
  EXPECT_EQ(j["scopes"], Json::array());
  EXPECT_EQ(j["scopes_known"], false);
  EXPECT_EQ(j["expires"], "$t");
  EXPECT_TRUE(j["expires_seconds"].is_null());
  EXPECT_EQ(j["expires_known"], false);
}

TEST(JsonReport, EmptyReport) {
  Json j = json_of(Report{});
  EXPECT_EQ(j["findings"], Json::array());
  EXPECT_EQ(j["requests"], Json::array());
  EXPECT_EQ(j["summary"]["error"], 0);
}

TEST(JsonReport, InvalidUtf8IsReplacedNotThrown) {
  Report report;
  report.findings.push_back(make_finding("scope-invalid", Severity::Error, "bad \xff\xfe scope \"q\"", "", "f\xc3.sh", 1, 1));
  Json j = json_of(report);
  EXPECT_EQ(j["findings"][0]["message"], "bad \xef\xbf\xbd\xef\xbf\xbd scope \"q\"");
  EXPECT_EQ(j["findings"][0]["file"], "f\xef\xbf\xbd.sh");
}

}  // namespace
}  // namespace tcg::report

// Strings are copied eight bytes at a time while no byte needs escaping: every ASCII byte, at
// every place of a word-sized window (and in the tail after it), is escaped as nlohmann does.
TEST(JsonString, EveryAsciiByteAtEveryPlaceIsEscapedAsNlohmannDoes) {
  for (int c = 0; c < 128; ++c)
    for (size_t at = 0; at < 21; ++at) {
      std::string text(21, 'a');
      text[at] = static_cast<char>(c);
      std::string ours;
      tcg::report::append_json_string(ours, text);
      ASSERT_EQ(ours, nlohmann::json(text).dump()) << "byte " << c << " at " << at;
    }
  std::string mixed = "plain text, then \"quoted\" and a back\\slash, a tab\t and DEL\x7f: the end";
  std::string ours;
  tcg::report::append_json_string(ours, mixed);
  EXPECT_EQ(ours, nlohmann::json(mixed).dump());
}
