// Roles files: a YAML or JSON list of {roleId, scopes}. The output of `auth.listRoles` (extra keys
// description/created/lastModified/expandedScopes) and of `auth.listRoles2` ({roles: [...]}) are
// accepted too, so a dump of a real deployment can be used as is.
#include <fstream>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "scopes/scopes.h"
#include "yaml/limits.h"
#include "yaml/single_document.h"

namespace tcg::scopes {

namespace {

Error at(const std::string& filename, const YAML::Mark& mark, const std::string& message) {
  // yaml-cpp marks are 0-based; a null mark (-1) has no position.
  SourceLocation where{filename, mark.line >= 0 ? mark.line + 1 : 0, mark.column >= 0 ? mark.column + 1 : 0};
  return Error{message, where};
}

const std::set<std::string, std::less<>> kIgnoredRoleKeys{"description", "created", "lastModified", "expandedScopes"};

Result<std::string> scalar_string(const YAML::Node& node, const std::string& filename, const std::string& what) {
  if (!node.IsScalar()) return at(filename, node.Mark(), what + " must be a string");
  const std::string& s = node.Scalar();
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c > 0x7e)
      return at(filename, node.Mark(), what + " may only contain printable ASCII (0x20..0x7e)");
  }
  return s;
}

Result<Role> parse_role(const YAML::Node& node, const std::string& filename) {
  if (!node.IsMap()) return at(filename, node.Mark(), "a role must be a mapping with roleId and scopes");
  Role role;
  bool has_id = false;
  bool has_scopes = false;
  for (const auto& kv : node) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
    if (key == "roleId") {
      auto id = scalar_string(kv.second, filename, "roleId");
      if (!id) return id.error();
      role.role_id = *id;
      has_id = true;
    } else if (key == "scopes") {
      has_scopes = true;
      if (kv.second.IsNull()) continue;
      if (!kv.second.IsSequence()) return at(filename, kv.second.Mark(), "scopes must be a list of scope strings");
      for (const auto& item : kv.second) {
        auto scope = scalar_string(item, filename, "a scope");
        if (!scope) return scope.error();
        role.scopes.push_back(*scope);
      }
    } else if (!kIgnoredRoleKeys.contains(key)) {
      std::string hint;
      if (key == "roleid" || key == "role_id" || key == "id" || key == "role") hint = " (did you mean \"roleId\"?)";
      if (key == "scope") hint = " (did you mean \"scopes\"?)";
      return at(filename, kv.first.Mark(), "unknown key \"" + key + "\" in a role; expected roleId and scopes" + hint);
    }
  }
  if (!has_id) return at(filename, node.Mark(), "this role has no roleId");
  if (!has_scopes) return at(filename, node.Mark(), "role '" + role.role_id + "' has no scopes list");
  return role;
}

}  // namespace

Result<std::vector<Role>> parse_roles(std::string_view text, const std::string& filename) {
  // The hardened loader every YAML input goes through: size and nesting first (yaml-cpp recurses
  // without a limit), control characters, one document.
  if (auto limits = yaml::check_yaml_limits(text, filename, yaml::kMaxRolesBytes, "roles file"); !limits)
    return limits.error();
  YAML::Node doc;
  try {
    yaml::SingleDocument loaded = yaml::load_single_document(text);
    if (loaded.second_document)
      return at(filename, *loaded.second_document, "a roles file holds one YAML document; this starts a second");
    doc = loaded.root;
  } catch (const YAML::Exception& e) {
    return at(filename, e.mark, "not valid YAML or JSON: " + e.msg);
  }
  YAML::Node list = doc;
  if (doc.IsMap() && doc["roles"]) list = doc["roles"];
  if (doc.IsNull()) return std::vector<Role>{};
  if (!list.IsSequence())
    return at(filename, list.Mark(), "a roles file must be a list of {roleId, scopes} (or {roles: [...]})");
  std::vector<Role> roles;
  std::set<std::string, std::less<>> seen;
  for (const auto& item : list) {
    auto role = parse_role(item, filename);
    if (!role) return role.error();
    if (!seen.insert(role->role_id).second)
      return at(filename, item.Mark(), "role '" + role->role_id + "' is defined twice");
    roles.push_back(std::move(role).value());
  }
  return roles;
}

Result<std::vector<Role>> load_roles_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"cannot read roles file", SourceLocation{path, 0, 0}};
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Error{"cannot read roles file", SourceLocation{path, 0, 0}};
  return parse_roles(text.str(), path);
}

}  // namespace tcg::scopes
