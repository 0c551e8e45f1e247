// Policy exceptions in `tcguard lint` (issue 17 point 3), through the binary, on the fixture
// repository tests/lint/fixtures/exceptions_repo: `path:` globs are relative to the folder of the
// policy file that declares them, and --report-unused-exceptions notes the ones a run never used.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

using nlohmann::json;

const std::string kRepo = source_path("tests/lint/fixtures/exceptions_repo");

RunOptions in(const std::string& cwd) {
  RunOptions o;
  o.cwd = cwd;
  o.env_unset = {"TCGUARD_POLICY", "TASKCLUSTER_ROOT_URL", "NO_COLOR"};
  o.env_set["XDG_CONFIG_HOME"] = "/nonexistent-tcguard-test";
  return o;
}

json lint_json(std::vector<std::string> args, const RunOptions& o, int* exit_code = nullptr) {
  args.insert(args.begin(), {"--format", "json"});
  RunResult r = run_tcguard(args, o);
  if (exit_code) *exit_code = r.exit_code;
  auto j = json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
  return j.is_discarded() ? json::object({{"findings", json::array()}}) : j;
}

// The findings of `rule`, reported or folded into the finding of the same cause (with its place).
std::vector<json> with_rule(const json& report, const std::string& rule) {
  std::vector<json> out;
  for (const auto& f : report["findings"]) {
    if (f["rule"] == rule) out.push_back(f);
    for (const auto& r : f.value("related", json::array()))
      if (r["rule"] == rule) out.push_back(r);
  }
  return out;
}

// The wildcard-scope-expiry finding of relduty.sh is accepted by `path: dotfiles/relduty.sh`;
// other.sh's is not covered by it, so exactly one remains, whichever folder lint starts in.
void expect_relduty_accepted(const json& j, const std::string& where) {
  auto wildcard = with_rule(j, "wildcard-scope-expiry");
  ASSERT_EQ(wildcard.size(), 1u) << where << "\n" << j.dump(1);
  EXPECT_NE(wildcard[0]["file"].get<std::string>().find("other.sh"), std::string::npos) << where;
}

TEST(LintExceptions, PathIsRelativeToThePolicyFileNotTheCurrentFolder) {
  // The project file found by lookup, from the repository's root and from inside dotfiles/.
  expect_relduty_accepted(lint_json({"lint", "dotfiles"}, in(kRepo)), "from the repository");
  expect_relduty_accepted(lint_json({"lint", "relduty.sh", "other.sh"}, in(kRepo + "/dotfiles")), "from dotfiles/");
  // The same file given with --policy from the folder above: still relative to its own folder.
  json above = lint_json({"--policy", "exceptions_repo/.tcguard.yaml", "lint", "exceptions_repo/dotfiles"},
                         in(source_path("tests/lint/fixtures")));
  expect_relduty_accepted(above, "from the parent folder");
  // A path the file does not cover stays reported: the glob is not matched anywhere below cwd.
  EXPECT_EQ(with_rule(above, "long-lived-credential").size(), 2u) << above.dump(1);  // relduty, nodefault
}

TEST(LintExceptions, ReportUnusedExceptionsNotesOnlyWhatNoFileOfTheRunUsed) {
  int code = -1;
  json j = lint_json({"lint", "--fail-on", "note", "--report-unused-exceptions", "dotfiles"}, in(kRepo), &code);
  EXPECT_EQ(code, 1);
  auto unused = with_rule(j, "unused-exception");
  // Exceptions 1 and 2 are each used by one file only; 4 has lapsed but still matches
  // (expired-exception); 3 matches nothing.
  ASSERT_EQ(unused.size(), 1u) << j.dump(1);
  EXPECT_EQ(unused[0]["severity"], "note");
  EXPECT_EQ(unused[0]["file"], ".tcguard.yaml");
  EXPECT_EQ(unused[0]["line"], 13);
  EXPECT_EQ(unused[0]["column"], 5);
  EXPECT_NE(unused[0]["message"].get<std::string>().find("`root-scope-expiry` on path `old/*.sh`"), std::string::npos)
      << unused[0].dump();
  EXPECT_EQ(with_rule(j, "expired-exception").size(), 1u) << j.dump(1);
  // The run's own extra findings come last: the lapsed exception, then the unused one.
  ASSERT_GE(j["findings"].size(), 2u);
  EXPECT_EQ(j["findings"][j["findings"].size() - 1]["rule"], "unused-exception");
  EXPECT_EQ(j["findings"][j["findings"].size() - 2]["rule"], "expired-exception");

  // One file alone leaves the other file's exception unused too.
  json one = lint_json({"lint", "--report-unused-exceptions", "dotfiles/relduty.sh"}, in(kRepo));
  EXPECT_EQ(with_rule(one, "unused-exception").size(), 3u) << one.dump(1);
  // Without the flag, nothing about unused exceptions; the text form prints the note at its line.
  EXPECT_TRUE(with_rule(lint_json({"lint", "dotfiles"}, in(kRepo)), "unused-exception").empty());
  RunResult text = run_tcguard({"lint", "--report-unused-exceptions", "dotfiles"}, in(kRepo));
  EXPECT_NE(text.out.find(".tcguard.yaml:13:5: note: the exception for `root-scope-expiry` on path `old/*.sh` matched no "
                          "finding in this run [unused-exception]"),
            std::string::npos)
      << text.out;
}

}  // namespace
}  // namespace tcg::test
