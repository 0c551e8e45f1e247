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
