#pragma once
// A scope expression written in a policy: a scope string, or a YAML/JSON {AllOf: [...]} / {AnyOf: [...]}.
#include <yaml-cpp/yaml.h>

#include "policy/yaml_reader.h"
#include "scopes/scopes.h"

namespace tcg::policy {

constexpr int kMaxExprDepth = 32;       // YAML anchors can make cycles; this bounds the walk
constexpr int kMaxExprNodes = 10000;    // and this bounds alias fan-out

Result<scopes::Expr> expr_from_yaml(const YamlReader& reader, const YAML::Node& node);

}  // namespace tcg::policy
