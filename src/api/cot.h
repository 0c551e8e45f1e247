#pragma once
// Is a task part of the Chain of Trust (TASKCLUSTER.md §7)? A retrigger copy of such a task, or of
// a task a CoT-verifying task depends on, cannot be verified.
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace tcg::api {

struct CotRelevance {
  bool relevant = false;
  std::string pool;     // "<provisionerId>/<workerType>" (or the taskQueueId) when known
  std::string reason;   // "scriptworker pool", "payload.features.chainOfTrust", "extra.chainOfTrust"
};

// Scriptworker provisioners are `scriptworker-k8s` and `scriptworker-prov-v1`.
bool is_scriptworker_provisioner(const std::string& provisioner_id);
// Judges the stored task definition JSON (queue.task); tolerant of any shape.
CotRelevance classify_cot(const nlohmann::json& task_definition);

}  // namespace tcg::api
