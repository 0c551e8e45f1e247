#pragma once
// A JSON-e renderer with the semantics of the reference implementation, npm json-e@4.8.4
// (docs/jsone.md). The template and context are JSON values; the result is a JSON value whose
// objects keep JavaScript's key order (integer-like keys first, then insertion order).
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "util/result.h"

namespace tcg::jsone {

using Json = nlohmann::ordered_json;

struct RenderOptions {
  // The default `now` (what the context's `now` is when it has none), ISO 8601. Unset: the clock.
  std::optional<std::string> now;
};

// Renders `tmpl` with `context` (which must be an object). On failure the error's message is the
// reference's text, e.g. "TemplateError at template.a[0]: $eval must be given a string expression";
// its first word is the error class (error_class()).
Result<Json> render(const Json& tmpl, const Json& context, const RenderOptions& options = {});

// "SyntaxError", "InterpreterError", "TemplateError" or "BuiltinError" for an error from render().
std::string error_class(const Error& error);

// The JSON text of a rendered value as JavaScript's JSON.stringify writes it (numbers in
// JavaScript's shortest form, NaN and infinities as null); indent < 0: on one line.
std::string to_json_text(const Json& value, int indent = -1);

// Whether `text` is a date JavaScript's Date accepts here (the ISO 8601 forms), for --now.
bool is_valid_date(const std::string& text);

}  // namespace tcg::jsone
