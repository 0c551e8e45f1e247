#include "guard/credential_check.h"

#include <algorithm>
#include <chrono>

#include "api/identity.h"
#include "api/queue.h"
#include "guard/credential/checks.h"

namespace tcg::guard {

TaskAction task_action_of(const tccli::Command& command) {
  if (command.target_id.empty()) return TaskAction::None;
  const std::string& n = command.name;
  if (n == "task rerun" || n == "api queue.rerunTask") return TaskAction::Rerun;
  if (n == "task cancel" || n == "api queue.cancelTask") return TaskAction::Cancel;
  if (n == "task retrigger") return TaskAction::Retrigger;
  return TaskAction::None;
}

std::string_view task_action_name(TaskAction action) {
  switch (action) {
    case TaskAction::Rerun: return "rerun";
    case TaskAction::Cancel: return "cancel";
    case TaskAction::Retrigger: return "retrigger";
    case TaskAction::None: break;
  }
  return "";
}

std::string minimal_signin_command(const std::vector<std::string>& scopes) {
  std::string out = "eval \"$(taskcluster signin --expires 15m";
  for (const auto& s : scopes) {
    std::string quoted = "'";
    for (char c : s) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += " -s " + quoted + "'";
  }
  return out + ")\"";
}

namespace {

int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The checks once the API has answered everything.
void judge(const policy::Policy& policy, const tccli::Command& command, TaskAction action, const Target& target,
           const api::queue::Task& task, const api::TaskStatus& status, const api::Identity& identity, int64_t now_ms,
           CredentialCheck& check) {
  const bool exact = command.has_flag("--exact");
  auto required = credential::required_scopes(action, task.summary, exact);
  if (!required) {
    check.findings.push_back(credential::unverifiable_credentials(
        target, "the scopes that " + task.summary.task_id + " needs cannot be computed: " + required.error().message));
    return;
  }
  check.required = *required;
  check.minimal_scopes = credential::minimal_scopes(action, task.summary, exact);
  credential::Facts facts{policy, command, action, target, task, status, identity, *required, check.minimal_scopes,
                          now_ms};
  if (auto f = credential::insufficient_scopes(facts)) check.findings.push_back(std::move(*f));
  if (auto f = credential::excess_privilege(facts)) check.findings.push_back(std::move(*f));
  for (auto& f : credential::credential_policy_rules(facts)) check.findings.push_back(std::move(f));
  credential::task_action_messages(facts, check);
  for (auto& n : credential::cli_would_refuse_notes(facts)) check.notes.push_back(std::move(n));
  check.verified = true;
}

}  // namespace

CredentialCheck check_credentials(const policy::Policy& policy, const tccli::Command& command, const Target& target,
                                  const api::Getenv& getenv, const CredentialCheckOptions& options) {
  CredentialCheck check;
  TaskAction action = task_action_of(command);
  if (action == TaskAction::None) return check;
  check.applicable = true;

  auto env = api::load_environment(getenv);
  if (!env) {
    check.findings.push_back(credential::unverifiable_credentials(target, env.error().str()));
  } else if (!env->credentials) {
    check.notes.push_back(
        "no Taskcluster credentials in use (TASKCLUSTER_CLIENT_ID/TASKCLUSTER_ACCESS_TOKEN unset, none in the CLI's "
        "config file): nothing to judge");
  } else {
    const api::Credentials& credentials = *env->credentials;
    check.has_credentials = true;
    check.client_id = credentials.client_id;
    check.temporary = credentials.temporary();
    // The credentials go only where the CLI itself would send them.
    std::optional<std::string> root_url = target.root_url ? target.root_url : env->root_url;
    if (!root_url) {
      check.findings.push_back(credential::unverifiable_credentials(
          target, "no root URL is set (TASKCLUSTER_ROOT_URL, or rootUrl in the CLI's config file)"));
    } else {
      api::ClientOptions client_options;
      client_options.root_url = *root_url;
      client_options.credentials = credentials;
      if (options.transport) client_options.transport = options.transport;
      if (options.retries) client_options.retries = *options.retries;
      api::Client client(client_options);
      client_options.credentials.reset();
      api::Client anonymous(client_options);
      const int64_t now_ms = options.now_ms ? options.now_ms : wall_clock_ms();
      auto failed = [&](const api::ApiError& e) {
        std::string what = e.network() ? "the Taskcluster API at " + *root_url + " could not be reached: "
                                       : "the Taskcluster API at " + *root_url + " answered with an error: ";
        check.findings.push_back(
            credential::unverifiable_credentials(target, what + api::redact(e.str(), credentials.access_token)));
      };

      const std::string& task_id = command.target_id;
      auto task = api::queue::task(client, task_id);
      std::optional<api::ApiResult<api::TaskStatus>> status;
      // Retrigger does not look at the status: it copies the definition whatever the state.
      if (task && action != TaskAction::Retrigger) status = api::queue::status(client, task_id);
      if (!task) {
        failed(task.error());
      } else if (status && !*status) {
        failed(status->error());
      } else {
        auto identity = api::describe_identity(client, &anonymous, credentials, now_ms);
        if (!identity) {
          failed(identity.error());
        } else {
          check.lifetime_seconds = identity->lifetime_seconds;
          for (const auto& n : identity->notes) check.notes.push_back(api::redact(n, credentials.access_token));
          api::TaskStatus known_status = status ? status->value() : api::TaskStatus{};
          check.task_state = known_status.state;
          judge(policy, command, action, target, *task, known_status, *identity, now_ms, check);
        }
      }
    }
  }
  for (auto& f : check.findings)
    if (f.context.empty()) f.context = "credentials";
  policy::apply_exceptions(policy, policy::today_days_utc(), check.findings);
  return check;
}

void apply_credential_check(Decision& decision, const CredentialCheck& check) {
  auto add = [](std::vector<std::string>& ids, const std::string& id) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  };
  for (auto& f : decision.report.findings) {
    auto specific = check.action_messages.find(f.rule);
    if (specific != check.action_messages.end()) f.message = specific->second;
  }
  for (const auto& f : check.findings) {
    decision.report.findings.push_back(f);
    add(decision.rule_ids, f.rule);
    if (f.severity == Severity::Error) add(decision.deny_rules, f.rule);
  }
  if (!decision.deny_rules.empty()) decision.verdict = Verdict::Deny;
}

}  // namespace tcg::guard
