#include "actions/actions_json.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "actions/input.h"

namespace tcg::actions {

namespace {

Error bad(const std::string& where, const std::string& what) { return Error{where + ": " + what, {}}; }

Result<std::string> string_field(const Json& obj, const char* key, bool required, const std::string& where) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) return bad(where, std::string("`") + key + "` is missing");
    return std::string();
  }
  if (!it->is_string()) return bad(where, std::string("`") + key + "` must be a string");
  return it->get<std::string>();
}

Result<std::vector<std::map<std::string, std::string>>> parse_context(const Json& obj, const std::string& where) {
  std::vector<std::map<std::string, std::string>> out;
  auto it = obj.find("context");
  if (it == obj.end()) return out;  // the schema's default: []
  if (!it->is_array()) return bad(where, "`context` must be a list of tag-sets");
  for (const auto& set : *it) {
    if (!set.is_object()) return bad(where, "each tag-set of `context` must be an object");
    std::map<std::string, std::string> tags;
    for (const auto& [k, v] : set.items()) {
      if (!v.is_string()) return bad(where, "tag `" + k + "` of a `context` tag-set must be a string");
      tags[k] = v.get<std::string>();
    }
    out.push_back(std::move(tags));
  }
  return out;
}

const std::set<std::string> kHookKeys = {"name", "title", "description", "context", "schema", "extra",
                                         "kind", "hookGroupId", "hookId", "hookPayload"};
const std::set<std::string> kTaskKeys = {"name", "title", "description", "context", "schema", "extra", "kind", "task"};

Result<Action> parse_action(const Json& j, const std::string& where) {
  if (!j.is_object()) return bad(where, "an action must be an object");
  Action a;
  auto kind = string_field(j, "kind", true, where);
  if (!kind) return kind.error();
  a.kind = *kind;
  if (a.kind != "hook" && a.kind != "task") return bad(where, "`kind` must be \"hook\" or \"task\", not \"" + a.kind + "\"");
  const auto& allowed = a.kind == "hook" ? kHookKeys : kTaskKeys;
  for (const auto& [k, v] : j.items())
    if (!allowed.count(k)) return bad(where, "unknown key `" + k + "` in a " + a.kind + " action");
  for (auto [key, dest, required] : {std::tuple{"name", &a.name, false}, std::tuple{"title", &a.title, true},
                                     std::tuple{"description", &a.description, true}}) {
    auto v = string_field(j, key, required, where);
    if (!v) return v.error();
    *dest = *v;
  }
  auto context = parse_context(j, where);
  if (!context) return context.error();
  a.context = std::move(*context);
  if (auto s = j.find("schema"); s != j.end()) {
    if (Status ok = check_schema(*s, where + ": `schema`"); !ok) return ok.error();
    a.schema = *s;
  }
  if (a.kind == "hook") {
    auto g = string_field(j, "hookGroupId", true, where);
    if (!g) return g.error();
    auto h = string_field(j, "hookId", true, where);
    if (!h) return h.error();
    a.hook_group_id = *g;
    a.hook_id = *h;
    if (a.hook_group_id.empty() || a.hook_id.empty()) return bad(where, "`hookGroupId` and `hookId` must not be empty");
    auto p = j.find("hookPayload");
    if (p == j.end()) return bad(where, "`hookPayload` is missing");
    a.hook_payload = *p;
  } else if (!j.contains("task")) {
    return bad(where, "`task` is missing");
  }
  return a;
}

}  // namespace

Result<ActionsFile> parse_actions_json(const std::string& text, const std::string& where) {
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded()) return bad(where, "not JSON");
  if (!j.is_object()) return bad(where, "must be a JSON object");
  for (const auto& [k, v] : j.items())
    if (k != "version" && k != "actions" && k != "variables") return bad(where, "unknown top-level key `" + k + "`");
  auto version = j.find("version");
  if (version == j.end() || !version->is_number_integer() || version->get<int64_t>() != 1)
    return bad(where, "wrong version (tcguard reads version 1 only)");
  ActionsFile file;
  auto vars = j.find("variables");
  if (vars == j.end() || !vars->is_object()) return bad(where, "`variables` must be an object");
  file.variables = *vars;
  auto list = j.find("actions");
  if (list == j.end() || !list->is_array()) return bad(where, "`actions` must be a list");
  for (size_t i = 0; i < list->size(); ++i) {
    auto a = parse_action((*list)[i], where + ": actions[" + std::to_string(i) + "]");
    if (!a) return a.error();
    file.actions.push_back(std::move(*a));
  }
  return file;
}

bool applies_to_task(const Action& action, const std::map<std::string, std::string>& tags) {
  return std::any_of(action.context.begin(), action.context.end(), [&](const auto& set) {
    return std::all_of(set.begin(), set.end(), [&](const auto& kv) {
      auto it = tags.find(kv.first);
      // As Treeherder's `taskTags[t] && taskTags[t] === ts[t]`: an empty tag never matches.
      return it != tags.end() && !it->second.empty() && it->second == kv.second;
    });
  });
}

bool applies_to_group(const Action& action) { return action.context.empty(); }

std::vector<const Action*> applicable(const ActionsFile& file,
                                      const std::optional<std::map<std::string, std::string>>& tags) {
  std::vector<const Action*> out;
  std::set<std::string> seen;
  for (const auto& a : file.actions) {
    bool applies = tags ? applies_to_task(a, *tags) : applies_to_group(a);
    if (!applies || seen.count(a.name)) continue;
    seen.insert(a.name);
    out.push_back(&a);
  }
  return out;
}

const Action* choose(const ActionsFile& file, const std::string& name,
                     const std::optional<std::map<std::string, std::string>>& tags) {
  for (const Action* a : applicable(file, tags))
    if (a->name == name) return a;
  return nullptr;
}

std::map<std::string, std::string> task_tags(const nlohmann::json& task_definition) {
  std::map<std::string, std::string> tags;
  auto it = task_definition.find("tags");
  if (it == task_definition.end() || !it->is_object()) return tags;
  for (const auto& [k, v] : it->items())
    if (v.is_string()) tags[k] = v.get<std::string>();
  return tags;
}

namespace {
// "in-tree-action-<level>-<perm>/<hash>" (or in-tree-pr-action-...): {level, perm}.
std::pair<int, std::string> hook_parts(const std::string& hook_id) {
  for (std::string prefix : {"in-tree-action-", "in-tree-pr-action-"}) {
    if (hook_id.rfind(prefix, 0) != 0) continue;
    size_t at = prefix.size();
    if (at >= hook_id.size() || !std::isdigit(static_cast<unsigned char>(hook_id[at]))) return {0, ""};
    int level = hook_id[at] - '0';
    if (at + 1 >= hook_id.size() || hook_id[at + 1] != '-') return {0, ""};
    size_t slash = hook_id.find('/', at + 2);
    return {level, hook_id.substr(at + 2, slash == std::string::npos ? std::string::npos : slash - at - 2)};
  }
  return {0, ""};
}
}  // namespace

int hook_level(const std::string& hook_id) { return hook_parts(hook_id).first; }
std::string hook_permission(const std::string& hook_id) { return hook_parts(hook_id).second; }

}  // namespace tcg::actions
