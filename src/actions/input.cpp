#include "actions/input.h"

#include <stdexcept>

// Without this valijson prints and aborts on a bad schema; with it, it throws (caught below).
#define VALIJSON_USE_EXCEPTIONS 1
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

namespace tcg::actions {

namespace {

// valijson reads nlohmann::json (unordered); key order does not matter to validation.
nlohmann::json plain(const Json& j) { return nlohmann::json::parse(j.dump()); }

// Compiles the schema; remote `$ref`s are refused (nothing is fetched), which valijson reports by
// throwing, as it does for a malformed schema.
Status compile(const nlohmann::json& schema_doc, valijson::Schema& schema, const std::string& where) {
  try {
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(schema_doc);
    parser.populateSchema(adapter, schema);
  } catch (const std::exception& e) {
    return Error{where + ": not a JSON schema tcguard can use: " + e.what(), {}};
  }
  return Ok{};
}

std::string path_of(const std::vector<std::string>& context) {
  std::string out;
  for (const auto& part : context) out += part;
  return out.empty() ? "<root>" : out;
}

}  // namespace

Status check_schema(const Json& schema, const std::string& where) {
  if (!schema.is_object() && !schema.is_boolean()) return Error{where + ": a JSON schema must be an object", {}};
  if (schema.is_boolean()) return Ok{};
  valijson::Schema compiled;
  return compile(plain(schema), compiled, where);
}

Result<Json> resolve_input(const std::optional<Json>& schema, const std::optional<Json>& given) {
  if (!schema) {
    if (given && !given->is_null())
      return Error{"this action takes no input (its actions.json entry has no schema); leave out --input", {}};
    return Json(nullptr);
  }
  Json input;
  if (given) {
    input = *given;
  } else if (schema->is_object() && schema->value("type", Json()) == "object") {
    input = Json::object();
    if (auto props = schema->find("properties"); props != schema->end() && props->is_object())
      for (const auto& [k, v] : props->items())
        if (v.is_object() && v.contains("default")) input[k] = v["default"];
  } else if (schema->is_object() && schema->contains("default")) {
    input = (*schema)["default"];
  } else {
    input = Json(nullptr);
  }
  if (schema->is_boolean()) {
    if (!schema->get<bool>()) return Error{"the action's schema accepts no input at all", {}};
    return input;
  }
  nlohmann::json schema_doc = plain(*schema);
  valijson::Schema compiled;
  if (Status s = compile(schema_doc, compiled, "the action's schema"); !s) return s.error();
  nlohmann::json target = plain(input);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(target);
  if (validator.validate(compiled, adapter, &results)) return input;
  std::string text = "the input " + input.dump() + " does not match the action's schema:";
  valijson::ValidationResults::Error e;
  int shown = 0;
  while (results.popError(e)) {
    if (++shown > 10) {
      text += "\n  ...";
      break;
    }
    text += "\n  " + path_of(e.context) + ": " + e.description;
  }
  return Error{text, {}};
}

}  // namespace tcg::actions
