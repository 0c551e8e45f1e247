#include "cli/needed_scopes.h"

#include <sstream>

#include "actions/client.h"
#include "api/queue.h"
#include "guard/credential/checks.h"

namespace tcg::cli {

namespace {
std::vector<std::string> split_words(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (const auto& w : words) {
    std::istringstream in(w);
    for (std::string part; in >> part;) out.push_back(part);
  }
  return out;
}
bool cli_twin(const std::string& verb) { return verb == "rerun" || verb == "cancel" || verb == "retrigger"; }
}  // namespace

Result<Job> parse_job(const std::vector<std::string>& given) {
  std::vector<std::string> w = split_words(given);
  if (!w.empty() && (w[0] == "taskcluster" || w[0].ends_with("/taskcluster"))) w.erase(w.begin());
  Job job;
  auto usage = Error{"expected `task rerun|cancel|retrigger TASKID` or `action NAME TASKID` (or `action NAME --group "
                     "TASKGROUPID`)", {}};
  if (w.size() >= 3 && w[0] == "task" && cli_twin(w[1])) {
    job.cli_verb = w[1];
    job.action_name = w[1];
    for (size_t i = 2; i < w.size(); ++i) {
      if (w[i] == "--exact") job.exact = true;
      else if (w[i][0] == '-') return Error{"`" + w[i] + "`: only --exact is understood here", {}};
      else if (job.task_id.empty()) job.task_id = w[i];
      else return usage;
    }
    if (job.task_id.empty()) return usage;
    return job;
  }
  if (w.size() >= 3 && w[0] == "action") {
    job.via_action = true;
    job.action_name = w[1];
    if (cli_twin(w[1])) job.cli_verb = w[1];
    if (w[2] == "--group" && w.size() == 4) job.group_id = w[3];
    else if (w.size() == 3 && w[2][0] != '-') job.task_id = w[2];
    else return usage;
    if (!job.group_id.empty()) job.cli_verb.clear();
    return job;
  }
  return usage;
}

Result<Needed> needed_scopes(const Job& job, const api::ClientOptions& anonymous) {
  api::ClientOptions o = anonymous;
  o.credentials.reset();
  Needed n;
  if (!job.cli_verb.empty()) {
    auto task = api::queue::task(api::Client(o), job.task_id);
    if (!task) return task.error().to_error();
    guard::TaskAction action = job.cli_verb == "rerun"    ? guard::TaskAction::Rerun
                               : job.cli_verb == "cancel" ? guard::TaskAction::Cancel
                                                          : guard::TaskAction::Retrigger;
    n.cli = guard::credential::minimal_scopes(action, task->summary, job.exact);
  }
  bool group = !job.group_id.empty();
  auto lookup = actions::look_up(o, group ? job.group_id : job.task_id, group);
  if (!lookup) {
    n.action_note = lookup.error().message;
    return n;
  }
  const actions::Action* a = actions::choose(lookup->file, job.action_name, lookup->tags);
  if (!a) {
    n.action_note = actions::not_available_message(*lookup, job.action_name);
    return n;
  }
  n.action = ActionScopes{a->name, a->hook_group_id, a->hook_id, {a->trigger_scope()}};
  return n;
}

}  // namespace tcg::cli
