// Hostile roles files through the binary (issue 11: one hardened YAML loader for every YAML
// input): a YAML bomb, nesting 10,000 deep and control characters each end in a located error
// (exit 2), never a crash or a hang; `scopes expand --roles` and `review --roles` alike.
#include <gtest/gtest.h>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

std::string bomb() {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'z'; ++c) {
    std::string prev(1, static_cast<char>(c - 1));
    text += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
  }
  return text + "roles:\n  - roleId: r\n    scopes: *z\n";
}

std::string deep_block() {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += std::string(static_cast<size_t>(i % 200), ' ') + "- \n";
  return text;
}

TEST(RolesHostile, EachEndsInALocatedError) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"bomb", bomb()},
      {"deep flow", std::string(10000, '[') + std::string(10000, ']') + "\n"},
      {"deep block", deep_block()},
      {"control", "- roleId: r\n  scopes: [\"queue:\x1b[2J\"]\n"},
      {"nul", std::string("- roleId: r\0\n  scopes: []\n", 27)},
      {"two documents", "- roleId: a\n  scopes: []\n---\n- roleId: b\n  scopes: []\n"},
  };
  for (const auto& [name, text] : cases) {
    SCOPED_TRACE(name);
    TempDir dir;
    std::string file = dir.write("roles.yaml", text);
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"scopes", "expand", "--roles", file, "assume:r"},
             {"review", "--roles", file, "--cluster", "firefoxci-staging", "-s", "assume:r", "--expires", "15m"}}) {
      RunResult r = run_tcguard(args);
      EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
      EXPECT_NE(r.err.find(file + ":"), std::string::npos) << r.err;
      EXPECT_EQ(r.err.find("\x1b"), std::string::npos) << "no raw escape reaches the terminal";
    }
  }
}

TEST(RolesHostile, AnOrdinaryRolesFileStillExpands) {
  TempDir dir;
  std::string file = dir.write("roles.yaml", "- roleId: r\n  scopes: [\"queue:rerun-task:*\"]\n");
  RunResult r = run_tcguard({"scopes", "expand", "--roles", file, "assume:r"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("queue:rerun-task:*"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace tcg::test
