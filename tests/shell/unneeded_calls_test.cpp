// The pre-pass that keeps the evaluator to what can matter (shell/unneeded_calls.h): which calls
// it skips, that skipping never changes what a sign-in requests (also where text assembled at run
// time reads what a skipped call set), and that it saves the budget of code that cannot matter.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "shell/analysis.h"
#include "shell/parser.h"
#include "shell/unneeded_calls.h"
#include "shell/walk.h"

namespace tcg::shell {
namespace {

// The names of the functions whose bodies the pre-pass finds unneeded.
std::set<std::string> unneeded_names(const std::string& text) {
  Script script = parse_script(text);
  UnneededCalls calls = unneeded_calls(script);
  std::set<std::string> out;
  for_each_command(script.root, [&](const Command& c) {
    if (c.kind == CommandKind::Function && !c.children.empty() && calls.bodies.count(&c.children[0]))
      out.insert(std::string(c.name));
  });
  return out;
}

// The scopes of every sign-in, with and without skipping; both must agree.
std::vector<std::vector<std::string>> scopes_both_ways(const std::string& text) {
  std::vector<std::vector<std::string>> seen[2];
  for (int follow = 0; follow < 2; ++follow) {
    Analysis a = analyze(text, "f.sh", Dialect::Bash, follow == 1);
    for (const auto& call : a.signins) seen[follow].push_back(call.parsed().request.scopes);
  }
  EXPECT_EQ(seen[0], seen[1]);
  return seen[0];
}

using Scopes = std::vector<std::vector<std::string>>;

TEST(UnneededCalls, AHelperWhoseVariablesGoNowhereIsUnneeded) {
  auto names = unneeded_names(
      "log() { local msg=\"$1\"; echo \"$(date) $msg\" >&2; }\n"
      "count() { n=$((n + 1)); seen=\"$seen $1\"; }\n"
      "log hello; count x\n"
      "taskcluster signin -s 'queue:rerun-task:*'\n");
  EXPECT_EQ(names, (std::set<std::string>{"count", "log"}));
}

TEST(UnneededCalls, AVariableThatReachesACommandMakesItsWriterNeeded) {
  auto names = unneeded_names(
      "pick() { SCOPES='*'; }\n"
      "pick\n"
      "taskcluster signin -s \"$SCOPES\"\n");
  EXPECT_TRUE(names.empty());
}

TEST(UnneededCalls, FlowsThroughAssignmentsOutputAndArgumentsCount) {
  // SCOPES reaches the sign-in through `s`, through what `show` prints and through `run`'s $1.
  auto names = unneeded_names(
      "pick() { SCOPES='*'; }\n"
      "show() { echo \"$SCOPES\"; }\n"
      "run() { taskcluster signin -s \"$1\"; }\n"
      "pick\n"
      "s=$(show)\n"
      "run \"$s\"\n");
  EXPECT_EQ(names.count("pick"), 0u);
}

TEST(UnneededCalls, ArgumentsOfAnUnknownProgramGoNowhere) {
  auto names = unneeded_names(
      "where() { dir=\"$HOME/.cache\"; }\n"
      "where\n"
      "mkdir -p \"$dir\"; [ -d \"$dir\" ] && ls \"$dir\"\n");
  EXPECT_EQ(names, (std::set<std::string>{"where"}));
}

TEST(UnneededCalls, ABodyThatRemovesOrReadsOrSetsOptionsIsNeeded) {
  for (const char* body : {"rm -f \"$f\"", "trap 'rm -f x' EXIT", "read -r line", "set -- a b", "shopt -s extglob",
                           "exit 1", "eval \"$x\"", "source ./x", "taskcluster task rerun X", "xargs echo"}) {
    SCOPED_TRACE(body);
    EXPECT_TRUE(unneeded_names(std::string("f() { ") + body + "; }\nf\n").empty());
  }
}

TEST(UnneededCalls, AVariableReadInLiteralTextThatEvalRunsMatters) {
  auto names = unneeded_names(
      "pick() { S='*'; }\n"
      "pick\n"
      "eval \"taskcluster signin -s \\$S\"\n");
  EXPECT_TRUE(names.empty());
}

TEST(UnneededCalls, SkippingChangesNoRequest) {
  EXPECT_EQ(scopes_both_ways("log() { msg=\"$1\"; }\n"
                             "pick() { SCOPES='queue:rerun-task:*'; }\n"
                             "log start; pick; log done\n"
                             "taskcluster signin -s \"$SCOPES\"\n"),
            Scopes{{"queue:rerun-task:*"}});
}

TEST(UnneededCalls, AReadThatOnlyTextBuiltAtRunTimeMakesIsStillFollowed) {
  // No scan sees `${S_ROOT}`: the eval'd text is assembled from `$v`. The skipped call's write is
  // read there, so the file is evaluated again following every call.
  EXPECT_EQ(scopes_both_ways("pick() { S_ROOT='*'; }\n"
                             "pick\n"
                             "v=S_ROOT\n"
                             "eval \"taskcluster signin -s \\\"\\${$v}\\\"\"\n"),
            Scopes{{"*"}});
}

TEST(UnneededCalls, AFunctionThatEvalDefinesLaterIsStillFollowed) {
  // `run` looks like an unknown program to the pre-pass (its arguments go nowhere); eval then
  // makes it a function that signs in with them.
  EXPECT_EQ(scopes_both_ways("pick() { S='*'; }\n"
                             "pick\n"
                             "eval 'run() { taskcluster signin -s \"$1\"; }'\n"
                             "run \"$S\"\n"),
            Scopes{{"*"}});
}

TEST(UnneededCalls, AnAliasThatReadsASkippedWriteIsStillFollowed) {
  EXPECT_EQ(scopes_both_ways("shopt -s expand_aliases\n"
                             "pick() { S='*'; }\n"
                             "pick\n"
                             "alias tc-in='taskcluster signin -s \"$S\"'\n"
                             "tc-in\n"),
            (Scopes{{"*"}, {"*"}}));
}

TEST(UnneededCalls, AFunctionThatEvalRedefinesIsStillFollowed) {
  // The pre-pass judged the file's own `run`, whose $1 goes nowhere; eval replaces it.
  EXPECT_EQ(scopes_both_ways("run() { :; }\n"
                             "pick() { S='*'; }\n"
                             "eval 'run() { taskcluster signin -s \"$1\"; }'\n"
                             "pick\n"
                             "run \"$S\"\n"),
            Scopes{{"*"}});
}

TEST(UnneededCalls, AnAliasGivenASkippedWriteIsStillFollowed) {
  Scopes got = scopes_both_ways("shopt -s expand_aliases\n"
                                "pick() { S='*'; }\n"
                                "alias tcs='taskcluster signin -s'\n"
                                "pick\n"
                                "tcs \"$S\"\n");
  EXPECT_NE(std::find(got.begin(), got.end(), std::vector<std::string>{"*"}), got.end());
}

TEST(UnneededCalls, ADefinitionMadeByRunTimeTextAfterASkipIsFollowedAgain) {
  // Definitions are not per path. Followed, `pick` leaves two paths; on the first, f's eval
  // replaces f, and the second path's call of f then signs in. Skipped, one path never does. Found
  // by comparing both ways on generated programs.
  Scopes got = scopes_both_ways("pick() { if [ -n \"$1\" ]; then U=1; fi; }\n"
                                "f() { eval 'f() { taskcluster signin -s \"$1\"; }'; }\n"
                                "pick x\n"
                                "f 'queue:rerun-task:*'\n");
  EXPECT_FALSE(got.empty());
}

TEST(UnneededCalls, RunTimeTextReadingWhatASkippedWriteFlowsIntoIsFollowedAgain) {
  // pick's x only flows into T (f runs: it reads input); T is read only by assembled text. The
  // skip leaves x unset and so T wrong: the read of T sends the file round again. Found by fuzzing.
  EXPECT_EQ(scopes_both_ways("pick() { x='*'; }\n"
                             "f() { read -r line; T=\"$x\"; }\n"
                             "pick\n"
                             "f\n"
                             "v=T\n"
                             "eval \"taskcluster signin -s \\\"\\${$v}\\\"\"\n"),
            Scopes{{"*"}});
}

TEST(UnneededCalls, SkippedCallsSpendNoBudget) {
  // 64 x 64 calls of a helper that cannot matter, each running another 64 times: far beyond the
  // budget of a small file when followed.
  std::string items;
  for (int i = 0; i < 64; ++i) items += " " + std::to_string(i);
  std::string text = "inner() { x=$1; }\n"
                     "note() { for i in" + items + "; do inner \"$i\"; done; }\n"
                     "for a in" + items + "; do for b in" + items + "; do note; done; done\n"
                     "taskcluster signin -s 'queue:rerun-task:*'\n";
  Analysis skipping = analyze(text, "f.sh");
  Analysis following = analyze(text, "f.sh", Dialect::Bash, true);
  EXPECT_FALSE(skipping.budget_exhausted);
  EXPECT_EQ(skipping.signins.size(), 1u);
  EXPECT_TRUE(following.budget_exhausted);
}

}  // namespace
}  // namespace tcg::shell
