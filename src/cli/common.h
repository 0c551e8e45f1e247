#pragma once
// What every subcommand shares: the global options, policy loading, output format and colour.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "policy/policy.h"
#include "report/render.h"
#include "util/result.h"

namespace CLI { class App; }

namespace tcg::cli {

// DESIGN.md "Exit codes".
enum ExitCode : int {
  kExitOk = 0,
  kExitFindings = 1,
  kExitUsage = 2,
  kExitRefused = 3,
  kExitUnconfirmed = 4,
};

struct GlobalOptions {
  std::vector<std::string> policy_files;  // --policy, repeatable
  bool no_default_policy = false;
  std::string format = "text";            // text | json | sarif | github
  std::string color = "auto";             // auto | always | never
};

// Shared by all subcommands; a subcommand's callback stores its exit code here.
struct Context {
  GlobalOptions global;
  int exit_code = kExitOk;
};

// The effective policy per DESIGN.md's lookup order, or an error naming file:line:column. For
// the guard (the default) a project .tcguard.yaml only tightens unless trusted, and what it was
// not allowed to do is said on stderr; lint and `policy check` pass Project::Full.
Result<policy::Policy> load_policy(const GlobalOptions& global,
                                   policy::LoadOptions::Project project = policy::LoadOptions::Project::Guard);
// Colour for the given stream: --color, then NO_COLOR, then whether the fd is a terminal.
bool use_color(const GlobalOptions& global, int fd);
report::Format output_format(const GlobalOptions& global);  // validated by CLI11 already
report::RenderOptions render_options(const GlobalOptions& global, const policy::Policy* policy, int fd);

// Prints "tcguard: error: <message>" to stderr and returns kExitUsage.
int usage_error(const std::string& message);
int usage_error(const Error& error);

// One registration function per subcommand, each in its own cmd_<name>.cpp.
void add_review_command(CLI::App& app, Context& ctx);
void add_signin_command(CLI::App& app, Context& ctx);
void add_lint_command(CLI::App& app, Context& ctx);
void add_run_command(CLI::App& app, Context& ctx);
void add_scopes_command(CLI::App& app, Context& ctx);
void add_policy_command(CLI::App& app, Context& ctx);
void add_explain_command(CLI::App& app, Context& ctx);
void add_whoami_command(CLI::App& app, Context& ctx);
// `profiles`, `logout` and `shell-init` (cmd_profiles.cpp); `signin PROFILE` is in cmd_signin.cpp.
void add_profile_commands(CLI::App& app, Context& ctx);
void add_jsone_command(CLI::App& app, Context& ctx);
void add_action_command(CLI::App& app, Context& ctx);
// `run --via-action` (or a policy action's `via_action: true`): `task NAME X` as `tcguard action NAME X`.
struct ViaAction {
  std::string name, task_id, replaces;  // replaces: "taskcluster task retrigger X"
  std::optional<std::string> confirm;
  bool dry_run = false;
  bool needs_confirm = false;  // the replaced command needed confirmation
};
int trigger_via_action(const GlobalOptions& global, const ViaAction& via);
// Hidden helpers for packaging: the man page and shell completion data (cmd_dist.cpp).
void add_dist_commands(CLI::App& app, Context& ctx);

// The guard of `tcguard run` on `argv` (argv[0] names taskcluster), with no --confirm/--dry-run:
// judged, then exec'd. Returns only when nothing was run (the exit code).
int run_guarded(const GlobalOptions& global, const std::vector<std::string>& argv);
// The same, printing `print_before_exec` on stdout only once the command is about to run.
int run_guarded(const GlobalOptions& global, const std::vector<std::string>& argv, const std::string& print_before_exec);

// When tcguard is invoked as `taskcluster` (the masquerade symlink): acts as
// `tcguard run -- taskcluster ARGS`. Implemented with the run command.
int masquerade_main(int argc, char** argv);

}  // namespace tcg::cli
