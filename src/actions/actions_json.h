#pragma once
// The decision task's `public/actions.json` (ACTIONS.md §1, §2): parsed and checked against the
// shape of taskcluster's action-schema-v1, and the choice of an action for a task or a group.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/result.h"

namespace tcg::actions {

using Json = nlohmann::ordered_json;  // key order kept: `decision` is sent back as it was read

struct Action {
  std::string name, title, description, kind;  // kind: "hook" (tcguard triggers only hooks) or "task"
  std::vector<std::map<std::string, std::string>> context;  // tag-sets; [] = a group action
  std::optional<Json> schema;                                // the input's JSON schema; none: input is null
  std::string hook_group_id, hook_id;
  Json hook_payload;
  // "in-tree:hook-action:<g>/<h>" (what the decision must hold) and "hooks:trigger-hook:<g>/<h>".
  std::string in_tree_scope() const { return "in-tree:hook-action:" + hook_group_id + "/" + hook_id; }
  std::string trigger_scope() const { return "hooks:trigger-hook:" + hook_group_id + "/" + hook_id; }
};

struct ActionsFile {
  Json variables = Json::object();
  std::vector<Action> actions;  // in the file's order: the first that applies wins
};

// Parses the artifact's text. `where` names it in errors ("actions.json of DECISION").
// Checks version 1, the required fields of each kind, types, and that every schema is itself a
// usable JSON schema (input.h); unknown top-level or action keys are errors, as in the schema.
Result<ActionsFile> parse_actions_json(const std::string& text, const std::string& where);

// The spec's context rule: the task matches a tag-set when its tags hold every key with the same
// (non-empty) value; an action applies to a task when any tag-set matches, and to the group
// (task id null) when its context is [].
bool applies_to_task(const Action& action, const std::map<std::string, std::string>& tags);
bool applies_to_group(const Action& action);

// One entry per name, the first that applies, in file order. `tags` nullopt: the group's actions.
std::vector<const Action*> applicable(const ActionsFile& file, const std::optional<std::map<std::string, std::string>>& tags);
// The first action named `name` that applies; nullptr when none does.
const Action* choose(const ActionsFile& file, const std::string& name,
                     const std::optional<std::map<std::string, std::string>>& tags);

// A task definition's `tags` (string values only; others are ignored, as they cannot match).
std::map<std::string, std::string> task_tags(const nlohmann::json& task_definition);

// "in-tree-action-3-generic/abc" -> 3 (0 when the hook id does not follow that scheme).
int hook_level(const std::string& hook_id);
// "in-tree-action-3-generic/abc" -> "generic" ("" when it does not follow the scheme).
std::string hook_permission(const std::string& hook_id);

}  // namespace tcg::actions
