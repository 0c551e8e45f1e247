// `tcguard jsone [--context JSON] [--now ISO8601] TEMPLATE`: renders a JSON-e template
// (docs/jsone.md). Inputs are JSON or YAML text, @FILE, or - for stdin. YAML is read here, so that
// src/jsone stays a JSON-only engine.
#include <CLI/CLI.hpp>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <regex>
#include <sstream>

#include "cli/common.h"
#include "jsone/jsone.h"

namespace tcg::cli {

namespace {

using jsone::Json;

struct JsoneOptions {
  std::string tmpl;
  std::string context;
  std::string now;
};

Result<Json> yaml_to_json(const YAML::Node& node, int depth) {
  if (depth > 400) return Error{"YAML nested too deeply", {}};
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null: return Json(nullptr);
    case YAML::NodeType::Sequence: {
      Json a = Json::array();
      for (const auto& e : node) {
        auto v = yaml_to_json(e, depth + 1);
        if (!v) return v;
        a.push_back(std::move(*v));
      }
      return a;
    }
    case YAML::NodeType::Map: {
      Json o = Json::object();
      for (const auto& kv : node) {
        auto v = yaml_to_json(kv.second, depth + 1);
        if (!v) return v;
        o[kv.first.as<std::string>()] = std::move(*v);
      }
      return o;
    }
    case YAML::NodeType::Scalar: {
      const std::string& s = node.Scalar();
      if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str") return Json(s);  // quoted
      // The YAML 1.2 core schema for plain scalars.
      if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return Json(nullptr);
      if (s == "true" || s == "True" || s == "TRUE") return Json(true);
      if (s == "false" || s == "False" || s == "FALSE") return Json(false);
      static const std::regex integer("[-+]?[0-9]+");
      static const std::regex number("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
      if (std::regex_match(s, integer) || std::regex_match(s, number)) {
        auto j = Json::parse(s[0] == '+' ? s.substr(1) : s, nullptr, false);
        if (!j.is_discarded()) return j;
        return Json(std::strtod(s.c_str(), nullptr));
      }
      if (s == ".inf" || s == "+.inf" || s == ".Inf" || s == ".INF") return Json(INFINITY);
      if (s == "-.inf" || s == "-.Inf" || s == "-.INF") return Json(-INFINITY);
      if (s == ".nan" || s == ".NaN" || s == ".NAN") return Json(NAN);
      return Json(s);
    }
  }
  return Json(nullptr);
}

// JSON first (exact numbers and key order), else YAML.
Result<Json> parse_input(const std::string& text, const std::string& what) {
  auto j = Json::parse(text, nullptr, false);
  if (!j.is_discarded()) return j;
  try {
    YAML::Node node = YAML::Load(text);
    return yaml_to_json(node, 0);
  } catch (const YAML::Exception& e) {
    return Error{what + " is neither JSON nor YAML: " + e.what(), {}};
  }
}

Result<std::string> read_input(const std::string& arg, const std::string& what) {
  if (arg == "-") {
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    if (std::cin.bad()) return Error{"cannot read " + what + " from stdin", {}};
    return text;
  }
  if (!arg.empty() && arg[0] == '@') {
    std::ifstream in(arg.substr(1), std::ios::binary);
    if (!in) return Error{"cannot read " + what + " file " + arg.substr(1), {}};
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  return arg;
}

int run_jsone(const JsoneOptions& o, bool has_context, bool has_now) {
  if (o.tmpl == "-" && has_context && o.context == "-") return usage_error("only one of TEMPLATE and --context can be -");
  auto tmpl_text = read_input(o.tmpl, "the template");
  if (!tmpl_text) return usage_error(tmpl_text.error());
  auto tmpl = parse_input(*tmpl_text, "the template");
  if (!tmpl) return usage_error(tmpl.error());
  Json context = Json::object();
  if (has_context) {
    auto text = read_input(o.context, "the context");
    if (!text) return usage_error(text.error());
    auto parsed = parse_input(*text, "the context");
    if (!parsed) return usage_error(parsed.error());
    if (!parsed->is_object()) return usage_error("the context must be an object");
    context = std::move(*parsed);
  }
  jsone::RenderOptions options;
  if (has_now) {
    if (!jsone::is_valid_date(o.now)) return usage_error("--now must be an ISO 8601 date, e.g. 2017-01-19T16:27:20.974Z");
    options.now = o.now;
    context["now"] = o.now;  // --now is what `now` is, even over the context's
  }
  auto result = jsone::render(*tmpl, context, options);
  if (!result) {
    std::cerr << result.error().message << "\n";
    return 1;
  }
  std::cout << jsone::to_json_text(*result, 2) << "\n";
  return kExitOk;
}

}  // namespace

void add_jsone_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("jsone", "Render a JSON-e template (json-e 4.8.4 semantics)");
  auto o = std::make_shared<JsoneOptions>();
  auto* context = cmd->add_option("--context", o->context, "The context: JSON or YAML text, @FILE, or - for stdin");
  auto* now = cmd->add_option("--now", o->now, "The time `now` and $fromNow count from (ISO 8601)");
  cmd->add_option("TEMPLATE", o->tmpl, "The template: JSON or YAML text, @FILE, or - for stdin")->required();
  cmd->footer("Exit codes: 0 rendered, 1 template error (on stderr), 2 usage or unreadable input.");
  cmd->callback([&ctx, o, context, now] { ctx.exit_code = run_jsone(*o, context->count() > 0, now->count() > 0); });
}

}  // namespace tcg::cli
