#include "policy/yaml_expr.h"

#include <algorithm>

#include "policy/suggest.h"

namespace tcg::policy {

namespace {

Result<scopes::Expr> parse_node(const YamlReader& reader, const YAML::Node& node, int depth, int& budget) {
  if (depth > kMaxExprDepth) return reader.error(node, "scope expression nests too deeply");
  if (--budget < 0) return reader.error(node, "scope expression is too large");
  if (node.IsScalar()) {
    const std::string& text = node.Scalar();
    // A JSON expression given as a string, e.g. grants: '{"AnyOf": ["a", "b"]}'.
    size_t first = text.find_first_not_of(" \t");
    if (node.Tag() == "!" && first != std::string::npos && text[first] == '{') {
      auto parsed = scopes::parse_expr(text);
      if (!parsed) return reader.error_inside(node, std::max(parsed.error().where.column - 1, 0), parsed.error().message);
      return parsed;
    }
    for (size_t i = 0; i < text.size(); ++i) {
      if (!scopes::is_valid_scope(std::string_view(text).substr(i, 1)))
        return reader.error_inside(node, static_cast<int>(i),
                                   "a scope holds printable ASCII only (0x20-0x7e)");
    }
    return scopes::Expr::of(text);
  }
  if (node.IsMap()) {
    if (node.size() != 1)
      return reader.error(node, "a scope expression mapping has exactly one key, AllOf or AnyOf");
    const auto pair = *node.begin();
    const YAML::Node key = pair.first;
    std::string name = key.IsScalar() ? key.Scalar() : "";
    if (name != "AllOf" && name != "AnyOf")
      return reader.error(key, "expected AllOf or AnyOf in a scope expression" + did_you_mean(name, {"AllOf", "AnyOf"}));
    const YAML::Node list = pair.second;
    if (!list.IsSequence())
      return reader.error(list.IsNull() ? key : list, "`" + name + "` takes a list of scope expressions, found " +
                                                          std::string(node_kind(list)));
    std::vector<scopes::Expr> children;
    for (const auto& child : list) {
      auto parsed = parse_node(reader, child, depth + 1, budget);
      if (!parsed) return parsed;
      children.push_back(std::move(*parsed));
    }
    return name == "AllOf" ? scopes::Expr::all_of(std::move(children)) : scopes::Expr::any_of(std::move(children));
  }
  return reader.error(node, "expected a scope or {AllOf: [...]} / {AnyOf: [...]}, found " + std::string(node_kind(node)));
}

}  // namespace

Result<scopes::Expr> expr_from_yaml(const YamlReader& reader, const YAML::Node& node) {
  int budget = kMaxExprNodes;
  return parse_node(reader, node, 0, budget);
}

}  // namespace tcg::policy
