// Issue 17 points 4, 6 and 7 through the binary: lint says what it checked, a dotfile repository's
// files are all found, a path with nothing to check (or missing) fails after the rest is reported,
// and text findings show their source line with a caret.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>
#include <sstream>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

using nlohmann::json;

const std::string kFixtures = "tests/lint/fixtures";

RunOptions isolated(const std::string& cwd = TCGUARD_SOURCE_DIR) {
  RunOptions o;
  o.cwd = cwd;
  o.env_unset = {"TCGUARD_POLICY", "TASKCLUSTER_ROOT_URL", "NO_COLOR"};
  o.env_set["XDG_CONFIG_HOME"] = "/nonexistent-tcguard-test";
  return o;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// --- point 4: what was checked ---

TEST(LintChecked, DotfileRepositoryFindsEveryShellFile) {
  RunResult r = run_tcguard({"--format", "json", "lint", kFixtures + "/dotfiles"}, isolated());
  ASSERT_EQ(r.exit_code, 1) << r.err << r.out;  // tc-admin: root for a day
  json j = json::parse(r.out);
  ASSERT_TRUE(j.contains("files")) << r.out;
  std::vector<std::string> files = j["files"];
  const std::string d = kFixtures + "/dotfiles/";
  // Not the compiled zsh/functions.zwc or the binary bin/tc-helper; the READMEs are docs, linted
  // through their code (issue 12: their prose and its inline mentions give no request).
  EXPECT_EQ(files, (std::vector<std::string>{d + "README.md", d + "bash_aliases", d + "bashrc", d + "profile.d/tc.sh",
                                             d + "zsh/README.md", d + "zsh/aliases", d + "zsh/functions.zsh"}))
      << r.out;
  EXPECT_EQ(j["problems"], json::array());
  // Each file was judged: the sign-ins of bash_aliases, zsh/aliases and zsh/functions.zsh, and the
  // logout of profile.d/tc.sh, are all in the report.
  std::set<std::string> request_files, finding_rules;
  for (const auto& q : j["requests"]) request_files.insert(q["file"]);
  for (const auto& f : j["findings"]) finding_rules.insert(f["rule"]);
  EXPECT_EQ(request_files, (std::set<std::string>{d + "bash_aliases", d + "zsh/aliases", d + "zsh/functions.zsh"}));
  EXPECT_TRUE(finding_rules.count("root-scope-expiry")) << r.out;
  EXPECT_TRUE(finding_rules.count("logout-incomplete")) << r.out;  // the certificate is left set
}

TEST(LintChecked, DotNamesAndDotFoldersCountToo) {
  TempDir dir;
  dir.write("home/.bash_profile", "taskcluster signin -s 'queue:*' --expires 2h\n");
  dir.write("home/.zshenv", "export TASKCLUSTER_ROOT_URL=https://firefox-ci-tc.services.mozilla.com/\n");
  dir.write("home/.zsh/completions/_tc", "#compdef tc\n_arguments '1: :(signin logout)'\n");
  dir.write("home/.config/shell/notes.txt", "taskcluster signin\n");  // a plain-text doc: linted as one
  dir.write("home/.config/shell/tc.json", "{\"taskcluster\": \"signin\"}\n");  // data, not shell
  dir.write("home/profile", "umask 022\n");
  json j = json::parse(run_tcguard({"--format", "json", "lint", "home"}, isolated(dir.path())).out);
  EXPECT_EQ(j["files"], json({"home/.bash_profile", "home/.config/shell/notes.txt", "home/.zsh/completions/_tc",
                              "home/.zshenv", "home/profile"}))
      << j.dump(1);
}

TEST(LintChecked, TextEndsWithWhatWasChecked) {
  RunResult clean = run_tcguard({"--color", "never", "lint", "examples/clean.sh"}, isolated());
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  auto lines = lines_of(clean.out);
  ASSERT_GE(lines.size(), 2u) << clean.out;
  EXPECT_EQ(lines[lines.size() - 2], "no findings");
  json j = json::parse(run_tcguard({"--format", "json", "lint", "examples/clean.sh"}, isolated()).out);
  EXPECT_EQ(lines.back(), "checked 1 file, " + std::to_string(j["requests"].size()) + " sign-ins") << clean.out;

  // A function judged once per case branch: four requests from one call site.
  RunResult relduty = run_tcguard({"--color", "never", "lint", "examples/relduty-functions.sh"}, isolated());
  EXPECT_EQ(lines_of(relduty.out).back(), "checked 1 file, 1 sign-in (4 requests)") << relduty.out;

  RunResult repo = run_tcguard({"--color", "never", "lint", kFixtures + "/dotfiles"}, isolated());
  EXPECT_EQ(lines_of(repo.out).back(), "checked 7 files, 3 sign-ins") << repo.out;
}

TEST(LintChecked, VerboseListsTheFilesChecked) {
  RunResult r = run_tcguard({"--color", "never", "lint", "-v", kFixtures + "/dotfiles"}, isolated());
  auto lines = lines_of(r.out);
  ASSERT_GE(lines.size(), 8u) << r.out;
  EXPECT_EQ(lines[0], "files checked:");
  const std::string d = kFixtures + "/dotfiles/";
  EXPECT_EQ(std::vector<std::string>(lines.begin() + 1, lines.begin() + 8),
            (std::vector<std::string>{"  " + d + "README.md", "  " + d + "bash_aliases", "  " + d + "bashrc",
                                      "  " + d + "profile.d/tc.sh", "  " + d + "zsh/README.md", "  " + d + "zsh/aliases",
                                      "  " + d + "zsh/functions.zsh"}));
  RunResult quiet = run_tcguard({"--color", "never", "lint", kFixtures + "/dotfiles"}, isolated());
  EXPECT_EQ(quiet.out.find("files checked:"), std::string::npos);
}

TEST(LintChecked, FolderWithoutShellTextExits2SayingSo) {
  for (const char* format : {"text", "json"}) {
    RunResult r = run_tcguard({"--format", format, "lint", kFixtures + "/no-shell"}, isolated());
    EXPECT_EQ(r.exit_code, 2) << format << r.out;
    EXPECT_NE(r.err.find("tcguard: error: " + kFixtures + "/no-shell: no shell files in this folder"),
              std::string::npos)
        << r.err;
  }
  RunResult binary = run_tcguard({"lint", kFixtures + "/no-shell/data"}, isolated());
  EXPECT_EQ(binary.exit_code, 2) << binary.out;
  EXPECT_NE(binary.err.find(kFixtures + "/no-shell/data: a binary file, not shell text"), std::string::npos)
      << binary.err;
  // A named text file is linted whatever its name: the user asked for it.
  RunResult named = run_tcguard({"lint", kFixtures + "/no-shell/notes.json"}, isolated());
  EXPECT_NE(named.exit_code, 2) << named.err;
  EXPECT_NE(named.out.find("checked 1 file"), std::string::npos) << named.out;
}

// --- point 6: a missing path ---

TEST(LintChecked, MissingPathStillLintsTheRestInEveryFormat) {
  const std::vector<std::string> paths = {"does/not/exist.sh", "examples/seed-aliases.sh"};
  auto args = [&](const std::string& format) {
    std::vector<std::string> a = {"--format", format, "lint"};
    a.insert(a.end(), paths.begin(), paths.end());
    return a;
  };
  RunResult text = run_tcguard(args("text"), isolated());
  EXPECT_EQ(text.exit_code, 2);
  EXPECT_NE(text.err.find("tcguard: error: does/not/exist.sh: no such file or folder"), std::string::npos) << text.err;
  EXPECT_NE(text.out.find("examples/seed-aliases.sh:6:1: warning: "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("checked 1 file"), std::string::npos) << text.out;

  RunResult js = run_tcguard(args("json"), isolated());
  EXPECT_EQ(js.exit_code, 2);
  json j = json::parse(js.out);
  EXPECT_FALSE(j["findings"].empty());
  EXPECT_EQ(j["files"], json({"examples/seed-aliases.sh"}));
  ASSERT_EQ(j["problems"].size(), 1u) << js.out;
  EXPECT_EQ(j["problems"][0]["severity"], "error");
  EXPECT_EQ(j["problems"][0]["path"], "does/not/exist.sh");
  EXPECT_EQ(j["problems"][0]["message"], "no such file or folder");

  RunResult sarif = run_tcguard(args("sarif"), isolated());
  EXPECT_EQ(sarif.exit_code, 2);
  json s = json::parse(sarif.out);
  json& run = s["runs"][0];
  EXPECT_FALSE(run["results"].empty());
  ASSERT_EQ(run["invocations"].size(), 1u) << sarif.out;
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], false);
  json& notes = run["invocations"][0]["toolExecutionNotifications"];
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]["level"], "error");
  EXPECT_EQ(notes[0]["message"]["text"], "does/not/exist.sh: no such file or folder");
  EXPECT_EQ(notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "does/not/exist.sh");

  RunResult github = run_tcguard(args("github"), isolated());
  EXPECT_EQ(github.exit_code, 2);
  EXPECT_NE(github.out.find("::error title=tcguard::does/not/exist.sh: no such file or folder\n"), std::string::npos)
      << github.out;

  // Without a problem, the invocation says the run succeeded.
  json ok = json::parse(run_tcguard({"--format", "sarif", "lint", "examples/clean.sh"}, isolated()).out);
  EXPECT_EQ(ok["runs"][0]["invocations"][0]["executionSuccessful"], true);
  EXPECT_FALSE(ok["runs"][0]["invocations"][0].contains("toolExecutionNotifications"));
}

// --- point 7: snippets ---

// The source line of `file` at `line`, as the test reads it (not as tcguard does).
std::string fixture_line(const std::string& file, int line) {
  auto lines = lines_of(read_file(source_path(file)));
  return lines.at(static_cast<size_t>(line - 1));
}

// Tabs expanded to 8-column stops; `column` (1-based byte) becomes a 0-based screen column.
std::string expand_tabs(const std::string& line, int column, size_t* screen_column) {
  std::string out;
  for (size_t i = 0; i < line.size(); ++i) {
    if (static_cast<int>(i) == column - 1) *screen_column = out.size();
    if (line[i] == '\t') out.append(8 - out.size() % 8, ' ');
    else out += line[i];
  }
  return out;
}

json first_finding(const std::string& file, const std::string& rule, const std::string& context) {
  json j = json::parse(run_tcguard({"--format", "json", "lint", file}, isolated()).out);
  for (const auto& f : j["findings"])
    if (f["rule"] == rule && (context.empty() || f["context"] == context)) return f;
  ADD_FAILURE() << "no " << rule << " finding in " << j.dump(1);
  return json::object();
}

// The lines printed after the finding's own first line.
std::vector<std::string> lines_after(const std::string& out, const std::string& header_start) {
  auto lines = lines_of(out);
  for (size_t i = 0; i < lines.size(); ++i)
    if (lines[i].rfind(header_start, 0) == 0) return std::vector<std::string>(lines.begin() + i + 1, lines.end());
  ADD_FAILURE() << "no line starting with " << header_start << " in\n" << out;
  return {};
}

TEST(LintSnippet, SourceLineAndCaretLineUpThroughTabs) {
  const std::string file = kFixtures + "/snippets/tabs.sh";
  json f = first_finding(file, "root-scope-expiry", "tc-duty/staging");
  int line = f["line"], column = f["column"];
  size_t caret = 0;
  std::string shown = expand_tabs(fixture_line(file, line), column, &caret);
  RunResult r = run_tcguard({"--color", "never", "lint", file}, isolated());
  auto after = lines_after(r.out, file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": error: ");
  ASSERT_GE(after.size(), 3u) << r.out;
  std::string number = std::to_string(line);
  EXPECT_EQ(after[0], std::string(5 - number.size(), ' ') + number + " | " + shown) << r.out;
  EXPECT_EQ(after[1], "      | " + std::string(caret, ' ') + "^") << r.out;
  // The case branch the finding comes from.
  EXPECT_EQ(after[2], "  in: tc-duty/staging") << r.out;
  EXPECT_EQ(r.out.find('\t'), std::string::npos) << "tabs are expanded, not printed";
}

TEST(LintSnippet, LongLineIsCutAroundTheColumn) {
  const std::string file = kFixtures + "/snippets/long-line.sh";
  json f = first_finding(file, "service-wildcard-expiry", "");
  int line = f["line"], column = f["column"];
  std::string source = fixture_line(file, line);
  ASSERT_GT(source.size(), 300u);
  ASSERT_GT(column, 100) << "the fixture's finding must lie past the first screenful";
  RunResult r = run_tcguard({"--color", "never", "lint", file}, isolated());
  auto after = lines_after(r.out, file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ");
  ASSERT_GE(after.size(), 2u) << r.out;
  const std::string gutter = "    " + std::to_string(line) + " | ";
  ASSERT_EQ(after[0].rfind(gutter, 0), 0u) << after[0];
  std::string shown = after[0].substr(gutter.size());
  EXPECT_LE(shown.size(), 110u) << shown;
  EXPECT_EQ(shown.rfind("...", 0), 0u) << "cut at the start: " << shown;
  // The caret points at the very byte of the column in the cut text.
  size_t caret = after[1].find('^');
  ASSERT_NE(caret, std::string::npos) << after[1];
  size_t in_shown = caret - gutter.size();
  ASSERT_LT(in_shown, shown.size());
  std::string expected = source.substr(static_cast<size_t>(column - 1), 20);
  EXPECT_EQ(shown.substr(in_shown, expected.size()), expected) << shown << "\n" << after[1];
}

TEST(LintSnippet, OffWithNoSnippetAndInOtherFormats) {
  const std::string file = kFixtures + "/snippets/tabs.sh";
  RunResult on = run_tcguard({"--color", "never", "lint", file}, isolated());
  ASSERT_NE(on.out.find(" | "), std::string::npos) << on.out;
  RunResult off = run_tcguard({"--color", "never", "lint", "--no-snippet", file}, isolated());
  EXPECT_EQ(off.exit_code, on.exit_code);
  EXPECT_EQ(off.out.find(" | "), std::string::npos) << off.out;
  EXPECT_EQ(off.out.find("^"), std::string::npos) << off.out;
  EXPECT_NE(off.out.find("  in: tc-duty/staging"), std::string::npos) << "the context stays" << off.out;
  for (const char* format : {"json", "sarif", "github"}) {
    RunResult r = run_tcguard({"--format", format, "lint", file}, isolated());
    EXPECT_EQ(r.out.find("taskcluster signin --expires 8h"), std::string::npos) << format << r.out;
  }
}

TEST(LintSnippet, AHugeLineIsNotCopiedOrShown) {
  RunOptions o = isolated();
  o.stdin_text = "x='" + std::string(5000, 'a') + "'; taskcluster signin -s 'queue:*' --expires 2h\n" +
                 "taskcluster signin -s 'queue:*' --expires 3h\n";
  RunResult r = run_tcguard({"--color", "never", "lint", "-"}, o);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out.find("    1 | "), std::string::npos) << "line 1 is past the 4 KiB limit";
  EXPECT_NE(r.out.find("    2 | taskcluster signin"), std::string::npos) << r.out;
}

TEST(LintSnippet, ALineThatMayHoldATokenIsNotShown) {
  TempDir dir;
  const std::string secret = "Xq3vB8nK2mL9pR4sT7wY1zA5cE6fG0hJ_kM-oN2qS4uV";
  // The token check reports line 1; line 2's sign-in is on a line with a random-looking word.
  dir.write("t.sh", "export TASKCLUSTER_ACCESS_TOKEN=" + secret +
                        "\ntaskcluster signin -s 'queue:*' --expires 2h --name " + secret + "\n");
  dir.write("u.sh", "X=" + secret + " taskcluster signin -s 'queue:*' --expires 2h\n");
  for (const char* name : {"t.sh", "u.sh"}) {
    RunResult r = run_tcguard({"--color", "never", "lint", name}, isolated(dir.path()));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.out.find(secret), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find(" | "), std::string::npos) << r.out;
  }
}

}  // namespace
}  // namespace tcg::test
