// The shared structures of a path: interned case labels and copy-on-write variables, and the
// evaluator behaviour that depends on them (paths that ended, many top-level case commands).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "shell/analysis.h"
#include "shell/eval_state.h"
#include "shell/evaluator.h"
#include "shell/parser.h"

namespace tcg::shell {
namespace {

// "v<i>" (appended, not `"v" + std::to_string(i)`, which trips a false -Wrestrict in g++ 12).
std::string var(int i) {
  std::string name = "v";
  name += std::to_string(i);
  return name;
}

std::vector<std::string> strings(const std::vector<std::string_view>& views) {
  return std::vector<std::string>(views.begin(), views.end());
}

TEST(LabelPath, SameLabelsAreTheSameListAndCompareEqual) {
  LabelTable table;
  LabelPath empty;
  LabelPath a = table.push(table.push(empty, "relduty"), "one");
  LabelPath b = table.push(table.push(empty, "relduty"), "one");
  LabelPath c = table.push(table.push(empty, "relduty"), "two");
  EXPECT_EQ(a, b);
  EXPECT_FALSE(a == c);
  EXPECT_FALSE(a == empty);
  EXPECT_EQ(a.size(), 2u);
  EXPECT_EQ(strings(a.from(0)), (std::vector<std::string>{"relduty", "one"}));
  EXPECT_EQ(strings(c.from(1)), (std::vector<std::string>{"two"}));
  EXPECT_TRUE(a.from(2).empty());
}

TEST(LabelPath, TruncateKeepsTheBeginning) {
  LabelTable table;
  LabelPath p = table.push(table.push(table.push(LabelPath(), "a"), "b"), "c");
  LabelPath q = p;
  q.truncate(1);
  EXPECT_EQ(q.size(), 1u);
  EXPECT_EQ(strings(q.from(0)), (std::vector<std::string>{"a"}));
  EXPECT_EQ(q, table.push(LabelPath(), "a"));
  EXPECT_EQ(p.size(), 3u);  // the copy is unchanged
  q.clear();
  EXPECT_TRUE(q.empty());
}

TEST(VarMap, CopiesAreIndependentAfterAWrite) {
  VarMap a;
  EXPECT_EQ(a.get("x"), nullptr);
  a.set("x", Value::scalar("1"));
  VarMap b = a;
  EXPECT_EQ(a, b);
  b.set("x", Value::scalar("2"));
  b.set("y", Value::scalar("3"));
  ASSERT_NE(a.get("x"), nullptr);
  EXPECT_EQ(a.get("x")->text(), "1");
  EXPECT_EQ(a.get("y"), nullptr);
  EXPECT_EQ(b.get("x")->text(), "2");
  EXPECT_FALSE(a == b);
  b.set("x", Value::scalar("1"));
  b.erase("y");
  EXPECT_EQ(a, b);  // same content, whatever the history
}

TEST(VarMap, ManyWritesFoldIntoANewBaseWithoutLosingAnything) {
  VarMap a;
  for (int i = 0; i < 40; ++i) a.set(var(i), Value::scalar(std::to_string(i)));
  VarMap b = a;
  a.erase("v3");
  EXPECT_EQ(a.get("v3"), nullptr);
  ASSERT_NE(b.get("v3"), nullptr);
  EXPECT_EQ(b.get("v3")->text(), "3");
  for (int i = 0; i < 40; ++i) {
    if (i == 3) continue;
    ASSERT_NE(a.get(var(i)), nullptr) << i;
    EXPECT_EQ(a.get(var(i))->text(), std::to_string(i));
  }
  // The same variables written in the other order (different bases) still compare equal.
  VarMap c;
  for (int i = 39; i >= 0; --i)
    if (i != 3) c.set(var(i), Value::scalar(std::to_string(i)));
  EXPECT_EQ(a, c);
  EXPECT_FALSE(b == c);
  // The content hash follows the content, not the history: it settles most comparisons.
  EXPECT_EQ(a.content_hash(), c.content_hash());
  EXPECT_NE(b.content_hash(), c.content_hash());
  c.set("v3", Value::scalar("3"));
  EXPECT_EQ(b.content_hash(), c.content_hash());
  EXPECT_EQ(b, c);
}

TEST(VarMap, ExportFlagIsPerPath) {
  VarMap a;
  a.set("TASKCLUSTER_ROOT_URL", Value::scalar("https://r/"));
  VarMap b = a;
  b.mark_exported("TASKCLUSTER_ROOT_URL");
  EXPECT_FALSE(a.get("TASKCLUSTER_ROOT_URL")->exported);
  EXPECT_TRUE(b.get("TASKCLUSTER_ROOT_URL")->exported);
  EXPECT_NE(a.content_hash(), b.content_hash());
  EXPECT_FALSE(a == b);
  b.mark_exported("NEVER_SET");  // nothing to mark
  EXPECT_EQ(b.get("NEVER_SET"), nullptr);
}

TEST(EvaluatorPaths, ManyTopLevelCaseCommandsKeepEveryLabel) {
  // The top of many rc files, repeated: each `case` adds a label on the path that goes on.
  std::string text;
  for (int i = 0; i < 300; ++i) text += "case $- in *i*) ;; *) return;; esac\n";
  text += "taskcluster signin -s q:x\n";
  Analysis a = analyze(text, "rc.sh");
  ASSERT_EQ(a.signins.size(), 1u);
  std::string expected;
  for (int i = 0; i < 300; ++i) {
    if (i) expected += '/';
    expected += "*i*";
  }
  EXPECT_EQ(a.signins[0].context, expected);
}

TEST(EvaluatorPaths, FunctionsSeeTheVariablesOfAPathThatWentOn) {
  // A path that returned early must not stand for the file's variables.
  Analysis a = analyze(
      "if [ -z \"$PS1\" ]; then return; fi\n"
      "export TASKCLUSTER_ROOT_URL=https://r/\n"
      "s() { taskcluster signin -s q:x; }\n",
      "rc.sh");
  ASSERT_EQ(a.signins.size(), 1u);
  EXPECT_EQ(a.signins[0].context, "s");
  EXPECT_EQ(a.signins[0].root_url, "https://r/");
}

TEST(EvaluatorPaths, EndedPathsStillEndTheirFunctionCall) {
  Analysis a = analyze(
      "f() { case \"$1\" in a) return ;; esac; taskcluster signin -s \"q:$1\"; }\n"
      "f a\nf b\n",
      "f.sh");
  // f a returns before the call; f b reaches it; f on its own reaches it with "$1" unknown.
  ASSERT_EQ(a.signins.size(), 2u);
  EXPECT_EQ(a.signins[0].context, "f called at line 3");
  EXPECT_EQ(a.signins[0].args.at(1).text, "q:b");
  EXPECT_EQ(a.signins[1].context, "f");
  EXPECT_FALSE(a.signins[1].args.at(1).known);
}

TEST(AliasBodies, ABodyCallingAFunctionIsStillFollowed) {
  // `g` runs only plain words, but its command is a function defined later in the file.
  Analysis a = analyze(
      "alias g='tc_in'\n"
      "tc_in() { taskcluster signin -s q:x; }\n",
      "rc.sh");
  bool via_alias = false;
  for (const auto& call : a.signins) via_alias = via_alias || call.context == "tc_in called at line 1";
  EXPECT_TRUE(via_alias) << "the alias body, run on its own, calls the function";
}

TEST(AliasBodies, ADefinitionRunOnTwoPathsIsOneHelper) {
  Analysis a = analyze(
      "if [ -r x ]; then y=1; fi\n"  // two paths from here on
      "alias tcs='taskcluster signin -s q:x'\n",
      "rc.sh");
  size_t helpers = 0;
  for (const auto& h : a.helpers) helpers += h.name == "tcs" ? 1 : 0;
  EXPECT_EQ(helpers, 1u);
  ASSERT_FALSE(a.signins.empty());
  EXPECT_EQ(a.signins[0].context, "tcs");
}

}  // namespace
}  // namespace tcg::shell
