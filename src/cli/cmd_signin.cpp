// `tcguard signin ARGS`: review the sign-in, then become `taskcluster signin ARGS`. stdout is the real
// CLI's own (the export lines), so `eval "$(tcguard signin --expires 15m -s ...)"` is a drop-in;
// findings go to stderr. It is exactly `tcguard run -- taskcluster signin ARGS`.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <optional>

#include "cli/common.h"
#include "cli/needed_scopes.h"
#include "guard/cluster.h"
#include "util/shell_quote.h"
#include "policy/profiles.h"
#include "policy/suggest.h"
#include "guard/env.h"
#include "guard/real_cli.h"
#include "tccli/command.h"
#include "tccli/signin_args.h"

namespace tcg::cli {

namespace {

// tcguard's own options among signin's arguments: `--cluster NAME` / `--root-url URL` pick the
// cluster (as for `review`) and are not passed on, since the real CLI would reject them. A word
// that is the value of one of signin's own flags (`-n --cluster`) stays signin's.
struct SigninWords {
  std::optional<std::string> cluster;
  std::optional<std::string> root_url;
  std::optional<std::string> for_job;  // --for 'task rerun X' / 'action retrigger X'
  std::vector<std::string> rest;  // for the real CLI, in their order
};

Result<SigninWords> take_own_options(const std::vector<std::string>& words) {
  SigninWords out;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "--") {
      out.rest.insert(out.rest.end(), words.begin() + static_cast<std::ptrdiff_t>(i), words.end());
      break;
    }
    bool matched = false;
    for (auto [name, slot] : {std::pair{std::string("--cluster"), &out.cluster}, std::pair{std::string("--root-url"), &out.root_url},
                             std::pair{std::string("--for"), &out.for_job}}) {
      if (w != name && w.rfind(name + "=", 0) != 0) continue;
      matched = true;
      if (slot->has_value()) return Error{name + " is given twice", {}};
      if (w == name) {
        if (i + 1 >= words.size()) return Error{name + " needs a value", {}};
        *slot = words[++i];
      } else {
        *slot = w.substr(name.size() + 1);
      }
      if (slot->value().empty()) return Error{name + " needs a value", {}};
    }
    if (matched) continue;
    out.rest.push_back(w);
    for (int n = tccli::signin_flag_value_count(w); n > 0 && i + 1 < words.size(); --n) out.rest.push_back(words[++i]);
  }
  if (out.cluster && out.root_url) return Error{"give --cluster or --root-url, not both", {}};
  return out;
}

// Points the sign-in at the cluster the user named: the guard judges that target, and the real CLI
// signs in to it and prints it.
Status apply_own_options(const GlobalOptions& global, const SigninWords& own) {
  std::string root_url;
  if (own.cluster) {
    auto policy = load_policy(global);
    if (!policy) return policy.error();
    const policy::Cluster* cluster = policy->find_cluster(*own.cluster);
    if (!cluster) {
      std::vector<std::string> names;
      for (const auto& c : policy->clusters) names.push_back(c.name);
      std::string known;
      for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
      return Error{"unknown cluster `" + *own.cluster + "`" + policy::did_you_mean(*own.cluster, names) +
                       " (the policy knows: " + known + ")",
                   {}};
    }
    root_url = cluster->root_url;
  } else if (own.root_url) {
    root_url = *own.root_url;
  } else {
    return Ok{};
  }
  setenv("TASKCLUSTER_ROOT_URL", root_url.c_str(), 1);
  return Ok{};
}

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

// `--for JOB`: the scopes of the job's path (the action path for `action NAME X`, else the CLI
// path), for 15 minutes unless the arguments give --expires; extra -s stay and are reviewed too.
Result<std::vector<std::string>> job_signin_args(const std::string& spec, const std::vector<std::string>& words) {
  auto job = parse_job({spec});
  if (!job) return Error{"--for: " + job.error().message, {}};
  auto root = guard::effective_root_url(guard::process_env());
  if (!root) return root.error();
  if (!*root) return Error{"--for needs the cluster: set TASKCLUSTER_ROOT_URL, or give --cluster NAME", {}};
  api::ClientOptions options;
  options.root_url = **root;
  auto needed = needed_scopes(*job, options);
  if (!needed) return Error{"--for: " + needed.error().message, {}};
  std::vector<std::string> scopes;
  if (job->via_action) {
    if (!needed->action) return Error{"--for: " + needed->action_note, {}};
    scopes = needed->action->scopes;
  } else {
    scopes = needed->cli;
  }
  std::vector<std::string> out;
  bool expires = false;
  for (const auto& w : words)
    if (w == "--expires" || w.rfind("--expires=", 0) == 0) expires = true;
  if (!expires) out.insert(out.end(), {"--expires", "15m"});
  for (const auto& sc : scopes) out.insert(out.end(), {"-s", sc});
  return out;
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
      "Usage: eval \"$(tcguard signin [--cluster NAME | --root-url URL] [taskcluster signin ARGS...])\"\n"
      "       eval \"$(tcguard signin PROFILE [-- ARGS...])\"   (a profile of the policy: `tcguard profiles`)\n"
      "Example: eval \"$(tcguard signin --expires 15m -s 'queue:rerun-task:gecko-level-3/*')\"\n"
      "--cluster NAME (a cluster of the policy) or --root-url URL is tcguard's own: it sets\n"
      "TASKCLUSTER_ROOT_URL for the sign-in and is not passed on. --for 'task rerun X' (or 'action retrigger X')\n"
      "asks for exactly the scopes that job needs on that path (`tcguard scopes needed`), for 15m unless\n"
      "--expires is given; extra -s are added and reviewed too. The arguments are checked as\n"
      "`tcguard review -- taskcluster signin ARGS` checks them: one the CLI would reject is an error (exit 2).\n"
      "Error findings refuse the sign-in (exit 3) and nothing is run; warnings are printed to stderr.\n"
      "The real CLI is $TCGUARD_TASKCLUSTER, else the next `taskcluster` on PATH that is not tcguard;\n"
      "without one, exit 2.");
  cmd->callback([&ctx, cmd] {
    auto own = take_own_options(cmd->remaining());
    if (!own) {
      ctx.exit_code = usage_error(own.error());
      return;
    }
    std::vector<std::string> words = own->rest;
    // `taskcluster signin` takes no positional argument: a first word that is not a flag names a profile.
    if (!words.empty() && !words[0].empty() && words[0][0] != '-') {
      if (own->cluster || own->root_url) {
        ctx.exit_code = usage_error("profile `" + words[0] + "` names its own cluster: drop --cluster/--root-url");
        return;
      }
      ctx.exit_code = signin_with_profile(ctx.global, words);
      return;
    }
    if (Status s = apply_own_options(ctx.global, *own); !s) {
      ctx.exit_code = usage_error(s.error());
      return;
    }
    std::vector<std::string> argv{"taskcluster", "signin"};
    if (own->for_job) {
      auto extra = job_signin_args(*own->for_job, words);
      if (!extra) {
        ctx.exit_code = usage_error(extra.error());
        return;
      }
      argv.insert(argv.end(), extra->begin(), extra->end());
    }
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
