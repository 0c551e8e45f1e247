// Sign-in profiles through the binary (issue 16): `shell-init` run in the real bash, zsh and fish,
// each helper called with a recording `taskcluster` stub first in line, checking the exact argv and
// root URL the stub saw and that tc-logout leaves no credential variable set; a profile that breaks
// a rule fails `policy check` and is refused by `tcguard signin`; the generated code is clean for
// `tcguard lint` and ShellCheck.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/cli_runner.h"

namespace tcg::test {
namespace {

constexpr const char* kFirefoxci = "https://firefox-ci-tc.services.mozilla.com/";
constexpr const char* kStaging = "https://stage.taskcluster.nonprod.webservices.mozgcp.net/";

// The real CLI's part: records its argv (NUL-separated, a scope list holds newlines) and the root
// URL it was given, then prints the three export lines `taskcluster signin` prints.
constexpr const char* kStub =
    "#!/bin/sh\n"
    "printf '%s\\0' \"$@\" > \"$STUB_RECORD\"\n"
    "printf '%s' \"${TASKCLUSTER_ROOT_URL-<unset>}\" > \"$STUB_RECORD.root\"\n"
    "echo \"export TASKCLUSTER_CLIENT_ID='mozilla-auth0/ad|x/cli-abc123'\"\n"
    "echo \"export TASKCLUSTER_ACCESS_TOKEN='tok-sekrit-1234'\"\n"
    "echo \"export TASKCLUSTER_ROOT_URL='$TASKCLUSTER_ROOT_URL'\"\n";

bool installed(const std::string& program) {
  return run({"/bin/sh", "-c", "command -v " + program + " >/dev/null"}).exit_code == 0;
}

class Profiles : public ::testing::Test {
 protected:
  TempDir dir;
  std::string record;

  void SetUp() override {
    record = dir.path() + "/argv";
    dir.write("real/taskcluster", kStub, true);
    std::filesystem::create_directories(dir.path() + "/bin");
    std::filesystem::create_symlink(tcguard_binary(), dir.path() + "/bin/tcguard");
    std::filesystem::create_directories(dir.path() + "/home");
  }
  RunOptions options() const {
    RunOptions o;
    o.clean_env = true;
    o.cwd = dir.path() + "/home";
    o.env_set = {{"PATH", dir.path() + "/bin:/usr/bin:/bin"},
                 {"HOME", dir.path() + "/home"},
                 {"XDG_CONFIG_HOME", dir.path() + "/config"},
                 {"XDG_STATE_HOME", dir.path() + "/state"},
                 {"TCGUARD_TASKCLUSTER", dir.path() + "/real/taskcluster"},
                 {"TCGUARD_AUDIT_LOG", dir.path() + "/audit.jsonl"},
                 {"STUB_RECORD", record},
                 {"USER", "relduty"}};
    return o;
  }
  std::vector<std::string> stub_argv() const {
    std::vector<std::string> out;
    if (!std::filesystem::exists(record)) return out;
    std::string text = read_file(record), word;
    for (char c : text) {
      if (c == '\0') {
        out.push_back(word);
        word.clear();
      } else {
        word += c;
      }
    }
    return out;
  }
  std::string stub_root() const { return read_file(record + ".root"); }

  // Runs `script` in `shell` after the shell-init lines of that shell.
  RunResult in_shell(const std::string& shell, const std::string& script) const {
    std::string init = shell == "fish" ? "tcguard shell-init fish | source\n" : "eval \"$(tcguard shell-init " + shell + ")\"\n";
    return run({shell, "-c", init + script}, options());
  }

  void expect_relduty_signin_and_logout(const std::string& shell) {
    bool fish = shell == "fish";
    std::string script =
        std::string(fish ? "set -gx TASKCLUSTER_CERTIFICATE stale\n" : "export TASKCLUSTER_CERTIFICATE=stale\n") +
        "tc-relduty --name laptop\n"
        "echo \"signed-in id=$TASKCLUSTER_CLIENT_ID root=$TASKCLUSTER_ROOT_URL profile=$TCGUARD_PROFILE\"\n"
        "tc-logout\n"
        "env | grep -E '^(TASKCLUSTER_|TCGUARD_PROFILE)'; or echo none-left\n";
    if (!fish) {
      std::string::size_type at = script.find("; or echo");
      script.replace(at, 9, " || echo");
    }
    RunResult r = in_shell(shell, script);
    EXPECT_EQ(r.exit_code, 0) << shell << "\n" << r.out << r.err;
    std::vector<std::string> want{"signin",   "--expires", "1h", "--scope", "queue:rerun-task:*\nqueue:cancel-task:*",
                                  "--name", "laptop"};
    EXPECT_EQ(stub_argv(), want) << shell;
    EXPECT_EQ(stub_root(), kFirefoxci) << shell;
    EXPECT_NE(r.out.find(std::string("signed-in id=mozilla-auth0/ad|x/cli-abc123 root=") + kFirefoxci + " profile=relduty"),
              std::string::npos)
        << shell << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find("none-left"), std::string::npos) << shell << ": tc-logout left\n" << r.out;
    EXPECT_EQ(r.out.find("tok-sekrit"), std::string::npos) << "the token is never shown";
  }

  void expect_cluster_switches(const std::string& shell) {
    RunResult r = in_shell(shell, "tc-staging\necho \"root=$TASKCLUSTER_ROOT_URL\"\ntc-fxci\necho \"root=$TASKCLUSTER_ROOT_URL\"\n");
    EXPECT_EQ(r.exit_code, 0) << shell << r.err;
    EXPECT_EQ(r.out, std::string("root=") + kStaging + "\nroot=" + kFirefoxci + "\n") << shell;
  }
};

TEST_F(Profiles, BashHelpersSignInWithTheProfileAndLogOutCompletely) {
  expect_relduty_signin_and_logout("bash");
  expect_cluster_switches("bash");
}

TEST_F(Profiles, ZshHelpersSignInWithTheProfileAndLogOutCompletely) {
  if (!installed("zsh")) GTEST_SKIP() << "\n*** SKIPPED: zsh is not installed (scripts/install-deps.sh --tests) ***";
  expect_relduty_signin_and_logout("zsh");
  expect_cluster_switches("zsh");
}

TEST_F(Profiles, FishHelpersSignInWithTheProfileAndLogOutCompletely) {
  if (!installed("fish")) GTEST_SKIP() << "\n*** SKIPPED: fish is not installed (scripts/install-deps.sh --tests) ***";
  expect_relduty_signin_and_logout("fish");
  expect_cluster_switches("fish");
}

TEST_F(Profiles, LogoutKeepsARootUrlTheUserChose) {
  RunResult r = in_shell("bash",
                         "tc-relduty\ntc-staging\ntc-logout\necho \"root=${TASKCLUSTER_ROOT_URL-unset} "
                         "id=${TASKCLUSTER_CLIENT_ID-unset}\"\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(std::string("root=") + kStaging + " id=unset"), std::string::npos) << r.out;
}

TEST_F(Profiles, AProfileThatBreaksARuleFailsPolicyCheckAndIsRefused) {
  std::string file = dir.write("config/tcguard/policy.yaml",
                               "version: 1\n"
                               "profiles:\n"
                               "  wide:\n"
                               "    cluster: firefoxci\n"
                               "    scopes: ['*']\n"
                               "    expires: 1h\n");
  RunResult check = run_tcguard({"policy", "check", file}, options());
  EXPECT_EQ(check.exit_code, 1) << check.out << check.err;
  EXPECT_NE(check.out.find(file + ":3:3: error: profile `wide` requests `*` for 1h"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("[root-scope-expiry]"), std::string::npos) << check.out;

  RunResult signin = run_tcguard({"signin", "wide"}, options());
  EXPECT_EQ(signin.exit_code, 3) << signin.out << signin.err;
  EXPECT_NE(signin.err.find("root-scope-expiry"), std::string::npos) << signin.err;
  EXPECT_EQ(signin.out, "") << "nothing for eval to run";
  EXPECT_TRUE(stub_argv().empty()) << "the real CLI never ran";

  // Through the helper: the refusal stays on the terminal and nothing is eval'ed.
  RunResult helper = in_shell("bash", "tc-wide; echo \"status=$? id=${TASKCLUSTER_CLIENT_ID-unset}\"\n");
  EXPECT_NE(helper.out.find("status=3 id=unset"), std::string::npos) << helper.out << helper.err;
}

TEST_F(Profiles, TheShippedProfilesPassTheirOwnRules) {
  RunResult r = run_tcguard({"--format", "json", "profiles"}, options());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_GE(j["profiles"].size(), 2u);
  for (const auto& p : j["profiles"]) {
    EXPECT_TRUE(p["findings"].empty()) << p.dump(1);
    EXPECT_EQ(p["cluster"], "firefoxci");
  }
  EXPECT_EQ(j["profiles"][0]["name"], "relduty");
  EXPECT_EQ(j["profiles"][0]["scopes"], nlohmann::json({"queue:rerun-task:*", "queue:cancel-task:*"}));
  EXPECT_EQ(j["profiles"][1]["name"], "root");
  EXPECT_EQ(j["profiles"][1]["expires"], "15m");
}

TEST_F(Profiles, ExtraArgumentsAreReviewedWithTheProfile) {
  // relduty is fine for 1h; `*` added to it for that hour is not.
  RunResult r = run_tcguard({"signin", "relduty", "--", "-s", "*"}, options());
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("root-scope-expiry"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(stub_argv().empty());
}

TEST_F(Profiles, AnUnknownProfileIsAUsageErrorWithASuggestion) {
  RunResult r = run_tcguard({"signin", "reldty"}, options());
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("no profile `reldty`"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("relduty"), std::string::npos) << r.err;
  EXPECT_TRUE(stub_argv().empty());
}

TEST_F(Profiles, AClonedRepositoryCannotRedefineAProfileForTheGuard) {
  dir.write("home/clone/.tcguard.yaml",
            "version: 1\n"
            "profiles:\n"
            "  relduty: {cluster: firefoxci, scopes: ['*'], expires: 15m}\n"
            "  docs: {cluster: firefoxci-staging, scopes: ['queue:create-task:*'], expires: 30m}\n");
  RunOptions o = options();
  o.cwd = dir.path() + "/home/clone";
  RunResult r = run_tcguard({"signin", "relduty"}, o);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(stub_argv()[4], "queue:rerun-task:*\nqueue:cancel-task:*") << "the user's own profile, not the clone's";
  EXPECT_NE(r.err.find("profile `relduty`"), std::string::npos) << r.err;
  RunResult added = run_tcguard({"signin", "docs"}, o);
  EXPECT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(stub_root(), kStaging);
}

TEST_F(Profiles, ACloneCannotTakeTheNameOfALogoutOrOfAnotherHelper) {
  // A project file adds a profile named `logout` and renames a cluster's switch to tc-relduty:
  // tc-logout must still log out, and tc-relduty still sign in with relduty.
  dir.write("home/clone/.tcguard.yaml",
            "version: 1\n"
            "profiles:\n"
            "  logout: {cluster: firefoxci-staging, scopes: ['queue:create-task:*'], expires: 15m}\n"
            "clusters:\n"
            "  community:\n"
            "    root_url: https://community-tc.services.mozilla.com/\n"
            "    production: true\n"
            "    helper: relduty\n");
  RunOptions o = options();
  o.cwd = dir.path() + "/home/clone";
  RunResult r = run({"bash", "-c",
                     "eval \"$(tcguard shell-init bash)\"\ntc-relduty\necho \"root=$TASKCLUSTER_ROOT_URL\"\n"
                     "tc-logout\necho \"id=${TASKCLUSTER_CLIENT_ID-unset}\"\n"},
                    o);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(stub_argv().at(4), "queue:rerun-task:*\nqueue:cancel-task:*") << "tc-relduty signed in with relduty";
  EXPECT_NE(r.out.find(std::string("root=") + kFirefoxci), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("id=unset"), std::string::npos) << "tc-logout logged out\n" << r.out;
  std::string init = run_tcguard({"shell-init", "bash"}, o).out;
  EXPECT_NE(init.find("# tc-logout ("), std::string::npos) << init;
  EXPECT_NE(init.find("# tc-relduty (use community"), std::string::npos) << init;
}

TEST_F(Profiles, TheGeneratedCodeIsCleanForLintAndShellCheck) {
  for (const std::string shell : {"bash", "zsh"}) {
    std::string file = dir.write("init." + shell, run_tcguard({"shell-init", shell}, options()).out);
    RunResult lint = run_tcguard({"lint", file}, options());
    EXPECT_EQ(lint.exit_code, 0) << shell << "\n" << lint.out << lint.err;
    EXPECT_NE(lint.out.find("no findings"), std::string::npos) << lint.out;
    if (!installed("shellcheck")) {
      ADD_FAILURE() << "ShellCheck is not installed (scripts/install-deps.sh --tests installs it)";
      continue;
    }
    // ShellCheck has no zsh mode; the zsh code is the bash subset, checked as bash.
    RunResult sc = run({"shellcheck", "--shell=bash", file});
    EXPECT_EQ(sc.exit_code, 0) << shell << "\n" << sc.out << sc.err;
    EXPECT_EQ(sc.out, "") << shell;
  }
  if (installed("fish")) {
    std::string file = dir.write("init.fish", run_tcguard({"shell-init", "fish"}, options()).out);
    RunResult parsed = run({"fish", "--no-execute", file});
    EXPECT_EQ(parsed.exit_code, 0) << parsed.err;
  }
}

}  // namespace
}  // namespace tcg::test
