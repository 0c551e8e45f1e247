// The actions client's pieces without a server: actions.json checks, context matching, input
// schemas and defaults, and the redirect rules of the artifact fetch (an injected transport).
#include <gtest/gtest.h>

#include "actions/client.h"
#include "actions/input.h"
#include "actions_world.h"

namespace tcg::actions {
namespace {

const std::string kFile = test::read_file(test::source_path("tests/actions/data/actions.json"));

TEST(ActionsJson, FirefoxShapedFileParsesInOrder) {
  auto f = parse_actions_json(kFile, "actions.json");
  ASSERT_TRUE(f) << f.error().message;
  ASSERT_EQ(f->actions.size(), 7u);
  EXPECT_EQ(f->actions[0].name, "retrigger");
  EXPECT_EQ(f->actions[0].hook_payload["decision"]["action"]["cb_name"], "retrigger-decision");
  EXPECT_FALSE(f->actions[0].schema);
  EXPECT_EQ(f->actions[5].context.size(), 0u);
  EXPECT_EQ(f->actions[1].trigger_scope(), "hooks:trigger-hook:project-gecko/in-tree-action-3-generic/5c1a9e0d7b");
}

TEST(ActionsJson, WrongShapesAreErrorsThatSayWhere) {
  auto bad = [](const std::string& text) {
    auto f = parse_actions_json(text, "actions.json of X");
    EXPECT_FALSE(f) << text;
    return f ? std::string() : f.error().message;
  };
  EXPECT_NE(bad(R"({"version": 2, "variables": {}, "actions": []})").find("wrong version"), std::string::npos);
  EXPECT_NE(bad(R"({"code": "ResourceNotFound", "message": "no"})").find("unknown top-level key `code`"), std::string::npos);
  EXPECT_NE(bad(R"({"version": 1, "variables": {}, "actions": [{"kind": "hook", "title": "t", "description": "d",
                  "hookGroupId": "g", "hookPayload": {}}]})").find("actions[0]: `hookId` is missing"), std::string::npos);
  EXPECT_NE(bad(R"({"version": 1, "variables": {}, "actions": [{"kind": "hook", "title": "t", "description": "d",
                  "hookGroupId": "g", "hookId": "h", "hookPayload": {}, "context": [{"retrigger": true}]}]})")
                .find("must be a string"), std::string::npos);
  EXPECT_NE(bad(R"({"version": 1, "variables": {}, "actions": [{"kind": "hook", "title": "t", "description": "d",
                  "hookGroupId": "g", "hookId": "h", "hookPayload": {}, "schema": {"type": 12}}]})")
                .find("schema"), std::string::npos);
  bad("not json at all, it's prose");
  bad("[]");
}

TEST(ActionsJson, FirstMatchWinsAndEmptyTagsNeverMatch) {
  auto f = parse_actions_json(kFile, "actions.json");
  ASSERT_TRUE(f);
  auto title = [&](std::map<std::string, std::string> tags) {
    const Action* a = choose(*f, "retrigger", tags);
    return a ? a->hook_payload["decision"]["action"]["cb_name"].get<std::string>() + ":" + a->title : std::string("none");
  };
  EXPECT_EQ(title({{"retrigger", "true"}, {"kind", "build"}}), "retrigger-action:Retrigger");
  EXPECT_EQ(title({{"retrigger", "false"}}), "retrigger-action:Retrigger (disabled)");
  EXPECT_EQ(title({}), "retrigger-action:Retrigger (disabled)");
  EXPECT_EQ(title({{"kind", "decision-task"}}), "retrigger-decision:Retrigger");
  EXPECT_EQ(title({{"kind", "cron-task"}, {"retrigger", "true"}}), "retrigger-decision:Retrigger");
  Action a;
  a.context = {{{"kind", ""}}};
  EXPECT_FALSE(applies_to_task(a, {{"kind", ""}}));  // Treeherder's truthiness: "" never matches
  EXPECT_EQ(choose(*f, "cancel-all", std::map<std::string, std::string>{}), nullptr);
  EXPECT_NE(choose(*f, "cancel-all", std::nullopt), nullptr);
  EXPECT_EQ(choose(*f, "rerun", std::nullopt), nullptr);
}

TEST(ActionsJson, HookIdsTellLevelAndPermission) {
  EXPECT_EQ(hook_level("in-tree-action-3-generic/5c1a9e0d7b"), 3);
  EXPECT_EQ(hook_permission("in-tree-action-1-retrigger-decision/5c1a9e0d7b"), "retrigger-decision");
  EXPECT_EQ(hook_level("in-tree-pr-action-1-generic/aa"), 1);
  EXPECT_EQ(hook_level("my-own-hook"), 0);
}

TEST(ActionInput, DefaultsAreAppliedOnlyWithoutInput) {
  auto f = parse_actions_json(kFile, "actions.json");
  ASSERT_TRUE(f);
  auto r = resolve_input(f->actions[2].schema, std::nullopt);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, Json::parse(R"({"downstream": false, "times": 1, "force": false})"));
  auto rerun = resolve_input(f->actions[3].schema, std::nullopt);
  EXPECT_EQ(*rerun, Json::object());
  auto none = resolve_input(std::nullopt, std::nullopt);
  EXPECT_TRUE(none->is_null());
  EXPECT_FALSE(resolve_input(std::nullopt, Json::object()));
  auto too_many = resolve_input(f->actions[1].schema, Json::parse(R"({"times": 101, "colour": "red"})"));
  ASSERT_FALSE(too_many);
  EXPECT_NE(too_many.error().message.find("times"), std::string::npos) << too_many.error().message;
  auto multiple = resolve_input(f->actions[6].schema,
                                Json::parse(R"({"requests": [{"tasks": ["test-linux1804-64/opt-mochitest-1"], "times": 2}]})"));
  EXPECT_TRUE(multiple) << multiple.error().message;
}

// A transport that answers from a table and records what it was asked.
struct Recorder {
  std::vector<api::HttpRequest> seen;
  std::map<std::string, api::HttpResponse> answers;
  api::HttpTransport transport() {
    return [this](const api::HttpRequest& r) {
      seen.push_back(r);
      auto it = answers.find(r.url);
      if (it != answers.end()) return it->second;
      api::HttpResponse none;
      none.status = 404;
      return none;
    };
  }
};
api::HttpResponse redirect(const std::string& to) {
  api::HttpResponse r;
  r.status = 303;
  r.location = to;
  return r;
}
api::HttpResponse ok(const std::string& body) {
  api::HttpResponse r;
  r.status = 200;
  r.body = body;
  return r;
}

const std::string kQueueUrl = "https://tc.example.com/api/queue/v1/task/DEC/artifacts/public%2Factions.json";

TEST(ArtifactFetch, FollowsHttpsRedirectsWithoutCredentials) {
  Recorder rec;
  rec.answers[kQueueUrl] = redirect("https://storage.example.net/a?sig=1");
  rec.answers["https://storage.example.net/a?sig=1"] = ok("{\"version\": 1}");
  api::ClientOptions o;
  o.root_url = "https://tc.example.com/";
  o.credentials = api::Credentials{"someone", "secret-token-that-must-stay-here", std::nullopt, std::nullopt};
  o.transport = rec.transport();
  auto text = fetch_public_artifact(o, "DEC", "public/actions.json");
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(*text, "{\"version\": 1}");
  ASSERT_EQ(rec.seen.size(), 2u);
  for (const auto& r : rec.seen)
    for (const auto& [name, value] : r.headers) EXPECT_NE(name, "Authorization");
}

TEST(ArtifactFetch, RefusesPlainHttpAndEndlessRedirects) {
  Recorder rec;
  rec.answers[kQueueUrl] = redirect("http://storage.example.net/a");
  api::ClientOptions o;
  o.root_url = "https://tc.example.com";
  o.transport = rec.transport();
  auto text = fetch_public_artifact(o, "DEC", "public/actions.json");
  ASSERT_FALSE(text);
  EXPECT_NE(text.error().message.find("refusing a redirect to http://storage.example.net"), std::string::npos);
  EXPECT_EQ(rec.seen.size(), 1u);
  // A loopback redirect from a non-loopback root is refused too.
  rec.answers[kQueueUrl] = redirect("http://127.0.0.1:9/a");
  EXPECT_FALSE(fetch_public_artifact(o, "DEC", "public/actions.json"));
  // A loop.
  rec.answers[kQueueUrl] = redirect(kQueueUrl);
  rec.seen.clear();
  auto loop = fetch_public_artifact(o, "DEC", "public/actions.json");
  ASSERT_FALSE(loop);
  EXPECT_NE(loop.error().message.find("more than 5 redirects"), std::string::npos);
  EXPECT_EQ(rec.seen.size(), 6u);
  bool missing = false;
  rec.answers.erase(kQueueUrl);
  EXPECT_FALSE(fetch_public_artifact(o, "DEC", "public/actions.json", &missing));
  EXPECT_TRUE(missing);
}

TEST(RenderPayload, DecisionStaysVerbatimEvenWhenItLooksLikeJsonE) {
  Lookup l;
  l.decision_id = "DEC";
  l.task_id = "T1";
  l.tags = std::map<std::string, std::string>{};
  l.file.variables = Json::parse(R"({"taskId": "not-this", "extra": "v"})");
  Action a;
  a.name = "x";
  a.hook_payload = Json::parse(R"({"decision": {"action": {"description": "costs ${price}", "k": {"$eval": "input"}}},
                                   "user": {"input": {"$eval": "input"}, "taskId": {"$eval": "taskId"},
                                            "taskGroupId": {"$eval": "taskGroupId"}, "v": "${extra}"}})");
  auto p = render_payload(l, a, Json::parse(R"({"times": 2})"));
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ((*p)["decision"], a.hook_payload["decision"]);
  EXPECT_EQ((*p)["user"], Json::parse(R"({"input": {"times": 2}, "taskId": "T1", "taskGroupId": "DEC", "v": "v"})"));
}

}  // namespace
}  // namespace tcg::actions
