// The CLI's taskcluster.yml through the binary: `run` and `whoami` read it with one reader (the
// `config:` layout `taskcluster config set` writes, a flat file, an empty XDG_CONFIG_HOME), a
// duplicate key is refused, hostile YAML ends in a located error, and production root URLs written
// another way still name their cluster. A recording stub stands in for the real CLI.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

constexpr const char* kStub =
    "#!/bin/sh\n"
    "printf '%s\\n' \"$@\" > \"$STUB_RECORD\"\n"
    "exit 0\n";
// Loopback, a port nothing listens on: the API is never reached, the values are still shown.
constexpr const char* kLoopback = "http://127.0.0.1:9";

class CliConfigE2E : public ::testing::Test {
 protected:
  TempDir dir;
  std::string stub, record;
  void SetUp() override {
    stub = dir.write("real/taskcluster", kStub, true);
    record = dir.path() + "/record.txt";
  }
  RunOptions options(const std::string& xdg) const {
    RunOptions o;
    o.clean_env = true;
    o.cwd = dir.path();
    o.env_set = {{"HOME", dir.path()},
                 {"XDG_CONFIG_HOME", xdg},
                 {"XDG_STATE_HOME", dir.path() + "/state"},
                 {"TCGUARD_TASKCLUSTER", stub},
                 {"TCGUARD_AUDIT_LOG", dir.path() + "/audit.jsonl"},
                 {"STUB_RECORD", record},
                 {"USER", "relduty"}};
    return o;
  }
  RunOptions in_config() const { return options(dir.path() + "/config"); }
  bool stub_ran() const { return std::filesystem::exists(record); }

  RunResult dry_run(const RunOptions& o) const {
    return run_tcguard({"--format", "json", "run", "--dry-run", "--", "taskcluster", "task", "rerun", "T1"}, o);
  }
  RunResult whoami(const RunOptions& o) const { return run_tcguard({"--format", "json", "whoami"}, o); }

  // Both commands, same file: the same root URL and client id, and never the token.
  void expect_same_values(const RunOptions& o, const std::string& client_id) const {
    RunResult r = dry_run(o);
    ASSERT_FALSE(r.out.empty()) << r.err;
    auto run_json = nlohmann::json::parse(r.out);
    EXPECT_EQ(run_json["root_url"], kLoopback) << r.out;
    EXPECT_EQ(run_json["credentials"]["present"], true) << r.out;
    EXPECT_EQ(run_json["credentials"]["client_id"], client_id) << r.out;
    RunResult w = whoami(o);
    EXPECT_NE(w.out.find(client_id), std::string::npos) << w.out << w.err;
    EXPECT_NE(w.out.find(kLoopback), std::string::npos) << w.out;
    EXPECT_EQ(w.out.find("No credentials"), std::string::npos) << w.out;
    for (const auto* text : {&r.out, &r.err, &w.out, &w.err}) EXPECT_EQ(text->find("tok-sekrit-1234"), std::string::npos);
  }
};

TEST_F(CliConfigE2E, RunAndWhoamiReadTheConfigSection) {
  dir.write("config/taskcluster.yml", std::string("config:\n  rootUrl: ") + kLoopback +
                                          "\n  clientId: section-client\n  accessToken: tok-sekrit-1234\n");
  expect_same_values(in_config(), "section-client");
}

TEST_F(CliConfigE2E, RunAndWhoamiReadAFlatFile) {
  dir.write("config/taskcluster.yml",
            std::string("rootUrl: ") + kLoopback + "\nclientId: flat-client\naccessToken: tok-sekrit-1234\n");
  expect_same_values(in_config(), "flat-client");
}

TEST_F(CliConfigE2E, AnEmptyXdgConfigHomeMeansTheHomeConfigFolder) {
  dir.write(".config/taskcluster.yml", std::string("config:\n  rootUrl: ") + kLoopback +
                                           "\n  clientId: home-client\n  accessToken: tok-sekrit-1234\n");
  dir.write("taskcluster.yml", "config:\n  rootUrl: https://wrong.example.com\n");  // "" + "/taskcluster.yml" is not it
  expect_same_values(options(""), "home-client");
}

TEST_F(CliConfigE2E, ADuplicateRootUrlIsRefusedAndStagingIsNeverUsed) {
  std::string file = dir.write("config/taskcluster.yml",
                               "config:\n  rootUrl: https://stage.taskcluster.nonprod.webservices.mozgcp.net/\n"
                               "  rootUrl: https://firefox-ci-tc.services.mozilla.com/\n");
  RunResult r = run_tcguard({"run", "--", "taskcluster", "task", "rerun", "T1"}, in_config());
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_FALSE(stub_ran());
  EXPECT_NE(r.err.find(file + ":3:3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("duplicate key"), std::string::npos) << r.err;
  RunResult d = dry_run(in_config());
  EXPECT_EQ(d.exit_code, 2);
  EXPECT_EQ(d.out.find("stage"), std::string::npos) << d.out;
  RunResult w = whoami(in_config());
  EXPECT_EQ(w.exit_code, 2) << w.out << w.err;
  EXPECT_NE(w.err.find(file + ":3:3"), std::string::npos) << w.err;
}

TEST_F(CliConfigE2E, HostileConfigFilesEndInALocatedError) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'z'; ++c)
    bomb += std::string(1, c) + ": &" + c + " [*" + static_cast<char>(c - 1) + ", *" + static_cast<char>(c - 1) +
            ", *" + static_cast<char>(c - 1) + ", *" + static_cast<char>(c - 1) + "]\n";
  bomb += "config:\n  rootUrl: *z\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"bomb", bomb},
      {"deep", std::string(10000, '[') + std::string(10000, ']') + "\n"},
      {"deep block", [] {
         std::string s;
         for (int i = 0; i < 10000; ++i) s += std::string(static_cast<size_t>(i % 200), ' ') + "k:\n";
         return s;
       }()},
      {"control", std::string("config:\n  rootUrl: https://firefox-ci-tc.services.mozilla.com/\x1b[2J\n")},
      {"nul", std::string("config:\n  clientId: a\0b\n", 24)},
  };
  for (const auto& [name, text] : cases) {
    SCOPED_TRACE(name);
    std::string file = dir.write("config/taskcluster.yml", text);
    for (const auto& r : {dry_run(in_config()), whoami(in_config())}) {
      EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
      EXPECT_NE(r.err.find(file + ":"), std::string::npos) << r.err;
    }
    EXPECT_FALSE(stub_ran());
  }
}

// Production written another way is still production, and its name confirms it.
TEST_F(CliConfigE2E, ProductionRootUrlsWrittenAnotherWayNameFirefoxci) {
  for (std::string url : {"https://firefox-ci-tc.services.mozilla.com:443", "https://firefox-ci-tc.services.mozilla.com./",
                          "https://firefox-ci-tc.services.mozilla.com//", "https://firefox-ci-tc.services.mozilla.com/x/",
                          "HTTPS://FIREFOX-CI-TC.SERVICES.MOZILLA.COM"}) {
    SCOPED_TRACE(url);
    RunOptions o = in_config();
    o.env_set["TASKCLUSTER_ROOT_URL"] = url;
    RunResult d = dry_run(o);
    ASSERT_FALSE(d.out.empty()) << d.err;
    auto j = nlohmann::json::parse(d.out);
    EXPECT_EQ(j["cluster"], "firefoxci");
    EXPECT_EQ(j["production"], true);
    RunResult bare = run_tcguard({"run", "--", "taskcluster", "task", "rerun", "T1"}, o);
    EXPECT_NE(bare.exit_code, 0);
    EXPECT_FALSE(stub_ran());
    // The user's own policy lets unknown clusters through: this one is still known, and production.
    RunOptions lenient = o;
    lenient.env_set["TCGUARD_POLICY"] = dir.write("lenient.yaml", "version: 1\nunknown_cluster: ignore\n");
    RunResult ignored = run_tcguard({"run", "--", "taskcluster", "task", "rerun", "T1"}, lenient);
    EXPECT_EQ(ignored.exit_code, 4) << ignored.out << ignored.err;
    EXPECT_FALSE(stub_ran());
    RunResult ok = run_tcguard({"run", "--confirm", "firefoxci", "--", "taskcluster", "task", "rerun", "T1"}, o);
    EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
    EXPECT_TRUE(stub_ran());
    std::filesystem::remove(record);
  }
}

TEST_F(CliConfigE2E, RootUrlsTheCliWouldNotUseAreRefused) {
  for (std::string url : {"https://user:pw@firefox-ci-tc.services.mozilla.com", "ftp://firefox-ci-tc.services.mozilla.com",
                          "https://firefox-ci-tc.services.mozilla.com/?x=1", "https://firefox-ci-tc.services.mozilla.com#f",
                          "firefox-ci-tc.services.mozilla.com"}) {
    SCOPED_TRACE(url);
    RunOptions o = in_config();
    o.env_set["TASKCLUSTER_ROOT_URL"] = url;
    RunResult r = run_tcguard({"run", "--confirm", "firefoxci", "--", "taskcluster", "task", "rerun", "T1"}, o);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("root URL"), std::string::npos) << r.err;
    EXPECT_FALSE(stub_ran());
    RunResult w = whoami(o);
    EXPECT_EQ(w.exit_code, 2) << w.out << w.err;
  }
}

}  // namespace
}  // namespace tcg::test
