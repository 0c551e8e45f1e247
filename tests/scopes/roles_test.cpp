#include <gtest/gtest.h>

#include <support/cli_runner.h>

#include "scopes/scopes.h"

namespace tcg::scopes {
namespace {

using Scopes = std::vector<std::string>;

Scopes expand_ok(const std::vector<Role>& roles, const Scopes& scopes) {
  auto r = expand(roles, scopes);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().str());
  return r.ok() ? *r : Scopes{"<error>"};
}

TEST(ParseRoles, YamlAndJson) {
  auto yaml = parse_roles("- roleId: repo:github.com/org/*\n  scopes: ['queue:x', 'secrets:get:<..>']\n- roleId: a\n  scopes: []\n",
                          "roles.yaml");
  ASSERT_TRUE(yaml.ok()) << yaml.error().str();
  ASSERT_EQ(yaml->size(), 2u);
  EXPECT_EQ((*yaml)[0].role_id, "repo:github.com/org/*");
  EXPECT_EQ((*yaml)[0].scopes, (Scopes{"queue:x", "secrets:get:<..>"}));
  auto json = parse_roles(R"([{"roleId": "x", "scopes": ["*"], "description": "d", "expandedScopes": ["*"]}])", "r.json");
  ASSERT_TRUE(json.ok()) << json.error().str();
  EXPECT_EQ((*json)[0].scopes, Scopes{"*"});
  auto wrapped = parse_roles(R"({"roles": [{"roleId": "x", "scopes": []}], "continuationToken": null})", "r.json");
  ASSERT_TRUE(wrapped.ok()) << wrapped.error().str();
  EXPECT_EQ(wrapped->size(), 1u);
}

TEST(ParseRoles, ErrorsNameFileLineColumn) {
  auto e = parse_roles("- roleId: a\n  scopes: [x]\n- roleId: b\n  scope: [y]\n", "roles.yaml");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().str().substr(0, 15), "roles.yaml:4:3:") << e.error().str();
  EXPECT_NE(e.error().message.find("did you mean \"scopes\""), std::string::npos);

  e = parse_roles("- roleId: a\n  scopes: \"x\"\n", "r.yaml");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().where.line, 2);
  EXPECT_EQ(e.error().where.column, 11);

  e = parse_roles("- roleId: a\n  scopes: [\"a\\nb\"]\n", "r.yaml");
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("printable ASCII"), std::string::npos);

  e = parse_roles("- roleId: a\n  scopes: [x\n", "r.yaml");
  ASSERT_FALSE(e.ok());
  EXPECT_TRUE(e.error().where.has_position());

  e = parse_roles("- roleId: a\n  scopes: []\n- roleId: a\n  scopes: []\n", "r.yaml");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().where.line, 3);

  e = parse_roles("roleId: a\n", "r.yaml");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().where.line, 1);
}

TEST(LoadRolesFile, ReadsAndReportsMissing) {
  tcg::test::TempDir dir;
  const auto path = dir.write("roles.yaml", "- {roleId: a, scopes: [b]}\n");
  auto ok = load_roles_file(path);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)[0].scopes, Scopes{"b"});
  auto missing = load_roles_file(dir.path() + "/nope.yaml");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().str().find("nope.yaml"), std::string::npos);
}

TEST(Expand, RecursiveToFixedPoint) {
  const std::vector<Role> roles{{"a", {"assume:b", "x"}}, {"b", {"assume:c", "y"}}, {"c", {"z"}}, {"d", {"w"}}};
  EXPECT_EQ(expand_ok(roles, {"assume:a"}), (Scopes{"assume:a", "assume:b", "assume:c", "x", "y", "z"}));
  EXPECT_EQ(expand_ok(roles, {"q"}), Scopes{"q"});
  // assume:anonymous is a client-side addition, not part of expand.
  EXPECT_EQ(expand_ok({{"anonymous", {"anon"}}}, {}), Scopes{});
}

TEST(Expand, StarRolesAndAssumeStars) {
  const std::vector<Role> roles{{"repo:github.com/*", {"r"}}, {"a", {"ra"}}, {"ab", {"rab"}}, {"b", {"rb"}}, {"a*", {"astar"}}};
  EXPECT_EQ(expand_ok(roles, {"assume:repo:github.com/foo"}), (Scopes{"assume:repo:github.com/foo", "r"}));
  EXPECT_EQ(expand_ok(roles, {"assume:repo:github.com/"}), (Scopes{"assume:repo:github.com/", "r"}));
  EXPECT_EQ(expand_ok(roles, {"assume:repo:github.co"}), Scopes{"assume:repo:github.co"});
  EXPECT_EQ(expand_ok(roles, {"assume:a*"}), (Scopes{"assume:a*", "astar", "ra", "rab"}));
  EXPECT_EQ(expand_ok(roles, {"assume:ab"}), (Scopes{"assume:ab", "astar", "rab"}));
  for (const std::string all : {"*", "a*", "as*", "assume*", "assume:*"}) {
    const ScopeSet got(expand_ok(roles, {all}));
    for (const std::string granted : {"r", "ra", "rab", "rb", "astar"}) EXPECT_TRUE(got.satisfies(granted)) << all << " " << granted;
    EXPECT_FALSE(all != "*" && got.satisfies("zzz")) << all;
  }
  EXPECT_EQ(expand_ok(roles, {"assumex*"}), Scopes{"assumex*"});
  EXPECT_EQ(expand_ok(roles, {"b*"}), Scopes{"b*"});  // not an assume form
}

TEST(Expand, ParameterizedRoles) {
  const std::vector<Role> roles{{"project-admin:*", {"secrets:get:project/<..>/*", "hooks:<..>:x"}}};
  EXPECT_EQ(expand_ok(roles, {"assume:project-admin:zap"}),
            (Scopes{"assume:project-admin:zap", "hooks:zap:x", "secrets:get:project/zap/*"}));
  EXPECT_EQ(expand_ok(roles, {"assume:project-admin:ops*"}),
            (Scopes{"assume:project-admin:ops*", "hooks:ops*", "secrets:get:project/ops*"}));
  EXPECT_EQ(expand_ok(roles, {"assume:project-admin:"}),
            (Scopes{"assume:project-admin:", "hooks::x", "secrets:get:project//*"}));
  // The held star covers the role prefix: the parameter is `*`.
  EXPECT_EQ(expand_ok(roles, {"assume:project*"}), (Scopes{"assume:project*", "hooks:*", "secrets:get:project/*"}));
  // `<..>` in a role that is not a star role is literal.
  EXPECT_EQ(expand_ok({{"lit", {"x:<..>"}}}, {"assume:lit"}), (Scopes{"assume:lit", "x:<..>"}));
}

TEST(Expand, ParameterChainsThroughRoles) {
  const std::vector<Role> roles{{"proj:*", {"assume:team:<..>-admins"}}, {"team:*", {"t:<..>"}}};
  EXPECT_EQ(expand_ok(roles, {"assume:proj:zz"}), (Scopes{"assume:proj:zz", "assume:team:zz-admins", "t:zz-admins"}));
}

TEST(Expand, BadParameterizedScopes) {
  auto e = expand({{"p*", {"a<..>b<..>"}}}, {"assume:px"});
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("more than one '<..>'"), std::string::npos);
  e = expand({{"p*", {"a*<..>"}}}, {});
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("'*<..>'"), std::string::npos);
  EXPECT_TRUE(expand({{"p*", {"a*<..>b"}}}, {}).ok());
}

TEST(Expand, CyclesAreErrorsNamingTheRoles) {
  auto e = expand({{"a", {"assume:b"}}, {"b", {"assume:c"}}, {"c", {"assume:a"}}, {"d", {}}}, {"x"});
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("'assume:a' -> 'assume:b' -> 'assume:c' -> 'assume:a'"), std::string::npos)
      << e.error().message;
  // Pessimistic: a star role whose parameter could reach itself.
  e = expand({{"a*", {"assume:a<..>x"}}}, {});
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("'assume:a*' -> 'assume:a*'"), std::string::npos) << e.error().message;
  // A role granting `*` depends on every role, itself included.
  EXPECT_FALSE(expand({{"admin", {"*"}}}, {}).ok());
}

}  // namespace
}  // namespace tcg::scopes
