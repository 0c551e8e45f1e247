// `tcguard action list TASKID` / `--group TASKGROUPID`, and `tcguard action NAME TASKID` (or
// `--group`): the in-tree action hooks of the task's decision (actions/client.h), guarded like
// `run` (the policy's actions judge `action NAME`, production confirmation, the audit log).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <thread>

#include "actions/client.h"
#include "actions/input.h"
#include "api/auth.h"
#include "api/credentials.h"
#include "api/online_client.h"
#include "api/queue.h"
#include "cli/common.h"
#include "guard/audit.h"
#include "guard/cluster.h"
#include "guard/confirm.h"
#include "guard/decision.h"
#include "guard/display.h"
#include "scopes/scopes.h"

namespace tcg::cli {

namespace {

using actions::Json;

struct ActionOptions {
  std::string name;
  std::string task_id;
  std::optional<std::string> group;
  std::optional<std::string> input;
  std::optional<std::string> confirm;
  bool dry_run = false;
  bool wait = false;
  // Set for `run --via-action` / `via_action: true`: the command this replaces, which needs its own
  // confirmation, and no matching action is a refusal (exit 3).
  std::string replaces;
  bool replaced_needs_confirm = false;
};

int fail(int code, const std::string& message) {
  std::cerr << "tcguard: error: " << guard::escape_controls(guard::redact_text(message), true) << "\n";
  return code;
}

Result<Json> parse_input(const std::string& text) {
  std::string body = text;
  std::string where = "--input";
  if (!text.empty() && text[0] == '@') {
    std::ifstream in(text.substr(1), std::ios::binary);
    if (!in) return Error{"--input: cannot read " + text.substr(1), {}};
    body.assign(std::istreambuf_iterator<char>(in), {});
    where = text.substr(1);
  }
  Json j = Json::parse(body, nullptr, false);
  if (j.is_discarded()) return Error{where + ": not JSON", {}};
  return j;
}

// What tcguard knows of the credentials in use: their expanded scopes, or nullopt (none, or the
// API could not tell: `why` says which).
struct Held {
  bool credentials = false;
  std::optional<std::vector<std::string>> scopes;
  std::string why;
};
Held held_scopes(const api::ClientOptions& options) {
  Held h;
  if (!options.credentials) return h;
  h.credentials = true;
  auto s = api::auth::current_scopes(api::Client(options));
  if (s) h.scopes = *s;
  else h.why = s.error().str();
  return h;
}
std::optional<bool> holds(const Held& h, const std::string& scope) {
  if (!h.scopes) return std::nullopt;
  return scopes::ScopeSet(*h.scopes).satisfies(scope);
}

struct Setup {
  policy::Policy policy;
  guard::Target target;
  std::string root_url;
  api::ClientOptions options;  // the environment's credentials, when they belong to this root URL
};
Result<Setup> setup(const GlobalOptions& global, const guard::Getenv& env) {
  auto policy = load_policy(global);
  if (!policy) return policy.error();
  auto root = guard::effective_root_url(env);
  if (!root) return root.error();
  if (!*root)
    return Error{"no root URL is configured: set TASKCLUSTER_ROOT_URL (e.g. `export "
                 "TASKCLUSTER_ROOT_URL=https://firefox-ci-tc.services.mozilla.com/`) or rootUrl in the CLI's config",
                 {}};
  auto environment = api::load_environment(api::process_getenv());
  if (!environment) return environment.error();
  Setup s{std::move(*policy), {}, **root, api::client_options_for(*environment, **root)};
  s.target = guard::resolve_target(s.policy, *root);
  return s;
}

int list_actions(const GlobalOptions& global, const ActionOptions& opts, const std::string& id) {
  guard::Getenv env = guard::process_env();
  auto s = setup(global, env);
  if (!s) return usage_error(s.error());
  auto lookup = actions::look_up(s->options, id, opts.group.has_value());
  if (!lookup) return fail(kExitFindings, lookup.error().message);
  Held held = held_scopes(s->options);
  auto list = actions::applicable(lookup->file, lookup->tags);
  if (output_format(global) == report::Format::Json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto* a : list) {
      auto h = holds(held, a->trigger_scope());
      out.push_back({{"name", a->name}, {"title", a->title}, {"kind", a->kind}, {"hookGroupId", a->hook_group_id},
                     {"hookId", a->hook_id}, {"scope", a->trigger_scope()},
                     {"held", h ? nlohmann::ordered_json(*h) : nlohmann::ordered_json(nullptr)}});
    }
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  std::cout << "actions of " << (opts.group ? "task group " : "task ") << guard::shown(id) << " (decision "
            << guard::shown(lookup->decision_id) << "):\n";
  if (list.empty()) std::cout << "  (none)\n";
  for (const auto* a : list) {
    auto h = holds(held, a->trigger_scope());
    std::cout << "  " << guard::shown(a->name) << "  " << guard::shown(a->title) << "\n"
              << "      hook:  " << guard::shown(a->hook_group_id + "/" + a->hook_id) << "\n"
              << "      scope: " << guard::shown(a->trigger_scope()) << "  ("
              << (!held.credentials ? "no credentials in use" : !h ? "unknown" : *h ? "held" : "NOT held") << ")\n";
  }
  if (held.credentials && !held.scopes) std::cerr << "tcguard: note: the credentials' scopes are unknown: " << guard::shown(held.why) << "\n";
  return kExitOk;
}

std::string prompt_text(const std::string& command, const actions::Action& a, const guard::Target& target) {
  std::string text = "\ntcguard: confirmation needed\n";
  text += "  command:  " + guard::shown(command) + "\n";
  text += "  effect:   triggers the hook " + guard::shown(a.hook_group_id + "/" + a.hook_id) + " (`" + guard::shown(a.title) +
          "`)\n";
  text += "  cluster:  " + guard::shown(target.display()) + "\n";
  if (target.root_url) text += "  root URL: " + guard::shown(*target.root_url) + "\n";
  return text;
}

// Follows the action task until it ends; 0 when it completed.
int wait_for(const api::ClientOptions& options, const std::string& task_id) {
  api::ClientOptions o = options;
  o.credentials.reset();
  api::Client client(o);
  for (int polls = 0;; ++polls) {
    auto st = api::queue::status(client, task_id);
    if (!st) return fail(kExitFindings, "cannot follow the action task: " + st.error().str());
    const std::string& state = st->state;
    if (state == "completed") {
      std::cerr << "tcguard: action task " << task_id << " completed\n";
      return kExitOk;
    }
    if (state == "failed" || state == "exception")
      return fail(kExitFindings, "the action task " + task_id + " ended " + state + ": see " +
                                     options.root_url + "/tasks/" + task_id + " for its log");
    if (polls % 15 == 0) std::cerr << "tcguard: action task " << task_id << " is " << state << "; waiting\n";
    std::this_thread::sleep_for(std::chrono::seconds(2));
  }
}

int run_action(const GlobalOptions& global, const ActionOptions& opts, const std::string& id) {
  guard::Getenv env = guard::process_env();
  auto s = setup(global, env);
  if (!s) return usage_error(s.error());
  const std::string command = "action " + opts.name;
  tccli::Command cmd;
  cmd.name = command;
  cmd.known = true;
  cmd.state_changing = true;
  cmd.target_id = id;
  guard::Decision decision = guard::decide(s->policy, cmd, s->target);
  if (opts.replaced_needs_confirm && decision.verdict == guard::Verdict::Allow) decision.verdict = guard::Verdict::Confirm;

  guard::AuditRecord record;
  record.time = guard::utc_timestamp_now();
  record.user = guard::local_user(env);
  if (s->options.credentials) record.client_id = s->options.credentials->client_id;
  record.cluster = s->target.cluster;
  record.root_url = s->root_url;
  record.production = s->target.production;
  record.command = command;
  record.target = id;
  record.argv = {"tcguard", "action", opts.name};
  if (opts.group) record.argv.insert(record.argv.end(), {"--group", id});
  else record.argv.push_back(id);
  if (opts.input) record.argv.insert(record.argv.end(), {"--input", *opts.input});
  record.rules = decision.rule_ids;
  if (!opts.replaces.empty()) record.argv.insert(record.argv.end(), {"--via-action-for", opts.replaces});
  // Every outcome but a usage error and a dry run leaves one line (a refusal too).
  auto refuse = [&](int code, const std::string& verdict, const std::string& message) {
    if (!opts.dry_run) {
      record.decision = verdict;
      record.reason = message;
      Status w = guard::append_audit_line(guard::audit_log_path(env), guard::audit_line(record));
      if (!w) std::cerr << "tcguard: warning: audit log not written: " << guard::shown(w.error().str()) << "\n";
    }
    return fail(code, message + "; nothing was triggered");
  };

  if (decision.verdict == guard::Verdict::Deny) {
    std::string rules;
    for (const auto& r : decision.deny_rules) rules += (rules.empty() ? "" : ", ") + r;
    return refuse(kExitRefused, "denied", "`" + command + "` refused by policy (" + rules + ")");
  }
  std::optional<Json> given;
  if (opts.input) {
    auto parsed = parse_input(*opts.input);
    if (!parsed) return usage_error(parsed.error());
    given = *parsed;
  }
  auto lookup = actions::look_up(s->options, id, opts.group.has_value());
  if (!lookup) {
    if (!opts.replaces.empty())  // --via-action: no action to take is a refusal, never the CLI
      return refuse(kExitRefused, "refused", "--via-action: " + lookup.error().message + "; `" + opts.replaces +
                                                 "` was not run either (tcguard never falls back to the CLI)");
    return refuse(kExitFindings, "failed", lookup.error().message);
  }
  const actions::Action* action = actions::choose(lookup->file, opts.name, lookup->tags);
  if (!action) {
    if (!opts.replaces.empty())
      return refuse(kExitRefused, "refused",
                    "--via-action: " + actions::not_available_message(*lookup, opts.name) + "; `" + opts.replaces +
                        "` was not run either (tcguard never falls back to the CLI)");
    return refuse(kExitUsage, "refused", actions::not_available_message(*lookup, opts.name));
  }
  record.hook_id = action->hook_group_id + "/" + action->hook_id;
  if (action->kind != "hook")
    return refuse(kExitRefused, "refused", "`" + opts.name + "` is a task action; tcguard triggers only hook actions");
  auto input = actions::resolve_input(action->schema, given);
  if (!input) return refuse(kExitUsage, "refused", "--input: " + input.error().message);
  auto may = actions::decision_may_trigger(s->options, *lookup, *action);
  if (!may) return refuse(kExitFindings, "failed", "cannot check the decision task's scopes: " + may.error().message);
  if (!*may)
    return refuse(kExitRefused, "refused",
                  "Action is misconfigured: decision task's scopes do not satisfy " + action->in_tree_scope() +
                      " (decision " + lookup->decision_id +
                      "); tcguard will not trigger a hook the decision task was not allowed to publish");
  auto payload = actions::render_payload(*lookup, *action, *input);
  if (!payload) return refuse(kExitFindings, "failed", payload.error().message);

  if (opts.dry_run) {
    if (output_format(global) == report::Format::Json) {
      nlohmann::ordered_json j;
      j["action"] = action->name;
      j["hookGroupId"] = action->hook_group_id;
      j["hookId"] = action->hook_id;
      j["payload"] = nlohmann::ordered_json::parse(payload->dump());
      std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      return kExitOk;
    }
    std::cout << "action:       " << guard::shown(action->name) << " (" << guard::shown(action->title) << ")\n"
              << "hook:         " << guard::shown(record.hook_id) << "\n"
              << "decision:     " << guard::shown(lookup->decision_id) << "\n"
              << "cluster:      " << guard::shown(s->target.display()) << "\n"
              << "policy:       " << guard::verdict_name(decision.verdict) << "\n"
              << "payload:\n" << payload->dump(2) << "\n"
              << "would trigger: yes (dry run: nothing sent)\n";
    return kExitOk;
  }

  Held held = held_scopes(s->options);
  if (auto h = holds(held, action->trigger_scope()); h && !*h) {
    int level = actions::hook_level(action->hook_id);
    return refuse(kExitRefused, "refused",
                  "the credentials in use (" + s->options.credentials->client_id + ") lack " + action->trigger_scope() +
                      (level ? " (a level-" + std::to_string(level) + " action)" : std::string()) +
                      ": sign in with it, e.g. `tcguard signin --for 'action " + opts.name + " " + id + "'`");
  }
  if (held.credentials && !held.scopes)
    std::cerr << "tcguard: note: the credentials' scopes are unknown (" << guard::shown(held.why)
              << "); the hooks service will check them\n";
  for (const auto& f : decision.report.findings)
    if (std::find(decision.confirm_rules.begin(), decision.confirm_rules.end(), f.rule) == decision.confirm_rules.end())
      std::cerr << "tcguard: " << severity_name(f.severity) << ": " << guard::shown(f.message) << " [" << f.rule << "]\n";

  if (decision.verdict == guard::Verdict::Confirm) {
    guard::ConfirmInput in;
    in.expected = s->target.confirm_name;
    in.flag = opts.confirm;
    in.env = env("TCGUARD_CONFIRM");
    in.prompt_text = prompt_text(command + " " + id, *action, s->target);
    guard::ConfirmOutcome outcome = guard::obtain_confirmation(in);
    if (!outcome.confirmed) {
      record.decision = "refused";
      record.reason = outcome.reason;
      Status w = guard::append_audit_line(guard::audit_log_path(env), guard::audit_line(record));
      if (!w) std::cerr << "tcguard: warning: audit log not written: " << guard::shown(w.error().str()) << "\n";
      std::cerr << "tcguard: not confirmed: " << guard::escape_controls(outcome.reason) << "; nothing was triggered\n";
      return kExitUnconfirmed;
    }
    record.decision = "confirmed";
    record.confirmed_by = outcome.via;
  } else {
    record.decision = "allowed";
  }
  // Fail closed: the line is written once the action task id is known, so first make sure it can be.
  const std::string log_path = guard::audit_log_path(env);
  if (Status probe = guard::append_audit_line(log_path, ""); !probe && s->policy.audit_required)
    return fail(kExitRefused, "`" + command + "` cannot be recorded in the audit log (" + probe.error().str() +
                                  "); make it writable or set TCGUARD_AUDIT_LOG; nothing was triggered");

  auto created = actions::trigger_hook(api::Client(s->options), *action, *payload);
  if (!created) {
    record.decision = "failed";
    record.reason = created.error().str();
    Status w = guard::append_audit_line(log_path, guard::audit_line(record));
    if (!w) std::cerr << "tcguard: warning: audit log not written: " << guard::shown(w.error().str()) << "\n";
    return fail(kExitFindings, actions::explain_trigger_error(created.error(), *action));
  }
  record.action_task_id = *created;
  if (Status w = guard::append_audit_line(log_path, guard::audit_line(record)); !w)
    std::cerr << "tcguard: warning: audit log not written after the trigger: " << guard::shown(w.error().str()) << "\n";
  const std::string url = s->root_url + (s->root_url.ends_with("/") ? "" : "/") + "tasks/" + *created;
  if (output_format(global) == report::Format::Json) {
    nlohmann::ordered_json j;
    j["action"] = action->name;
    j["hookGroupId"] = action->hook_group_id;
    j["hookId"] = action->hook_id;
    j["actionTaskId"] = *created;
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << "triggered " << guard::shown(action->name) << " (hook " << guard::shown(record.hook_id)
              << "): action task " << guard::shown(*created) << "\n" << guard::shown(url) << "\n";
  }
  std::cout.flush();
  if (opts.wait) return wait_for(s->options, *created);
  return kExitOk;
}

}  // namespace

int trigger_via_action(const GlobalOptions& global, const ViaAction& via) {
  ActionOptions opts;
  opts.name = via.name;
  opts.task_id = via.task_id;
  opts.confirm = via.confirm;
  opts.dry_run = via.dry_run;
  opts.replaces = via.replaces;
  opts.replaced_needs_confirm = via.needs_confirm;
  return run_action(global, opts, via.task_id);
}

void add_action_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<ActionOptions>();
  auto* cmd = app.add_subcommand(
      "action", "Trigger an in-tree action of a task's decision (tcguard action NAME TASKID), or list them (action list)");
  cmd->add_option("name", opts->name, "`list`, or the action's name (retrigger, rerun, cancel, ...)")->required();
  cmd->add_option("task", opts->task_id, "The task's id");
  cmd->add_option("--group", opts->group, "A task group (its decision task's id): for group actions (cancel-all, retrigger-multiple)");
  cmd->add_option("--input", opts->input, "The action's input: JSON, or @FILE (checked against the action's schema)");
  cmd->add_flag("--dry-run", opts->dry_run, "Print the chosen action and the rendered payload; trigger nothing");
  cmd->add_option("--confirm", opts->confirm, "The cluster's name: confirms a production action without a prompt");
  cmd->add_flag("--wait", opts->wait, "Follow the action task to its end; exit 1 unless it completed");
  cmd->footer(
      "The decision task is the task's taskGroupId; its public/actions.json is read anonymously, the\n"
      "first action of that name whose context matches the task's tags is chosen, the decision task must\n"
      "hold in-tree:hook-action:<hookGroupId>/<hookId>, and hooks.triggerHook creates the action task, which\n"
      "Chain of Trust can verify. The credentials need hooks:trigger-hook:<hookGroupId>/<hookId>.\n"
      "The policy's actions judge it as `action NAME` (production: type the cluster's name, --confirm NAME,\n"
      "or TCGUARD_CONFIRM=NAME); every trigger and refusal is written to the audit log.\n"
      "Exit codes: 0 triggered (or --dry-run, or listed), 1 the service refused (403/404/400) or the\n"
      "decision or its actions.json is gone, 2 usage or input error (unknown action for the task, bad\n"
      "--input), 3 refused by tcguard before sending, 4 confirmation missing or declined.");
  cmd->callback([&ctx, opts] {
    if (opts->group && !opts->task_id.empty()) {
      ctx.exit_code = usage_error("give a task id or --group TASKGROUPID, not both");
      return;
    }
    if (!opts->group && opts->task_id.empty()) {
      ctx.exit_code = usage_error("expected `tcguard action " + (opts->name.empty() ? std::string("NAME") : opts->name) +
                                  " TASKID` (or --group TASKGROUPID)");
      return;
    }
    const std::string id = opts->group ? *opts->group : opts->task_id;
    if (opts->name == "list") {
      if (opts->input || opts->dry_run || opts->confirm || opts->wait) {
        ctx.exit_code = usage_error("`action list` takes only a task id or --group");
        return;
      }
      ctx.exit_code = list_actions(ctx.global, *opts, id);
      return;
    }
    ctx.exit_code = run_action(ctx.global, *opts, id);
  });
}

}  // namespace tcg::cli
