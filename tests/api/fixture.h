#pragma once
// The stand-in's world for the API tests: clients, a level-3 task, the anonymous scopes.
#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "api/answers.h"

namespace tcg::test {

inline const std::string kRootToken = "root-access-token-do-not-print-0001";
inline const std::string kLevel1Token = "level1-access-token-do-not-print-02";
inline const std::string kIssuerToken = "issuer-access-token-do-not-print-03";
inline const std::string kLevel3Token = "level3-access-token-do-not-print-04";
inline const std::string kRoot15mToken = "root15m-access-token-do-not-print-5";

inline int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline nlohmann::json level3_task() {
  return {{"provisionerId", "gecko-3"},
          {"workerType", "b-linux"},
          {"schedulerId", "gecko-level-3"},
          {"taskGroupId", "GROUP3"},
          {"projectId", "gecko"},
          {"priority", "high"},
          {"scopes", {"secrets:get:project/releng/gecko/build/level-3/*"}},
          {"routes", {"index.gecko.v2.mozilla-central.latest"}},
          {"deadline", api::format_iso8601_ms(wall_ms() + 3600 * 1000)},
          {"payload", {{"features", {{"chainOfTrust", true}}}}}};
}

// A completed level-3 build (for `rerun --force`) and a signing task on a scriptworker pool, in a
// group of their own (GROUP3 holds TASK3 alone).
inline nlohmann::json completed_level3_task() {
  auto t = level3_task();
  t["taskGroupId"] = "RELEASE3";
  t["payload"] = nlohmann::json::object();
  return t;
}
inline nlohmann::json signing_task() {
  auto t = level3_task();
  t["taskGroupId"] = "RELEASE3";
  t["provisionerId"] = "scriptworker-k8s";
  t["workerType"] = "gecko-3-signing";
  t["scopes"] = {"project:releng:signing:cert:release-signing"};
  t["payload"] = {{"upstreamArtifacts", nlohmann::json::array()}};
  return t;
}

inline nlohmann::json standin_fixture() {
  int64_t now = wall_ms();
  return {
      {"clients",
       {{{"clientId", "mozilla-auth0/ad|Mozilla-LDAP|relman/cli-root1"},
         {"accessToken", kRootToken},
         {"scopes", {"*"}},
         {"created", api::format_iso8601_ms(now - 3600 * 1000)},
         {"expires", api::format_iso8601_ms(now + 23 * 3600 * 1000)}},
        {{"clientId", "relman/level1"},
         {"accessToken", kLevel1Token},
         {"scopes", {"queue:rerun-task:gecko-level-1/*", "queue:cancel-task:gecko-level-1/*"}},
         {"created", api::format_iso8601_ms(now - 60 * 1000)},
         {"expires", api::format_iso8601_ms(now + 14 * 60 * 1000)}},
        {{"clientId", "relman/issuer"},
         {"accessToken", kIssuerToken},
         {"scopes", {"queue:*", "secrets:get:project/releng/*", "auth:create-client:relman/issuer/*"}}},
        // Enough for a rerun or cancel of any level-3 task, for 15 minutes.
        {{"clientId", "relman/level3"},
         {"accessToken", kLevel3Token},
         {"scopes", {"queue:rerun-task:gecko-level-3/*", "queue:cancel-task:gecko-level-3/*"}},
         {"created", api::format_iso8601_ms(now - 60 * 1000)},
         {"expires", api::format_iso8601_ms(now + 14 * 60 * 1000)}},
        // Root, but only for 15 minutes: allowed by the policy, yet far more than a rerun needs.
        {{"clientId", "relman/root-15m"},
         {"accessToken", kRoot15mToken},
         {"scopes", {"*"}},
         {"created", api::format_iso8601_ms(now - 60 * 1000)},
         {"expires", api::format_iso8601_ms(now + 14 * 60 * 1000)}}}},
      {"anonymousScopes",
       {"auth:current-scopes", "auth:expand-scopes", "auth:get-client:*", "queue:get-task:*", "queue:status:*",
        "queue:list-task-group:*"}},
      {"roles",
       {{{"roleId", "project:releng:ops"}, {"scopes", {"queue:cancel-task:gecko-level-3/*"}}},
        {{"roleId", "mozilla-group:releng"}, {"scopes", {"*"}}}}},
      {"tasks",
       {{"TASK3", {{"task", level3_task()}, {"status", {{"state", "failed"}, {"runs", {{}}}}}}},
        {"DONE3", {{"task", completed_level3_task()}, {"status", {{"state", "completed"}, {"runs", {{}}}}}}},
        {"SIGN3", {{"task", signing_task()}, {"status", {{"state", "completed"}, {"runs", {{}}}}}}}}},
  };
}

}  // namespace tcg::test
