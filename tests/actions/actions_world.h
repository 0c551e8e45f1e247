#pragma once
// The stand-in's world for the action tests, shaped like Firefox CI: a level-3 autoland decision
// task publishing tests/actions/data/actions.json (three `retrigger` entries, rerun, cancel,
// cancel-all, retrigger-multiple), tasks tagged `retrigger: "true"`/`"false"`, the in-tree hooks
// (trigger schema and task template from data/), and decisions that go wrong in each known way.
#include <string>

#include <nlohmann/json.hpp>

#include "../api/fixture.h"
#include "support/cli_runner.h"

namespace tcg::test {

inline const std::string kDecision = "Dk3sGvvjRTqHb5nt4yD2Lw";
inline const std::string kRetriggerable = "Ab1cRetrigTrueTask0001";   // tags retrigger: "true"
inline const std::string kNotRetriggerable = "Zq9xRetrigFalseTask002";  // tags retrigger: "false"
inline const std::string kHook = "in-tree-action-3-generic/5c1a9e0d7b";
inline const std::string kSheriffToken = "sheriff-access-token-do-not-print-06";
inline const std::string kLevel1UserToken = "l1user-access-token-do-not-print-007";
inline const std::string kSheriffId = "mozilla-auth0/ad|Mozilla-LDAP|sheriff1";
inline const std::string kLevel1UserId = "mozilla-auth0/ad|Mozilla-LDAP|contrib1";
// Decisions that go wrong: lacks in-tree:hook-action, hook expired (404), schema-less custom
// action (400 from the hook), published no actions.json; and a task whose decision is gone.
inline const std::string kBadDecision = "BadDecisionNoInTree001";
inline const std::string kOldDecision = "OldDecisionExpiredH002";
inline const std::string kCustomDecision = "CustomDecisionAnyIn003";
inline const std::string kBareDecision = "BareDecisionNoArtif004";
inline const std::string kOrphan = "OrphanTaskGoneDecis005";
// A level-1 (try) push: its decision, a retriggerable task in it, and its hook.
inline const std::string kTryDecision = "TryDecisionLevel1Dec06";
inline const std::string kTryTask = "TryTaskLevel1Retrigg07";
inline const std::string kTryHook = "in-tree-action-1-generic/e2f4a6b8c0";

inline nlohmann::json data_file(const std::string& name) {
  return nlohmann::json::parse(read_file(source_path("tests/actions/data/" + name)));
}

inline nlohmann::json gecko_task(const std::string& group, nlohmann::json tags) {
  return {{"provisionerId", "gecko-3"}, {"workerType", "b-linux-gcp"}, {"schedulerId", "gecko-level-3"},
          {"taskGroupId", group}, {"projectId", "gecko"}, {"priority", "low"}, {"scopes", nlohmann::json::array()},
          {"routes", nlohmann::json::array()}, {"deadline", api::format_iso8601_ms(wall_ms() + 86400 * 1000)},
          {"tags", std::move(tags)}, {"payload", nlohmann::json::object()}};
}

inline nlohmann::json decision_task(const std::string& id, nlohmann::json scopes) {
  auto t = gecko_task(id, {{"kind", "decision-task"}, {"createdForUser", "someone@mozilla.com"}});
  t["workerType"] = "decision";
  t["scopes"] = std::move(scopes);
  return t;
}

// actions.json with the decision id and hook id replaced (text replacement, as a new push would give).
inline nlohmann::json actions_for(const std::string& decision, const std::string& hook) {
  std::string text = read_file(source_path("tests/actions/data/actions.json"));
  for (auto [from, to] : {std::pair{kDecision, decision}, std::pair{kHook, hook}})
    for (size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) text.replace(at, from.size(), to);
  return nlohmann::json::parse(text);
}

inline nlohmann::json actions_world() {
  const std::string branch = "assume:repo:hg.mozilla.org/integration/autoland:branch:default";
  nlohmann::json tasks;
  auto add = [&](const std::string& id, nlohmann::json task) { tasks[id] = {{"task", std::move(task)}}; };
  add(kDecision, decision_task(kDecision, {branch}));
  tasks[kDecision]["artifacts"]["public/actions.json"] = data_file("actions.json");
  add(kRetriggerable, gecko_task(kDecision, {{"kind", "build"}, {"label", "build-linux64/opt"}, {"retrigger", "true"},
                                             {"createdForUser", "someone@mozilla.com"}}));
  add(kNotRetriggerable, gecko_task(kDecision, {{"kind", "test"}, {"label", "test-linux1804-64/opt-mochitest-1"},
                                                {"retrigger", "false"}, {"createdForUser", "someone@mozilla.com"}}));
  add(kBadDecision, decision_task(kBadDecision, nlohmann::json::array()));
  tasks[kBadDecision]["artifacts"]["public/actions.json"] = actions_for(kBadDecision, kHook);
  add(kOldDecision, decision_task(kOldDecision, {branch}));
  tasks[kOldDecision]["artifacts"]["public/actions.json"] =
      actions_for(kOldDecision, "in-tree-action-3-generic/0ddba11e42");  // no such hook any more
  add(kCustomDecision, decision_task(kCustomDecision, {branch}));
  auto custom = actions_for(kCustomDecision, kHook);
  custom["actions"][3]["name"] = "custom";
  custom["actions"][3]["schema"] = nlohmann::json::object();  // accepts any input
  tasks[kCustomDecision]["artifacts"]["public/actions.json"] = custom;
  add(kBareDecision, decision_task(kBareDecision, {branch}));
  add(kTryDecision, decision_task(kTryDecision, {"assume:repo:hg.mozilla.org/try:branch:default"}));
  tasks[kTryDecision]["task"]["schedulerId"] = "gecko-level-1";
  tasks[kTryDecision]["artifacts"]["public/actions.json"] = actions_for(kTryDecision, kTryHook);
  {
    auto t = gecko_task(kTryDecision, {{"kind", "build"}, {"label", "build-linux64/debug"}, {"retrigger", "true"}});
    t["schedulerId"] = "gecko-level-1";
    t["provisionerId"] = "gecko-1";
    t["priority"] = "very-low";
    t["scopes"] = {"secrets:get:project/taskcluster/gecko/hgfingerprint"};
    t["routes"] = {"tc-treeherder.v2.try.9f1c5a0e7d3b2a4c6e8f0a1b2c3d4e5f60718293"};
    add(kTryTask, t);
  }
  add(kOrphan, gecko_task("GoneDecisionGroup00099", {{"kind", "build"}, {"retrigger", "true"}}));

  nlohmann::json hooks;
  hooks["project-gecko/" + kHook] = {{"triggerSchema", data_file("trigger-schema.json")},
                                      {"task", data_file("hook-task.json")}, {"taskState", "completed"}};
  nlohmann::json world = standin_fixture();
  world["tasks"] = tasks;
  hooks["project-gecko/" + kTryHook] = hooks["project-gecko/" + kHook];
  world["roles"].push_back({{"roleId", "repo:hg.mozilla.org/try:branch:default"},
                            {"scopes", {"in-tree:hook-action:project-gecko/in-tree-action-1-*"}}});
  world["roles"].push_back({{"roleId", "repo:hg.mozilla.org/integration/autoland:branch:default"},
                            {"scopes", {"in-tree:hook-action:project-gecko/in-tree-action-3-*"}}});
  world["hooks"] = hooks;
  world["clients"].push_back({{"clientId", kSheriffId}, {"accessToken", kSheriffToken},
                              {"scopes", {"hooks:trigger-hook:project-gecko/in-tree-action-3-*"}}});
  world["clients"].push_back({{"clientId", kLevel1UserId}, {"accessToken", kLevel1UserToken},
                              {"scopes", {"hooks:trigger-hook:project-gecko/in-tree-action-1-*"}}});
  return world;
}

}  // namespace tcg::test
