#include "launch/fast_path.h"

#include <cstring>

#include "guard/real_cli.h"
#include "tccli/command.h"

namespace tcg::launch {

std::optional<std::vector<std::string>> guarded_cli_argv(int argc, const char* const* argv) {
  if (argc < 1 || !argv[0]) return std::nullopt;
  if (tccli::names_taskcluster(argv[0])) return std::vector<std::string>(argv, argv + argc);
  // Only the exact word `taskcluster`: an explicit path to a CLI is resolved by the program.
  if (argc >= 4 && std::strcmp(argv[1], "run") == 0 && std::strcmp(argv[2], "--") == 0 &&
      std::strcmp(argv[3], "taskcluster") == 0)
    return std::vector<std::string>(argv + 3, argv + argc);
  return std::nullopt;
}

std::optional<std::string> fast_path_target(const std::vector<std::string>& cli_argv, const guard::Getenv& env,
                                            const std::string& self) {
  if (cli_argv.empty()) return std::nullopt;
  if (guard::exec_loop_detected(env)) return std::nullopt;
  tccli::Command command = tccli::parse_command(std::vector<std::string>(cli_argv.begin() + 1, cli_argv.end()));
  if (command.state_changing) return std::nullopt;
  auto real = guard::find_real_cli(env, self);
  if (!real) return std::nullopt;
  return *real;
}

}  // namespace tcg::launch
