// The launcher. A read-only Taskcluster command (`tcguard run -- taskcluster ...` or the
// `taskcluster` masquerade) execs the real CLI at once; everything else loads the program
// (libtcguard-program.so) and runs it. Keeping this binary small is what keeps `tcguard run` near
// the cost of an empty program: see docs/ARCHITECTURE.md, "Start-up".
#include "guard/env.h"
#include "guard/real_cli.h"
#include "launch/fast_path.h"
#include "launch/program_library.h"

int main(int argc, char** argv) {
  if (auto cli_argv = tcg::launch::guarded_cli_argv(argc, argv)) {
    tcg::guard::Getenv env = tcg::guard::process_env();
    if (auto real = tcg::launch::fast_path_target(*cli_argv, env, tcg::guard::self_executable()))
      tcg::guard::exec_real_cli(*real, *cli_argv);  // returns only when the exec failed: the program says why
  }
  return tcg::launch::run_program(argc, argv);
}
