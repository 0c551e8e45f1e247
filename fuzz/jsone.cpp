// Fuzzes the JSON-e engine: the bytes are a template and a context separated by a NUL (each JSON;
// a template that is not JSON is used as a string template and as a $eval expression). Rendering
// never crashes, fails only with one of the reference's error classes, and its output parses.
#include <cstddef>
#include <cstdint>
#include <string>

#include "jsone/jsone.h"

namespace {
void check(const tcg::Result<tcg::jsone::Json>& r) {
  if (r) {
    auto back = tcg::jsone::Json::parse(tcg::jsone::to_json_text(*r), nullptr, false);
    if (back.is_discarded()) __builtin_trap();
    return;
  }
  const std::string cls = tcg::jsone::error_class(r.error());
  if (cls != "SyntaxError" && cls != "InterpreterError" && cls != "TemplateError" && cls != "BuiltinError") __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using tcg::jsone::Json;
  std::string text(reinterpret_cast<const char*>(data), size);
  size_t nul = text.find('\0');
  std::string tmpl_text = text.substr(0, nul);
  Json context = Json::object();
  if (nul != std::string::npos) {
    auto c = Json::parse(text.substr(nul + 1), nullptr, false);
    if (!c.is_discarded() && c.is_object()) context = c;
  }
  tcg::jsone::RenderOptions options;
  options.now = "2017-01-19T16:27:20.974Z";
  auto t = Json::parse(tmpl_text, nullptr, false);
  if (!t.is_discarded()) {
    check(tcg::jsone::render(t, context, options));
    return 0;
  }
  // Not JSON: as text (valid UTF-8 only, as JSON input would be).
  Json as_string;
  try {
    as_string = Json(tmpl_text);
    (void)as_string.dump();
  } catch (...) {
    return 0;
  }
  check(tcg::jsone::render(as_string, context, options));
  check(tcg::jsone::render(Json{{"$eval", tmpl_text}}, context, options));
  return 0;
}
