#include "guard/effect.h"

#include "guard/audit.h"

namespace tcg::guard {

namespace {

std::string effect_of(const tccli::Command& c) {
  const std::string id = c.target_id.empty() ? "<none given>" : c.target_id;
  if (!c.state_changing) return "only reads; nothing changes";
  if (c.name == "task rerun")
    return "schedules a new run of task " + id + " (same taskId)" +
           (c.has_flag("--force") ? ", even if it completed or is still running (--force)" : "");
  if (c.name == "task cancel") return "cancels task " + id + " (its current run resolves as exception/canceled)";
  if (c.name == "task retrigger")
    return "creates a new task (new taskId) copied from task " + id +
           (c.has_flag("--exact") ? ", keeping its routes and dependencies (--exact)"
                                  : ", without its routes and dependencies");
  if (c.name == "task complete") return "claims task " + id + " and reports it completed";
  if (c.name == "task run") return "creates and schedules a new task";
  if (c.name == "group cancel") {
    std::string what = "cancels every unscheduled, pending or running task of group " + id;
    auto w = c.flag_values.find("--worker-type");
    if (w != c.flag_values.end()) what += " on worker type " + w->second;
    if (c.has_flag("--force")) what += ", without the CLI's own y/n question (--force)";
    return what;
  }
  if (c.name == "signin") return "creates a client with the requested scopes (through the browser)";
  if (c.name == "config set" || c.name == "config reset") return "changes the CLI's local config file";
  if (c.name.rfind("api ", 0) == 0) return "calls " + c.name.substr(4) + ", which is not a known read-only API method";
  return "runs `taskcluster " + c.name + "`, which tcguard does not know, so it counts as state-changing";
}

}  // namespace

// The sentence carries the target id and flag values as typed, so it is redacted as a whole.
std::string describe_effect(const tccli::Command& c) { return redact_text(effect_of(c)); }

}  // namespace tcg::guard
