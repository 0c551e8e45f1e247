#pragma once
// A model of the real `taskcluster` command line (client-shell, cobra + pflag): which command an
// argv names, whether it changes state, its target id and the flags that matter (TASKCLUSTER.md §4).
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tcg::tccli {

struct Command {
  // Canonical name: "task rerun", "group cancel", "api queue.createTask", "signin", "config set".
  // "" for the bare `taskcluster` (help). Unknown words keep their text: "frobnicate", "task frob".
  std::string name;
  bool known = false;           // a command (and api method) this model knows
  bool state_changing = true;   // unknown commands count as state-changing (fail safe)
  bool local_only = false;      // changes only a local file (config set/reset), never the cluster
  bool help = false;            // -h/--help: cobra prints help and runs nothing
  std::string target_id;        // taskId / taskGroupId / the api method's first argument ("" = none)
  std::vector<std::string> positionals;            // arguments after the command path
  std::vector<std::string> flags;                  // flags present, as canonical long forms ("--force")
  std::map<std::string, std::string> flag_values;  // last value of each value flag ("--worker-type")
  std::vector<std::string> signin_args;            // for `signin`: its own arguments (global -v removed)
  std::vector<std::string> problems;               // what the real CLI would reject (it then runs nothing)

  // True when `flag` ("--force", or a short form "-f" of this command) was given.
  bool has_flag(std::string_view flag) const;
};

// True when a word or path names the Taskcluster CLI: its last component is `taskcluster`
// (`taskcluster`, `/usr/local/bin/taskcluster`, the masquerade symlink). The one such test.
bool names_taskcluster(std::string_view word);

// `args` are the words after the program name (argv[1..]).
Command parse_command(const std::vector<std::string>& args);

// The api services the CLI knows, as typed on its command line ("queue", "purgeCache", ...).
bool is_known_api_service(std::string_view service);
// Known read-only api methods ("queue.status"); every other method counts as state-changing.
bool is_read_only_api_method(std::string_view service, std::string_view method);

}  // namespace tcg::tccli
