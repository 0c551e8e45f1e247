// suppression-invalid through the binary (issue 17 point 5): a suppression with a misspelt rule id
// or without `=` is reported (with the nearest id) and silences nothing; ids the policy defines
// and `all` are valid.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

using nlohmann::json;

json lint(const TempDir& dir, const std::string& text) {
  std::string file = dir.write("rc.sh", text);
  RunOptions o;
  o.cwd = dir.path();
  o.env_unset = {"TCGUARD_POLICY", "TASKCLUSTER_ROOT_URL"};
  o.env_set = {{"XDG_CONFIG_HOME", dir.path() + "/config"}};
  RunResult r = run_tcguard({"--format", "json", "lint", file}, o);
  return json::parse(r.out);
}

std::vector<json> with(const json& j, const std::string& rule) {
  std::vector<json> out;
  for (const auto& f : j["findings"])
    if (f["rule"] == rule) out.push_back(f);
  return out;
}

const std::string kRootHour = "tc-root() { eval \"$(taskcluster signin --expires 1h)\"; }\n";

TEST(SuppressionInvalid, AMisspeltIdIsReportedAndSilencesNothing) {
  TempDir dir;
  json j = lint(dir, "# tcguard: disable=root-scope-expiri -- break-glass\n" + kRootHour);
  auto invalid = with(j, "suppression-invalid");
  ASSERT_EQ(invalid.size(), 1u) << j.dump(1);
  EXPECT_EQ(invalid[0]["line"], 1);
  EXPECT_EQ(invalid[0]["severity"], "warning");
  EXPECT_NE(invalid[0]["message"].get<std::string>().find("did you mean `root-scope-expiry`?"), std::string::npos);
  EXPECT_EQ(with(j, "root-scope-expiry").size(), 1u) << "still reported";
}

TEST(SuppressionInvalid, ADirectiveWithoutEqualsIsReported) {
  TempDir dir;
  json j = lint(dir, "# tcguard: disable root-scope-expiry -- break-glass\n" + kRootHour);
  auto invalid = with(j, "suppression-invalid");
  ASSERT_EQ(invalid.size(), 1u) << j.dump(1);
  EXPECT_NE(invalid[0]["message"].get<std::string>().find("`# tcguard: disable root-scope-expiry`"), std::string::npos);
  EXPECT_EQ(with(j, "root-scope-expiry").size(), 1u);
  EXPECT_TRUE(with(j, "suppression-without-reason").empty()) << "one finding for one comment";
}

TEST(SuppressionInvalid, PolicyIdsAndAllAreValid) {
  TempDir dir;
  dir.write(".tcguard.yaml", "version: 1\nrules:\n  - id: team-no-queue-star\n    when: {grants: 'queue:*'}\n"
                             "    deny: true\n");
  json j = lint(dir, "# tcguard: disable=team-no-queue-star,root-scope-expiry -- reviewed\n" + kRootHour +
                         "# tcguard: disable=all -- generated\necho hi\n");
  EXPECT_TRUE(with(j, "suppression-invalid").empty()) << j.dump(1);
  EXPECT_TRUE(with(j, "root-scope-expiry").empty()) << j.dump(1);
}

}  // namespace
}  // namespace tcg::test
