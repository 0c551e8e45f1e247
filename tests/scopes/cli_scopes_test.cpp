// `tcguard scopes ...` through the built binary: output shapes and exit codes of DESIGN.md.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/cli_runner.h"

namespace tcg {
namespace {

using test::run_tcguard;
using Json = nlohmann::json;

TEST(CliScopes, SatisfiesExitCodesAndText) {
  auto yes = run_tcguard({"scopes", "satisfies", "--have", "queue:*", "--have", "", "queue:cancel-task:x"});
  EXPECT_EQ(yes.exit_code, 0) << yes.err;
  EXPECT_EQ(yes.out, "satisfied\n  queue:cancel-task:x\n");
  auto no = run_tcguard({"scopes", "satisfies", "--have", "a", R"({"AllOf": ["a", "b"]})"});
  EXPECT_EQ(no.exit_code, 1) << no.err;
  EXPECT_EQ(no.out, "not satisfied; missing:\n  b\n");
  // The empty scope is held only when given.
  EXPECT_EQ(run_tcguard({"scopes", "satisfies", "--have", "", "--", R"("")"}).exit_code, 0);
  EXPECT_EQ(run_tcguard({"scopes", "satisfies", "--have", "x", "--", R"("")"}).exit_code, 1);
}

TEST(CliScopes, SatisfiesJson) {
  auto r = run_tcguard({"--format", "json", "scopes", "satisfies", "--have", "a", "--have", "b*",
                        R"({"AnyOf": ["bz", "a", "c"]})"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const Json out = Json::parse(r.out);
  EXPECT_EQ(out, Json::parse(R"({"satisfied": true, "satisfying": ["a", "bz"], "missing": null})"));
  EXPECT_EQ(r.out.find("\"satisfied\""), r.out.find('"'));  // the documented key order

  r = run_tcguard({"scopes", "satisfies", "--format", "json", "--have", "a", R"({"AllOf": ["a", "b", "c"]})"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(Json::parse(r.out), Json::parse(R"({"satisfied": false, "satisfying": null, "missing": {"AllOf": ["b", "c"]}})"));
}

TEST(CliScopes, HaveFile) {
  test::TempDir dir;
  const auto file = dir.write("held.txt", "queue:*\n\nsecrets:get:a\r\n");
  EXPECT_EQ(run_tcguard({"scopes", "satisfies", "--have-file", file, "secrets:get:a"}).exit_code, 0);
  EXPECT_EQ(run_tcguard({"scopes", "satisfies", "--have-file", file, "secrets:get:b"}).exit_code, 1);
  test::RunOptions with_stdin;
  with_stdin.stdin_text = "x:*\n";
  EXPECT_EQ(run_tcguard({"scopes", "satisfies", "--have-file", "-", "x:y"}, with_stdin).exit_code, 0);
  const auto bad = dir.write("bad.txt", "ok\nbad\x01scope\n");
  auto r = run_tcguard({"scopes", "satisfies", "--have-file", bad, "x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.txt:2:4:"), std::string::npos) << r.err;
  EXPECT_EQ(run_tcguard({"scopes", "satisfies", "--have-file", dir.path() + "/none", "x"}).exit_code, 2);
}

const std::string kData = std::string(TCGUARD_SOURCE_DIR) + "/tests/scopes/data/";

// Held files as people save them: an expandScopes dump with duplicates, a file saved on Windows
// with no final newline, and a pasted scope with a non-ASCII hyphen.
TEST(CliScopes, HaveFileShapesFromRealUse) {
  // createTask's requirement for a gecko task: AllOf the routes and the scheduler, AnyOf the pools.
  const std::string create_task = R"({"AllOf": ["queue:scheduler-id:gecko-level-3",
    "queue:route:index.gecko.v2.mozilla-central.latest.firefox.linux64-opt",
    {"AnyOf": ["queue:create-task:highest:gecko-3/b-linux-xlarge-gcp", "queue:create-task:highest:gecko-3/b-linux-gcp"]},
    "secrets:get:project/releng/gecko/build/level-3/gecko-symbol-upload"]})";
  auto r = run_tcguard({"--format", "json", "scopes", "satisfies", "--have-file", kData + "relman-expanded.txt", create_task});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Json::parse(r.out)["satisfying"],
            Json::parse(R"(["queue:create-task:highest:gecko-3/b-linux-gcp",
              "queue:route:index.gecko.v2.mozilla-central.latest.firefox.linux64-opt", "queue:scheduler-id:gecko-level-3",
              "secrets:get:project/releng/gecko/build/level-3/gecko-symbol-upload"])"));
  // The same file lacks a pool it was never given: the AnyOf is what is missing, as written.
  r = run_tcguard({"scopes", "satisfies", "--have-file", kData + "relman-expanded.txt",
                   R"({"AllOf": ["notify:email:relman@mozilla.com", {"AnyOf": ["queue:create-task:highest:gecko-1/b-linux", "queue:create-task:highest:gecko-t/t-win10-64"]}]})"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("\"queue:create-task:highest:gecko-t/t-win10-64\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("notify:email"), std::string::npos) << r.out;

  // --have and --have-file add up; CRLF and an unterminated last line are read as scopes.
  r = run_tcguard({"scopes", "satisfies", "--have", "queue:scheduler-id:gecko-level-3", "--have-file",
                   kData + "saved-on-windows.txt",
                   R"({"AllOf": ["queue:scheduler-id:gecko-level-3", "queue:create-task:highest:gecko-3/b-linux-gcp",
                      "queue:route:index.gecko.v2.mozilla-central.latest.firefox.linux64-opt",
                      "assume:repo:github.com/mozilla/gecko-dev:branch:main"]})"});
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  r = run_tcguard({"scopes", "satisfies", "--have-file", kData + "saved-on-windows.txt",
                   "queue:route:index.gecko.v2.mozilla-central.latest."});
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;

  r = run_tcguard({"scopes", "satisfies", "--have-file", kData + "pasted-non-ascii-hyphen.txt", "queue:route:x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("pasted-non-ascii-hyphen.txt:3:35: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("non-ASCII"), std::string::npos) << r.err;
  // The bad held line is reported even when the expression is bad too.
  r = run_tcguard({"scopes", "satisfies", "--have-file", kData + "pasted-non-ascii-hyphen.txt", R"({"AllOf": 3})"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("pasted-non-ascii-hyphen.txt:3:35: "), std::string::npos) << r.err;
}

// A large held file, generated as a role expansion dumps it: the one scope that satisfies the
// expression is far down, every other alternative is missing.
TEST(CliScopes, LargeHaveFile) {
  test::TempDir dir;
  std::string held;
  for (int i = 0; i < 20000; ++i) {
    held += "queue:create-task:highest:proj-" + std::to_string(i) + "/b-linux-" + std::to_string(i % 40) + "\n";
    if (i % 7 == 0) held += "secrets:get:project/releng/proj-" + std::to_string(i) + "/*\n";
    if (i == 15000) held += "assume:repo:github.com/mozilla-releng/*\n";
  }
  const auto file = dir.write("held.txt", held);
  std::string expr = R"({"AnyOf": [)";
  for (int i = 0; i < 300; ++i) expr += "\"queue:create-task:highest:proj-x" + std::to_string(i) + "/b-linux-0\", ";
  expr += R"("assume:repo:github.com/mozilla-releng/scriptworker:branch:main", "secrets:get:project/releng/proj-14/token"]})";
  auto r = run_tcguard({"--format", "json", "scopes", "satisfies", "--have-file", file, expr});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Json::parse(r.out)["satisfying"],
            Json::parse(R"(["assume:repo:github.com/mozilla-releng/scriptworker:branch:main", "secrets:get:project/releng/proj-14/token"])"));
  r = run_tcguard({"scopes", "satisfies", "--have-file", file, "secrets:get:project/releng/proj-15/token"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(run_tcguard({"scopes", "satisfies", "--have-file", file, "queue:create-task:highest:proj-19999/b-linux-39"}).exit_code, 0);
}

TEST(CliScopes, InvalidInputIsExit2WithAClearMessage) {
  auto r = run_tcguard({"scopes", "satisfies", "--have", "a\nb", "x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--have 'a\\nb'"), std::string::npos) << r.err;
  r = run_tcguard({"scopes", "satisfies", "--have", "a", R"({"AllOf": ["a"], "AnyOf": []})"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("column 16"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("exactly one key"), std::string::npos) << r.err;
  EXPECT_EQ(run_tcguard({"scopes", "normalize", "ok", "tab\there"}).exit_code, 2);
  EXPECT_EQ(run_tcguard({"scopes", "intersect", "--left", "a", "--right", "\x7f"}).exit_code, 2);
  EXPECT_EQ(run_tcguard({"scopes", "satisfies", "--have", "a"}).exit_code, 2);  // EXPR missing
}

TEST(CliScopes, NormalizeAndIntersect) {
  auto r = run_tcguard({"scopes", "normalize", "b", "a", "a*", "ab", ""});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "\na*\nb\n");
  r = run_tcguard({"scopes", "normalize", "--format", "json", "x:*", "x:a", "y"});
  EXPECT_EQ(Json::parse(r.out), Json::parse(R"(["x:*", "y"])"));
  r = run_tcguard({"scopes", "intersect", "--left", "a*", "--left", "q", "--right", "ab*", "--right", "q", "--right", "z"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "ab*\nq\n");
  r = run_tcguard({"--format", "json", "scopes", "intersect", "--left", "a"});
  EXPECT_EQ(Json::parse(r.out), Json::array());
}

TEST(CliScopes, Expand) {
  test::TempDir dir;
  const auto roles = dir.write("roles.yaml",
                               "- roleId: project-admin:*\n  scopes: ['secrets:get:project/<..>/*', 'assume:team']\n"
                               "- roleId: team\n  scopes: [hooks:x]\n");
  auto r = run_tcguard({"scopes", "expand", "--roles", roles, "assume:project-admin:zap"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "assume:project-admin:zap\nassume:team\nhooks:x\nsecrets:get:project/zap/*\n");
  r = run_tcguard({"--format", "json", "scopes", "expand", "--roles", roles, "assume:team"});
  EXPECT_EQ(Json::parse(r.out), Json::parse(R"(["assume:team", "hooks:x"])"));

  const auto broken = dir.write("broken.yaml", "- roleId: a\n  scopes: [x]\n- roleid: b\n");
  r = run_tcguard({"scopes", "expand", "--roles", broken, "assume:a"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("broken.yaml:3:3:"), std::string::npos) << r.err;

  const auto cycle = dir.write("cycle.json", R"([{"roleId": "a", "scopes": ["assume:b"]}, {"roleId": "b", "scopes": ["assume:a"]}])");
  r = run_tcguard({"scopes", "expand", "--roles", cycle, "x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("'assume:a' -> 'assume:b' -> 'assume:a'"), std::string::npos) << r.err;

  // --online with no cluster to ask (no root URL in the environment or the CLI's config file).
  tcg::test::RunOptions no_cluster;
  no_cluster.clean_env = true;
  no_cluster.env_set = {{"HOME", dir.path()}, {"XDG_CONFIG_HOME", dir.path() + "/config"}};
  r = run_tcguard({"scopes", "expand", "--online", "assume:a"}, no_cluster);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--online needs TASKCLUSTER_ROOT_URL"), std::string::npos) << r.err;
  EXPECT_EQ(run_tcguard({"scopes", "expand", "assume:a"}).exit_code, 2);
}

TEST(CliScopes, HelpHasExamples) {
  for (const char* sub : {"satisfies", "normalize", "intersect", "expand"}) {
    auto r = run_tcguard({"scopes", sub, "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Example"), std::string::npos) << sub;
  }
}

}  // namespace
}  // namespace tcg
