// The GitHub Action (action.yml) without GitHub: its shell steps are scripts/action-lint.sh, run
// here as the runner would run them (inputs in the environment), on a fixture folder with docs.
// The build step (install-deps.sh + cmake + ninja) is what scripts/test.sh does; it is not rerun.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

using nlohmann::json;

RunResult action_lint(const TempDir& dir, const std::map<std::string, std::string>& inputs) {
  RunOptions o;
  o.cwd = TCGUARD_SOURCE_DIR "/tests/lint_docs/fixtures";
  o.env_unset = {"TCGUARD_POLICY", "TASKCLUSTER_ROOT_URL", "NO_COLOR"};
  o.env_set = {{"XDG_CONFIG_HOME", dir.path() + "/config"}, {"TCGUARD_BIN", tcguard_binary()},
               {"TCGUARD_SARIF", dir.path() + "/out.sarif"}};
  for (const auto& [k, v] : inputs) o.env_set[k] = v;
  return run({"bash", source_path("scripts/action-lint.sh"), "lint"}, o);
}

TEST(Action, LintStepWritesSarifOfDocsAndDotenvAndExitsWithLintsCode) {
  TempDir dir;
  RunResult r = action_lint(dir, {{"TCGUARD_PATHS", "docs\nrepo/docker/env\n"}});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // findings at error level: the job fails, after the upload
  EXPECT_NE(r.err.find("wrote " + dir.path() + "/out.sarif (lint exit 1)"), std::string::npos) << r.err;
  json sarif = json::parse(read_file(dir.path() + "/out.sarif"));
  EXPECT_EQ(sarif["version"], "2.1.0");
  std::set<std::string> where;
  for (const auto& res : sarif["runs"][0]["results"]) {
    const auto& loc = res["locations"][0]["physicalLocation"];
    where.insert(loc["artifactLocation"]["uri"].get<std::string>() + ":" +
                 std::to_string(loc["region"]["startLine"].get<int>()) + " " + res["ruleId"].get<std::string>());
  }
  EXPECT_TRUE(where.count("docs/releng/aliases.md:15 wildcard-scope-expiry")) << sarif.dump(1);
  EXPECT_TRUE(where.count("repo/docker/env/dev.env:4 hardcoded-access-token")) << sarif.dump(1);
  EXPECT_EQ(sarif.dump().find("Rt5wQ9"), std::string::npos) << "the token never reaches the SARIF file";
}

TEST(Action, InputsFailOnPolicyAndDefaults) {
  TempDir dir;
  // docs/services has no finding under the default policy; the team's policy (the `policy` input)
  // warns about purge-cache scopes, which cli.rst:23 asks for.
  std::string policy = dir.write("team.yaml",
                                 "version: 1\nrules:\n  - id: no-cache-purges\n    severity: warning\n"
                                 "    when: {scope_in: [\"purge-cache:*\"]}\n    deny: true\n");
  RunResult plain = action_lint(dir, {{"TCGUARD_PATHS", "docs/services"}});
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(json::parse(read_file(dir.path() + "/out.sarif"))["runs"][0]["results"], json::array());
  RunResult warned = action_lint(dir, {{"TCGUARD_PATHS", "docs/services"}, {"TCGUARD_POLICY", policy}});
  EXPECT_EQ(warned.exit_code, 0) << warned.err;  // fail-on error (the default): a warning passes
  json sarif = json::parse(read_file(dir.path() + "/out.sarif"));
  ASSERT_EQ(sarif["runs"][0]["results"].size(), 1u) << sarif.dump(1);
  EXPECT_EQ(sarif["runs"][0]["results"][0]["ruleId"], "no-cache-purges");
  EXPECT_EQ(sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"], 23);
  RunResult strict = action_lint(dir, {{"TCGUARD_PATHS", "docs/services"}, {"TCGUARD_POLICY", "\n" + policy + "\n"},
                                       {"TCGUARD_FAIL_ON", "warning"}});
  EXPECT_EQ(strict.exit_code, 1) << strict.err;
  RunResult bad = action_lint(dir, {{"TCGUARD_FAIL_ON", "sometimes"}});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("fail-on must be error, warning or note"), std::string::npos) << bad.err;
  RunResult missing = action_lint(dir, {{"TCGUARD_PATHS", "no/such/folder\ndocs/services"}});
  EXPECT_EQ(missing.exit_code, 2) << missing.err;
  json partial = json::parse(read_file(dir.path() + "/out.sarif"));  // still a complete report
  EXPECT_EQ(partial["runs"][0]["invocations"][0]["executionSuccessful"], false) << partial.dump(1);
  RunResult no_bin = action_lint(dir, {{"TCGUARD_BIN", dir.path() + "/nothing"}});
  EXPECT_EQ(no_bin.exit_code, 2);
  EXPECT_NE(no_bin.err.find("run the build step first"), std::string::npos) << no_bin.err;
}

TEST(Action, ActionYmlRunsTheScriptAndUploadsTheSarifFile) {
  YAML::Node action = YAML::LoadFile(source_path("action.yml"));
  EXPECT_EQ(action["runs"]["using"].as<std::string>(), "composite");
  for (const char* input : {"paths", "policy", "fail-on", "sarif"}) EXPECT_TRUE(action["inputs"][input]) << input;
  std::vector<std::string> runs;
  bool uploads = false;
  for (const auto& step : action["runs"]["steps"]) {
    if (step["run"]) runs.push_back(step["run"].as<std::string>());
    if (step["uses"] && step["uses"].as<std::string>().rfind("github/codeql-action/upload-sarif@", 0) == 0) {
      uploads = step["with"]["sarif_file"].as<std::string>() == "${{ inputs.sarif }}";
      EXPECT_NE(step["if"].as<std::string>().find("failure()"), std::string::npos) << "upload after findings too";
    }
  }
  EXPECT_TRUE(uploads);
  EXPECT_EQ(runs, (std::vector<std::string>{"bash \"$GITHUB_ACTION_PATH/scripts/action-lint.sh\" build",
                                            "bash \"$GITHUB_ACTION_PATH/scripts/action-lint.sh\" lint"}));
}

}  // namespace
}  // namespace tcg::test
