#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "guard/audit.h"
#include "guard/fake_env.h"
#include "support/cli_runner.h"

namespace tcg::guard {
namespace {

using fake::env_of;

TEST(AuditPath, Precedence) {
  EXPECT_EQ(audit_log_path(env_of({{"TCGUARD_AUDIT_LOG", "/x/a.jsonl"}, {"XDG_STATE_HOME", "/s"}, {"HOME", "/h"}})),
            "/x/a.jsonl");
  EXPECT_EQ(audit_log_path(env_of({{"XDG_STATE_HOME", "/s"}, {"HOME", "/h"}})), "/s/tcguard/audit.jsonl");
  EXPECT_EQ(audit_log_path(env_of({{"HOME", "/h"}})), "/h/.local/state/tcguard/audit.jsonl");
  EXPECT_EQ(audit_log_path(env_of({})), "");
}

TEST(AuditLine, IsOneLineOfJsonWithTheFields) {
  AuditRecord r;
  r.time = "2026-05-01T10:00:00.000Z";
  r.user = "relduty";
  r.cluster = "firefoxci";
  r.root_url = "https://firefox-ci-tc.services.mozilla.com/";
  r.command = "task rerun";
  r.target = "T1";
  r.argv = {"taskcluster", "task", "rerun", "T1\nwith newline"};
  r.decision = "confirmed";
  r.confirmed_by = "prompt";
  r.rules = {"production-confirmation"};
  std::string line = audit_line(r);
  ASSERT_FALSE(line.empty());
  EXPECT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["time"], r.time);
  EXPECT_EQ(j["user"], "relduty");
  EXPECT_EQ(j["cluster"], "firefoxci");
  EXPECT_EQ(j["root_url"], r.root_url);
  EXPECT_EQ(j["command"], "task rerun");
  EXPECT_EQ(j["decision"], "confirmed");
  EXPECT_EQ(j["confirmed_by"], "prompt");
  EXPECT_EQ(j["rules"][0], "production-confirmation");
  EXPECT_EQ(j["argv"][3], "T1\nwith newline");
}

TEST(AuditLine, InvalidUtf8DoesNotThrow) {
  AuditRecord r;
  r.argv = {"taskcluster", std::string("\xff\xfe bad")};
  nlohmann::json parsed;
  EXPECT_NO_THROW(parsed = nlohmann::json::parse(audit_line(r)));
  EXPECT_EQ(parsed["argv"].size(), 2u);
}

TEST(Redaction, TokenLikeValues) {
  const std::string token = "Xq3vB8nK2mL9pR4sT7wY1zA5cE6fG0hJ_kM-oN2qS4uV";  // 44 chars of base64url
  auto out = redact_argv({"taskcluster", "config", "set", "config.accessToken", "short-token"});
  EXPECT_EQ(out[4], "<redacted>");
  out = redact_argv({"taskcluster", "api", "hooks", "triggerHookWithToken", "g", "h", "tok", "{}"});
  EXPECT_EQ(out[6], "<redacted>");
  out = redact_argv({"taskcluster", "api", "secrets", "set", "n", "{\"accessToken\": \"abc123\", \"x\": 1}"});
  EXPECT_EQ(out[5].find("abc123"), std::string::npos) << out[5];
  // A secrets payload keeps its keys only.
  EXPECT_EQ(nlohmann::json::parse(out[5]), nlohmann::json::parse(R"({"accessToken": "<redacted>", "x": "<redacted>"})"));
  out = redact_argv({"taskcluster", "task", "run", "--env", "TOKEN=" + token, "img", "sh"});
  EXPECT_EQ(out[4].find(token), std::string::npos) << out[4];
  out = redact_argv({"taskcluster", "weird", token});
  EXPECT_EQ(out[2], "<redacted>");
}

TEST(Redaction, OrdinaryWordsStay) {
  std::vector<std::string> argv = {"taskcluster", "task", "rerun", "fQ7RkAcgSBeZ4B8GQNcDhA", "--force",
                                   "https://firefox-ci-tc.services.mozilla.com/", "gecko-3-b-linux-large-gcp-worker-pool",
                                   "/home/someone/a/rather/long/path/to/some/file/payload.json"};
  EXPECT_EQ(redact_argv(argv), argv);
}

TEST(AuditAppend, CreatesFoldersAndAppends) {
  test::TempDir dir;
  std::string path = dir.path() + "/a/b/audit.jsonl";
  ASSERT_TRUE(append_audit_line(path, "{\"n\":1}\n").ok());
  ASSERT_TRUE(append_audit_line(path, "{\"n\":2}\n").ok());
  EXPECT_EQ(test::read_file(path), "{\"n\":1}\n{\"n\":2}\n");
}

TEST(AuditAppend, UnwritableIsAnError) {
  test::TempDir dir;
  std::string file = dir.write("plain", "x");
  Status s = append_audit_line(file + "/audit.jsonl", "{}\n");
  EXPECT_FALSE(s.ok());
  EXPECT_FALSE(append_audit_line("", "{}\n").ok());
}

// 16 processes appending 1,000 lines each leave 16,000 intact JSON lines.
TEST(AuditAppend, ConcurrentProcessesNeverInterleave) {
  test::TempDir dir;
  std::string path = dir.path() + "/audit.jsonl";
  constexpr int kProcesses = 16;
  constexpr int kLines = 1000;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      AuditRecord r;
      r.user = "proc" + std::to_string(p);
      r.command = "task rerun";
      // Long enough that a torn write would show.
      r.argv = {"taskcluster", "task", "rerun", std::string(600, static_cast<char>('a' + p))};
      for (int i = 0; i < kLines; ++i) {
        r.target = std::to_string(i);
        if (!append_audit_line(path, audit_line(r)).ok()) _exit(1);
      }
      _exit(0);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  std::istringstream in(test::read_file(path));
  std::map<std::string, std::set<std::string>> seen;
  int lines = 0;
  for (std::string line; std::getline(in, line); ++lines) {
    auto j = nlohmann::json::parse(line);  // throws (fails the test) on a torn line
    std::string user = j["user"];
    std::string filler = j["argv"][3];
    EXPECT_EQ(filler, std::string(600, static_cast<char>('a' + std::stoi(user.substr(4)))));
    seen[user].insert(j["target"].get<std::string>());
  }
  EXPECT_EQ(lines, kProcesses * kLines);
  EXPECT_EQ(seen.size(), static_cast<size_t>(kProcesses));
  for (const auto& [user, targets] : seen) EXPECT_EQ(targets.size(), static_cast<size_t>(kLines)) << user;
}

}  // namespace
}  // namespace tcg::guard
