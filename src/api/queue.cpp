#include "api/queue.h"

#include "api/typed_call.h"

namespace tcg::api::queue {

namespace {
std::string task_route(const std::string& task_id) { return "/task/" + encode_path_segment(task_id); }
}  // namespace

ApiResult<Task> task(const Client& client, const std::string& task_id) {
  auto answer = client.call("queue", "task", "GET", task_route(task_id));
  return detail::parsed<Task>(answer, "queue.task", [&](const nlohmann::json& j) -> Result<Task> {
    auto summary = parse_task_definition(j);
    if (!summary) return summary.error();
    summary->task_id = task_id;
    return Task{j, *summary};
  });
}

ApiResult<TaskStatus> status(const Client& client, const std::string& task_id) {
  return detail::parsed<TaskStatus>(client.call("queue", "status", "GET", task_route(task_id) + "/status"),
                                    "queue.status", parse_task_status);
}

ApiResult<TaskStatus> rerun_task(const Client& client, const std::string& task_id) {
  return detail::parsed<TaskStatus>(
      client.call("queue", "rerunTask", "POST", task_route(task_id) + "/rerun", nlohmann::json::object()),
      "queue.rerunTask", parse_task_status);
}

ApiResult<TaskStatus> cancel_task(const Client& client, const std::string& task_id) {
  return detail::parsed<TaskStatus>(
      client.call("queue", "cancelTask", "POST", task_route(task_id) + "/cancel", nlohmann::json::object()),
      "queue.cancelTask", parse_task_status);
}

ApiResult<TaskStatus> create_task(const Client& client, const std::string& task_id, const nlohmann::json& definition) {
  return detail::parsed<TaskStatus>(client.call("queue", "createTask", "PUT", task_route(task_id), definition),
                                    "queue.createTask", parse_task_status);
}

ApiResult<TaskGroupPage> list_task_group(const Client& client, const std::string& task_group_id,
                                         const std::optional<std::string>& continuation_token) {
  std::string route = "/task-group/" + encode_path_segment(task_group_id) + "/list";
  if (continuation_token) route += "?continuationToken=" + encode_path_segment(*continuation_token);
  return detail::parsed<TaskGroupPage>(client.call("queue", "listTaskGroup", "GET", route), "queue.listTaskGroup",
                                       parse_task_group_page);
}

}  // namespace tcg::api::queue
