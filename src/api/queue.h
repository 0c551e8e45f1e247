#pragma once
// Typed queue calls (TASKCLUSTER.md §5).
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "api/answers.h"
#include "api/client.h"

namespace tcg::api::queue {

// The task definition as stored, and its checked summary (task_id filled in).
struct Task {
  nlohmann::json definition;
  TaskDefinition summary;
};
ApiResult<Task> task(const Client& client, const std::string& task_id);
ApiResult<TaskStatus> status(const Client& client, const std::string& task_id);
ApiResult<TaskStatus> rerun_task(const Client& client, const std::string& task_id);
ApiResult<TaskStatus> cancel_task(const Client& client, const std::string& task_id);
ApiResult<TaskStatus> create_task(const Client& client, const std::string& task_id, const nlohmann::json& definition);
ApiResult<TaskGroupPage> list_task_group(const Client& client, const std::string& task_group_id,
                                         const std::optional<std::string>& continuation_token = std::nullopt);

}  // namespace tcg::api::queue
