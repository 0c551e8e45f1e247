#include "api/answers.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace tcg::api {
namespace {

TEST(Answers, Iso8601RoundTrip) {
  EXPECT_EQ(parse_iso8601_ms("1970-01-01T00:00:00.000Z"), 0);
  EXPECT_EQ(parse_iso8601_ms("2023-11-14T22:13:20.000Z"), 1700000000000LL);
  EXPECT_EQ(parse_iso8601_ms("2023-11-14T22:13:20Z"), 1700000000000LL);
  EXPECT_EQ(parse_iso8601_ms("2023-11-14T23:13:20.5+01:00"), 1700000000500LL);
  EXPECT_EQ(format_iso8601_ms(1700000000123LL), "2023-11-14T22:13:20.123Z");
  EXPECT_EQ(format_iso8601_ms(0), "1970-01-01T00:00:00.000Z");
  for (const char* bad : {"", "2023-11-14", "2023-13-01T00:00:00Z", "2023-11-14T22:13:20", "2023-11-14T22:13:20Zx",
                          "2023-11-14T22:13:20.Z"})
    EXPECT_FALSE(parse_iso8601_ms(bad).has_value()) << bad;
}

TEST(Answers, TaskStatus) {
  auto s = parse_task_status(nlohmann::json::parse(
      R"({"status": {"taskId": "T", "state": "failed", "runs": [{}, {}], "deadline": "2026-01-01T00:00:00.000Z"}})"));
  ASSERT_TRUE(s.ok()) << s.error().str();
  EXPECT_EQ(s->state, "failed");
  EXPECT_EQ(s->runs, 2u);
  EXPECT_TRUE(s->deadline_ms.has_value());
  EXPECT_FALSE(parse_task_status(nlohmann::json::parse(R"({"status": {"state": "weird"}})")).ok());
  EXPECT_FALSE(parse_task_status(nlohmann::json::parse(R"({"status": 3})")).ok());
}

TEST(Answers, ClientInfo) {
  auto c = parse_client_info(nlohmann::json::parse(
      R"({"clientId": "a/b", "created": "2026-01-01T00:00:00.000Z", "expires": "2026-01-02T00:00:00.000Z",
          "scopes": ["x"], "expandedScopes": ["x", "y"], "disabled": false})"));
  ASSERT_TRUE(c.ok()) << c.error().str();
  EXPECT_EQ(*c->expires_ms - *c->created_ms, 86400000);
  EXPECT_EQ(c->expanded_scopes.size(), 2u);
  EXPECT_FALSE(parse_client_info(nlohmann::json::parse(R"({"clientId": 1})")).ok());
  EXPECT_FALSE(parse_client_info(nlohmann::json::parse(R"({"clientId": "a", "expires": "tomorrow"})")).ok());
}

TEST(Answers, ScopesetAndTaskGroup) {
  EXPECT_TRUE(parse_scopeset(nlohmann::json::parse(R"({"scopes": []})")).ok());
  EXPECT_FALSE(parse_scopeset(nlohmann::json::parse(R"({"scopes": [1]})")).ok());
  EXPECT_FALSE(parse_scopeset(nlohmann::json::parse(R"([])")).ok());
  auto page = parse_task_group_page(nlohmann::json::parse(
      R"({"tasks": [{"status": {"taskId": "a", "state": "running"}, "task": {}}], "continuationToken": "next"})"));
  ASSERT_TRUE(page.ok()) << page.error().str();
  EXPECT_EQ(page->tasks.size(), 1u);
  EXPECT_EQ(page->continuation_token, "next");
}

TEST(Answers, TaskDefinitionRejectsWrongTypes) {
  EXPECT_FALSE(parse_task_definition(nlohmann::json::parse(R"({"taskGroupId": 3})")).ok());
  EXPECT_FALSE(parse_task_definition(nlohmann::json::parse(R"({"provisionerId": "p"})")).ok());
  EXPECT_FALSE(parse_task_definition(
                   nlohmann::json::parse(R"({"taskGroupId": "g", "provisionerId": "p", "workerType": "w", "scopes": "x"})"))
                   .ok());
}

}  // namespace
}  // namespace tcg::api
