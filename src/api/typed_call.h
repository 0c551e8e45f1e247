#pragma once
// Shared by the typed calls: run one call and turn its JSON answer into a struct.
#include <string>

#include <nlohmann/json.hpp>

#include "api/client.h"

namespace tcg::api::detail {

template <class T, class Parse>
ApiResult<T> parsed(const ApiResult<nlohmann::json>& answer, const std::string& method, Parse parse) {
  if (!answer) return answer.error();
  auto value = parse(*answer);
  if (!value) {
    ApiError e;
    e.method = method;
    e.status = 200;
    e.code = "UnexpectedAnswer";
    e.message = value.error().message;
    e.attempts = 1;
    return e;
  }
  return std::move(value.value());
}

}  // namespace tcg::api::detail
