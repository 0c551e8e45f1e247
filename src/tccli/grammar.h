#pragma once
// The grammar of the real `taskcluster` command line as tcguard models it (client-shell cmds/*,
// apis/provider.go; TASKCLUSTER.md §4): the command tree, each command's kind and its pflag flags.
// command.cpp reads a command line with it; the fuzz target fuzz/run_command.cpp builds command
// lines from it, to check that the reading never calls a state-changing command read-only.
#include <string_view>
#include <vector>

namespace tcg::tccli {

struct FlagSpec {
  std::string_view long_name;
  char short_name;  // 0: none
  bool takes_value;
};

// Persistent flags of the root command (cmds/root/command.go) and cobra's help flag.
inline constexpr FlagSpec kRootFlags[] = {{"verbose", 'v', false}, {"help", 'h', false}};
// Persistent flag of `api` (apis/provider.go); api methods add string flags for their query
// parameters, so any other long flag under `api` takes a value.
inline constexpr FlagSpec kApiFlags[] = {{"output", 'o', true}};

enum class Kind {
  Group,          // has subcommands, runs nothing itself (task, group, api, api <service>)
  ReadOnly,       // a leaf that only reads
  ReadOnlyTree,   // a read-only command whose words below are its own business (download, slugid ...)
  StateChanging,  // a leaf that changes the cluster
  LocalConfig,    // changes the local config file (config set/reset)
  Config,         // `config`: runnable; extra words are keys to get
  Signin,
};

struct Spec {
  std::string_view path;
  Kind kind;
  std::vector<FlagSpec> flags;
  bool has_target = false;  // the first argument is a taskId / taskGroupId
};

// Every command path the model knows, groups included ("task", "task rerun", "signin", ...).
const std::vector<Spec>& command_specs();

}  // namespace tcg::tccli
