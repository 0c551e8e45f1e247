#include <gtest/gtest.h>

#include <sstream>

#include "fixtures.h"
#include "report/render.h"

namespace tcg::report {
namespace {

using test::make_finding;

std::string text(const Report& report, RenderOptions options = {}) {
  std::ostringstream out;
  write_text(out, report, options);
  return out.str();
}

TEST(TextReport, GccStyleLinesWithHelpAndSummary) {
  EXPECT_EQ(text(test::lint_report()),
            "dotfiles/aliases.sh:1:7: error: alias tc-signin uses \"$@\", which an alias never receives "
            "[alias-positional-args]\n"
            "  in: tc-signin\n"
            "  help: Define a function instead: tc-signin() { ...; }\n"
            "dotfiles/aliases.sh:1:20: warning: no --scope given, so the sign-in asks for `*` [signin-default-scopes]\n"
            "  in: tc-signin\n"
            "  help: Pass -s for each scope the work needs.\n"
            "dotfiles/aliases.sh:5: note: queue:a is covered by queue:* [scope-redundant]\n"
            "  in: tc-relduty\n"
            "1 error, 1 warning, 1 note\n");
}

// Issue 17 point 7 on the renderer alone: the snippet, a caret past a tab and a control byte, and a
// cut line (the lint side, where the line comes from, is tested through the binary in tests/lint).
TEST(TextReport, SnippetWithCaretUnderTheColumn) {
  Report r;
  Finding f = make_finding("x", Severity::Error, "m", "", "f.sh", 13, 6);
  f.source_line = "\ta\x01" "b taskcluster";  // the caret goes under byte 6, `t`: tab (8) + a + \x01 (4) + b + ' '
  r.findings.push_back(f);
  EXPECT_EQ(text(r), std::string("f.sh:13:6: error: m [x]\n") +
                     "   13 |         a\\x01b taskcluster\n" +
                     "      | " + std::string(15, ' ') + "^\n" +
                     "1 error, 0 warnings, 0 notes\n");
  Report cut;
  Finding g = make_finding("x", Severity::Note, "m", "", "f.sh", 2, 151);
  g.source_line = std::string(150, 'a') + "TARGET" + std::string(150, 'b');
  cut.findings.push_back(g);
  std::string out = text(cut);
  EXPECT_NE(out.find("    2 | ..." + std::string(40, 'a') + "TARGET"), std::string::npos) << out;
  EXPECT_NE(out.find("bbb...\n      | " + std::string(3 + 40, ' ') + "^\n"), std::string::npos) << out;
}

TEST(TextReport, WhatWasCheckedOnlyForLint) {
  Report r = test::lint_report();
  r.files = std::vector<std::string>{"dotfiles/aliases.sh", "dotfiles/zsh/aliases"};
  RenderOptions options;
  options.text_list_files = true;
  std::string out = text(r, options);
  EXPECT_EQ(out.substr(0, out.find("\n\n") + 2), "files checked:\n  dotfiles/aliases.sh\n  dotfiles/zsh/aliases\n\n");
  EXPECT_TRUE(out.ends_with("1 error, 1 warning, 1 note\nchecked 2 files, 1 sign-in\n")) << out;
  Report none;
  none.files.emplace();
  EXPECT_EQ(text(none), "no findings\nchecked 0 files, 0 sign-ins\n");
}

TEST(TextReport, SummaryCountsPlurals) {
  Report r;
  for (int i = 0; i < 2; ++i) r.findings.push_back(make_finding("a", Severity::Error, "m", ""));
  r.findings.push_back(make_finding("b", Severity::Warning, "m", ""));
  std::string out = text(r);
  EXPECT_NE(out.find("\n2 errors, 1 warning, 0 notes\n"), std::string::npos) << out;
}

TEST(TextReport, NoFindings) { EXPECT_EQ(text(Report{}), "no findings\n"); }

TEST(TextReport, WithoutFileThePrefixIsTheContextOrNothing) {
  Report r;
  r.findings.push_back(make_finding("root-scope-expiry", Severity::Error, "too long", "", "", 0, 0, ""));
  r.findings.push_back(make_finding("long-lived-credential", Severity::Warning, "a day", "", "", 0, 0, "tc-admin"));
  EXPECT_EQ(text(r),
            "error: too long [root-scope-expiry]\n"
            "tc-admin: warning: a day [long-lived-credential]\n"
            "1 error, 1 warning, 0 notes\n");
}

TEST(TextReport, MultiLineHelpIsIndented) {
  Report r;
  r.findings.push_back(make_finding("x", Severity::Note, "m", "first\nsecond", "f.sh", 2, 3));
  EXPECT_EQ(text(r), "f.sh:2:3: note: m [x]\n  help: first\n        second\n0 errors, 0 warnings, 1 note\n");
}

TEST(TextReport, ColourOnlyWhenAsked) {
  Report r = test::lint_report();
  EXPECT_EQ(text(r).find('\x1b'), std::string::npos);
  RenderOptions options;
  options.color = true;
  std::string out = text(r, options);
  EXPECT_NE(out.find("\x1b[1mdotfiles/aliases.sh:1:7:\x1b[0m \x1b[1;31merror:\x1b[0m alias"), std::string::npos) << out;
  EXPECT_NE(out.find("\x1b[1;33mwarning:\x1b[0m"), std::string::npos) << out;
  EXPECT_NE(out.find("\x1b[1;36mnote:\x1b[0m"), std::string::npos) << out;
  EXPECT_NE(out.find("  \x1b[2mhelp: Pass -s for each scope the work needs.\x1b[0m\n"), std::string::npos) << out;
}

TEST(TextReport, ControlCharactersFromFilesAreEscaped) {
  Report r;
  // An escape sequence, a C1 CSI (U+009B) and a stray byte, all of which a terminal could act on.
  r.findings.push_back(make_finding("scope-invalid", Severity::Error, "scope \"a\x1b[2Jb\xc2\x9b\xff\" é", "",
                                    "we\nird.sh", 1, 1));
  std::string out = text(r);
  EXPECT_NE(out.find("we\\x0aird.sh:1:1: error: scope \"a\\x1b[2Jb\\xc2\\x9b\\xff\" é [scope-invalid]\n"),
            std::string::npos)
      << out;
}

TEST(TextReport, RequestsBlockWhenAsked) {
  Report r = test::lint_report();
  EXPECT_EQ(text(r).find("request"), std::string::npos);
  RenderOptions options;
  options.text_show_requests = true;
  std::string out = text(r, options);
  EXPECT_EQ(out.substr(0, out.find("\n\n") + 2),
            "request 1: tc-relduty at dotfiles/aliases.sh:3:1\n"
            "  cluster:  firefoxci (production)\n"
            "  root URL: https://firefox-ci-tc.services.mozilla.com/\n"
            "  scopes:   queue:rerun-task:*\n"
            "            queue:cancel-task:*\n"
            "  expires:  1h\n\n");
}

TEST(TextReport, RequestsBlockShowsUnknownsAndDefaults) {
  Report r = test::review_report();
  SigninRequest dynamic;
  dynamic.context = "tc-any";
  dynamic.root_url = "https://example.invalid/";
  dynamic.production = false;
  dynamic.scopes_known = false;
  dynamic.expires_known = false;
  dynamic.expires_seconds = std::nullopt;
  r.requests.push_back(dynamic);
  RenderOptions options;
  options.text_show_requests = true;
  std::string out = text(r, options);
  EXPECT_EQ(out,
            "request 1\n"
            "  cluster:  unknown (judged as production)\n"
            "  root URL: unknown\n"
            "  scopes:   *  (default: no --scope given)\n"
            "  expires:  1d  (default: no --expires given)\n"
            "request 2: tc-any\n"
            "  cluster:  not in the policy (judged as not production)\n"
            "  root URL: https://example.invalid/\n"
            "  scopes:   unknown\n"
            "  expires:  unknown\n"
            "\n"
            "error: root scope `*` for 1d (more than 15m) [root-scope-expiry]\n"
            "  help: Sign in with --expires 15m.\n"
            "1 error, 0 warnings, 0 notes\n");
}

TEST(Format, ParsesTheFourNames) {
  EXPECT_EQ(parse_format("text"), Format::Text);
  EXPECT_EQ(parse_format("json"), Format::Json);
  EXPECT_EQ(parse_format("sarif"), Format::Sarif);
  EXPECT_EQ(parse_format("github"), Format::Github);
  EXPECT_EQ(parse_format("JSON"), std::nullopt);
  EXPECT_EQ(parse_format(""), std::nullopt);
}

TEST(Format, WriteReportDispatches) {
  Report r = test::lint_report();
  std::ostringstream t, j, s, g;
  write_report(t, r, Format::Text, {});
  write_report(j, r, Format::Json, {});
  write_report(s, r, Format::Sarif, {});
  write_report(g, r, Format::Github, {});
  EXPECT_EQ(t.str(), text(r));
  EXPECT_EQ(j.str().rfind("{\n  \"version\": 1,", 0), 0u) << j.str();
  EXPECT_NE(s.str().find("\"version\": \"2.1.0\""), std::string::npos);
  EXPECT_EQ(g.str().rfind("::error file=dotfiles/aliases.sh,line=1,col=7,title=alias-positional-args::", 0), 0u)
      << g.str();
}

}  // namespace
}  // namespace tcg::report
