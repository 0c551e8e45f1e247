#pragma once
// An action's input against its JSON schema (valijson, draft 4/7 keywords), and the input sent
// when none is given: the schema's defaults (ACTIONS.md §3.2).
#include <optional>
#include <string>

#include "actions/actions_json.h"
#include "util/result.h"

namespace tcg::actions {

// Whether `schema` can be compiled as a JSON schema; the error says why.
Status check_schema(const Json& schema, const std::string& where);

// The input to send: `given` checked against the schema; without `given`, the schema's defaults
// (an object schema: its properties' `default`s, so `{}` when it has none; any other schema: its
// top-level `default`, else null); no schema: null (a given input is then an error).
// Errors list every violation with its JSON path.
Result<Json> resolve_input(const std::optional<Json>& schema, const std::optional<Json>& given);

}  // namespace tcg::actions
