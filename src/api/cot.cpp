#include "api/cot.h"

#include <nlohmann/json.hpp>

namespace tcg::api {

bool is_scriptworker_provisioner(const std::string& provisioner_id) {
  return provisioner_id == "scriptworker-k8s" || provisioner_id == "scriptworker-prov-v1";
}

namespace {

std::string string_at(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

CotRelevance classify_cot(const nlohmann::json& task) {
  CotRelevance r;
  if (!task.is_object()) return r;
  std::string provisioner = string_at(task, "provisionerId");
  std::string worker_type = string_at(task, "workerType");
  std::string queue = string_at(task, "taskQueueId");
  if (provisioner.empty() && !queue.empty()) {
    auto slash = queue.find('/');
    provisioner = queue.substr(0, slash);
    if (slash != std::string::npos) worker_type = queue.substr(slash + 1);
  }
  if (!provisioner.empty() || !worker_type.empty()) r.pool = provisioner + "/" + worker_type;

  if (is_scriptworker_provisioner(provisioner)) {
    r.relevant = true;
    r.reason = "scriptworker pool";
    return r;
  }
  if (auto payload = task.find("payload"); payload != task.end() && payload->is_object()) {
    if (auto features = payload->find("features"); features != payload->end() && features->is_object()) {
      auto cot = features->find("chainOfTrust");
      if (cot != features->end() && cot->is_boolean() && cot->get<bool>()) {
        r.relevant = true;
        r.reason = "payload.features.chainOfTrust";
        return r;
      }
    }
  }
  if (auto extra = task.find("extra"); extra != task.end() && extra->is_object()) {
    auto cot = extra->find("chainOfTrust");
    // Present and not explicitly off: `extra.chainOfTrust` carries CoT inputs (e.g. docker image).
    if (cot != extra->end() && !cot->is_null() && !(cot->is_boolean() && !cot->get<bool>())) {
      r.relevant = true;
      r.reason = "extra.chainOfTrust";
      return r;
    }
  }
  return r;
}

}  // namespace tcg::api
