// A `.tcguard.yaml` that comes with a cloned repository must never weaken the guard (DESIGN.md
// "Policy lookup"): it may only add or tighten unless the user trusted that exact content with
// `tcguard policy trust FILE`. Through the binary, with a recording stub as the real CLI.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

constexpr const char* kProduction = "https://firefox-ci-tc.services.mozilla.com/";
constexpr const char* kStaging = "https://stage.taskcluster.nonprod.webservices.mozgcp.net/";

// Each of these, alone, used to let `group cancel --force` on firefoxci run unconfirmed.
constexpr const char* kNoConfirmation =
    "version: 1\nactions:\n  - id: production-confirmation\n    commands: ['*']\n    clusters: production\n"
    "    severity: note\n    message: fine\n    confirm: false\n";
constexpr const char* kNotProduction =
    "version: 1\nclusters:\n  firefoxci:\n    root_url: https://firefox-ci-tc.services.mozilla.com/\n"
    "    production: false\n";
constexpr const char* kUnknownIgnored =
    "version: 1\nunknown_cluster: ignore\n";
constexpr const char* kStealsTheUrl =
    "version: 1\nclusters:\n  mine:\n    root_url: https://firefox-ci-tc.services.mozilla.com\n    production: false\n";
constexpr const char* kException =
    "version: 1\nexceptions:\n  - {rule: production-confirmation, path: '*', reason: trust me, until: 2999-01-01}\n";
// Tightening: refuse reruns everywhere.
constexpr const char* kDenyRerun =
    "version: 1\nactions:\n  - id: no-reruns-here\n    commands: ['task rerun']\n    clusters: any\n"
    "    severity: error\n    message: reruns are not allowed in this repository\n    deny: true\n";

constexpr const char* kStubScript =
    "#!/bin/sh\n"
    "printf '%s\\n' \"$@\" > \"$STUB_RECORD\"\n"
    "exit 0\n";

class UntrustedProject : public ::testing::Test {
 protected:
  TempDir dir;
  std::string stub, record, repo;

  void SetUp() override {
    stub = dir.write("real/taskcluster", kStubScript, true);
    record = dir.path() + "/record.txt";
    repo = dir.path() + "/clone";
    dir.write("clone/src/keep", "");
  }

  RunOptions options(const std::string& root_url, const std::string& cwd = "") const {
    RunOptions o;
    o.clean_env = true;
    o.cwd = cwd.empty() ? repo + "/src" : cwd;  // a sub-folder: the file is found in a parent
    o.env_set = {{"HOME", dir.path()},
                 {"XDG_CONFIG_HOME", dir.path() + "/config"},
                 {"XDG_STATE_HOME", dir.path() + "/state"},
                 {"TCGUARD_TASKCLUSTER", stub},
                 {"TCGUARD_AUDIT_LOG", dir.path() + "/audit.jsonl"},
                 {"STUB_RECORD", record},
                 {"TASKCLUSTER_ROOT_URL", root_url}};
    return o;
  }
  bool stub_ran() const { return std::filesystem::exists(record); }

  RunResult cancel_on(const std::string& root_url, std::vector<std::string> extra = {}) const {
    std::vector<std::string> args{"run"};
    args.insert(args.end(), extra.begin(), extra.end());
    for (const char* a : {"--", "taskcluster", "group", "cancel", "--force", "KD3pG3JtRpWLBmBaWP2XqA"}) args.push_back(a);
    return run_tcguard(args, options(root_url));
  }
};

TEST_F(UntrustedProject, NoWeakeningFileSwitchesOffProductionConfirmation) {
  for (const char* weakening : {kNoConfirmation, kNotProduction, kUnknownIgnored, kStealsTheUrl, kException}) {
    SCOPED_TRACE(weakening);
    dir.write("clone/.tcguard.yaml", weakening);
    for (const char* url : {kProduction, "https://tc.unknown.example/"}) {
      SCOPED_TRACE(url);
      RunResult r = cancel_on(url);
      EXPECT_EQ(r.exit_code, 4) << r.err;  // confirmation missing: there is no terminal
      EXPECT_FALSE(stub_ran());
    }
    RunResult r = cancel_on(kProduction);
    EXPECT_NE(r.err.find("ignored"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("untrusted project policy"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("tcguard policy trust " + repo + "/.tcguard.yaml"), std::string::npos) << r.err;
  }
}

TEST_F(UntrustedProject, TheWarningNamesTheFileLineAndWhatWouldLoosen) {
  dir.write("clone/.tcguard.yaml", kNoConfirmation);
  RunResult r = cancel_on(kProduction);
  EXPECT_NE(r.err.find(repo + "/.tcguard.yaml:3:5: ignored action `production-confirmation`"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("lowers the severity from warning to note"), std::string::npos) << r.err;
}

TEST_F(UntrustedProject, ATighteningFileTakesEffect) {
  dir.write("clone/.tcguard.yaml", kDenyRerun);
  RunResult r = run_tcguard({"run", "--", "taskcluster", "task", "rerun", "fQ7RkAcgSBeZ4B8GQNcDhA"}, options(kStaging));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_FALSE(stub_ran());
  EXPECT_NE(r.err.find("no-reruns-here"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("ignored"), std::string::npos) << r.err;  // nothing was left out

  // A stricter rule under an existing id replaces it: 5 minutes for root scopes.
  dir.write("clone/.tcguard.yaml",
            "version: 1\nrules:\n  - id: root-scope-expiry\n    severity: error\n    clusters: any\n"
            "    when: {grants: '*'}\n    max_expiry: 5m\n");
  r = run_tcguard({"review", "--cluster", "firefoxci-staging", "--expires", "10m", "-s", "*"}, options(kStaging));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("root-scope-expiry allows at most 5m"), std::string::npos) << r.out;
}

TEST_F(UntrustedProject, TrustLetsItLoosenAndEditingRevokesTheTrust) {
  std::string file = dir.write("clone/.tcguard.yaml", kNotProduction);
  RunResult before = cancel_on(kProduction);
  ASSERT_EQ(before.exit_code, 4) << before.err;

  RunResult trust = run_tcguard({"policy", "trust", file}, options(kProduction));
  ASSERT_EQ(trust.exit_code, 0) << trust.err;
  EXPECT_NE(trust.out.find("trusted " + file), std::string::npos) << trust.out;
  EXPECT_NE(trust.out.find("cluster `firefoxci`: it marks a production cluster non-production"), std::string::npos)
      << trust.out;
  EXPECT_TRUE(std::filesystem::exists(dir.path() + "/state/tcguard/trusted-policies"));

  RunResult after = cancel_on(kProduction);
  EXPECT_EQ(after.exit_code, 0) << after.err;
  EXPECT_TRUE(stub_ran());
  std::filesystem::remove(record);

  // One more byte (a comment) and it is a different file: the trust is gone.
  dir.write("clone/.tcguard.yaml", std::string(kNotProduction) + "# edited\n");
  RunResult edited = cancel_on(kProduction);
  EXPECT_EQ(edited.exit_code, 4) << edited.err;
  EXPECT_FALSE(stub_ran());
}

TEST_F(UntrustedProject, AFileOthersCanWriteIsIgnoredEvenWhereItWouldTighten) {
  std::string file = dir.write("clone/.tcguard.yaml", kDenyRerun);
  ASSERT_EQ(::chmod(file.c_str(), 0666), 0);
  RunResult r = run_tcguard({"run", "--", "taskcluster", "task", "rerun", "fQ7RkAcgSBeZ4B8GQNcDhA"}, options(kStaging));
  EXPECT_EQ(r.exit_code, 0) << r.err;  // staging needs no confirmation; the deny did not apply
  EXPECT_NE(r.err.find(file + ": project policy ignored: other users can write it"), std::string::npos) << r.err;
  RunResult trust = run_tcguard({"policy", "trust", file}, options(kStaging));
  EXPECT_EQ(trust.exit_code, 3) << trust.out << trust.err;
}

TEST_F(UntrustedProject, AFileOwnedBySomeoneElseIsIgnored) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give the file to another user";
  std::string file = dir.write("clone/.tcguard.yaml", kDenyRerun);
  ASSERT_EQ(::chown(file.c_str(), 65534, 65534), 0);
  RunResult r = run_tcguard({"run", "--", "taskcluster", "task", "rerun", "fQ7RkAcgSBeZ4B8GQNcDhA"}, options(kStaging));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("owned by uid 65534, not by you"), std::string::npos) << r.err;
}

TEST_F(UntrustedProject, ShowAndDryRunSayWhichFilesAppliedAndWhatWasIgnored) {
  dir.write("config/tcguard/policy.yaml", "version: 1\n");
  std::string file = dir.write("clone/.tcguard.yaml", std::string(kNotProduction) +
                                                          "actions:\n  - id: extra\n    commands: ['task rerun']\n    deny: true\n");
  RunResult show = run_tcguard({"policy", "show"}, options(kProduction));
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find(dir.path() + "/config/tcguard/policy.yaml (user configuration): applied in full"), std::string::npos)
      << show.out;
  EXPECT_NE(show.out.find(file + " (project): applied only where it adds or tightens"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("ignored cluster `firefoxci` (" + file + ":3:3): it marks a production cluster non-production"),
            std::string::npos)
      << show.out;
  EXPECT_NE(show.out.find("- id: extra"), std::string::npos) << show.out;  // the added action is in effect

  RunResult dry = cancel_on(kProduction, {"--dry-run"});
  EXPECT_NE(dry.out.find("policy file:  " + file + " (project): applied only where it adds or tightens"), std::string::npos)
      << dry.out;
  EXPECT_NE(dry.out.find("ignored:    cluster `firefoxci`"), std::string::npos) << dry.out;

  RunResult json = cancel_on(kProduction, {"--dry-run", "--format", "json"});
  auto j = nlohmann::json::parse(json.out);
  ASSERT_EQ(j["policy_files"].size(), 2u) << json.out;
  EXPECT_EQ(j["policy_files"][1]["file"], file);
  EXPECT_EQ(j["policy_files"][1]["ignored"][0]["what"], "cluster `firefoxci`");
  EXPECT_EQ(j["production"], true);
}

TEST_F(UntrustedProject, ExplicitPolicyAndLintKeepTheirPower) {
  // --policy is the user's own choice: it may loosen.
  std::string weak = dir.write("weak.yaml", kNotProduction);
  RunResult r = cancel_on(kProduction, {});
  ASSERT_EQ(r.exit_code, 4);
  RunResult explicit_run = run_tcguard({"--policy", weak, "run", "--", "taskcluster", "group", "cancel", "--force",
                                        "KD3pG3JtRpWLBmBaWP2XqA"},
                                       options(kProduction));
  EXPECT_EQ(explicit_run.exit_code, 0) << explicit_run.err;

  // For lint the project file is the repository's own configuration: applied in full.
  dir.write("clone/.tcguard.yaml",
            "version: 1\nrules:\n  - id: root-scope-expiry\n    severity: note\n    when: {grants: '*'}\n    max_expiry: 15m\n");
  std::string script = dir.write("clone/src/tc.sh", "eval \"$(taskcluster signin -s '*' --expires 1h)\"\n");
  RunResult lint = run_tcguard({"lint", "--format", "json", script}, options(kProduction));
  auto j = nlohmann::json::parse(lint.out);
  bool found_note = false;
  for (const auto& f : j["findings"])
    if (f["rule"] == "root-scope-expiry") found_note = f["severity"] == "note";
  EXPECT_TRUE(found_note) << lint.out;
  EXPECT_EQ(lint.err.find("ignored"), std::string::npos) << lint.err;
}

}  // namespace
}  // namespace tcg::test
