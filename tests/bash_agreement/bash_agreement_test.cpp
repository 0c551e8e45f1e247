// Agreement with real bash: every request `tcguard lint` reports for an example is what bash really
// passes to `taskcluster signin` when the alias or function (and case branch) is called. A
// recording `taskcluster` stub first on PATH (tests/support/signin_recorder.h) writes its argv and
// root URL. No network: the stub prints nothing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/cli_runner.h"
#include "support/signin_recorder.h"
#include "tccli/signin_args.h"

namespace tcg::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// The shell text that defines the example's helpers in bash. The listing-form seed file becomes
// `alias` commands.
std::string definitions(const std::string& example, bool listing) {
  std::string text = read_file(source_path(example));
  if (!listing) return "source '" + source_path(example) + "'\n";
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#' && line.find('=') != std::string::npos) out += "alias " + line;
    else out += line;
    out += "\n";
  }
  return out;
}

void check_example(const std::string& example, bool listing, size_t expected_requests) {
  RunOptions lint_opts;
  lint_opts.cwd = TCGUARD_SOURCE_DIR;
  lint_opts.env_unset = {"TCGUARD_POLICY", "TASKCLUSTER_ROOT_URL"};
  lint_opts.env_set["XDG_CONFIG_HOME"] = "/nonexistent-tcguard-test";
  RunResult lint = run_tcguard({"--format", "json", "lint", "--fail-on", "note", example}, lint_opts);
  ASSERT_TRUE(lint.exit_code == 0 || lint.exit_code == 1) << lint.err;
  json report = json::parse(lint.out);
  ASSERT_EQ(report["requests"].size(), expected_requests) << report.dump(1);

  SigninRecorder recorder;
  size_t checked = 0;
  for (const auto& req : report["requests"]) {
    auto call = plain_invocation(req["context"]);
    if (!call) continue;
    SCOPED_TRACE(example + ": " + *call);
    std::string script = "shopt -s expand_aliases\n" + definitions(example, listing) + *call + "\n";
    RunResult bash;
    std::vector<RecordedCall> calls = recorder.run({"bash"}, script, &bash);
    ASSERT_EQ(bash.exit_code, 0) << bash.err;
    ASSERT_EQ(calls.size(), 1u) << "bash made " << calls.size() << " signin calls";
    ASSERT_FALSE(calls[0].argv.empty());
    EXPECT_EQ(calls[0].argv[0], "signin");
    std::vector<std::string> args(calls[0].argv.begin() + 1, calls[0].argv.end());
    SigninRequest real = tccli::parse_signin_args(args).request;

    EXPECT_EQ(req["scopes"].get<std::vector<std::string>>(), real.scopes);
    EXPECT_EQ(req["scopes_known"], true);
    EXPECT_EQ(req["expires"], real.expires);
    EXPECT_EQ(req["expires_known"], true);
    std::string tcguard_root = req.contains("root_url") && req["root_url"].is_string() ? req["root_url"].get<std::string>() : "";
    EXPECT_EQ(tcguard_root, calls[0].root_url);
    ++checked;
  }
  EXPECT_GT(checked, 0u);
}

TEST(BashAgreement, SeedAliases) { check_example("examples/seed-aliases.sh", true, 2); }
TEST(BashAgreement, ReldutyFunctions) { check_example("examples/relduty-functions.sh", false, 4); }
TEST(BashAgreement, CleanHelpers) { check_example("examples/clean.sh", false, 2); }

}  // namespace
}  // namespace tcg::test
