// The streaming JSON writer must print exactly what nlohmann's dump(2, ' ', false, replace) printed
// before it: these tests compare bytes with nlohmann as the reference, for strings of every kind
// and for whole reports.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "fixtures.h"
#include "report/json_writer.h"
#include "report/render.h"

namespace tcg::report {
namespace {

using Json = nlohmann::ordered_json;

std::string reference_string(const std::string& s) {
  return Json(s).dump(2, ' ', false, Json::error_handler_t::replace);
}

std::string written_string(const std::string& s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

// Every string of one and two bytes, and the awkward cases by name.
TEST(JsonWriterString, MatchesNlohmannOnAllOneAndTwoByteStrings) {
  for (int a = 0; a < 256; ++a) {
    std::string one(1, static_cast<char>(a));
    ASSERT_EQ(written_string(one), reference_string(one)) << a;
    for (int b = 0; b < 256; ++b) {
      std::string two{static_cast<char>(a), static_cast<char>(b)};
      ASSERT_EQ(written_string(two), reference_string(two)) << a << " " << b;
    }
  }
}

TEST(JsonWriterString, MatchesNlohmannOnNamedCases) {
  const std::vector<std::string> cases = {
      "", "plain", "quote \" backslash \\ slash /", "\b\f\n\r\t", std::string("nul\0byte", 8), "\x01\x1f\x7f",
      "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",  // é € 😀
      "\xc3", "\xe2\x82", "\xf0\x9f\x98",           // cut short at the end
      "\xe2\x82x", "\xf0\x9f\x98\"",               // cut short before another character
      "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf5\x80", "\xff\xfe",
      "\x80\x80\x80", "\xe0\xa0\x80\xe0\x9f\x80", "a\xf0\x90\x80\x80z\xf0\x8f\xbf\xbfz",
      "<redacted> `queue:*` \xef\xbf\xbd"};
  for (const auto& s : cases) EXPECT_EQ(written_string(s), reference_string(s)) << ::testing::PrintToString(s);
}

// Random strings over the bytes where UTF-8 decoding has its edges.
TEST(JsonWriterString, MatchesNlohmannOnRandomEdgeBytes) {
  const std::string alphabet = std::string("\x00\x09\x1f\x20\"\\a\x7f\x80\x8f\x90\x9f\xa0\xbf\xc0\xc1\xc2\xdf\xe0"
                                           "\xe1\xec\xed\xee\xef\xf0\xf1\xf3\xf4\xf5\xff",
                                           31);
  std::mt19937 rng(31337);
  for (int round = 0; round < 200000; ++round) {
    std::string s(rng() % 7, '\0');
    for (auto& c : s) c = alphabet[rng() % alphabet.size()];
    ASSERT_EQ(written_string(s), reference_string(s)) << ::testing::PrintToString(s);
  }
}

// Writes a parsed document back through JsonWriter (objects, arrays, empties, scalars).
void write_tree(JsonWriter& w, const Json& j) {
  if (j.is_object()) {
    w.begin_object();
    for (const auto& [k, v] : j.items()) {
      w.key(k);
      write_tree(w, v);
    }
    w.end_object();
  } else if (j.is_array()) {
    w.begin_array();
    for (const auto& v : j) write_tree(w, v);
    w.end_array();
  } else if (j.is_string()) {
    w.value(j.get_ref<const std::string&>());
  } else if (j.is_boolean()) {
    w.value(j.get<bool>());
  } else if (j.is_number_unsigned()) {
    w.value(j.get<uint64_t>());
  } else if (j.is_number_integer()) {
    w.value(j.get<int64_t>());
  } else {
    w.null();
  }
}

TEST(JsonWriterLayout, NestingAndEmptyContainersMatchNlohmann) {
  const Json doc = Json::parse(R"({"a": {}, "b": [], "c": [[], {}, [1, [2, {"x": null}]]], "d": {"e": {"f": []}},
                                  "g": -9223372036854775807, "h": 18446744073709551615, "i": true, "j": "s"})");
  for (const Json& j : {doc, Json::object(), Json::array(), Json(nullptr), Json("top")}) {
    std::ostringstream out;
    {
      JsonWriter w(out);
      write_tree(w, j);
    }
    EXPECT_EQ(out.str(), j.dump(2, ' ', false, Json::error_handler_t::replace));
  }
}

// What the JSON report printed before the streaming writer: the same document built with
// nlohmann and dumped (the former render_json.cpp, kept here as the reference).
Json reference_location(Json j, const SourceLocation& where) {
  if (where.file.empty()) return j;
  j["file"] = where.file;
  if (!where.has_position()) return j;
  j["line"] = where.line;
  if (where.column > 0) j["column"] = where.column;
  return j;
}

std::string reference_report(const Report& report) {
  Json doc;
  doc["version"] = 1;
  doc["findings"] = Json::array();
  for (const auto& f : report.findings) {
    Json j;
    j["rule"] = f.rule;
    j["severity"] = severity_name(f.severity);
    j["message"] = f.message;
    j["help"] = f.help;
    j = reference_location(j, f.where);
    j["context"] = f.context;
    j["request"] = f.request ? Json(*f.request) : Json(nullptr);
    j["related"] = Json::array();
    for (const auto& x : f.related) {
      Json r;
      r["rule"] = x.rule.empty() ? Json(nullptr) : Json(x.rule);
      r["severity"] = std::string(severity_name(x.severity));
      r["message"] = x.message;
      j["related"].push_back(reference_location(r, x.where));
    }
    doc["findings"].push_back(j);
  }
  doc["requests"] = Json::array();
  for (const auto& r : report.requests) {
    Json j = reference_location(Json(), r.where);
    j["context"] = r.context;
    j["root_url"] = r.root_url ? Json(*r.root_url) : Json(nullptr);
    j["cluster"] = r.cluster.empty() ? Json(nullptr) : Json(r.cluster);
    j["production"] = r.production;
    j["scopes"] = r.scopes;
    j["scopes_known"] = r.scopes_known;
    j["expires"] = r.expires;
    j["expires_seconds"] = r.expires_seconds ? Json(*r.expires_seconds) : Json(nullptr);
    j["expires_known"] = r.expires_known;
    doc["requests"].push_back(j);
  }
  doc["summary"] = {{"error", report.count(Severity::Error)},
                    {"warning", report.count(Severity::Warning)},
                    {"note", report.count(Severity::Note)}};
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string written_report(const Report& report) {
  std::ostringstream out;
  write_json(out, report);
  return out.str();
}

Report awkward_report() {
  Report r;
  SigninRequest a = test::relduty_request();
  a.context = "tc-\"quoted\"\\/\x01\x7f";
  a.root_url = "https://h\xc3\xa9/\xff\xfe";
  a.scopes = {"queue:*\n", "", "\xe2\x82", "assume:\xf0\x9f\x98\x80"};
  r.requests.push_back(a);
  SigninRequest b;  // no file, no root URL, no cluster, unknown lifetime, no scopes
  b.root_url = std::nullopt;
  b.scopes = {};
  b.scopes_known = false;
  b.expires = "$t";
  b.expires_seconds = std::nullopt;
  b.expires_known = false;
  r.requests.push_back(b);
  SigninRequest c = test::relduty_request();
  c.where = {"only/file.sh", 0, 0};
  c.expires_seconds = -900;
  r.requests.push_back(c);
  r.findings.push_back(test::make_finding("x\ty", Severity::Error, "m\r\n\"\\\b\f", "", "dir/\xc3(.sh", 3, 0,
                                          "", 1));
  r.findings.push_back(test::make_finding("", Severity::Note, "", "h\xed\xa0\x80", "", 5, 6, "c\x1b[0m"));
  r.findings.push_back(test::make_finding("w", Severity::Warning, "\xf4\x90\x80\x80", "help", "a b.sh", 12, 40,
                                          "ctx", 0));
  r.findings.back().related.push_back(RelatedLocation{{"a b.sh", 3, 2}, "body \"here\"\n", "", Severity::Note});
  r.findings.back().related.push_back(RelatedLocation{{}, "folded \xff", "long-lived-credential", Severity::Warning});
  return r;
}

TEST(JsonReportBytes, EmptyReportMatchesNlohmann) {
  EXPECT_EQ(written_report(Report{}), reference_report(Report{}));
}

TEST(JsonReportBytes, AwkwardReportMatchesNlohmann) {
  Report r = awkward_report();
  EXPECT_EQ(written_report(r), reference_report(r));
  EXPECT_EQ(written_report(test::lint_report()), reference_report(test::lint_report()));
  EXPECT_EQ(written_report(test::review_report()), reference_report(test::review_report()));
}

TEST(JsonReportBytes, LargeReportMatchesNlohmann) {  // more than one buffer's worth of output
  Report r;
  for (int i = 0; i < 2000; ++i) {
    Report one = awkward_report();
    for (auto& f : one.findings) {
      if (f.request) *f.request += r.requests.size();
      r.findings.push_back(f);
    }
    for (auto& q : one.requests) r.requests.push_back(q);
  }
  std::string written = written_report(r);
  EXPECT_GT(written.size(), 1u << 17);
  EXPECT_EQ(written, reference_report(r));
}

}  // namespace
}  // namespace tcg::report
