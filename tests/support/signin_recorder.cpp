#include "support/signin_recorder.h"

#include <cstdlib>
#include <filesystem>

namespace tcg::test {

namespace fs = std::filesystem;

namespace {

const char* kStub =
    "#!/bin/sh\n"
    "f=$(mktemp \"$TCG_RECORD_DIR/call.XXXXXX\")\n"
    "printf '%s\\0' \"$@\" > \"$f\"\n"
    "printf '%s' \"${TASKCLUSTER_ROOT_URL-}\" > \"$f.root\"\n";

std::vector<RecordedCall> read_calls(const std::string& dir) {
  std::vector<RecordedCall> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string p = e.path().string();
    if (p.size() > 5 && p.substr(p.size() - 5) == ".root") continue;
    RecordedCall r;
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

}  // namespace

SigninRecorder::SigninRecorder() { dir_.write("bin/taskcluster", kStub, true); }

std::vector<RecordedCall> SigninRecorder::run(const std::vector<std::string>& shell_argv, const std::string& script,
                                              RunResult* result, const std::vector<std::string>& args) {
  int n = runs_++;
  std::string record = dir_.path() + "/rec-" + std::to_string(n);
  fs::create_directories(record);
  std::string script_path = dir_.write("run-" + std::to_string(n) + ".sh", script);
  RunOptions o;
  o.env_unset = {"TASKCLUSTER_ROOT_URL", "TASKCLUSTER_CLIENT_ID", "TASKCLUSTER_ACCESS_TOKEN",
                 "TASKCLUSTER_CERTIFICATE", "ZDOTDIR", "ENV", "BASH_ENV"};
  const char* path = std::getenv("PATH");
  o.env_set["PATH"] = dir_.path() + "/bin:" + (path ? path : "/usr/bin:/bin");
  o.env_set["TCG_RECORD_DIR"] = record;
  std::vector<std::string> argv = shell_argv;
  argv.push_back(script_path);
  argv.insert(argv.end(), args.begin(), args.end());
  RunResult r = test::run(argv, o);
  if (result) *result = r;
  return read_calls(record);
}

std::optional<std::string> plain_invocation(const std::string& context) {
  if (context.empty() || context.find(" called at line ") != std::string::npos) return std::nullopt;
  auto slash = context.find('/');
  if (slash == std::string::npos) return context;
  std::string label = context.substr(slash + 1);
  label = label.substr(0, label.find('|'));
  if (label.find_first_of("*?[/") != std::string::npos) return std::nullopt;
  return context.substr(0, slash) + " '" + label + "'";
}

}  // namespace tcg::test
