#include "guard/credential_check.h"

#include <algorithm>
#include <chrono>

#include "api/identity.h"
#include "api/queue.h"
#include "guard/credential/checks.h"
#include "judge/judge.h"

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

namespace {

int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Resolving, once the API has answered everything: what the credentials hold and what the queue
// will require. `facts` is judged afterwards, whatever happened here.
void resolve(const policy::Policy& policy, const tccli::Command& command, TaskAction action, const Target& target,
             const api::queue::Task& task, const api::TaskStatus& status, const api::Identity& identity, int64_t now_ms,
             CredentialCheck& check, rules::CredentialFacts& facts) {
  facts.held = credential::held_request(identity, target);
  facts.held.context = facts.context;
  facts.scopes = identity.scopes;
  facts.beyond_anonymous = api::scopes_beyond_anonymous(identity);
  const bool exact = command.has_flag("--exact");
  auto required = credential::required_scopes(action, task.summary, exact);
  if (!required) {
    facts.unverifiable = credential::unverifiable(
        target, "the scopes that " + task.summary.task_id + " needs cannot be computed: " + required.error().message);
    return;
  }
  check.required = *required;
  check.minimal_scopes = credential::minimal_scopes(action, task.summary, exact);
  const auto& t = task.summary;
  facts.task = rules::TaskCommandFacts{std::string(task_action_name(action)), t.task_id, t.scheduler_id,
                                       t.task_group_id, t.project_id, *required, check.minimal_scopes};
  credential::Facts messages{policy, command, action, target, task, status, identity, *required, check.minimal_scopes,
                             now_ms};
  credential::task_action_messages(messages, check);
  for (auto& n : credential::cli_would_refuse_notes(messages)) check.notes.push_back(std::move(n));
  check.verified = true;
}

}  // namespace

CredentialCheck check_credentials(const policy::Policy& policy, const tccli::Command& command, const Target& target,
                                  const api::Getenv& getenv, const CredentialCheckOptions& options) {
  CredentialCheck check;
  TaskAction action = task_action_of(command);
  if (action == TaskAction::None) return check;
  check.applicable = true;
  rules::CredentialFacts facts;
  bool judged = true;  // false: no credentials, nothing to judge
  facts.context = "credentials";
  facts.production = target.production;
  facts.held.context = facts.context;
  facts.held.root_url = target.root_url;
  facts.held.cluster = target.cluster;
  facts.held.production = target.production;

  auto env = api::load_environment(getenv);
  if (!env) {
    facts.unverifiable = credential::unverifiable(target, env.error().str());
  } else if (!env->credentials) {
    judged = false;
    check.notes.push_back(
        "no Taskcluster credentials in use (TASKCLUSTER_CLIENT_ID/TASKCLUSTER_ACCESS_TOKEN unset, none in the CLI's "
        "config file): nothing to judge");
  } else {
    const api::Credentials& credentials = *env->credentials;
    check.has_credentials = true;
    check.client_id = credentials.client_id;
    facts.client_id = credentials.client_id;
    check.temporary = credentials.temporary();
    // The credentials go only where the CLI itself would send them.
    std::optional<std::string> root_url = target.root_url ? target.root_url : env->root_url;
    if (!root_url) {
      facts.unverifiable = credential::unverifiable(
          target, "no root URL is set (TASKCLUSTER_ROOT_URL, or rootUrl in the CLI's config file)");
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
        facts.unverifiable = credential::unverifiable(target, what + api::redact(e.str(), credentials.access_token));
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
          resolve(policy, command, action, target, *task, known_status, *identity, now_ms, check, facts);
        }
      }
    }
  }
  if (!judged) return check;
  judge::Subject subject;
  subject.credentials = &facts;
  check.findings = judge::judge(policy, subject).report.findings;
  // The findings are about the command run's report shows, which holds no sign-in request.
  for (auto& f : check.findings) f.request.reset();
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
