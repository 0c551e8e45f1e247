#include <gtest/gtest.h>

#include <sstream>

#include "fixtures.h"
#include "report/render.h"

namespace tcg::report {
namespace {

using test::make_finding;

std::string github(const Report& report) {
  std::ostringstream out;
  write_github(out, report);
  return out.str();
}

TEST(GithubReport, OneCommandPerFindingWithSeverityNames) {
  EXPECT_EQ(github(test::lint_report()),
            "::error file=dotfiles/aliases.sh,line=1,col=7,title=alias-positional-args::alias tc-signin uses "
            "\"$@\", which an alias never receives%0Ahelp: Define a function instead: tc-signin() { ...; }\n"
            "::warning file=dotfiles/aliases.sh,line=1,col=20,title=signin-default-scopes::no --scope given, so "
            "the sign-in asks for `*`%0Ahelp: Pass -s for each scope the work needs.\n"
            "::notice file=dotfiles/aliases.sh,line=5,title=scope-redundant::queue:a is covered by queue:*\n");
}

TEST(GithubReport, NoFileNoLocationProperties) {
  EXPECT_EQ(github(test::review_report()),
            "::error title=root-scope-expiry::root scope `*` for 1d (more than 15m)%0Ahelp: Sign in with --expires 15m.\n");
}

TEST(GithubReport, ContextPrefixesTheMessageWhenThereIsNoFile) {
  Report r;
  r.findings.push_back(make_finding("x", Severity::Warning, "m", "", "", 0, 0, "tc-admin"));
  EXPECT_EQ(github(r), "::warning title=x::tc-admin: m\n");
}

TEST(GithubReport, EscapesDataAndProperties) {
  EXPECT_EQ(github_escape_data("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
  EXPECT_EQ(github_escape_property("100% a:b,c\r\nd"), "100%25 a%3Ab%2Cc%0D%0Ad");
  EXPECT_EQ(github_escape_data("%0A"), "%250A");  // an encoded newline in the input stays literal text
  Report r;
  r.findings.push_back(make_finding("r:1,2", Severity::Error, "line1\n::error::forged", "", "dir,x/a:b.sh", 3, 4));
  EXPECT_EQ(github(r), "::error file=dir%2Cx/a%3Ab.sh,line=3,col=4,title=r%3A1%2C2::line1%0A::error::forged\n");
}

TEST(GithubReport, PathsRelativeToBaseDirWithOptions) {
  Report r;
  r.findings.push_back(make_finding("x", Severity::Error, "m", "", "/repo/dotfiles/a.sh", 1, 1));
  r.findings.push_back(make_finding("x", Severity::Error, "m", "", "/elsewhere/b.sh", 1, 1));
  RenderOptions options;
  options.base_dir = "/repo";
  std::ostringstream out;
  write_github(out, r, options);
  EXPECT_EQ(out.str(),
            "::error file=dotfiles/a.sh,line=1,col=1,title=x::m\n"
            "::error file=/elsewhere/b.sh,line=1,col=1,title=x::m\n");
}

}  // namespace
}  // namespace tcg::report
