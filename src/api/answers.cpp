#include "api/answers.h"

#include "policy/civil_date.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdio>

namespace tcg::api {

namespace {

Error answer_error(const std::string& what) { return Error{"unexpected API answer: " + what, {}}; }

bool printable_ascii(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

// Optional string field: absent/null -> fallback; a non-string is an error.
Result<std::string> string_field(const nlohmann::json& j, const char* key, const std::string& fallback,
                                 bool required = false) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) return answer_error(std::string("missing '") + key + "'");
    return fallback;
  }
  if (!it->is_string()) return answer_error(std::string("'") + key + "' is not a string");
  return it->get<std::string>();
}

Result<std::vector<std::string>> scope_list(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  if (!it->is_array()) return answer_error(std::string("'") + key + "' is not a list");
  for (const auto& s : *it) {
    if (!s.is_string()) return answer_error(std::string("'") + key + "' holds a non-string");
    if (!printable_ascii(s.get_ref<const std::string&>()))
      return answer_error(std::string("'") + key + "' holds a string outside printable ASCII");
    out.push_back(s.get<std::string>());
  }
  return out;
}

Result<std::optional<int64_t>> time_field(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::optional<int64_t>{};
  if (!it->is_string()) return answer_error(std::string("'") + key + "' is not a date string");
  auto ms = parse_iso8601_ms(it->get<std::string>());
  if (!ms) return answer_error(std::string("'") + key + "' is not an ISO 8601 date");
  return std::optional<int64_t>{ms};
}

}  // namespace

std::optional<int64_t> parse_iso8601_ms(const std::string& t) {
  // YYYY-MM-DDTHH:MM:SS[.fff...](Z|+HH:MM|-HH:MM)
  auto digits = [&](size_t pos, size_t n, int& out) {
    if (pos + n > t.size()) return false;
    out = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
      out = out * 10 + (t[i] - '0');
    }
    return true;
  };
  int y, mo, d, h, mi, s;
  if (!digits(0, 4, y) || t.size() < 19 || t[4] != '-' || !digits(5, 2, mo) || t[7] != '-' || !digits(8, 2, d) ||
      (t[10] != 'T' && t[10] != 't' && t[10] != ' ') || !digits(11, 2, h) || t[13] != ':' || !digits(14, 2, mi) ||
      t[16] != ':' || !digits(17, 2, s))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  size_t pos = 19;
  int64_t ms = 0;
  if (pos < t.size() && t[pos] == '.') {
    ++pos;
    int64_t scale = 100;
    size_t start = pos;
    while (pos < t.size() && std::isdigit(static_cast<unsigned char>(t[pos]))) {
      ms += (t[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start || pos - start > 9) return std::nullopt;
  }
  int64_t offset_s = 0;
  if (pos < t.size() && (t[pos] == 'Z' || t[pos] == 'z')) {
    ++pos;
  } else if (pos < t.size() && (t[pos] == '+' || t[pos] == '-')) {
    int oh, om;
    if (!digits(pos + 1, 2, oh) || pos + 3 >= t.size() || t[pos + 3] != ':' || !digits(pos + 4, 2, om) || oh > 23 ||
        om > 59)
      return std::nullopt;
    offset_s = (oh * 3600 + om * 60) * (t[pos] == '+' ? 1 : -1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != t.size()) return std::nullopt;
  int64_t days = policy::days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  int64_t secs = days * 86400 + h * 3600 + mi * 60 + s - offset_s;
  return secs * 1000 + ms;
}

std::string format_iso8601_ms(int64_t ms) {
  int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  int64_t frac = ms - secs * 1000;
  int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  int64_t rem = secs - days * 86400;
  // civil_from_days (Hinnant).
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[160];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", static_cast<long long>(y), m, d,
                static_cast<long long>(rem / 3600), static_cast<long long>(rem / 60 % 60),
                static_cast<long long>(rem % 60), static_cast<long long>(frac));
  return buf;
}

Result<TaskDefinition> parse_task_definition(const nlohmann::json& j) {
  if (!j.is_object()) return answer_error("the task definition is not an object");
  TaskDefinition t;
  auto field = [&](const char* key, std::string& out, bool required = false) -> Status {
    auto v = string_field(j, key, out, required);
    if (!v) return v.error();
    out = *v;
    return Ok{};
  };
  for (auto [key, out] : {std::pair{"schedulerId", &t.scheduler_id}, std::pair{"projectId", &t.project_id},
                          std::pair{"provisionerId", &t.provisioner_id}, std::pair{"workerType", &t.worker_type},
                          std::pair{"priority", &t.priority}}) {
    if (auto s = field(key, *out); !s) return s.error();
  }
  if (auto s = field("taskGroupId", t.task_group_id, true); !s) return s.error();
  if (t.provisioner_id.empty() || t.worker_type.empty()) {
    std::string queue;
    if (auto s = field("taskQueueId", queue); !s) return s.error();
    auto slash = queue.find('/');
    if (slash == std::string::npos) return answer_error("the task names no provisionerId/workerType or taskQueueId");
    t.provisioner_id = queue.substr(0, slash);
    t.worker_type = queue.substr(slash + 1);
  }
  for (const std::string* s : {&t.scheduler_id, &t.task_group_id, &t.project_id, &t.provisioner_id, &t.worker_type,
                               &t.priority})
    if (!printable_ascii(*s)) return answer_error("a task identifier holds a character outside printable ASCII");
  auto scopes = scope_list(j, "scopes");
  if (!scopes) return scopes.error();
  t.scopes = *scopes;
  auto routes = scope_list(j, "routes");
  if (!routes) return routes.error();
  t.routes = *routes;
  auto deadline = time_field(j, "deadline");
  if (!deadline) return deadline.error();
  t.deadline_ms = *deadline;
  return t;
}

namespace {
Result<TaskStatus> status_from_object(const nlohmann::json& s) {
  if (!s.is_object()) return answer_error("'status' is not an object");
  TaskStatus st;
  auto id = string_field(s, "taskId", "");
  if (!id) return id.error();
  st.task_id = *id;
  auto state = string_field(s, "state", "", true);
  if (!state) return state.error();
  st.state = *state;
  static const char* kStates[] = {"unscheduled", "pending", "running", "completed", "failed", "exception"};
  bool known = false;
  for (const char* k : kStates) known = known || st.state == k;
  if (!known) return answer_error("unknown task state");
  if (auto runs = s.find("runs"); runs != s.end() && !runs->is_null()) {
    if (!runs->is_array()) return answer_error("'runs' is not a list");
    st.runs = runs->size();
  }
  auto deadline = time_field(s, "deadline");
  if (!deadline) return deadline.error();
  st.deadline_ms = *deadline;
  return st;
}
}  // namespace

Result<TaskStatus> parse_task_status(const nlohmann::json& j) {
  if (!j.is_object()) return answer_error("the status answer is not an object");
  auto it = j.find("status");
  if (it == j.end()) return answer_error("missing 'status'");
  return status_from_object(*it);
}

Result<ClientInfo> parse_client_info(const nlohmann::json& j) {
  if (!j.is_object()) return answer_error("the client answer is not an object");
  ClientInfo c;
  auto id = string_field(j, "clientId", "", true);
  if (!id) return id.error();
  c.client_id = *id;
  auto created = time_field(j, "created");
  if (!created) return created.error();
  c.created_ms = *created;
  auto expires = time_field(j, "expires");
  if (!expires) return expires.error();
  c.expires_ms = *expires;
  for (auto [key, out] : {std::pair{"disabled", &c.disabled}, std::pair{"deleteOnExpiration", &c.delete_on_expiration}}) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) continue;
    if (!it->is_boolean()) return answer_error(std::string("'") + key + "' is not a boolean");
    *out = it->get<bool>();
  }
  auto scopes = scope_list(j, "scopes");
  if (!scopes) return scopes.error();
  c.scopes = *scopes;
  auto expanded = scope_list(j, "expandedScopes");
  if (!expanded) return expanded.error();
  c.expanded_scopes = *expanded;
  return c;
}

Result<std::vector<std::string>> parse_scopeset(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("scopes")) return answer_error("expected {\"scopes\": [...]}");
  return scope_list(j, "scopes");
}

Result<TaskGroupPage> parse_task_group_page(const nlohmann::json& j) {
  if (!j.is_object()) return answer_error("the task-group answer is not an object");
  TaskGroupPage page;
  auto tasks = j.find("tasks");
  if (tasks == j.end() || !tasks->is_array()) return answer_error("'tasks' is not a list");
  for (const auto& entry : *tasks) {
    if (!entry.is_object() || !entry.contains("status")) return answer_error("a task-group entry has no 'status'");
    auto st = status_from_object(entry["status"]);
    if (!st) return st.error();
    page.tasks.push_back(*st);
  }
  auto token = string_field(j, "continuationToken", "");
  if (!token) return token.error();
  if (!token->empty()) page.continuation_token = *token;
  return page;
}

}  // namespace tcg::api
