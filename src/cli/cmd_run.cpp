// `tcguard run [--confirm NAME] [--dry-run] -- taskcluster ARGS...` and the `taskcluster`
// masquerade: judge the command, ask for confirmation where the policy says so, log it, then
// become the real CLI (exec, so its output, exit code and signals are its own).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/common.h"
#include "guard/audit.h"
#include "guard/cluster.h"
#include "guard/confirm.h"
#include "guard/credential_check.h"
#include "guard/decision.h"
#include "guard/display.h"
#include "guard/effect.h"
#include "guard/real_cli.h"
#include "actions/client.h"
#include "api/credentials.h"
#include "review/review.h"
#include "scopes/scopes.h"
#include "tccli/command.h"

namespace tcg::cli {

namespace {

struct RunOptions {
  std::optional<std::string> confirm;
  bool dry_run = false;
  bool via_action = false;  // --via-action: trigger the in-tree action instead of running the CLI
  std::vector<std::string> words;  // `taskcluster ARGS...`, after `--`
  // Printed on stdout just before a guarded command runs (after every check and the audit line):
  // `tcguard signin PROFILE` marks the shell it is eval'ed in with the profile it signed in with.
  std::string print_before_exec;
};

std::string quoted_command(const std::vector<std::string>& argv) {
  std::string out = "taskcluster";
  for (size_t i = 1; i < argv.size(); ++i) out += " " + argv[i];
  return out;
}

// The real CLI: an explicit path given to `run` (unless it is tcguard itself), else the search.
Result<std::string> locate_real_cli(const std::vector<std::string>& argv, bool masquerade, const guard::Getenv& env,
                                    const std::string& self) {
  if (!masquerade && argv[0].find('/') != std::string::npos) {
    std::error_code ec;
    auto real = std::filesystem::canonical(argv[0], ec);
    if (!ec && real.string() != self) return argv[0];
  }
  return guard::find_real_cli(env, self);
}

int exec_or_fail(const std::string& real, const std::vector<std::string>& argv) {
  std::cout.flush();
  std::cerr.flush();
  Error err = guard::exec_real_cli(real, argv);
  return usage_error(err);
}

std::string confirmation_state(const guard::Decision& d, const RunOptions& opts, const std::string& expected,
                               const guard::Getenv& env) {
  if (d.verdict != guard::Verdict::Confirm) return "not-needed";
  auto given = opts.confirm ? opts.confirm : env("TCGUARD_CONFIRM");
  if (given && !expected.empty() && *given == expected) return "given";
  return "required";
}

nlohmann::ordered_json credentials_json(const guard::CredentialCheck& c) {
  nlohmann::ordered_json j;
  j["checked"] = c.applicable;
  j["present"] = c.has_credentials;
  j["verified"] = c.verified;
  if (c.has_credentials) {
    j["client_id"] = c.client_id;
    j["temporary"] = c.temporary;
  }
  if (c.lifetime_seconds) j["lifetime_seconds"] = *c.lifetime_seconds;
  if (!c.task_state.empty()) j["task_state"] = c.task_state;
  if (c.required) j["required"] = scopes::expr_to_json(*c.required);
  if (!c.minimal_scopes.empty()) j["minimal_scopes"] = c.minimal_scopes;
  j["notes"] = c.notes;
  return j;
}

int print_dry_run(const GlobalOptions& global, const tccli::Command& cmd, const guard::Target& target,
                  const guard::Decision& d, const guard::CredentialCheck& credentials, const RunOptions& opts,
                  const guard::Getenv& env, const policy::Policy& policy) {
  std::string confirmation = confirmation_state(d, opts, target.confirm_name, env);
  int code = kExitOk;
  if (d.verdict == guard::Verdict::Deny) code = kExitRefused;
  else if (confirmation == "required") code = kExitUnconfirmed;

  if (output_format(global) == report::Format::Json) {
    nlohmann::ordered_json j;
    j["version"] = 1;
    j["command"] = guard::redact_text(cmd.name);
    j["known"] = cmd.known;
    j["state_changing"] = cmd.state_changing;
    if (!cmd.target_id.empty()) j["target"] = guard::redact_text(cmd.target_id);
    j["effect"] = guard::describe_effect(cmd);
    j["cluster"] = target.known ? nlohmann::ordered_json(target.cluster) : nlohmann::ordered_json(nullptr);
    j["root_url"] = target.root_url ? nlohmann::ordered_json(*target.root_url) : nlohmann::ordered_json(nullptr);
    j["production"] = target.production;
    j["decision"] = guard::verdict_name(d.verdict);
    j["confirmation"] = confirmation;
    if (d.verdict == guard::Verdict::Confirm) j["confirm_name"] = target.confirm_name;
    j["would_run"] = code == kExitOk;
    nlohmann::ordered_json findings = nlohmann::ordered_json::array();
    for (const auto& f : d.report.findings) {
      nlohmann::ordered_json fj;
      fj["rule"] = f.rule;
      fj["severity"] = std::string(severity_name(f.severity));
      fj["message"] = f.message;
      if (!f.help.empty()) fj["help"] = f.help;
      findings.push_back(std::move(fj));
    }
    j["findings"] = std::move(findings);
    j["credentials"] = credentials_json(credentials);
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    for (const auto& source : policy.lookup) {
      nlohmann::ordered_json fj;
      fj["file"] = source.file;
      fj["origin"] = source.origin;
      fj["use"] = policy::describe_use(source);
      nlohmann::ordered_json ignored = nlohmann::ordered_json::array();
      for (const auto& part : source.ignored)
        ignored.push_back({{"what", part.what}, {"why", part.why}, {"where", part.where.str()}});
      fj["ignored"] = std::move(ignored);
      files.push_back(std::move(fj));
    }
    j["policy_files"] = std::move(files);
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return code;
  }
  // Values from the command line and the environment are shown redacted and escaped (display.h).
  std::cout << "command:      " << (cmd.name.empty() ? "(help)" : guard::shown(cmd.name))
            << (cmd.known ? "" : " (unknown: counted as state-changing)") << "\n";
  std::cout << "effect:       " << guard::shown(guard::describe_effect(cmd)) << "\n";
  std::cout << "cluster:      " << guard::shown(target.display()) << "\n";
  if (target.root_url) std::cout << "root URL:     " << guard::shown(*target.root_url) << "\n";
  std::cout << "decision:     " << guard::verdict_name(d.verdict);
  if (d.verdict == guard::Verdict::Confirm)
    std::cout << " (type " << guard::shown(target.confirm_name) << "; confirmation " << confirmation << ")";
  std::cout << "\n";
  for (const auto& f : d.report.findings)
    std::cout << severity_name(f.severity) << ": " << guard::shown(f.message) << " [" << f.rule << "]\n";
  for (const auto& n : credentials.notes) std::cout << "note: " << guard::shown(n) << "\n";
  for (const auto& source : policy.lookup) {
    std::cout << "policy file:  " << source.file << " (" << source.origin << "): " << policy::describe_use(source) << "\n";
    for (const auto& part : source.ignored)
      std::cout << "  ignored:    " << part.what << " (" << part.where.str() << "): it " << part.why << "\n";
  }
  std::cout << "would run:    " << (code == kExitOk ? "yes" : "no") << "\n";
  return code;
}

guard::AuditRecord audit_record(const tccli::Command& cmd, const guard::Target& target, const guard::Decision& d,
                                const std::vector<std::string>& argv, const guard::Getenv& env) {
  guard::AuditRecord r;
  r.time = guard::utc_timestamp_now();
  r.user = guard::local_user(env);
  r.client_id = env("TASKCLUSTER_CLIENT_ID").value_or("");
  if (r.client_id.empty())
    if (auto config = api::read_cli_config(api::cli_config_path(env))) r.client_id = config->client_id.value_or("");
  r.cluster = target.cluster;
  r.root_url = target.root_url.value_or("");
  r.production = target.production;
  r.command = cmd.name;
  r.target = cmd.target_id;
  r.argv = guard::redact_argv(argv);
  r.rules = d.rule_ids;
  return r;
}

// A command that runs must be recorded first (fail closed): the caller refuses it when this
// fails. For one that does not run anyway, the failure is only a warning.
Status write_audit(const guard::AuditRecord& record, const guard::Getenv& env) {
  return guard::append_audit_line(guard::audit_log_path(env), guard::audit_line(record));
}

void write_audit_or_warn(const guard::AuditRecord& record, const guard::Getenv& env) {
  Status s = write_audit(record, env);
  if (!s) std::cerr << "tcguard: warning: audit log not written: " << guard::shown(s.error().str()) << "\n";
}

// What the guard found, on stderr before the command runs. In text, one `tcguard: SEVERITY:` line
// each and no lint-style summary line ("0 errors, 1 warning"): the guard's verdict follows
// anyway. A confirmation finding's help ("type the name, or pass --confirm") is left out: the
// prompt asks right after, a given --confirm made it moot, and a refusal says how in its reason.
void print_findings(const GlobalOptions& global, const policy::Policy& policy, const guard::Decision& decision) {
  const Report& report = decision.report;
  if (report.findings.empty()) return;
  if (output_format(global) != report::Format::Text) {
    report::write_report(std::cerr, report, output_format(global), render_options(global, &policy, 2));
    std::cerr.flush();
    return;
  }
  for (const auto& f : report.findings) {
    std::cerr << "tcguard: " << severity_name(f.severity) << ": " << guard::shown(f.message) << " [" << f.rule << "]\n";
    bool confirmation = std::find(decision.confirm_rules.begin(), decision.confirm_rules.end(), f.rule) !=
                        decision.confirm_rules.end();
    if (f.help.empty() || confirmation) continue;
    std::string help = f.help;
    bool first = true;
    for (size_t start = 0; start <= help.size();) {
      size_t nl = help.find('\n', start);
      std::string line = help.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
      std::cerr << (first ? "  help: " : "        ") << guard::shown(line) << "\n";
      first = false;
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }
  std::cerr.flush();
}

std::string prompt_text(const tccli::Command& cmd, const guard::Target& target, const std::vector<std::string>& argv) {
  std::string text = "\ntcguard: confirmation needed\n";
  // Each value on one line of its own, escaped: an argument cannot draw a fake line.
  text += "  command:  " + guard::escape_controls(quoted_command(guard::redact_argv(argv))) + "\n";
  text += "  effect:   " + guard::shown(guard::describe_effect(cmd)) + "\n";
  text += "  cluster:  " + guard::shown(target.display()) + "\n";
  if (target.root_url) text += "  root URL: " + guard::shown(*target.root_url) + "\n";
  return text;
}

// `tcguard run -- taskcluster task rerun X --confirm firefoxci`: the confirmation was meant for
// tcguard but would reach the CLI (whose own `--confirm` is a yes/no prompt flag, or unknown), and
// tcguard would then ask for it again. A `--confirm` followed by a name the user would confirm
// with (a cluster of the policy, the target's host) or given `--confirm=NAME` is that mistake; a
// bare `--confirm` (the CLI's own flag) is left alone.
struct MisplacedConfirm {
  std::string name;
  std::vector<std::string> without;  // argv without the misplaced words
};
std::optional<MisplacedConfirm> misplaced_confirm(const std::vector<std::string>& argv, const policy::Policy& policy,
                                             const guard::Target& target) {
  auto names_cluster = [&](const std::string& v) {
    if (v.empty()) return false;
    if (v == target.confirm_name) return true;
    for (const auto& c : policy.clusters)
      if (c.name == v) return true;
    return false;
  };
  auto go_bool = [](const std::string& v) {
    for (const char* b : {"1", "0", "t", "f", "T", "F", "true", "false", "TRUE", "FALSE", "True", "False"})
      if (v == b) return true;
    return false;
  };
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& w = argv[i];
    if (w == "--") break;
    size_t words = 0;
    std::string name;
    if (w == "--confirm" && i + 1 < argv.size() && names_cluster(argv[i + 1])) words = 2, name = argv[i + 1];
    else if (w.rfind("--confirm=", 0) == 0 && !go_bool(w.substr(10))) words = 1, name = w.substr(10);
    if (words == 0) continue;
    MisplacedConfirm m{name, argv};
    m.without.erase(m.without.begin() + static_cast<std::ptrdiff_t>(i),
                    m.without.begin() + static_cast<std::ptrdiff_t>(i + words));
    return m;
  }
  return std::nullopt;
}

// The in-tree action that does what a `task rerun|cancel|retrigger` does ("" for other commands).
std::string twin_action(const tccli::Command& cmd) {
  switch (guard::task_action_of(cmd)) {
    case guard::TaskAction::Rerun: return "rerun";
    case guard::TaskAction::Cancel: return "cancel";
    case guard::TaskAction::Retrigger: return "retrigger";
    default: return "";
  }
}

// retrigger-breaks-cot names the exact safe command when the task's decision publishes a matching
// `retrigger` action (read anonymously; when it cannot be read, the generic advice stays).
void name_the_action_command(guard::Decision& decision, const tccli::Command& cmd, const std::string& root_url) {
  if (guard::task_action_of(cmd) != guard::TaskAction::Retrigger || cmd.target_id.empty()) return;
  auto finding = std::find_if(decision.report.findings.begin(), decision.report.findings.end(),
                              [](const Finding& f) { return f.rule == "retrigger-breaks-cot"; });
  if (finding == decision.report.findings.end()) return;
  api::ClientOptions o;
  o.root_url = root_url;
  o.retries = 1;
  auto lookup = actions::look_up(o, cmd.target_id, false);
  if (!lookup) return;
  const actions::Action* a = actions::choose(lookup->file, "retrigger", lookup->tags);
  if (!a) return;
  finding->help = "Use the push's in-tree `retrigger` action, which keeps the new task verifiable: `tcguard action "
                  "retrigger " + cmd.target_id + "` (or `tcguard run --via-action -- taskcluster task retrigger " +
                  cmd.target_id + "`); it needs " + a->trigger_scope() + ".";
}

// The whole guard: `argv` is the CLI's own argv (argv[0] names taskcluster).
int guard_and_exec(const GlobalOptions& global, const RunOptions& opts, const std::vector<std::string>& argv,
                   bool masquerade) {
  guard::Getenv env = guard::process_env();
  if (guard::exec_loop_detected(env))
    return usage_error(
        "`taskcluster` loops back to tcguard: the CLI that tcguard ran started `taskcluster` again, and PATH led "
        "back here. Set TCGUARD_TASKCLUSTER to the real Taskcluster CLI binary");

  tccli::Command cmd = tccli::parse_command(std::vector<std::string>(argv.begin() + 1, argv.end()));

  std::string real;
  if (!opts.dry_run) {
    std::string self = guard::self_executable();
    auto found = locate_real_cli(argv, masquerade, env, self);
    if (!found) return usage_error(found.error());
    real = *found;
    // Fast path: read-only commands need no policy.
    if (!cmd.state_changing) return exec_or_fail(real, argv);
  }

  auto policy = load_policy(global);
  if (!policy) return usage_error(policy.error());
  auto root_url = guard::effective_root_url(env);
  if (!root_url) return usage_error(root_url.error());
  guard::Target target = guard::resolve_target(*policy, *root_url);
  if (cmd.state_changing) {
    if (auto m = misplaced_confirm(argv, *policy, target)) {
      std::string name = guard::shown(m->name);
      std::string fixed = guard::escape_controls(quoted_command(guard::redact_argv(m->without)));
      return usage_error("`--confirm " + name +
                         "` is tcguard's option, but it is written after the command, where it would be passed to "
                         "taskcluster; nothing was run. It belongs before `--`: `tcguard run --confirm " + name +
                         " -- " + fixed + "`" + (masquerade ? " (or set TCGUARD_CONFIRM=" + name + ")" : ""));
    }
    // Without a root URL neither tcguard nor the CLI can tell which cluster the command would act
    // on: that is what to fix, not a confirmation that could never name a cluster.
    if (!*root_url && !cmd.local_only)
      return usage_error("no root URL is configured, so `" + guard::shown(cmd.name.empty() ? "taskcluster" : cmd.name) +
                         "` has no cluster to act on: set TASKCLUSTER_ROOT_URL (e.g. `export "
                         "TASKCLUSTER_ROOT_URL=https://firefox-ci-tc.services.mozilla.com/`) or rootUrl in " +
                         guard::shown(api::cli_config_path(env)) + " (`taskcluster config set rootUrl URL`); nothing was run");
    // `tcguard signin`, `run -- taskcluster signin` and the masquerade check signin's arguments as
    // `tcguard review -- taskcluster signin` does: one the CLI would reject is a usage error here,
    // not a sign-in judged on defaults it would never use.
    if (cmd.name == "signin") {
      auto strict = review::resolve_signin_strict(*policy, cmd.signin_args, *root_url);
      if (!strict) return usage_error(strict.error());
    }
  }
  guard::Decision decision;
  if (cmd.state_changing) decision = guard::decide(*policy, cmd, target);
  // --via-action, or a policy action with `via_action: true`: the in-tree action, never the CLI.
  bool via = opts.via_action;
  for (const auto& a : policy->actions)
    if (a.via_action && cmd.state_changing && guard::action_applies(a, cmd, target)) via = true;
  if (via) {
    std::string name = twin_action(cmd);
    if (name.empty())
      return usage_error("--via-action works for `task rerun|cancel|retrigger TASKID`, not `" + guard::shown(cmd.name) +
                         "`; nothing was run");
    if (decision.verdict == guard::Verdict::Deny) {
      std::string rules;
      for (const auto& r : decision.deny_rules) rules += (rules.empty() ? "" : ", ") + r;
      std::cerr << "tcguard: " << guard::shown(cmd.name) << " refused by policy (" << rules << "); nothing was run\n";
      return kExitRefused;
    }
    ViaAction v;
    v.name = name;
    v.task_id = cmd.target_id;
    v.replaces = guard::escape_controls(quoted_command(guard::redact_argv(argv)));
    v.confirm = opts.confirm;
    v.dry_run = opts.dry_run;
    v.needs_confirm = decision.verdict == guard::Verdict::Confirm;
    return trigger_via_action(global, v);
  }
  if (cmd.state_changing && *root_url) name_the_action_command(decision, cmd, **root_url);
  // The credentials are judged after the policy's decision (nothing to ask when it already
  // refuses) and before any confirmation: a refusal comes before asking the user.
  guard::CredentialCheck credentials;
  if (cmd.state_changing && decision.verdict != guard::Verdict::Deny) {
    credentials = guard::check_credentials(*policy, cmd, target, env);
    guard::apply_credential_check(decision, credentials);
  }

  if (opts.dry_run) return print_dry_run(global, cmd, target, decision, credentials, opts, env, *policy);

  for (const auto& n : credentials.notes) std::cerr << "tcguard: note: " << guard::shown(n) << "\n";
  print_findings(global, *policy, decision);
  guard::AuditRecord record = audit_record(cmd, target, decision, argv, env);

  if (decision.verdict == guard::Verdict::Deny) {
    record.decision = "denied";
    std::string rules;
    for (const auto& r : decision.deny_rules) rules += (rules.empty() ? "" : ", ") + r;
    record.reason = "refused by policy (" + rules + ")";
    write_audit_or_warn(record, env);
    std::cerr << "tcguard: " << guard::escape_controls(quoted_command(guard::redact_argv(argv))) << " refused by policy (" << rules
              << "); nothing was run\n";
    return kExitRefused;
  }

  if (decision.verdict == guard::Verdict::Confirm) {
    guard::ConfirmInput in;
    in.expected = target.confirm_name;
    in.flag = opts.confirm;
    in.env = env("TCGUARD_CONFIRM");
    in.prompt_text = prompt_text(cmd, target, argv);
    guard::ConfirmOutcome outcome = guard::obtain_confirmation(in);
    if (!outcome.confirmed) {
      record.decision = "refused";
      record.reason = outcome.reason;
      write_audit_or_warn(record, env);
      std::cerr << "tcguard: not confirmed: " << guard::escape_controls(outcome.reason) << "; nothing was run\n";
      return kExitUnconfirmed;
    }
    record.decision = "confirmed";
    record.confirmed_by = outcome.via;
  } else {
    record.decision = "allowed";
  }
  if (Status s = write_audit(record, env); !s) {
    std::string path = guard::audit_log_path(env);
    if (!policy->audit_required) {
      // The user's own policy said `audit_log: best-effort` (a project file cannot).
      std::cerr << "tcguard: warning: audit log " << (path.empty() ? std::string("(none)") : guard::shown(path))
                << " not written (" << guard::shown(s.error().str())
                << "); running anyway, as the policy's `audit_log: best-effort` allows\n";
      return exec_or_fail(real, argv);
    }
    std::cerr << "tcguard: " << guard::escape_controls(quoted_command(guard::redact_argv(argv)))
              << " refused: it cannot be recorded in the audit log "
              << (path.empty() ? std::string("(none)") : guard::shown(path)) << " (" << guard::shown(s.error().str())
              << "); a guarded command runs only once it is recorded. Make the log writable, or set "
                 "TCGUARD_AUDIT_LOG to a file you own (or `audit_log: best-effort` in your own policy); "
                 "nothing was run\n";
    return kExitRefused;
  }
  if (!opts.print_before_exec.empty()) std::cout << opts.print_before_exec << std::flush;
  return exec_or_fail(real, argv);
}

}  // namespace

void add_run_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<RunOptions>();
  auto* cmd = app.add_subcommand("run", "Guard a taskcluster command, then run it (tcguard run -- taskcluster ARGS)");
  cmd->add_option("--confirm", opts->confirm, "The cluster's name: confirms a production action without a prompt");
  cmd->add_flag("--dry-run", opts->dry_run, "Print the decision and run nothing");
  cmd->add_flag("--via-action", opts->via_action,
                "For task rerun|cancel|retrigger: trigger the task's in-tree action of that name instead of the CLI");
  // Everything after `--` is the CLI's own command line (its flags are not tcguard's).
  cmd->add_option("command", opts->words, "taskcluster ARGS... (after --)");
  cmd->footer(
      "Read-only commands run at once. State-changing commands are judged by the policy's actions:\n"
      "on a production cluster the cluster's name must be typed at the prompt (on /dev/tty), or given\n"
      "with --confirm NAME or TCGUARD_CONFIRM=NAME.\n"
      "For `task rerun|cancel|retrigger` (and `api queue rerunTask|cancelTask`), when Taskcluster\n"
      "credentials are in use, tcguard first asks the API for the task, its status and the credentials'\n"
      "scopes and lifetime: missing scopes (insufficient-scopes) and the policy's rules on the credentials\n"
      "refuse the command before any prompt; an API that cannot be asked refuses on production\n"
      "(unverifiable-credentials) and warns elsewhere. --confirm goes before `--`: written after the\n"
      "command it would reach taskcluster, and is an error. --via-action (or `via_action: true` on a policy\n"
      "action) triggers the decision's in-tree rerun/cancel/retrigger action instead (`tcguard action`), and\n"
      "refuses (exit 3) where the decision publishes none: it never falls back to the CLI. Without a root URL (TASKCLUSTER_ROOT_URL or\n"
      "the CLI's config) a state-changing command has no cluster to act on: exit 2.\n"
      "Exit codes: the command's own, or 2 (usage),\n"
      "3 (refused by policy, or the audit log cannot be written), 4 (confirmation missing or declined).");
  cmd->callback([&ctx, opts] {
    std::vector<std::string> words = opts->words;
    if (words.empty() || !tccli::names_taskcluster(words.front())) {
      ctx.exit_code = usage_error("expected `tcguard run [--confirm NAME] [--dry-run] -- taskcluster ARGS...`");
      return;
    }
    ctx.exit_code = guard_and_exec(ctx.global, *opts, words, false);
  });
}

int run_guarded(const GlobalOptions& global, const std::vector<std::string>& argv) {
  return guard_and_exec(global, RunOptions{}, argv, false);
}

int run_guarded(const GlobalOptions& global, const std::vector<std::string>& argv, const std::string& print_before_exec) {
  RunOptions opts;
  opts.print_before_exec = print_before_exec;
  return guard_and_exec(global, opts, argv, false);
}

int masquerade_main(int argc, char** argv) {
  std::vector<std::string> words(argv, argv + argc);
  return guard_and_exec(GlobalOptions{}, RunOptions{}, words, true);
}

}  // namespace tcg::cli
