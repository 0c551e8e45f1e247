#include "tccli/grammar.h"

namespace tcg::tccli {

const std::vector<Spec>& command_specs() {
  static const std::vector<Spec> table = {
      {"task", Kind::Group, {}},
      {"task status", Kind::ReadOnly, {{"all-runs", 'a', false}, {"run", 'r', true}}, true},
      {"task name", Kind::ReadOnly, {}, true},
      {"task def", Kind::ReadOnly, {}, true},
      {"task group", Kind::ReadOnly, {}, true},
      {"task artifacts", Kind::ReadOnly, {{"run", 'r', true}}, true},
      {"task log", Kind::ReadOnly, {}, true},
      {"task cancel", Kind::StateChanging, {{"noop", 'n', false}, {"confirm", 'c', false}}, true},
      {"task retrigger", Kind::StateChanging, {{"exact", 'e', false}}, true},
      {"task rerun", Kind::StateChanging, {{"noop", 'n', false}, {"confirm", 'c', false}, {"force", 'f', false}}, true},
      {"task complete", Kind::StateChanging, {{"noop", 'n', false}, {"confirm", 'c', false}}, true},
      {"task run",
       Kind::StateChanging,
       {{"provisioner", 0, true},
        {"worker-type", 0, true},
        {"env", 'e', true},
        {"name", 0, true},
        {"description", 0, true},
        {"owner", 0, true},
        {"source", 0, true},
        {"dependency", 0, true},
        {"retries", 0, true}},
       false},
      {"group", Kind::Group, {}},
      {"group cancel", Kind::StateChanging, {{"worker-type", 'w', true}, {"force", 'f', false}}, true},
      {"group status", Kind::ReadOnly, {}, true},
      {"group list",
       Kind::ReadOnly,
       {{"all", 'a', false},
        {"running", 'r', false},
        {"failed", 'f', false},
        {"exception", 'e', false},
        {"complete", 'c', false},
        {"unscheduled", 'u', false},
        {"pending", 'p', false},
        {"format-string", 0, true}},
       true},
      {"api", Kind::Group, {}},
      {"config", Kind::Config, {{"output", 'o', true}, {"format", 'f', true}}},
      {"config get", Kind::ReadOnly, {{"output", 'o', true}, {"format", 'f', true}}},
      {"config set", Kind::LocalConfig, {{"dry-run", 'd', false}}},
      {"config reset", Kind::LocalConfig, {}},
      // signin's own flags (cmds/signin/signin.go); pflag reads them like any other command's, so
      // `-n -h` names the client "-h" and is no request for help.
      {"signin",
       Kind::Signin,
       {{"scope", 's', true},
        {"expires", 0, true},
        {"name", 'n', true},
        {"port", 'p', true},
        {"check", 0, false},
        {"csh", 0, false}}},
      // Read-only commands (TASKCLUSTER.md §4); cobra's own `help` and `completion` too.
      {"download", Kind::ReadOnlyTree, {}},
      {"from-now", Kind::ReadOnlyTree, {}},
      {"slugid", Kind::ReadOnlyTree, {}},
      {"version", Kind::ReadOnlyTree, {}},
      {"completions", Kind::ReadOnlyTree, {}},
      {"completion", Kind::ReadOnlyTree, {}},
      {"validate-json", Kind::ReadOnlyTree, {}},
      {"d2g", Kind::ReadOnlyTree, {}},
      {"update", Kind::ReadOnlyTree, {}},
      {"help", Kind::ReadOnlyTree, {}},
      {"status", Kind::ReadOnlyTree, {}},
      // cobra's hidden completion commands, run by the shell on every TAB: they print candidates
      // and never run the command they complete (flag parsing is off for them).
      {"__complete", Kind::ReadOnlyTree, {}},
      {"__completeNoDesc", Kind::ReadOnlyTree, {}},
  };
  return table;
}

}  // namespace tcg::tccli
