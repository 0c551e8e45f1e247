// Fuzzes the parsing of the Taskcluster API's JSON answers (src/api/answers.h) and the CoT
// classifier and required-scope computation that read the stored task.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "api/answers.h"
#include "api/client.h"
#include "api/cot.h"
#include "api/required_scopes.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string code, message;
  tcg::api::parse_error_body(text, code, message);
  (void)tcg::api::parse_iso8601_ms(text);
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
