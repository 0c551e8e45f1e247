// `tcguard review --roles FILE`: the request is judged for what its `assume:` scopes grant.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

RunOptions isolated(const TempDir& dir) {
  RunOptions o;
  o.clean_env = true;
  o.env_set = {{"HOME", dir.path()}, {"XDG_CONFIG_HOME", dir.path() + "/config"}};
  o.cwd = dir.path();
  return o;
}

// A role that grants a whole service. (A role granting `*` would also grant `assume:` itself, which
// the scope engine reports as a role cycle, as the auth service judges cycles pessimistically.)
const char* kRoles =
    "- roleId: mozilla-group:releng\n  scopes: ['queue:*']\n"
    "- roleId: project:releng:ops\n  scopes: ['queue:cancel-task:gecko-level-3/*']\n"
    "- roleId: repo:github.com/mozilla/*\n  scopes: ['assume:mozilla-group:releng']\n";

TEST(ReviewExpand, ARoleHoldingAWholeServiceForADayIsCaughtAndNamed) {
  TempDir dir;
  auto roles = dir.write("roles.yaml", kRoles);
  auto r = run_tcguard({"review", "--cluster", "firefoxci", "--expires", "1d", "-s", "assume:mozilla-group:releng",
                        "--roles", roles},
                       isolated(dir));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("[service-wildcard-expiry]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("through role expansion of `assume:mozilla-group:releng`: requests `queue:*` for 1d"),
            std::string::npos)
      << r.out;
  // Unexpanded, the same request is only long-lived.
  auto plain = run_tcguard({"review", "--cluster", "firefoxci", "--expires", "1d", "-s", "assume:mozilla-group:releng"},
                           isolated(dir));
  EXPECT_EQ(plain.exit_code, 0) << plain.out;
  EXPECT_EQ(plain.out.find("service-wildcard-expiry"), std::string::npos) << plain.out;
}

TEST(ReviewExpand, OnlyTheScopeThatPullsTheRoleIsNamedAndChainsAreFollowed) {
  TempDir dir;
  auto roles = dir.write("roles.json",
                         nlohmann::json::array({{{"roleId", "mozilla-group:releng"}, {"scopes", {"queue:*"}}},
                                                {{"roleId", "project:releng:ops"}, {"scopes", {"queue:cancel-task:x"}}},
                                                {{"roleId", "repo:github.com/mozilla/*"},
                                                 {"scopes", {"assume:mozilla-group:releng"}}}})
                             .dump());
  auto r = run_tcguard({"--format", "json", "review", "--cluster", "firefoxci", "--expires", "2h", "-s",
                        "assume:project:releng:ops", "-s", "assume:repo:github.com/mozilla/gecko", "--roles", roles},
                       isolated(dir));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  std::string root_message;
  for (const auto& f : j["findings"])
    if (f["rule"] == "service-wildcard-expiry") root_message = f["message"];
  EXPECT_NE(root_message.find("`assume:repo:github.com/mozilla/gecko`"), std::string::npos) << root_message;
  EXPECT_EQ(root_message.find("assume:project:releng:ops"), std::string::npos) << root_message;
  auto expanded = j["requests"][0]["expanded_scopes"];
  EXPECT_NE(std::find(expanded.begin(), expanded.end(), "queue:*"), expanded.end()) << expanded;
  EXPECT_EQ(std::find(expanded.begin(), expanded.end(), "queue:cancel-task:x"), expanded.end()) << expanded;
  EXPECT_EQ(j["requests"][0]["scopes"].size(), 2u);  // the request as written
}

TEST(ReviewExpand, ARoleWithNarrowScopesAddsNothing) {
  TempDir dir;
  auto roles = dir.write("roles.yaml", kRoles);
  auto r = run_tcguard({"review", "--cluster", "firefoxci", "--expires", "15m", "-s", "assume:project:releng:ops",
                        "--roles", roles},
                       isolated(dir));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("queue:cancel-task:gecko-level-3/*"), std::string::npos) << r.out;  // the expansion is shown
}

TEST(ReviewExpand, ABadRolesFileIsAUsageError) {
  TempDir dir;
  auto bad = dir.write("roles.yaml", "- roleId: [\n");
  auto r = run_tcguard({"review", "--cluster", "firefoxci", "-s", "assume:x", "--roles", bad}, isolated(dir));
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("roles.yaml"), std::string::npos) << r.err;
  auto missing = run_tcguard({"review", "--cluster", "firefoxci", "-s", "assume:x", "--roles", dir.path() + "/none"},
                             isolated(dir));
  EXPECT_EQ(missing.exit_code, 2);
}

TEST(ReviewExpand, OnlineExpansionNeedsACluster) {
  TempDir dir;
  auto r = run_tcguard({"review", "--expand", "-s", "assume:x"}, isolated(dir));
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("--cluster or --root-url"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tcg::test
