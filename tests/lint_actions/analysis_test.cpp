// What the evaluator records for lint's actions (shell::Analysis::cli_calls, credential_files):
// the words as resolved, the runner's input as unknown words, the root URL known at that point.
#include <gtest/gtest.h>

#include "shell/analysis.h"

namespace tcg::shell {
namespace {

std::vector<std::string> unknown_marked(const CliCall& c) {
  std::vector<std::string> out;
  for (size_t i = 0; i < c.args.size(); ++i) out.push_back(c.known[i] ? c.args[i] : "?" + c.args[i]);
  return out;
}

TEST(ActionAnalysis, XargsOptionsAndInput) {
  Analysis a = analyze(
      "xargs -n 1 -P 4 taskcluster task rerun\n"
      "xargs -rn1 -d '\\n' -- taskcluster task rerun -f\n"
      "xargs -I % taskcluster task rerun --force %\n"
      "xargs -i taskcluster task cancel {}\n"
      "xargs --arg-file ids.txt --max-procs=4 taskcluster group cancel\n",
      "x.sh");
  ASSERT_EQ(a.cli_calls.size(), 5u);
  using V = std::vector<std::string>;
  EXPECT_EQ(unknown_marked(a.cli_calls[0]), (V{"task", "rerun", "?<xargs input>"}));
  EXPECT_EQ(unknown_marked(a.cli_calls[1]), (V{"task", "rerun", "-f", "?<xargs input>"}));
  EXPECT_EQ(unknown_marked(a.cli_calls[2]), (V{"task", "rerun", "--force", "?%"}));
  EXPECT_EQ(unknown_marked(a.cli_calls[3]), (V{"task", "cancel", "?{}"}));
  EXPECT_EQ(unknown_marked(a.cli_calls[4]), (V{"group", "cancel", "?<xargs input>"}));
  for (const auto& c : a.cli_calls) EXPECT_EQ(c.via, "xargs");
  EXPECT_EQ(a.cli_calls[0].where.line, 1);
  EXPECT_EQ(a.cli_calls[0].where.column, 17);
}

TEST(ActionAnalysis, ParallelForms) {
  Analysis a = analyze(
      "parallel -j 4 --halt now,fail=1 taskcluster task rerun {} ::: a b\n"
      "parallel 'taskcluster task retrigger {}' < ids\n"
      "parallel --jobs 2 taskcluster task cancel\n",
      "p.sh");
  ASSERT_EQ(a.cli_calls.size(), 3u);
  using V = std::vector<std::string>;
  EXPECT_EQ(unknown_marked(a.cli_calls[0]), (V{"task", "rerun", "?{}"}));
  EXPECT_EQ(unknown_marked(a.cli_calls[1]), (V{"task", "retrigger", "?{}"}));
  EXPECT_EQ(unknown_marked(a.cli_calls[2]), (V{"task", "cancel", "?<parallel input>"}));
}

TEST(ActionAnalysis, LoopsKnownAndUnknownRootUrlAndConfirm) {
  Analysis a = analyze(
      "for t in abc def; do taskcluster task rerun \"$t\"; done\n"
      "export TASKCLUSTER_ROOT_URL=https://tc.example.com\n"
      "export TCGUARD_CONFIRM=tc.example.com\n"
      "taskcluster task cancel X\n"
      "tcguard run --confirm \"$CLUSTER\" -- taskcluster task cancel Y\n",
      "l.sh");
  ASSERT_EQ(a.cli_calls.size(), 4u);
  EXPECT_EQ(a.cli_calls[0].args.back(), "abc");
  EXPECT_EQ(a.cli_calls[1].args.back(), "def");
  EXPECT_FALSE(a.cli_calls[0].root_url_known);
  EXPECT_EQ(a.cli_calls[0].root_url_piece, "TASKCLUSTER_ROOT_URL from the environment");
  EXPECT_FALSE(a.cli_calls[0].confirm_given);
  EXPECT_EQ(a.cli_calls[2].root_url, "https://tc.example.com");
  EXPECT_TRUE(a.cli_calls[2].confirm_given);
  EXPECT_EQ(a.cli_calls[2].confirm, "tc.example.com");
  EXPECT_TRUE(a.cli_calls[3].confirm_given);  // a name computed by the script: run checks it
  EXPECT_FALSE(a.cli_calls[3].confirm.has_value());
  EXPECT_EQ(a.cli_calls[3].via, "tcguard run");
}

TEST(ActionAnalysis, CredentialFilesRemovalsAndSources) {
  Analysis a = analyze(
      "f=\"$TMPDIR/creds\"\n"
      "trap 'rm -f \"$f\"' EXIT\n"
      "taskcluster signin > \"$f\"\n"
      ". \"$f\"\n"
      "taskcluster signin 2>/dev/null | tee -a out.env\n",
      "c.sh");
  ASSERT_EQ(a.credential_files.size(), 2u);
  EXPECT_EQ(a.credential_files[0].target, "$TMPDIR/creds");
  EXPECT_FALSE(a.credential_files[0].known);
  EXPECT_EQ(a.credential_files[0].where.line, 3);
  EXPECT_EQ(a.credential_files[1].target, "out.env");
  EXPECT_TRUE(a.credential_files[1].known);
  EXPECT_EQ(a.signins[1].consumption, Consumption::Redirected);
  ASSERT_EQ(a.removed_files.size(), 1u);
  EXPECT_EQ(a.removed_files[0].trap, a.last_exit_trap);
  EXPECT_GT(a.removed_files[0].trap, 0);
  EXPECT_EQ(a.removed_files[0].target, "$TMPDIR/creds");
  ASSERT_EQ(a.sourced_files.size(), 1u);
  EXPECT_EQ(a.sourced_files[0].where.line, 4);
}

}  // namespace
}  // namespace tcg::shell
