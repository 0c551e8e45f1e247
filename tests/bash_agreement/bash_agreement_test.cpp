// Agreement with real bash: every request `tcguard lint` reports for an example is what bash really
// passes to `taskcluster signin` when the alias or function (and case branch) is called. A
// recording `taskcluster` stub first on PATH writes its argv (NUL-separated) and root URL.
// No network: the stub prints nothing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/cli_runner.h"
#include "tccli/signin_args.h"

namespace tcg::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const char* kStub =
    "#!/bin/sh\n"
    "f=$(mktemp \"$TCG_RECORD_DIR/call.XXXXXX\")\n"
    "printf '%s\\0' \"$@\" > \"$f\"\n"
    "printf '%s' \"${TASKCLUSTER_ROOT_URL-}\" > \"$f.root\"\n";

struct Recorded {
  std::vector<std::string> argv;
  std::string root_url;
};

std::vector<Recorded> read_calls(const std::string& dir) {
  std::vector<Recorded> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string p = e.path().string();
    if (p.size() > 5 && p.substr(p.size() - 5) == ".root") continue;
    Recorded r;
    std::string raw = read_file(p);
    size_t start = 0;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '\0') {
        r.argv.push_back(raw.substr(start, i - start));
        start = i + 1;
      }
    }
    r.root_url = read_file(p + ".root");
    out.push_back(std::move(r));
  }
  return out;
}

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

// "tc-signin/relduty" -> "tc-signin relduty"; nothing for contexts that are not a plain call.
std::optional<std::string> invocation(const std::string& context) {
  if (context.empty() || context.find(" called at line ") != std::string::npos) return std::nullopt;
  auto slash = context.find('/');
  if (slash == std::string::npos) return context;
  std::string label = context.substr(slash + 1);
  label = label.substr(0, label.find('|'));
  if (label.find_first_of("*?[/") != std::string::npos) return std::nullopt;
  return context.substr(0, slash) + " '" + label + "'";
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

  TempDir dir;
  dir.write("bin/taskcluster", kStub, true);
  size_t checked = 0;
  for (const auto& req : report["requests"]) {
    auto call = invocation(req["context"]);
    if (!call) continue;
    SCOPED_TRACE(example + ": " + *call);
    std::string record = dir.path() + "/rec-" + std::to_string(checked);
    fs::create_directories(record);
    std::string script = "shopt -s expand_aliases\n" + definitions(example, listing) + *call + "\n";
    std::string script_path = dir.write("run-" + std::to_string(checked) + ".sh", script);
    RunOptions o;
    o.env_unset = {"TASKCLUSTER_ROOT_URL", "TASKCLUSTER_CLIENT_ID", "TASKCLUSTER_ACCESS_TOKEN",
                   "TASKCLUSTER_CERTIFICATE"};
    const char* path = std::getenv("PATH");
    o.env_set["PATH"] = dir.path() + "/bin:" + (path ? path : "/usr/bin:/bin");
    o.env_set["TCG_RECORD_DIR"] = record;
    RunResult bash = run({"bash", script_path}, o);
    ASSERT_EQ(bash.exit_code, 0) << bash.err;
    std::vector<Recorded> calls = read_calls(record);
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
