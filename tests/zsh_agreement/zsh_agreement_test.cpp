// Agreement with the real zsh (Debian's `zsh`): every request `tcguard lint` reports for a zsh
// fixture is what zsh really passes to `taskcluster signin` when the function, alias or case branch
// is called, with a recording `taskcluster` stub first on PATH (tests/support/signin_recorder.h).
// The fixtures are chosen as zsh by their name (.zshrc), folder (zshrc.d/) and shebang, not by
// --shell. Each fixture also holds cases where bash would read the file differently: read as bash,
// those requests must disagree with zsh, so the cases can fail.
#include <gtest/gtest.h>

#include <map>

#include <nlohmann/json.hpp>

#include "support/cli_runner.h"
#include "support/signin_recorder.h"
#include "tccli/signin_args.h"

namespace tcg::test {
namespace {

using nlohmann::json;

enum class Kind {
  Rc,      // sourced, then the helper is called
  Script,  // run with the case label as its argument
};

struct Fixture {
  std::string path;
  Kind kind;
  size_t requests;
  size_t bash_differs;  // requests that bash reads differently (shown by linting with --shell bash)
};

json lint_json(const std::string& path, const std::vector<std::string>& extra = {}) {
  RunOptions o;
  o.cwd = TCGUARD_SOURCE_DIR;
  o.env_unset = {"TCGUARD_POLICY", "TASKCLUSTER_ROOT_URL"};
  o.env_set["XDG_CONFIG_HOME"] = "/nonexistent-tcguard-test";
  std::vector<std::string> args = {"--format", "json", "lint", "--fail-on", "note"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(path);
  RunResult r = run_tcguard(args, o);
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  return json::parse(r.out);
}

struct Real {
  SigninRequest request;
  std::string root_url;
};

// What zsh really signs in for with the helper or branch a request's context names.
std::optional<Real> run_in_zsh(SigninRecorder& recorder, const Fixture& f, const std::string& context) {
  std::string file = source_path(f.path);
  std::vector<RecordedCall> calls;
  RunResult zsh;
  if (f.kind == Kind::Script) {
    calls = recorder.run({"zsh", "-f"}, read_file(file), &zsh, {context});
  } else {
    auto call = plain_invocation(context);
    if (!call) return std::nullopt;
    calls = recorder.run({"zsh", "-f"}, "source '" + file + "'\n" + *call + "\n", &zsh);
  }
  EXPECT_EQ(zsh.exit_code, 0) << zsh.err;
  EXPECT_EQ(calls.size(), 1u) << "zsh made " << calls.size() << " taskcluster calls";
  if (calls.size() != 1 || calls[0].argv.empty()) return std::nullopt;
  EXPECT_EQ(calls[0].argv[0], "signin");
  std::vector<std::string> args(calls[0].argv.begin() + 1, calls[0].argv.end());
  return Real{tccli::parse_signin_args(args).request, calls[0].root_url};
}

bool same(const json& req, const Real& real) {
  std::string root = req["root_url"].is_string() ? req["root_url"].get<std::string>() : "";
  return req["scopes_known"] == true && req["expires_known"] == true &&
         req["scopes"].get<std::vector<std::string>>() == real.request.scopes && req["expires"] == real.request.expires &&
         root == real.root_url;
}

void check_fixture(const Fixture& f) {
  json zsh_report = lint_json(f.path);
  ASSERT_EQ(zsh_report["requests"].size(), f.requests) << zsh_report["requests"].dump(1);
  json bash_report = lint_json(f.path, {"--shell", "bash"});
  std::map<std::string, json> bash_by_context;
  for (const auto& req : bash_report["requests"]) bash_by_context[req["context"]] = req;

  SigninRecorder recorder;
  size_t checked = 0, differs = 0;
  for (const auto& req : zsh_report["requests"]) {
    std::string context = req["context"];
    SCOPED_TRACE(f.path + ": " + context);
    auto real = run_in_zsh(recorder, f, context);
    ASSERT_TRUE(real.has_value()) << "no plain call for this request";
    EXPECT_EQ(req["scopes"].get<std::vector<std::string>>(), real->request.scopes);
    EXPECT_EQ(req["scopes_known"], true);
    EXPECT_EQ(req["expires"], real->request.expires);
    EXPECT_EQ(req["expires_known"], true);
    std::string root = req["root_url"].is_string() ? req["root_url"].get<std::string>() : "";
    EXPECT_EQ(root, real->root_url);
    auto bash = bash_by_context.find(context);
    if (bash == bash_by_context.end() || !same(bash->second, *real)) ++differs;
    ++checked;
  }
  EXPECT_EQ(checked, f.requests);
  EXPECT_EQ(differs, f.bash_differs) << "requests that a bash reading gets wrong";
}

TEST(ZshAgreement, DotfilesZshrc) { check_fixture({"tests/zsh_agreement/fixtures/dotfiles/.zshrc", Kind::Rc, 10, 9}); }
// setopt shwordsplit at the top: bash's splitting, zsh's arrays (only $extra[2] tells them apart).
TEST(ZshAgreement, ZshenvWithShWordSplit) {
  check_fixture({"tests/zsh_agreement/fixtures/dotfiles/.zshenv", Kind::Rc, 2, 1});
}
TEST(ZshAgreement, ZshrcDFolder) {
  check_fixture({"tests/zsh_agreement/fixtures/zshrc.d/20-taskcluster.sh", Kind::Rc, 6, 5});
}
TEST(ZshAgreement, ShebangScript) { check_fixture({"tests/zsh_agreement/fixtures/bin/tc-login", Kind::Script, 2, 2}); }

}  // namespace
}  // namespace tcg::test
