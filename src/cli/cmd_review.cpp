// `tcguard review`: judge a sign-in request against the policy before `taskcluster signin` runs.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <unistd.h>

#include "cli/common.h"
#include "review/review.h"

namespace tcg::cli {

namespace {

struct ReviewOptions {
  std::string cluster;
  std::string root_url;
  std::string expires;
  bool expires_given = false;
  std::vector<std::string> scopes;
  std::string fail_on = "error";
  std::vector<std::string> command;  // after `--`
};

int run_review(const Context& ctx, const ReviewOptions& o) {
  auto policy = load_policy(ctx.global);
  if (!policy) return usage_error(policy.error());

  std::vector<std::string> args;
  std::optional<std::string> root_url;
  if (const char* env = std::getenv("TASKCLUSTER_ROOT_URL"); env && *env) root_url = env;

  if (!o.command.empty()) {
    if (!o.scopes.empty() || o.expires_given)
      return usage_error("give either -s/--expires or `-- taskcluster signin ARGS`, not both");
    auto cmd = review::parse_signin_command(o.command);
    if (!cmd) return usage_error(cmd.error());
    args = cmd->args;
    for (const auto& [name, value] : cmd->env)
      if (name == "TASKCLUSTER_ROOT_URL") root_url = value;
  } else {
    for (const auto& s : o.scopes) {
      args.push_back("--scope");
      args.push_back(s);
    }
    if (o.expires_given) args.push_back("--expires=" + o.expires);
  }
  if (!o.cluster.empty()) {
    const auto* cluster = policy->find_cluster(o.cluster);
    if (!cluster) {
      std::string known;
      for (const auto& c : policy->clusters) known += (known.empty() ? "" : ", ") + c.name;
      return usage_error("unknown cluster `" + o.cluster + "` (the policy knows: " + known + ")");
    }
    root_url = cluster->root_url;
  } else if (!o.root_url.empty()) {
    root_url = o.root_url;
  }

  auto report = review::review_signin_strict(*policy, args, root_url);
  if (!report) return usage_error(report.error());
  auto options = render_options(ctx.global, &*policy, STDOUT_FILENO);
  options.text_show_requests = true;
  report::write_report(std::cout, *report, output_format(ctx.global), options);
  if (!root_url && output_format(ctx.global) == report::Format::Text)
    std::cerr << "tcguard: note: no root URL (TASKCLUSTER_ROOT_URL is unset and no --cluster/--root-url): "
                 "judged as production\n";
  Severity threshold = parse_severity(o.fail_on).value_or(Severity::Error);
  return report->any_at_or_above(threshold) ? kExitFindings : kExitOk;
}

}  // namespace

void add_review_command(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ReviewOptions>();
  auto* cmd = app.add_subcommand("review", "Review a sign-in request (scopes, lifetime, cluster) against the policy");
  cmd->footer(
      "Examples:\n"
      "  tcguard review --cluster firefoxci --expires 15m -s 'queue:rerun-task:gecko-level-3/*'\n"
      "  tcguard review -- taskcluster signin --expires 1h -s '*'\n"
      "  tcguard review -- TASKCLUSTER_ROOT_URL=https://firefox-ci-tc.services.mozilla.com/ taskcluster signin\n"
      "The cluster comes from --cluster, --root-url, a TASKCLUSTER_ROOT_URL= prefix, or $TASKCLUSTER_ROOT_URL.\n"
      "Exit codes: 0 allowed, 1 findings at or above --fail-on, 2 usage or policy error.");
  auto* cluster = cmd->add_option("--cluster", options->cluster, "Cluster name from the policy (e.g. firefoxci)");
  cmd->add_option("--root-url", options->root_url, "Root URL of the cluster")->excludes(cluster);
  cmd->add_option("--expires", options->expires, "Requested lifetime, as taskcluster signin takes it (default 1d)")
      ->each([options](const std::string&) { options->expires_given = true; });
  cmd->add_option("-s,--scope", options->scopes, "A requested scope (repeatable; default `*`)")
      ->allow_extra_args(false);
  cmd->add_option("--fail-on", options->fail_on, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "note"}));
  cmd->add_option("command", options->command, "`taskcluster signin ARGS...` after `--`");
  cmd->callback([&ctx, options] { ctx.exit_code = run_review(ctx, *options); });
}

}  // namespace tcg::cli
