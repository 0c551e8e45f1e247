// body_shape and the evaluator's use of it: bodies that can find nothing on their own are not
// run on their own, and nothing that a sign-in depends on is lost by that.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "shell/analysis.h"
#include "shell/body_shape.h"
#include "shell/parser.h"

namespace tcg::shell {
namespace {

BodyShape shape_of(const char* body) { return body_shape(parse_script(body).root); }

std::vector<std::string> contexts(const Analysis& a) {
  std::vector<std::string> out;
  for (const auto& call : a.signins) out.push_back(call.context);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(BodyShape, PlainCommandsAndDeclarationsHaveNoEffects) {
  BodyShape plain = shape_of("ls -alF \"$1\"; git status --short && echo \"$(date)\" > /dev/null\n"
                             "export TASKCLUSTER_ROOT_URL=https://r/; local x=${y:-$(pwd)}\n"
                             "if [ -f x ]; then case $1 in a) cat ;; esac; fi; for f in *; do wc \"$f\"; done");
  EXPECT_FALSE(plain.effects);
  std::vector<std::string> calls = plain.calls;
  std::sort(calls.begin(), calls.end());
  EXPECT_EQ(calls, (std::vector<std::string>{"[", "cat", "date", "echo", "export", "git", "local", "ls", "pwd", "wc"}));
}

TEST(BodyShape, WhatCanOutliveThePathIsAnEffect) {
  for (const char* body : {"taskcluster signin -s q:x", "/usr/local/bin/taskcluster signin", "./taskcluster version",
                           "$TC signin", "\"${tc}\" signin", "echo $(taskcluster signin)", "x=$(eval y)",
                           "echo ${x:-$(source f)}", "eval x", ". ~/.tc", "alias a=b", "unalias a", "unset -f f",
                           "env A=b tc", "command tc", "exec tc", "f() { ls; }", "case $(alias x=y) in *) ;; esac",
                           "cat <(eval x)", "cat > $(eval x)", "taskclust?r signin", "{ls,taskcluster} signin"}) {
    EXPECT_TRUE(shape_of(body).effects) << body;
  }
}

TEST(BodyShapeInEvaluator, ACallerOfASigningFunctionIsStillRunOnItsOwn) {
  // `outer` only calls `inner`, defined after it; `loop_a`/`loop_b` call each other and sign in
  // nowhere; `plain` runs only plain commands.
  Analysis a = analyze(
      "outer() { mid \"$1\"; }\n"
      "mid() { inner \"$@\"; }\n"
      "inner() { taskcluster signin -s \"q:$1\"; }\n"
      "loop_a() { loop_b; }\n"
      "loop_b() { loop_a; ls; }\n"
      "plain() { ls -l; echo hi; }\n",
      "rc.sh");
  // inner on its own, then inner as called from mid's body, run on its own and from outer's.
  EXPECT_EQ(contexts(a), (std::vector<std::string>{"inner", "inner called at line 2", "inner called at line 2"}));
}

TEST(BodyShapeInEvaluator, AnAliasDefinedByAFunctionReachesItsCallers) {
  Analysis a = analyze(
      "setup() { alias tcs='taskcluster signin -s q:x --expires 15m'; }\n"
      "use() { tcs; }\n",
      "rc.sh");
  std::vector<std::string> got = contexts(a);
  EXPECT_NE(std::find(got.begin(), got.end(), "tcs"), got.end());
  bool via_use = std::any_of(a.signins.begin(), a.signins.end(), [](const SigninCall& c) {
    return c.helper == "tcs" && c.context == "tcs called at line 2";
  });
  EXPECT_TRUE(via_use) << "use's body calls an alias that setup defined";
}

TEST(BodyShapeInEvaluator, AFunctionRedefinedLaterIsJudgedByTheDefinitionInForce) {
  // The first `helper` signs in; the second does not. `caller` is run on its own after the
  // file's top level, when the second definition is in force: it finds nothing, as before.
  Analysis a = analyze(
      "helper() { taskcluster signin -s q:one; }\n"
      "helper() { ls; }\n"
      "caller() { helper; }\n",
      "rc.sh");
  EXPECT_EQ(contexts(a), (std::vector<std::string>{"helper"}));
}

}  // namespace
}  // namespace tcg::shell
