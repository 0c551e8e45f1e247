// What the real CLI or the queue refuses by itself: worth saying before the user confirms, but not
// a finding (nothing bad happens).
#include "api/answers.h"
#include "guard/credential/checks.h"

namespace tcg::guard::credential {

std::vector<std::string> cli_would_refuse_notes(const Facts& facts) {
  std::vector<std::string> notes;
  const std::string& id = facts.task.summary.task_id;
  const std::string& state = facts.status.state;
  const bool cli_rerun = facts.action == TaskAction::Rerun && facts.command.name == "task rerun";
  if (cli_rerun && !facts.command.has_flag("--force") && state != "failed" && state != "exception")
    notes.push_back("the CLI itself will refuse: " + id + " is " + state +
                    ", and `task rerun` reruns only failed or exception tasks unless --force is given");
  if (facts.action == TaskAction::Rerun && facts.status.runs >= 50)
    notes.push_back("the queue will refuse (409): " + id + " already has " + std::to_string(facts.status.runs) +
                    " runs, and a task may be rerun only up to 50 runs");
  if (facts.action == TaskAction::Rerun || facts.action == TaskAction::Cancel) {
    auto deadline = facts.status.deadline_ms ? facts.status.deadline_ms : facts.task.summary.deadline_ms;
    if (deadline && *deadline < facts.now_ms)
      notes.push_back("the queue will refuse (409): " + id + " is past its deadline (" +
                      api::format_iso8601_ms(*deadline) + ")");
  }
  if (facts.action == TaskAction::Cancel && (state == "completed" || state == "failed" || state == "exception"))
    notes.push_back(id + " is already resolved (" + state + "): cancelling it changes nothing");
  return notes;
}

}  // namespace tcg::guard::credential
