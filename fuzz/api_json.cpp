// Fuzzes the parsing of the Taskcluster API's JSON answers (src/api/answers.h) and the CoT
// classifier and required-scope computation that read the stored task; and the decision task's
// actions.json (src/actions/): its checks, the context matching and each action's input schema.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "actions/actions_json.h"
#include "actions/input.h"
#include "api/answers.h"
#include "api/client.h"
#include "api/cot.h"
#include "api/required_scopes.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string code, message;
  tcg::api::parse_error_body(text, code, message);
  (void)tcg::api::parse_iso8601_ms(text);
  if (auto file = tcg::actions::parse_actions_json(text, "fuzz"); file.ok()) {
    (void)tcg::actions::applicable(*file, std::nullopt);
    (void)tcg::actions::applicable(*file, std::map<std::string, std::string>{{"retrigger", "true"}, {"kind", "build"}});
    for (const auto& a : file->actions) {
      (void)tcg::actions::hook_level(a.hook_id);
      (void)tcg::actions::resolve_input(a.schema, std::nullopt);
      (void)tcg::actions::resolve_input(a.schema, tcg::actions::Json::object());
    }
  }
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return 0;
  (void)tcg::api::parse_task_status(j);
  (void)tcg::api::parse_client_info(j);
  (void)tcg::api::parse_scopeset(j);
  (void)tcg::api::parse_task_group_page(j);
  (void)tcg::api::classify_cot(j);
  if (auto task = tcg::api::parse_task_definition(j); task.ok()) {
    task->task_id = "T";
    (void)tcg::api::rerun_task_scopes(*task);
    (void)tcg::api::cancel_task_scopes(*task);
    (void)tcg::api::retrigger_task_scopes(*task, true);
  }
  return 0;
}
