#pragma once
// `tcguard run` against the stand-in: a policy whose cluster is the stand-in, a recording
// `taskcluster` stub, an audit log, and a check that no secret ever appears anywhere.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../api/fixture.h"
#include "../api/standin.h"
#include "support/cli_runner.h"

namespace tcg::test {

inline const std::string kRootId = "mozilla-auth0/ad|Mozilla-LDAP|relman/cli-root1";

class ApiRun : public ::testing::Test {
 protected:
  TempDir dir;
  std::string stub, record, audit;

  void SetUp() override {
    stub = dir.write("real/taskcluster",
                     "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$STUB_RECORD\"\necho \"stub-out $*\"\nexit 0\n", true);
    record = dir.path() + "/record.txt";
    audit = dir.path() + "/state/audit.jsonl";
  }

  // A policy naming the stand-in as the cluster `standin`.
  std::string policy_for(const std::string& root_url, bool production) const {
    return dir.write(production ? "prod.yaml" : "staging.yaml",
                     "version: 1\nclusters:\n  standin:\n    root_url: " + root_url + "/\n    production: " +
                         (production ? "true" : "false") + "\n");
  }

  std::map<std::string, std::string> creds(const std::string& root_url, const std::string& id,
                                           const std::string& token) const {
    return {{"TASKCLUSTER_ROOT_URL", root_url}, {"TASKCLUSTER_CLIENT_ID", id}, {"TASKCLUSTER_ACCESS_TOKEN", token}};
  }

  // `tcguard --policy P [global...] run [run_opts...] -- taskcluster ARGS...`
  RunResult run_guard(const std::map<std::string, std::string>& env, const std::string& policy,
                      std::vector<std::string> tc_args, std::vector<std::string> run_opts = {},
                      std::vector<std::string> global = {}) {
    std::vector<std::string> argv{"--policy", policy};
    argv.insert(argv.end(), global.begin(), global.end());
    argv.push_back("run");
    argv.insert(argv.end(), run_opts.begin(), run_opts.end());
    argv.push_back("--");
    argv.push_back("taskcluster");
    argv.insert(argv.end(), tc_args.begin(), tc_args.end());
    return run_checked(argv, env);
  }

  RunResult run_checked(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env) {
    RunOptions o;
    o.clean_env = true;
    o.cwd = dir.path();
    o.env_set = env;
    o.env_set["HOME"] = dir.path();
    o.env_set["XDG_CONFIG_HOME"] = dir.path() + "/config";
    o.env_set["TCGUARD_TASKCLUSTER"] = stub;
    o.env_set["TCGUARD_AUDIT_LOG"] = audit;
    o.env_set["STUB_RECORD"] = record;
    RunResult r = run_tcguard(argv, o);
    expect_no_secrets(r.out, "stdout");
    expect_no_secrets(r.err, "stderr");
    if (std::filesystem::exists(audit)) expect_no_secrets(read_file(audit), "audit log");
    return r;
  }

  static void expect_no_secrets(const std::string& text, const std::string& where) {
    for (const auto& secret : {kRootToken, kLevel1Token, kIssuerToken, kLevel3Token, kRoot15mToken})
      EXPECT_EQ(text.find(secret), std::string::npos) << where << " shows a token:\n" << text;
    EXPECT_EQ(text.find("Hawk id="), std::string::npos) << where << ":\n" << text;
    EXPECT_EQ(text.find("mac=\""), std::string::npos) << where << ":\n" << text;
  }

  bool stub_ran() const { return std::filesystem::exists(record); }
  std::vector<nlohmann::json> audit_lines() const {
    std::vector<nlohmann::json> out;
    if (!std::filesystem::exists(audit)) return out;
    std::istringstream in(read_file(audit));
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }
};

// The queue requests with a mutating method (POST/PUT) that the stand-in saw.
inline std::vector<std::string> mutating_calls(const nlohmann::json& log) {
  std::vector<std::string> out;
  for (const auto& e : log)
    if (e["method"] != "GET" && e["url"].get<std::string>().rfind("/api/queue/", 0) == 0)
      out.push_back(e["method"].get<std::string>() + " " + e["url"].get<std::string>());
  return out;
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace tcg::test
