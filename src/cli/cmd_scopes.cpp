// `tcguard scopes satisfies|normalize|intersect|expand`: the Taskcluster scope algebra on the
// command line (DESIGN.md "Scopes subcommand").
#include <CLI/CLI.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "api/credentials.h"
#include "api/online_client.h"
#include "cli/common.h"
#include "cli/empty_values.h"
#include "cli/needed_scopes.h"
#include "guard/cluster.h"
#include "guard/display.h"
#include "scopes/scopes.h"

namespace tcg::cli {

namespace {

using Scopes = std::vector<std::string>;

struct ScopesArgs {
  Scopes have;
  std::string have_file;
  std::string expr;
  Scopes scopes;  // normalize / expand
  Scopes left;
  Scopes right;
  std::string roles_file;
  bool online = false;
};

// The scope in quotes, with what is not printable shown as an escape (\n, \xNN).
std::string quoted(const std::string& s) {
  std::string out = "'";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c > 0x7e) {
      static const char kHex[] = "0123456789abcdef";
      out += std::string("\\x") + kHex[c >> 4] + kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out + "'";
}

// `what` says where a bad scope came from, e.g. "--have".
Status check_scopes(const Scopes& scopes, const std::string& what) {
  for (const auto& s : scopes) {
    if (scopes::is_valid_scope(s)) continue;
    auto parsed = scopes::parse_expr(s);  // a plain scope: the error carries the column
    const std::string detail = parsed.ok() ? "not a valid scope" : parsed.error().message;
    const int column = parsed.ok() ? 0 : parsed.error().where.column;
    return Error{what + " " + quoted(s) +
                     ": " + detail + (column > 0 ? " (column " + std::to_string(column) + ")" : ""),
                 {}};
  }
  return Ok{};
}

// The whole file in one read (a loop only for short reads and stdin), so the scopes can be views
// into one buffer. `-` is stdin.
Result<std::string> read_whole_file(const std::string& path) {
  const int fd = path == "-" ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error{"cannot read the scope file", SourceLocation{path, 0, 0}};
  struct stat st {};
  std::string text;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) text.resize(static_cast<size_t>(st.st_size) + 1);
  if (text.empty()) text.resize(64 * 1024);
  size_t used = 0;
  for (;;) {
    if (used == text.size()) text.resize(text.size() * 2);
    const ssize_t n = ::read(fd, text.data() + used, text.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      if (fd != 0) ::close(fd);
      return Error{"cannot read the scope file", SourceLocation{path, 0, 0}};
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  if (fd != 0) ::close(fd);
  text.resize(used);
  return text;
}

bool json_output(const Context& ctx) { return ctx.global.format == "json"; }

int print_scopes(const Context& ctx, const Scopes& scopes) {
  if (json_output(ctx)) {
    std::cout << nlohmann::json(scopes).dump(2) << "\n";
  } else {
    for (const auto& s : scopes) std::cout << s << "\n";
  }
  return kExitOk;
}

int run_satisfies(const Context& ctx, const ScopesArgs& args) {
  if (auto ok = check_scopes(args.have, "--have"); !ok) return usage_error(ok.error());
  std::string have_text;  // the --have-file, which `held` only views
  if (!args.have_file.empty()) {
    auto text = read_whole_file(args.have_file);
    if (!text) return usage_error(text.error());
    have_text = std::move(*text);
  }
  const std::string have_name = args.have_file == "-" ? "<stdin>" : args.have_file;
  auto expr = scopes::parse_expr(args.expr);
  if (!expr) {
    // A bad held scope is reported first, as before the expression is read.
    if (auto ok = scopes::LeafAnswers(scopes::Expr::any_of({})).hold_lines(have_text, have_name); !ok)
      return usage_error(ok.error());
    const auto& where = expr.error().where;
    std::string at = "column " + std::to_string(where.column);
    if (where.line > 1) at = "line " + std::to_string(where.line) + ", " + at;
    return usage_error("invalid scope expression (" + at + "): " + expr.error().message);
  }
  // Only the expression's leaves are asked about, so the held set is answered for them alone
  // rather than sorted and normalized (scopes.h, LeafAnswers).
  scopes::LeafAnswers held(*expr);
  for (const auto& s : args.have) held.hold(s);
  if (auto ok = held.hold_lines(have_text, have_name); !ok)
    return usage_error(ok.error());
  const auto satisfying = scopes::scopes_satisfying(held, *expr);
  const auto missing = scopes::remove_given_scopes(held, *expr);
  if (json_output(ctx)) {
    nlohmann::ordered_json out{{"satisfied", satisfying.has_value()},
                       {"satisfying", satisfying ? nlohmann::json(*satisfying) : nlohmann::json(nullptr)},
                       {"missing", missing ? scopes::expr_to_json(*missing) : nlohmann::json(nullptr)}};
    std::cout << out.dump(2) << "\n";
  } else if (satisfying) {
    std::cout << "satisfied\n";
    for (const auto& s : *satisfying) std::cout << "  " << s << "\n";
  } else {
    std::cout << "not satisfied; missing:\n";
    if (missing && missing->kind == scopes::Expr::Kind::Scope) {
      std::cout << "  " << missing->scope << "\n";
    } else if (missing) {
      std::istringstream pretty(scopes::expr_to_json(*missing).dump(2));
      for (std::string line; std::getline(pretty, line);) std::cout << "  " << line << "\n";
    }
  }
  return satisfying ? kExitOk : kExitFindings;
}

int run_normalize(const Context& ctx, const ScopesArgs& args) {
  if (auto ok = check_scopes(args.scopes, "scope"); !ok) return usage_error(ok.error());
  return print_scopes(ctx, scopes::normalize(args.scopes));
}

int run_intersect(const Context& ctx, const ScopesArgs& args) {
  if (auto ok = check_scopes(args.left, "--left"); !ok) return usage_error(ok.error());
  if (auto ok = check_scopes(args.right, "--right"); !ok) return usage_error(ok.error());
  return print_scopes(ctx, scopes::intersect(args.left, args.right));
}

int run_expand(const Context& ctx, const ScopesArgs& args) {
  if (args.online) {
    if (auto ok = check_scopes(args.scopes, "scope"); !ok) return usage_error(ok.error());
    // The cluster and credentials the CLI would use (TASKCLUSTER_ROOT_URL ..., then its config file).
    auto env = api::load_environment(api::process_getenv());
    if (!env) return usage_error(env.error());
    if (!env->root_url) return usage_error("--online needs TASKCLUSTER_ROOT_URL (or rootUrl in the CLI's config file)");
    api::Client client(api::client_options_for(*env, *env->root_url));
    auto expanded = api::expand_scopes_online(client, args.scopes);
    if (!expanded) return usage_error(expanded.error());
    return print_scopes(ctx, scopes::normalize(*expanded));
  }
  if (args.roles_file.empty()) return usage_error("expand needs --roles FILE (a YAML or JSON list of {roleId, scopes})");
  if (auto ok = check_scopes(args.scopes, "scope"); !ok) return usage_error(ok.error());
  auto roles = scopes::load_roles_file(args.roles_file);
  if (!roles) return usage_error(roles.error());
  auto expanded = scopes::expand(*roles, args.scopes);
  if (!expanded) {
    Error e = expanded.error();
    if (e.where.file.empty()) e.where.file = args.roles_file;
    return usage_error(e);
  }
  return print_scopes(ctx, *expanded);
}

// `scopes needed -- taskcluster task rerun X` / `scopes needed --action NAME X`: the minimal scopes
// on the CLI path and on the action path.
struct NeededArgs {
  std::optional<std::string> action;
  std::optional<std::string> group;
  std::vector<std::string> words;
};

int run_needed(Context& ctx, const NeededArgs& args) {
  std::vector<std::string> words;
  if (args.action) {
    words = {"action", *args.action};
    if (args.group) words.insert(words.end(), {"--group", *args.group});
    words.insert(words.end(), args.words.begin(), args.words.end());
  } else {
    if (args.group) return usage_error("--group goes with --action NAME");
    words = args.words;
  }
  auto job = parse_job(words);
  if (!job) return usage_error(job.error());
  auto root = guard::effective_root_url(guard::process_env());
  if (!root) return usage_error(root.error());
  if (!*root) return usage_error("no root URL is configured: set TASKCLUSTER_ROOT_URL");
  api::ClientOptions options;
  options.root_url = **root;
  auto needed = needed_scopes(*job, options);
  if (!needed) {
    std::cerr << "tcguard: error: " << guard::shown(needed.error().message) << "\n";
    return kExitFindings;
  }
  if (output_format(ctx.global) == report::Format::Json) {
    nlohmann::ordered_json j;
    j["cli"] = needed->cli;
    if (needed->action) {
      j["action"] = {{"name", needed->action->name}, {"hookGroupId", needed->action->hook_group_id},
                     {"hookId", needed->action->hook_id}, {"scopes", needed->action->scopes}};
    } else {
      j["action"] = nullptr;
    }
    std::cout << j.dump(2) << "\n";
  } else {
    const std::string id = job->group_id.empty() ? job->task_id : "--group " + job->group_id;
    if (!job->cli_verb.empty()) {
      std::cout << "CLI path (taskcluster task " << job->cli_verb << " " << guard::shown(id) << "):\n";
      for (const auto& s : needed->cli) std::cout << "  " << guard::shown(s) << "\n";
    } else {
      std::cout << "CLI path: none (no taskcluster command does `" << guard::shown(job->action_name) << "`)\n";
    }
    if (needed->action) {
      std::cout << "action path (tcguard action " << guard::shown(needed->action->name) << " " << guard::shown(id)
                << "; hook " << guard::shown(needed->action->hook_group_id + "/" + needed->action->hook_id) << "):\n";
      for (const auto& s : needed->action->scopes) std::cout << "  " << guard::shown(s) << "\n";
    } else {
      std::cout << "action path: none (" << guard::shown(needed->action_note) << ")\n";
    }
  }
  return kExitOk;
}

}  // namespace

void add_scopes_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("scopes", "Taskcluster scope algebra, exactly as taskcluster-lib-scopes does it");
  cmd->require_subcommand(1);
  cmd->footer(
      "A trailing `*` is the only wildcard: `queue:*` satisfies `queue:create-task:x`, `a*b` is literal.\n"
      "Output is one scope per line; with the global `--format json`, JSON.");
  auto args = std::make_shared<ScopesArgs>();

  auto* sat = cmd->add_subcommand("satisfies", "Do the held scopes satisfy a scope expression? (exit 0 yes, 1 no)");
  sat->add_option("--have", args->have, "A held scope (repeatable; one scope each; --have '' is the empty scope)")
      ->allow_extra_args(false)
      ->type_name(kScopeTypeName);
  sat->add_option("--have-file", args->have_file, "A file of held scopes, one per line (blank lines skipped; - = stdin)");
  sat->add_option("EXPR", args->expr,
                  "A scope, or a JSON expression: {\"AllOf\": [...]} / {\"AnyOf\": [...]}, nested freely")
      ->required();
  sat->footer(
      "Prints `satisfied` and the expression's scopes that the held set satisfies, or `not satisfied`\n"
      "and what is still missing. --format json prints {\"satisfied\", \"satisfying\", \"missing\"}.\n"
      "Example:\n"
      "  tcguard scopes satisfies --have 'queue:*' --have 'assume:hook-id:project-x/*' \\\n"
      "    '{\"AllOf\": [\"queue:cancel-task:x\", {\"AnyOf\": [\"assume:hook-id:project-x/h\", \"hooks:*\"]}]}'");
  sat->callback([&ctx, args] { ctx.exit_code = run_satisfies(ctx, *args); });

  auto* norm = cmd->add_subcommand("normalize", "Sort (scopeCompare) and drop duplicates and scopes covered by a `P*`");
  norm->add_option("SCOPE", args->scopes, "Scopes, one per argument");
  norm->footer("Example:\n  tcguard scopes normalize 'queue:create-task:*' queue:create-task:highest:x 'secrets:*'\n"
               "  -> queue:create-task:*\n     secrets:*");
  norm->callback([&ctx, args] { ctx.exit_code = run_normalize(ctx, *args); });

  auto* inter = cmd->add_subcommand("intersect", "The scopes both sets satisfy, normalized");
  inter->add_option("--left", args->left, "A scope of the first set (repeatable)")
      ->allow_extra_args(false)
      ->type_name(kScopeTypeName);
  inter->add_option("--right", args->right, "A scope of the second set (repeatable)")
      ->allow_extra_args(false)
      ->type_name(kScopeTypeName);
  inter->footer("Example (what a sign-in can grant: requested ∩ your own scopes):\n"
                "  tcguard scopes intersect --left '*' --left x --right 'queue:*' --right 'secrets:get:a'\n"
                "  -> queue:*\n     secrets:get:a");
  inter->callback([&ctx, args] { ctx.exit_code = run_intersect(ctx, *args); });

  auto* exp = cmd->add_subcommand("expand", "Expand `assume:` scopes through roles, to a fixed point");
  auto* roles = exp->add_option("--roles", args->roles_file,
                                "Roles file: YAML or JSON list of {roleId, scopes} (the output of `auth listRoles` works)");
  auto* online = exp->add_flag("--online", args->online, "Ask the cluster's auth service (auth.expandScopes at $TASKCLUSTER_ROOT_URL)");
  roles->excludes(online);
  exp->add_option("SCOPE", args->scopes, "Scopes to expand, one per argument");
  exp->footer(
      "Star roles (`repo:github.com/org/*`) match by prefix, `assume:a*` pulls every role starting with `a`,\n"
      "`<..>` in a star role's scopes is replaced by the parameter. `assume:anonymous` is not added:\n"
      "pass it yourself to see what an unauthenticated call gets. A cycle between roles is an error.\n"
      "Example:\n  tcguard scopes expand --roles roles.yaml assume:repo:github.com/mozilla/gecko-dev:branch:main");
  exp->callback([&ctx, args] { ctx.exit_code = run_expand(ctx, *args); });

  auto needed_args = std::make_shared<NeededArgs>();
  auto* needed = cmd->add_subcommand("needed", "The minimal scopes a job needs on the CLI path and on the in-tree action path");
  needed->add_option("--action", needed_args->action, "The in-tree action (retrigger, rerun, cancel, ...): `--action NAME TASKID`");
  needed->add_option("--group", needed_args->group, "With --action: a group action's task group");
  needed->add_option("job", needed_args->words, "-- taskcluster task rerun|cancel|retrigger TASKID, or TASKID with --action");
  needed->footer(
      "Examples:\n  tcguard scopes needed -- taskcluster task rerun fN1SbArXTPSVFNUvaOlinQ\n"
      "  tcguard scopes needed --action retrigger fN1SbArXTPSVFNUvaOlinQ\n"
      "The task, its decision task and actions.json are read anonymously from $TASKCLUSTER_ROOT_URL.\n"
      "--format json prints {\"cli\": [scopes], \"action\": {\"name\", \"hookGroupId\", \"hookId\", \"scopes\"}}\n"
      "(`action` is null when the decision publishes no matching action). `tcguard signin --for 'task rerun X'`\n"
      "signs in with exactly the CLI path's scopes, `--for 'action retrigger X'` with the action path's.");
  needed->callback([&ctx, needed_args] { ctx.exit_code = run_needed(ctx, *needed_args); });

  for (auto* sub : cmd->get_subcommands({})) sub->fallthrough();
}

}  // namespace tcg::cli
