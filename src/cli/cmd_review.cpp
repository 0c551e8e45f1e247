// `tcguard review`: judge a sign-in request against the policy before `taskcluster signin` runs.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "api/credentials.h"
#include "api/online_client.h"
#include "cli/common.h"
#include "cli/empty_values.h"
#include "review/expand.h"
#include "review/review.h"
#include "scopes/scopes.h"
#include "tccli/command.h"
#include "tccli/signin_args.h"

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
  bool expand = false;               // expand `assume:` scopes (online unless --roles)
  std::string roles_file;            // offline expansion
};

// How `assume:` scopes are expanded: the roles file, else auth.expandScopes on the reviewed cluster.
Result<review::ScopeExpander> make_expander(const ReviewOptions& o, const std::optional<std::string>& root_url) {
  if (!o.roles_file.empty()) {
    auto roles = scopes::load_roles_file(o.roles_file);
    if (!roles) return roles.error();
    auto shared = std::make_shared<std::vector<scopes::Role>>(std::move(*roles));
    std::string file = o.roles_file;
    return review::ScopeExpander([shared, file](const std::vector<std::string>& in) -> Result<std::vector<std::string>> {
      auto out = scopes::expand(*shared, in);
      if (!out) {
        Error e = out.error();
        if (e.where.file.empty()) e.where.file = file;
        return e;
      }
      return out;
    });
  }
  if (!root_url) return Error{"--expand without --roles asks the cluster's auth service: give --cluster or --root-url", {}};
  auto env = api::load_environment(api::process_getenv());
  if (!env) return env.error();
  auto client = std::make_shared<api::Client>(api::client_options_for(*env, *root_url));
  return review::ScopeExpander(
      [client](const std::vector<std::string>& in) { return api::expand_scopes_online(*client, in); });
}

// The JSON report with the expanded scopes added to the request.
void write_json_with_expansion(const report::RenderOptions& options, const review::ExpandedReview& r) {
  std::ostringstream text;
  report::write_report(text, r.report, report::Format::Json, options);
  auto j = nlohmann::ordered_json::parse(text.str(), nullptr, false);
  if (j.is_object() && j["requests"].is_array() && !j["requests"].empty())
    j["requests"][0]["expanded_scopes"] = r.expanded_scopes;
  std::cout << (j.is_discarded() ? text.str() : j.dump(2) + "\n");
}

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
    // `signin --check` and `signin --help` create nothing: the one parser lint uses decides
    // (a flag error comes first, as in the CLI, and is reported below).
    tccli::SigninForm form = tccli::signin_form(tccli::parse_signin_args(args));
    if (form == tccli::SigninForm::Help || form == tccli::SigninForm::Check) {
      std::cout << "not a sign-in request: `taskcluster signin "
                << (form == tccli::SigninForm::Help ? "--help` prints the command's help"
                                                    : "--check` only checks whether the current credentials work")
                << "; no client is created\n";
      return kExitOk;
    }
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

  auto plain = review::review_signin_strict(*policy, args, root_url);
  if (!plain) return usage_error(plain.error());
  std::optional<review::ExpandedReview> expanded;
  bool refused_unexpanded = false;
  std::string unexpanded_reason;
  if (o.expand || !o.roles_file.empty()) {
    auto expander = make_expander(o, root_url);
    if (!expander) return usage_error(expander.error());
    auto r = review::review_signin_expanded(*policy, args, root_url, *expander);
    if (!r && !o.roles_file.empty())  // the roles file is the user's input
      return usage_error("the requested scopes could not be expanded: " + r.error().str());
    if (!r) {
      // The cluster could not be asked (offline, refused, rejected): what the roles grant is
      // unknown. On production that fails closed as a refusal (exit 3), after the review of the
      // scopes as written; elsewhere they are judged as written. Either way, --roles is the way on.
      unexpanded_reason = r.error().str();
      bool production = policy::classify_root_url(*policy, root_url).production;
      std::string advice = "; to review offline, give the roles with --roles FILE (a YAML/JSON list of "
                           "{roleId, scopes}, e.g. from `taskcluster api auth listRoles`)";
      if (production) {
        refused_unexpanded = true;
        unexpanded_reason += advice;
      } else {
        std::cerr << "tcguard: warning: the requested scopes could not be expanded (" << r.error().str()
                  << "); judged as written" << advice << "\n";
      }
    } else {
      expanded = std::move(*r);
    }
  }
  const Report* report = expanded ? &expanded->report : &*plain;
  auto options = render_options(ctx.global, &*policy, STDOUT_FILENO);
  options.text_show_requests = true;
  if (expanded && output_format(ctx.global) == report::Format::Json) {
    write_json_with_expansion(options, *expanded);
  } else {
    report::write_report(std::cout, *report, output_format(ctx.global), options);
    if (expanded && output_format(ctx.global) == report::Format::Text) {
      std::cout << "expanded (" << (o.roles_file.empty() ? "auth.expandScopes" : o.roles_file) << "): "
                << expanded->expanded_scopes.size() << " scope" << (expanded->expanded_scopes.size() == 1 ? "" : "s")
                << "\n";
      for (const auto& s : expanded->expanded_scopes) std::cout << "  " << s << "\n";
    }
  }
  if (!root_url && output_format(ctx.global) == report::Format::Text)
    std::cerr << "tcguard: note: no root URL (TASKCLUSTER_ROOT_URL is unset and no --cluster/--root-url): "
                 "judged as production\n";
  if (refused_unexpanded) {
    std::cerr << "tcguard: error: refused: what the requested scopes grant on this production cluster is unknown, "
                 "since they could not be expanded: "
              << unexpanded_reason << "\n";
    return kExitRefused;
  }
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
      "--expand (or --roles FILE) judges what the scopes grant once `assume:` roles are expanded: offline\n"
      "from FILE (a YAML/JSON list of {roleId, scopes}), else with the cluster's auth.expandScopes (the\n"
      "environment's credentials are sent only when their root URL is the reviewed one). When the\n"
      "cluster cannot expand them (offline, refused), a production review is refused (exit 3) after\n"
      "the review of the scopes as written; give --roles FILE to review offline.\n"
      "Exit codes: 0 allowed, 1 findings at or above --fail-on, 2 usage, policy or roles-file error,\n"
      "3 refused (production scopes that could not be expanded).");
  auto* cluster = cmd->add_option("--cluster", options->cluster, "Cluster name from the policy (e.g. firefoxci)");
  cmd->add_option("--root-url", options->root_url, "Root URL of the cluster")->excludes(cluster);
  cmd->add_option("--expires", options->expires, "Requested lifetime, as taskcluster signin takes it (default 1d)")
      ->each([options](const std::string&) { options->expires_given = true; });
  cmd->add_option("-s,--scope", options->scopes, "A requested scope (repeatable; default `*`)")
      ->allow_extra_args(false)
      ->type_name(kScopeTypeName);
  cmd->add_option("--fail-on", options->fail_on, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "note"}));
  cmd->add_flag("--expand", options->expand, "Judge the scopes after expanding `assume:` roles (auth.expandScopes)");
  cmd->add_option("--roles", options->roles_file, "Expand `assume:` roles offline from this roles file (implies --expand)");
  cmd->add_option("command", options->command, "`taskcluster signin ARGS...` after `--`");
  cmd->callback([&ctx, options] { ctx.exit_code = run_review(ctx, *options); });
}

}  // namespace tcg::cli
