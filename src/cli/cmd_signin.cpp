// `tcguard signin ARGS`: review the sign-in, then become `taskcluster signin ARGS`. stdout is the real
// CLI's own (the export lines), so `eval "$(tcguard signin --expires 15m -s ...)"` is a drop-in;
// findings go to stderr. It is exactly `tcguard run -- taskcluster signin ARGS`.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

#include "cli/common.h"
#include "util/shell_quote.h"
#include "policy/profiles.h"
#include "policy/suggest.h"
#include "guard/env.h"
#include "guard/real_cli.h"
#include "tccli/command.h"

namespace tcg::cli {

namespace {

// `tcguard signin PROFILE [--] [signin ARGS...]`: the profile's scopes and lifetime on its
// cluster's root URL, plus the extra arguments, reviewed as any sign-in, then the CLI. Before the
// CLI's export lines it prints the profile's, so that `tcguard logout` knows the root URL is the
// profile's to unset.
int signin_with_profile(const GlobalOptions& global, const std::vector<std::string>& words) {
  auto policy = load_policy(global);
  if (!policy) return usage_error(policy.error());
  const policy::Profile* profile = policy->find_profile(words[0]);
  if (!profile) {
    std::vector<std::string> names;
    for (const auto& p : policy->profiles) names.push_back(p.name);
    std::string hint = policy::did_you_mean(words[0], names);
    return usage_error("no profile `" + words[0] + "` in the policy" + hint + "; `tcguard profiles` lists them");
  }
  const policy::Cluster* cluster = policy->find_cluster(profile->cluster);
  if (!cluster) return usage_error("profile `" + profile->name + "`: cluster `" + profile->cluster + "` is not defined");
  std::vector<std::string> argv{"taskcluster", "signin"};
  for (auto& a : policy::profile_signin_args(*profile)) argv.push_back(a);
  size_t extra = words.size() > 1 && words[1] == "--" ? 2 : 1;
  argv.insert(argv.end(), words.begin() + static_cast<std::ptrdiff_t>(extra), words.end());
  // The guard judges the target from this, and the CLI signs in to it and prints it.
  setenv("TASKCLUSTER_ROOT_URL", cluster->root_url.c_str(), 1);
  std::string marker = "export TCGUARD_PROFILE=" + posix_quoted(profile->name) +
                       " TCGUARD_PROFILE_ROOT_URL=" + posix_quoted(cluster->root_url) + "\n";
  return run_guarded(global, argv, marker);
}

}  // namespace

void add_signin_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("signin", "Review a sign-in against the policy, then run `taskcluster signin` with the same arguments");
  cmd->prefix_command();  // every argument is signin's own
  cmd->allow_extras();
  // No -h/--help of tcguard's: CLI11 would take `-n -h` as a request for help, where the CLI's
  // flag parser names the client "-h" and signs in. Help is decided as pflag decides it.
  cmd->set_help_flag();
  cmd->footer(
      "Usage: eval \"$(tcguard signin [taskcluster signin ARGS...])\"\n"
      "       eval \"$(tcguard signin PROFILE [-- ARGS...])\"   (a profile of the policy: `tcguard profiles`)\n"
      "Example: eval \"$(tcguard signin --expires 15m -s 'queue:rerun-task:gecko-level-3/*')\"\n"
      "Error findings refuse the sign-in (exit 3) and nothing is run; warnings are printed to stderr.\n"
      "The real CLI is $TCGUARD_TASKCLUSTER, else the next `taskcluster` on PATH that is not tcguard;\n"
      "without one, exit 2.");
  cmd->callback([&ctx, cmd] {
    std::vector<std::string> words = cmd->remaining();
    // `taskcluster signin` takes no positional argument: a first word that is not a flag names a profile.
    if (!words.empty() && !words[0].empty() && words[0][0] != '-') {
      ctx.exit_code = signin_with_profile(ctx.global, words);
      return;
    }
    std::vector<std::string> argv{"taskcluster", "signin"};
    for (auto& a : words) argv.push_back(a);
    if (tccli::parse_command({argv.begin() + 1, argv.end()}).help) {
      // tcguard's part first; then the CLI's own help, when there is a CLI to ask.
      std::cout << cmd->help("tcguard") << std::flush;
      if (!guard::find_real_cli(guard::process_env(), guard::self_executable())) {
        ctx.exit_code = kExitOk;
        return;
      }
      std::cout << "\n`taskcluster signin --help`:\n" << std::flush;
    }
    ctx.exit_code = run_guarded(ctx.global, argv);
  });
}

}  // namespace tcg::cli
