// The symbolic evaluator: what each `taskcluster signin` call receives, on each path.
#include <gtest/gtest.h>

#include "shell/analysis.h"
#include "tccli/signin_args.h"

namespace tcg::shell {
namespace {

std::vector<std::string> texts(const SigninCall& c) {
  std::vector<std::string> out;
  for (const auto& a : c.args) out.push_back(a.known ? a.text : "?" + a.text);
  return out;
}

using V = std::vector<std::string>;

TEST(Evaluator, PlainCallWithEnvPrefix) {
  Analysis a = analyze("TASKCLUSTER_ROOT_URL=https://x/ taskcluster signin --expires 15m -s 'a:b'\n", "f.sh");
  ASSERT_EQ(a.signins.size(), 1u);
  EXPECT_EQ(texts(a.signins[0]), (V{"--expires", "15m", "-s", "a:b"}));
  EXPECT_EQ(a.signins[0].root_url, "https://x/");
  EXPECT_EQ(a.signins[0].where.line, 1);
  EXPECT_EQ(a.signins[0].where.column, 33);
  EXPECT_EQ(a.signins[0].consumption, Consumption::Printed);
}

TEST(Evaluator, BinaryPathsAndWrappers) {
  Analysis a = analyze(
      "./taskcluster signin -s a\n/usr/local/bin/taskcluster signin -s b\ncommand taskcluster signin -s c\n"
      "env TASKCLUSTER_ROOT_URL=https://e/ taskcluster signin -s d\n",
      "f.sh");
  ASSERT_EQ(a.signins.size(), 4u);
  EXPECT_EQ(a.signins[2].args.at(1).text, "c");
  EXPECT_EQ(a.signins[3].root_url, "https://e/");
}

TEST(Evaluator, SeedAliasesListingForm) {
  Analysis a = analyze(
      "tc-relduty=$'eval `TASKCLUSTER_ROOT_URL=https://r/ taskcluster signin --expires 1h -s \"q:a\\nq:b\"`'\n"
      "tc-signin='eval `TASKCLUSTER_ROOT_URL=https://r/ taskcluster signin --expires 15m \"$@\"`'\n",
      "seed.sh");
  EXPECT_TRUE(a.listing_form);
  ASSERT_EQ(a.signins.size(), 2u);
  EXPECT_EQ(a.signins[0].context, "tc-relduty");
  EXPECT_EQ(texts(a.signins[0]), (V{"--expires", "1h", "-s", "q:a\nq:b"}));
  EXPECT_EQ(a.signins[0].consumption, Consumption::Evaluated);
  EXPECT_EQ(a.signins[0].where.line, 1);
  EXPECT_EQ(a.signins[0].where.column, 52);
  // "$@" in an alias is empty.
  EXPECT_EQ(texts(a.signins[1]), (V{"--expires", "15m"}));
  ASSERT_EQ(a.helpers.size(), 2u);
  EXPECT_EQ(a.helpers[1].positional.size(), 1u);
  EXPECT_EQ(a.helpers[1].positional[0].text, "$@");
}

TEST(Evaluator, CaseBranchesWithArraysJoinedByIfs) {
  Analysis a = analyze(R"SH(f() {
  local url=https://r/ t=1h
  local -a scopes
  case "$1" in
    one) scopes=('a:*' 'b:*') ;;
    two) scopes=(c) ; t=15m ;;
    *) return 1 ;;
  esac
  eval "$(TASKCLUSTER_ROOT_URL=$url taskcluster signin --expires=$t --scope="$(IFS=$'\n'; echo "${scopes[*]}")")"
}
)SH", "f.sh");
  ASSERT_EQ(a.signins.size(), 2u);
  EXPECT_EQ(a.signins[0].context, "f/one");
  EXPECT_EQ(texts(a.signins[0]), (V{"--expires=1h", "--scope=a:*\nb:*"}));
  EXPECT_EQ(a.signins[1].context, "f/two");
  EXPECT_EQ(texts(a.signins[1]), (V{"--expires=15m", "--scope=c"}));
  EXPECT_EQ(a.signins[1].root_url, "https://r/");
  EXPECT_EQ(a.signins[0].consumption, Consumption::Evaluated);
}

TEST(Evaluator, FunctionArgumentsAreUnknownUntilCalled) {
  Analysis a = analyze("s() { eval \"$(taskcluster signin --expires 15m \"$@\")\"; }\ns -s 'q:x'\n", "f.sh");
  ASSERT_EQ(a.signins.size(), 2u);
  // The call at line 2 is evaluated during the top-level pass, the function on its own afterwards.
  EXPECT_EQ(a.signins[0].context, "s called at line 2");
  EXPECT_EQ(texts(a.signins[0]), (V{"--expires", "15m", "-s", "q:x"}));
  EXPECT_EQ(a.signins[1].context, "s");
  EXPECT_EQ(texts(a.signins[1]), (V{"--expires", "15m", "?$@"}));
}

TEST(Evaluator, ConsumptionKinds) {
  Analysis a = analyze(
      "eval taskcluster signin -s a\n"
      "x=$(taskcluster signin -s b)\n"
      "y=$(taskcluster signin -s c); eval \"$y\"\n"
      "taskcluster signin -s d | cat\n"
      "source <(taskcluster signin -s e)\n",
      "f.sh");
  ASSERT_EQ(a.signins.size(), 5u);
  EXPECT_EQ(a.signins[0].consumption, Consumption::EvalCommand);
  EXPECT_EQ(a.signins[1].consumption, Consumption::Captured);
  EXPECT_EQ(a.signins[2].consumption, Consumption::Evaluated);
  EXPECT_EQ(a.signins[3].consumption, Consumption::Piped);
  EXPECT_EQ(a.signins[4].consumption, Consumption::Evaluated);
}

TEST(Evaluator, DefaultsExportsAndUnknowns) {
  Analysis a = analyze(
      "export TASKCLUSTER_ROOT_URL=${TC_URL:-https://d/}\n"
      "taskcluster signin -s \"$SCOPE\" --expires \"${1:-1h}\"\n"
      "unset TASKCLUSTER_ROOT_URL\n"
      "taskcluster signin -s \"${SCOPE:-q:z}\"\n",
      "f.sh");
  ASSERT_EQ(a.signins.size(), 2u);
  EXPECT_EQ(a.signins[0].root_url, "https://d/");
  EXPECT_FALSE(a.signins[0].args[1].known);
  EXPECT_FALSE(a.signins[0].args[3].known);
  EXPECT_FALSE(a.signins[1].root_url.has_value());
  EXPECT_TRUE(a.signins[1].root_url_known);
  EXPECT_EQ(a.signins[1].args[1].text, "q:z");
}

TEST(Evaluator, IfBranchesAndForLoops) {
  Analysis a = analyze(
      "s=()\nfor x in a b; do s+=(\"q:$x\"); done\n"
      "if [ -n \"$PROD\" ]; then t=15m; else t=1h; fi\n"
      "eval \"$(taskcluster signin --expires $t $(printf -- '-s %s ' \"${s[@]}\"))\"\n",
      "f.sh");
  ASSERT_EQ(a.signins.size(), 2u);
  EXPECT_EQ(texts(a.signins[0]), (V{"--expires", "15m", "-s", "q:a", "-s", "q:b"}));
  EXPECT_EQ(texts(a.signins[1]), (V{"--expires", "1h", "-s", "q:a", "-s", "q:b"}));
}

TEST(Evaluator, AliasCallWithArguments) {
  Analysis a = analyze("alias tcs='eval \"$(taskcluster signin --expires 15m \"$@\")\"'\ntcs -s q:x\n", "f.sh");
  ASSERT_GE(a.signins.size(), 2u);
  EXPECT_EQ(a.signins[0].context, "tcs");
  EXPECT_EQ(texts(a.signins[0]), (V{"--expires", "15m"}));
  EXPECT_EQ(a.signins[1].context, "tcs called at line 2");
}

TEST(Evaluator, HostileInputTerminates) {
  std::string text;
  for (int i = 0; i < 30; ++i) text += "f" + std::to_string(i) + "() { f" + std::to_string(i + 1) + "; f" +
                                       std::to_string(i + 1) + "; case $x in a) :;; b) :;; esac; }\n";
  text += "f0\n";
  Analysis a = analyze(text, "f.sh");
  EXPECT_EQ(a.signins.size(), 0u);
}

TEST(Evaluator, AStringThatEvalsItselfStopsAtTheDepthLimit) {
  // Each eval runs the same text again: before the depth limit this recursed until the stack
  // overflowed (found by fuzz_shell). Nested evals within the limit are still followed.
  Analysis a = analyze("a='eval \"$a\"'\neval \"$a\"\n", "self.sh");
  EXPECT_TRUE(a.signins.empty());
  Analysis b = analyze("eval \"eval \\\"eval 'taskcluster signin -s q:x'\\\"\"\n", "nested.sh");
  ASSERT_EQ(b.signins.size(), 1u);
  EXPECT_EQ(b.signins[0].args.at(1).text, "q:x");
}

TEST(Evaluator, ValuesThatDoubleOnEveryLineStayBounded) {
  // Forty doublings: 8 GB of text, or 2^40 words, before the limits (a 42-line file took minutes
  // and ended in std::bad_alloc). Past them the value is unknown and shown by its start.
  auto doubled = [](const std::string& first, const std::string& step, const std::string& use) {
    std::string text = first + "\n";
    for (int i = 0; i < 40; ++i) text += step + "\n";
    return text + "taskcluster signin -s " + use + "\n";
  };
  for (const auto& text : {doubled("x=abcdefgh", "x=$x$x", "\"$x\""), doubled("x=ab", "x=\"$x$x$x$x\"", "\"$x\""),
                           doubled("a=(x y)", "a=(\"${a[@]}\" \"${a[@]}\")", "\"${a[*]}\""),
                           doubled("a=(x y)", "a+=(\"${a[@]}\")", "\"${a[*]}\"")}) {
    Analysis a = analyze(text, "double.sh");
    ASSERT_EQ(a.signins.size(), 1u) << text;
    const auto& scope = a.signins[0].args.at(1);
    EXPECT_FALSE(scope.known) << text;
    EXPECT_LE(scope.text.size(), 300u) << text;
  }
  // Below the limits, the value is followed as before.
  Analysis small = analyze(doubled("x=ab", "x=$x", "\"$x\""), "small.sh");
  ASSERT_EQ(small.signins.size(), 1u);
  EXPECT_EQ(small.signins[0].args.at(1).text, "ab");
}

}  // namespace
}  // namespace tcg::shell
