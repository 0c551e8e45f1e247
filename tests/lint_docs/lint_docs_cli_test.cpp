// `tcguard lint` on docs and dotenv files through the binary (issue 12 points 1, 2, 4 and the
// "It must show" list): every sign-in of the fixture docs at its doc line and column with its
// scopes and lifetime, no finding from prose, the walk, --include/--exclude, dotenv tokens.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

using nlohmann::json;

const std::string kFixtures = "tests/lint_docs/fixtures";

RunOptions isolated(const std::string& cwd = TCGUARD_SOURCE_DIR) {
  RunOptions o;
  o.cwd = cwd;
  o.env_unset = {"TCGUARD_POLICY", "TASKCLUSTER_ROOT_URL", "NO_COLOR"};
  o.env_set["XDG_CONFIG_HOME"] = "/nonexistent-tcguard-test";
  return o;
}

json lint_json(const std::vector<std::string>& args, int* exit_code = nullptr, const RunOptions& o = isolated()) {
  std::vector<std::string> a = {"--format", "json", "lint"};
  a.insert(a.end(), args.begin(), args.end());
  RunResult r = run_tcguard(a, o);
  if (exit_code) *exit_code = r.exit_code;
  return json::parse(r.out);
}

struct Expected {
  std::string file;
  int line, column;
  std::vector<std::string> scopes;
  std::string expires, cluster;
};

// Read off the fixture pages by hand: the line of each `taskcluster signin` that a reader runs, the
// column of its `taskcluster` word, its -s scopes in order, --expires, and the cluster of the root
// URL in force there (set on the line, or exported in an earlier block of the same page).
const std::vector<Expected> kSignins = {
    {"releng/release-duty.md", 22, 11, {"queue:rerun-task:*", "queue:cancel-task:*"}, "1h", "firefoxci"},
    {"releng/release-duty.md", 38, 11, {"queue:route:index.gecko.v2.*"}, "15m", "firefoxci"},
    {"releng/aliases.md", 9, 90, {"queue:rerun-task:*", "queue:cancel-task:*"}, "1h", "firefoxci"},
    {"releng/aliases.md", 15, 111, {"queue:rerun-task:*"}, "2h", "firefoxci-staging"},
    {"releng/aliases.md", 24, 13, {"hooks:trigger-hook:project-releng/*"}, "30m", "firefoxci"},
    {"releng/notes.txt", 7, 87, {"*"}, "15m", "firefoxci"},
    {"services/README.mdx", 12, 11, {"secrets:get:project/myservice/*"}, "30m", "community"},
    {"services/README.mdx", 20, 26, {"queue:create-task:highest:proj-myservice/*"}, "45m", "community"},
    {"services/cli.rst", 16, 14, {"queue:route:index.project.releng.*"}, "10m", "firefoxci"},
    {"services/cli.rst", 23, 13, {"purge-cache:proj-releng/*"}, "20m", "firefoxci"},
    {"services/cli.rst", 25, 37, {"queue:cancel-task:proj-releng/*"}, "5m", "firefoxci"},
};

TEST(LintDocs, EverySigninOfTheDocsFolderAtItsDocLineAndColumn) {
  int code = 0;
  json j = lint_json({"docs"}, &code, isolated(TCGUARD_SOURCE_DIR "/" + kFixtures));
  EXPECT_EQ(j["files"], json({"docs/releng/aliases.md", "docs/releng/notes.txt", "docs/releng/release-duty.md",
                              "docs/services/README.mdx", "docs/services/cli.rst"}))
      << j.dump(1);
  EXPECT_EQ(j["problems"], json::array());
  using Key = std::tuple<std::string, int, int>;
  std::set<Key> found;
  for (const auto& e : kSignins) {
    bool seen = false;
    for (const auto& r : j["requests"]) {
      if (r["file"] != "docs/" + e.file || r["line"] != e.line || r["column"] != e.column) continue;
      seen = true;
      EXPECT_EQ(r["scopes"], json(e.scopes)) << e.file << ":" << e.line;
      EXPECT_EQ(r["expires"], e.expires) << e.file << ":" << e.line;
      EXPECT_EQ(r["cluster"], e.cluster) << e.file << ":" << e.line;
    }
    EXPECT_TRUE(seen) << "no sign-in found at " << e.file << ":" << e.line << ":" << e.column << "\n" << j.dump(1);
    found.insert({"docs/" + e.file, e.line, e.column});
  }
  // No other sign-in: every request is one of those (a helper's, judged at its body or, for the
  // calls of the helpers at release-duty.md:29 and aliases.md:18, at the call).
  const std::set<Key> calls = {{"docs/releng/release-duty.md", 29, 3}, {"docs/releng/aliases.md", 18, 24}};  // 18:24: the inline `tc-relduty` in prose
  for (const auto& r : j["requests"]) {
    Key k{r["file"], r["line"], r["column"]};
    EXPECT_TRUE(found.count(k) || calls.count(k)) << "unexpected sign-in " << r.dump();
  }
  // No prose produces a finding: every finding is at one of those sign-ins (the staging alias
  // asks for 2h, which the policy refuses), none at the prose's `taskcluster signin --help`, the
  // bare `taskcluster signin` naming the command, or the JSON, YAML and Python blocks.
  ASSERT_FALSE(j["findings"].empty());
  for (const auto& f : j["findings"]) {
    Key k{f["file"], f["line"], f["column"]};
    EXPECT_TRUE(found.count(k) || calls.count(k)) << "finding outside the sign-ins: " << f.dump();
  }
  // One cause, one finding: the wildcard rule is kept, the lifetime rule it implies is related.
  std::set<std::string> staging_rules, related_rules;
  for (const auto& f : j["findings"])
    if (f["file"] == "docs/releng/aliases.md" && f["line"] == 15) {
      staging_rules.insert(f["rule"]);
      for (const auto& r : f["related"])
        if (r["rule"].is_string()) related_rules.insert(r["rule"]);
    }
  EXPECT_EQ(staging_rules, std::set<std::string>{"wildcard-scope-expiry"}) << j.dump(1);
  EXPECT_TRUE(related_rules.count("long-lived-credential")) << j.dump(1);
  EXPECT_EQ(code, 1);  // the staging alias's wildcard for 2h is an error
}

TEST(LintDocs, PlaceholderTokensInDocsAreNotFindings) {
  json j = lint_json({kFixtures + "/docs/releng/release-duty.md"});
  for (const auto& f : j["findings"]) EXPECT_NE(f["rule"], "hardcoded-access-token") << f.dump();
}

TEST(LintDocs, TextSnippetShowsTheDocsLine) {
  RunResult r = run_tcguard({"--color", "never", "lint", "docs/releng/aliases.md"}, isolated(TCGUARD_SOURCE_DIR "/" + kFixtures));
  EXPECT_NE(r.out.find("docs/releng/aliases.md:15:111: "), std::string::npos) << r.out;
  // The doc's own line (cut around the column, as for any long line), not a blanked shell view.
  EXPECT_NE(r.out.find("   15 | ...ge.taskcluster.nonprod.cloudops.mozgcp.net/ taskcluster signin --expires 2h -s "
                       "queue:rerun-task:*)\"'\n"),
            std::string::npos)
      << r.out;
}

TEST(LintDocs, ProseApostrophesAndInlineCodeDoNotHideOrInventSignins) {
  // The shapes that broke linting a doc as shell: an apostrophe before the blocks, inline code
  // spans read as command substitutions, a `$ ` prompt.
  TempDir dir;
  dir.write("README.md",
            "You'll see `eval` below; don't skip it. The CLI's `taskcluster signin` prints exports.\n\n"
            "```console\n$ eval \"$(taskcluster signin --expires 15m -s 'queue:rerun-task:*')\"\n```\n\n"
            "It's the same for staging: `eval \"$(taskcluster signin --expires 10m -s queue:cancel-task:*)\"`.\n");
  RunOptions o = isolated(dir.path());
  o.env_set["TASKCLUSTER_ROOT_URL"] = "https://firefox-ci-tc.services.mozilla.com/";
  int code = 0;
  json j = lint_json({"README.md"}, &code, o);
  EXPECT_EQ(code, 0) << j.dump(1);
  EXPECT_EQ(j["findings"], json::array()) << j.dump(1);
  ASSERT_EQ(j["requests"].size(), 2u) << j.dump(1);
  EXPECT_EQ(j["requests"][0]["line"], 4);
  EXPECT_EQ(j["requests"][0]["column"], 11);
  EXPECT_EQ(j["requests"][1]["line"], 7);
  EXPECT_EQ(j["requests"][1]["column"], 37);
}

TEST(LintDocs, ABlockLeftOpenDoesNotPoisonTheRest) {
  TempDir dir;
  dir.write("guide.md",
            "```sh\necho \"unterminated\n```\n\n```sh\neval \"$(taskcluster signin -s '*' --expires 1d)\"\n```\n");
  RunOptions o = isolated(dir.path());
  o.env_set["TASKCLUSTER_ROOT_URL"] = "https://firefox-ci-tc.services.mozilla.com/";
  int code = 0;
  json j = lint_json({"guide.md"}, &code, o);
  EXPECT_EQ(code, 1);
  ASSERT_EQ(j["requests"].size(), 1u) << j.dump(1);
  EXPECT_EQ(j["requests"][0]["line"], 6);
  EXPECT_EQ(j["requests"][0]["scopes"], json({"*"}));
}

TEST(LintDocs, IncludeAndExcludeRefineTheWalk) {
  RunOptions o = isolated(TCGUARD_SOURCE_DIR "/" + kFixtures);
  json md = lint_json({"--include", "*.md", "docs"}, nullptr, o);
  EXPECT_EQ(md["files"], json({"docs/releng/aliases.md", "docs/releng/release-duty.md"}));
  json both = lint_json({"--include", "*.md", "--include", "services/*", "--exclude", "*/aliases.md", "docs"}, nullptr, o);
  EXPECT_EQ(both["files"], json({"docs/releng/release-duty.md", "docs/services/README.mdx", "docs/services/cli.rst"}));
  // A file named on the command line is linted whatever the globs say.
  json named = lint_json({"--exclude", "*.txt", "docs/releng/notes.txt"}, nullptr, o);
  EXPECT_EQ(named["files"], json({"docs/releng/notes.txt"}));
  // Nothing left to lint in a folder is the usual error, naming the globs.
  RunResult none = run_tcguard({"lint", "--include", "*.adoc", "docs"}, o);
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("--include/--exclude"), std::string::npos) << none.err;
}

TEST(LintDocs, DotenvFilesAreWalkedAndCheckedForTokens) {
  int code = 0;
  json j = lint_json({"repo"}, &code, isolated(TCGUARD_SOURCE_DIR "/" + kFixtures));
  // .env.example, .envrc, .hooks (no extension, KEY=value lines), docker/env/*.env; not
  // config/settings (prose, not KEY=value lines).
  EXPECT_EQ(j["files"], json({"repo/.env.example", "repo/.envrc", "repo/.hooks", "repo/docker/env/ci.env",
                              "repo/docker/env/dev.env"}))
      << j.dump(1);
  std::set<std::tuple<std::string, int, int>> tokens;
  for (const auto& f : j["findings"]) {
    if (f["rule"] != "hardcoded-access-token") continue;
    tokens.insert({f["file"].get<std::string>(), f["line"].get<int>(), f["column"].get<int>()});
    EXPECT_EQ(f["message"].get<std::string>().find("Rt5wQ9"), std::string::npos) << "never the token";
  }
  // The real-looking tokens; not the placeholders of ci.env and .env.example.
  EXPECT_EQ(tokens, (std::set<std::tuple<std::string, int, int>>{{"repo/.hooks", 3, 8}, {"repo/docker/env/dev.env", 4, 1}}));
  EXPECT_EQ(code, 1);
  RunResult text = run_tcguard({"--color", "never", "lint", "repo/docker/env/dev.env"}, isolated(TCGUARD_SOURCE_DIR "/" + kFixtures));
  EXPECT_EQ(text.out.find("Rt5wQ9"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace tcg::test
