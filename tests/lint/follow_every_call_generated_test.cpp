// Issue 15, point 1, on programs nobody would write by hand: small generated shell files whose
// functions set variables that do or do not reach a sign-in, through assignments, $(..), arguments,
// eval'd strings that name variables or assemble their names, aliases, functions an eval defines
// or replaces, loops, case branches and captured output. Each is linted with calls skipped and
// with every call followed; the reports must be the same. (This is how the one difference so far
// was found: a definition made by run-time text, seen by a different number of paths.)
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "lint/lint.h"
#include "policy/policy.h"
#include "report/render.h"

namespace tcg::test {
namespace {

class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  std::string program() {
    std::string out = "shopt -s expand_aliases\n";
    std::vector<std::string> names = kFunctions;
    std::shuffle(names.begin(), names.end(), rng_);
    names.resize(1 + pick(names.size()));
    for (const auto& f : names) {
      out += f + "() { ";
      size_t n = 1 + pick(4);
      for (size_t i = 0; i < n; ++i) out += statement(0, true) + "; ";
      out += "}\n";
    }
    size_t n = 2 + pick(7);
    for (size_t i = 0; i < n; ++i) out += statement(0, false) + "\n";
    return out;
  }

 private:
  size_t pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  double chance() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  template <class T>
  const T& one(const std::vector<T>& v) { return v[pick(v.size())]; }

  std::string value() {
    double c = chance();
    if (c < 0.5) return one(kValues);
    if (c < 0.7) return "\"$" + one(kVariables) + "\"";
    if (c < 0.85) return "\"$(" + one(kFunctions) + " " + one(kValues) + ")\"";
    return "\"${" + one(kVariables) + ":-" + (chance() < 0.5 ? "x" : "'*'") + "}\"";
  }

  std::string statement(int depth, bool in_function) {
    // Function bodies are mostly plain (what the pre-pass can skip).
    static const std::vector<double> plain = {0.1, 0.25, 0.35, 0.42, 0.77, 0.82, 0.86, 0.89, 0.93};
    double c = in_function && chance() < 0.7 ? one(plain) : chance();
    const std::string& var = one(kVariables);
    if (c < 0.2) return var + "=" + value();
    if (c < 0.3 && in_function) return "local " + var + "=" + value();
    if (c < 0.4) return one(kFunctions) + " " + value();
    if (c < 0.45) return "echo " + value();
    if (c < 0.5) return "taskcluster signin --expires " + one(std::vector<std::string>{"15m", "1d", "$T"}) + " -s " + value();
    if (c < 0.55) return "eval \"$(taskcluster signin -s " + value() + ")\"";
    if (c < 0.6) return "eval \"taskcluster signin -s \\$" + var + "\"";
    if (c < 0.63) return "v=" + var + "; eval \"taskcluster signin -s \\\"\\${$v}\\\"\"";
    if (c < 0.66) return "alias " + one(kAliases) + "='taskcluster signin -s \"$" + var + "\"'";
    if (c < 0.69) return one(kAliases) + " " + value();
    if (c < 0.72) return "eval '" + one(kFunctions) + "() { taskcluster signin -s \"$1\"; }'";
    if (c < 0.75) return depth < 2 ? "for " + var + " in a '*' b; do " + statement(depth + 1, in_function) + "; done" : "true";
    if (c < 0.8 && depth < 2)
      return "case " + value() + " in a) " + statement(depth + 1, in_function) + " ;; *) " +
             statement(depth + 1, in_function) + " ;; esac";
    if (c < 0.85 && depth < 2) return "if [ -n " + value() + " ]; then " + statement(depth + 1, in_function) + "; fi";
    if (c < 0.88) return "ls " + value();
    if (c < 0.9) return "COMPREPLY+=(" + value() + ")";
    if (c < 0.92) return "taskcluster task rerun " + value();
    if (c < 0.94) return var + "=$(" + one(kFunctions) + ")";
    if (c < 0.96) return "rm -f " + value();
    if (c < 0.98) return "printf '%s' " + value() + " | tee " + value();
    return "export " + var;
  }

  const std::vector<std::string> kVariables = {"S", "T", "U", "cur", "COMPREPLY", "i", "x", "TASKCLUSTER_ROOT_URL", "v", "res"};
  const std::vector<std::string> kFunctions = {"f", "g", "h", "k", "pick", "show"};
  const std::vector<std::string> kAliases = {"tcs", "tca"};
  const std::vector<std::string> kValues = {"'*'", "'queue:rerun-task:*'", "'1h'", "S", "T", "'https://tc.example.com/'",
                                            "'a b'", "$S", "$T", "\"$1\"", "\"$@\""};
  std::mt19937 rng_;
};

std::string report_json(const std::string& text, shell::Dialect dialect, bool follow_every_call) {
  std::ostringstream out;
  report::write_json(out, lint::lint_text(text, "generated.sh", policy::default_policy(), dialect, follow_every_call));
  return out.str();
}

TEST(FollowEveryCall, GeneratedProgramsGiveTheSameReport) {
  Generator gen(20261204);
  size_t with_signins = 0;
  for (int i = 0; i < 1500; ++i) {
    std::string text = gen.program();
    shell::Dialect dialect = i % 4 == 3 ? shell::Dialect::Zsh : shell::Dialect::Bash;
    std::string skipping = report_json(text, dialect, false);
    ASSERT_EQ(skipping, report_json(text, dialect, true)) << "program " << i << ":\n" << text;
    if (skipping.find("\"scopes\"") != std::string::npos) ++with_signins;
  }
  EXPECT_GT(with_signins, 1000u);  // the programs do sign in
}

}  // namespace
}  // namespace tcg::test
