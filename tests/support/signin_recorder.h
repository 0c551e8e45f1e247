#pragma once
// Runs helpers in a real shell (bash, zsh) with a recording `taskcluster` stub first on PATH: the
// stub writes its argv (NUL-separated) and TASKCLUSTER_ROOT_URL, prints nothing, needs no network.
// The agreement tests compare what the stub recorded with what `tcguard lint` resolved.
#include <optional>
#include <string>
#include <vector>

#include "support/cli_runner.h"

namespace tcg::test {

struct RecordedCall {
  std::vector<std::string> argv;  // after `taskcluster`
  std::string root_url;
};

class SigninRecorder {
 public:
  SigninRecorder();
  // Runs `shell_argv` followed by a script file holding `script`, with the stub first on PATH and
  // no Taskcluster variables in the environment; every `taskcluster` call it made, in no order.
  // `args` follow the script's path (the script's own $1 ...).
  std::vector<RecordedCall> run(const std::vector<std::string>& shell_argv, const std::string& script,
                                RunResult* result = nullptr, const std::vector<std::string>& args = {});

 private:
  TempDir dir_;
  int runs_ = 0;
};

// "tc-signin/relduty" -> "tc-signin 'relduty'", "tc" -> "tc"; nothing for contexts that are not a
// plain call (called at a line, labels that are patterns).
std::optional<std::string> plain_invocation(const std::string& context);

}  // namespace tcg::test
