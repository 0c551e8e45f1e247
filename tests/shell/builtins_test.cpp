// The builtins table (shell/builtins.h) is what body_shape reads (the evaluator dispatches on the
// same entries): builtins that evaluate code, change aliases and functions, or run another word as
// a command have lasting effects; the others do not. body_shape_test.cpp tests the shapes.
#include <gtest/gtest.h>

#include "shell/body_shape.h"
#include "shell/builtins.h"

namespace tcg::shell {
namespace {

TEST(BuiltinsTable, BodyShapeReadsTheTable) {
  for (const char* name : {"eval", "source", ".", "alias", "unalias", "unset", "command", "builtin", "exec", "nohup",
                           "time", "env"}) {
    ASSERT_NE(find_builtin(name), nullptr) << name;
    EXPECT_TRUE(find_builtin(name)->lasting_effects) << name;
    EXPECT_TRUE(has_lasting_effects(name)) << name;
  }
  for (const char* name : {"echo", "printf", "export", "local", "read", "set", "shift", "cd", "[[", "return"}) {
    ASSERT_NE(find_builtin(name), nullptr) << name;
    EXPECT_FALSE(has_lasting_effects(name)) << name;
  }
  EXPECT_EQ(find_builtin("frobnicate"), nullptr);
  EXPECT_FALSE(has_lasting_effects("frobnicate"));
  EXPECT_TRUE(has_lasting_effects("/usr/bin/taskcluster"));
}

}  // namespace
}  // namespace tcg::shell
