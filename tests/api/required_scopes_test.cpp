#include "api/required_scopes.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/cot.h"

namespace tcg::api {
namespace {

using scopes::Expr;

TaskDefinition level3_task() {
  auto t = parse_task_definition(nlohmann::json{
      {"provisionerId", "gecko-3"}, {"workerType", "b-linux"}, {"schedulerId", "gecko-level-3"},
      {"taskGroupId", "GROUP"}, {"projectId", "gecko"}, {"priority", "high"},
      {"scopes", {"secrets:get:project/releng/gecko/build/level-3/*"}},
      {"routes", {"index.gecko.v2.mozilla-central.latest", "tc-treeherder.v2.mozilla-central.abc"}},
      {"deadline", "2026-02-01T00:00:00.000Z"}});
  EXPECT_TRUE(t.ok());
  t->task_id = "TASK";
  return *t;
}

TEST(RequiredScopes, RerunUsesSchedulerGroupAndProjectOfTheStoredTask) {
  EXPECT_EQ(rerun_task_scopes(level3_task()),
            Expr::any_of({Expr::of("queue:rerun-task:gecko-level-3/GROUP/TASK"),
                          Expr::of("queue:rerun-task-in-project:gecko"),
                          Expr::all_of({Expr::of("queue:rerun-task"), Expr::of("assume:scheduler-id:gecko-level-3/GROUP")})}));
}

TEST(RequiredScopes, CancelIsTheSameShapeWithCancelTask) {
  Expr e = cancel_task_scopes(level3_task());
  ASSERT_EQ(e.kind, Expr::Kind::AnyOf);
  EXPECT_EQ(e.children[0], Expr::of("queue:cancel-task:gecko-level-3/GROUP/TASK"));
  EXPECT_EQ(e.children[1], Expr::of("queue:cancel-task-in-project:gecko"));
  EXPECT_EQ(leaf_scopes(e).back(), "assume:scheduler-id:gecko-level-3/GROUP");
}

TEST(RequiredScopes, RetriggerDropsRoutesUnlessExactAndAcceptsHigherPriorities) {
  auto plain = retrigger_task_scopes(level3_task(), false);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(*plain,
            Expr::all_of({Expr::of("secrets:get:project/releng/gecko/build/level-3/*"),
                          Expr::of("queue:create-task:project:gecko"), Expr::of("queue:scheduler-id:gecko-level-3"),
                          Expr::any_of({Expr::of("queue:create-task:highest:gecko-3/b-linux"),
                                        Expr::of("queue:create-task:very-high:gecko-3/b-linux"),
                                        Expr::of("queue:create-task:high:gecko-3/b-linux")})}));
  auto exact = retrigger_task_scopes(level3_task(), true);
  ASSERT_TRUE(exact.ok());
  auto leaves = leaf_scopes(*exact);
  EXPECT_NE(std::find(leaves.begin(), leaves.end(), "queue:route:index.gecko.v2.mozilla-central.latest"), leaves.end());
  EXPECT_NE(std::find(leaves.begin(), leaves.end(), "queue:route:tc-treeherder.v2.mozilla-central.abc"), leaves.end());
}

TEST(RequiredScopes, LowestPriorityAcceptsEveryPriorityAndUnknownIsAnError) {
  TaskDefinition t = level3_task();
  t.priority = "lowest";
  auto e = create_task_scopes(t);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->children.back().children.size(), 7u);
  t.priority = "urgent";
  EXPECT_FALSE(create_task_scopes(t).ok());
}

TEST(RequiredScopes, DefaultsOfTheQueueApplyToAbsentFields) {
  auto t = parse_task_definition(nlohmann::json{{"taskQueueId", "proj-x/ci"}, {"taskGroupId", "G"}});
  ASSERT_TRUE(t.ok()) << t.error().str();
  EXPECT_EQ(t->scheduler_id, "-");
  EXPECT_EQ(t->project_id, "none");
  EXPECT_EQ(t->priority, "lowest");
  EXPECT_EQ(t->provisioner_id, "proj-x");
  EXPECT_EQ(t->worker_type, "ci");
  t->task_id = "T";
  EXPECT_EQ(leaf_scopes(rerun_task_scopes(*t))[0], "queue:rerun-task:-/G/T");
}

TEST(RequiredScopes, ReadOnlyCalls) {
  EXPECT_EQ(get_task_scopes("T"), Expr::of("queue:get-task:T"));
  EXPECT_EQ(task_status_scopes("T"), Expr::of("queue:status:T"));
  EXPECT_EQ(list_task_group_scopes("G"), Expr::of("queue:list-task-group:G"));
}

TEST(Cot, ScriptworkerPoolsAreRelevantAndNamed) {
  auto r = classify_cot({{"provisionerId", "scriptworker-k8s"}, {"workerType", "gecko-3-signing"}});
  EXPECT_TRUE(r.relevant);
  EXPECT_EQ(r.pool, "scriptworker-k8s/gecko-3-signing");
  EXPECT_EQ(r.reason, "scriptworker pool");
  auto q = classify_cot({{"taskQueueId", "scriptworker-prov-v1/beetmover-v2"}});
  EXPECT_TRUE(q.relevant);
  EXPECT_EQ(q.pool, "scriptworker-prov-v1/beetmover-v2");
}

TEST(Cot, PayloadFeatureAndExtraMarkRelevance) {
  auto f = classify_cot({{"provisionerId", "gecko-3"}, {"workerType", "b-linux"},
                         {"payload", {{"features", {{"chainOfTrust", true}}}}}});
  EXPECT_TRUE(f.relevant);
  EXPECT_EQ(f.reason, "payload.features.chainOfTrust");
  EXPECT_EQ(f.pool, "gecko-3/b-linux");
  auto off = classify_cot({{"provisionerId", "gecko-3"}, {"workerType", "b-linux"},
                           {"payload", {{"features", {{"chainOfTrust", false}}}}}});
  EXPECT_FALSE(off.relevant);
  auto e = classify_cot({{"provisionerId", "gecko-1"}, {"workerType", "b"}, {"extra", {{"chainOfTrust", {{"inputs", {}}}}}}});
  EXPECT_TRUE(e.relevant);
  EXPECT_EQ(e.reason, "extra.chainOfTrust");
  EXPECT_FALSE(classify_cot({{"provisionerId", "proj-misc"}, {"workerType", "ci"}}).relevant);
  EXPECT_FALSE(classify_cot(nlohmann::json::array()).relevant);
}

}  // namespace
}  // namespace tcg::api
