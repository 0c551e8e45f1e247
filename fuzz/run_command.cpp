// The `run` command model on command lines built from the real CLI's grammar (tccli/grammar.h):
// a state-changing command (or api method, or sign-in) with its own flags in every pflag spelling,
// the root's flags anywhere, values that look like flags (`-h`, `--help`, `--`), positionals and
// words after `--`. The input bytes only steer the choices. Checked, not just run:
// - the model never calls a state-changing command read-only, unless a real -h/--help was
//   written where pflag reads a flag (then the CLI prints help and runs nothing);
// - the guard's decision for it on the production cluster, with the default policy, is never
//   "allow" (the production-confirmation action covers every cluster-changing command).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "guard/cluster.h"
#include "guard/decision.h"
#include "policy/policy.h"
#include "tccli/command.h"
#include "tccli/grammar.h"

namespace {

using tcg::tccli::FlagSpec;
using tcg::tccli::Kind;
using tcg::tccli::Spec;

// Reads choices from the fuzz input; zeros once it runs out.
class Choices {
 public:
  Choices(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  size_t pick(size_t n) {
    if (n == 0) return 0;
    uint8_t b = at_ < size_ ? data_[at_++] : 0;
    return b % n;
  }
  bool coin() { return pick(2) == 1; }
  bool done() const { return at_ >= size_; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t at_ = 0;
};

constexpr std::string_view kValues[] = {"x",  "-h", "--help", "--", "-v", "task", "rerun", "--force", "",
                                        "=", "h",  "-",      "1d", "*",  "-hv", "--help=true"};
constexpr std::string_view kServices[] = {"queue", "auth", "hooks", "secrets", "index", "purgeCache", "notify",
                                          "workerManager"};
constexpr std::string_view kMethods[] = {"createTask", "rerunTask", "cancelTask", "triggerHook", "set",
                                         "remove",     "resetAccessToken", "createClient", "task", "status",
                                         "ping",       "listTaskGroup", "get", "frobnicate"};

std::string value(Choices& c) { return std::string(kValues[c.pick(std::size(kValues))]); }

struct Line {
  std::vector<std::string> words;
  bool real_help = false;  // a -h/--help where pflag reads a flag
  bool check = false;      // signin's --check, as pflag last set it
  bool noop = false;       // rerun/cancel/complete's --noop: print what would be done, do nothing
};

// A root flag (-v, --verbose, --verbose=BOOL), which may go anywhere before `--`.
void add_root_flag(Choices& c, Line& line) {
  switch (c.pick(4)) {
    case 0: line.words.push_back("-v"); break;
    case 1: line.words.push_back("--verbose"); break;
    case 2: line.words.push_back(c.coin() ? "--verbose=true" : "--verbose=false"); break;
    default: line.words.push_back("--help=false"); break;
  }
}

// One of the command's own flags, in one of pflag's spellings.
void add_own_flag(Choices& c, Line& line, const std::vector<FlagSpec>& flags) {
  if (flags.empty()) return add_root_flag(c, line);
  const FlagSpec& f = flags[c.pick(flags.size())];
  std::string long_form = "--" + std::string(f.long_name);
  bool short_ok = f.short_name != 0;
  if (!f.takes_value) {
    bool on = true;
    switch (c.pick(3)) {
      case 0: line.words.push_back(long_form); break;
      case 1:
        on = c.coin();
        line.words.push_back(long_form + (on ? "=true" : "=false"));
        break;
      default: line.words.push_back(short_ok ? std::string("-") + f.short_name : long_form); break;
    }
    if (f.long_name == "check") line.check = on;
    if (f.long_name == "noop") line.noop = on;
    return;
  }
  switch (c.pick(4)) {
    case 0:
      line.words.push_back(long_form);
      line.words.push_back(value(c));  // taken whatever it looks like
      break;
    case 1: line.words.push_back(long_form + "=" + value(c)); break;
    case 2:
      if (!short_ok) return add_own_flag(c, line, {});
      line.words.push_back(std::string("-") + f.short_name);
      line.words.push_back(value(c));
      break;
    default:
      if (!short_ok) return add_own_flag(c, line, {});
      line.words.push_back(std::string("-") + f.short_name + "h");  // -nh: the name is "h"
      break;
  }
}

void add_real_help(Choices& c, Line& line) {
  switch (c.pick(4)) {
    case 0: line.words.push_back("-h"); break;
    case 1: line.words.push_back("--help"); break;
    case 2: line.words.push_back("--help=true"); break;
    default: line.words.push_back("-vh"); break;
  }
  line.real_help = true;
}

Line build(Choices& c, const Spec& spec, bool api) {
  Line line;
  std::vector<std::string> path;
  for (size_t at = 0; at <= spec.path.size();) {
    size_t space = spec.path.find(' ', at);
    if (space == std::string_view::npos) space = spec.path.size();
    path.emplace_back(spec.path.substr(at, space - at));
    at = space + 1;
  }
  if (api) {
    path.emplace_back(kServices[c.pick(std::size(kServices))]);
    path.emplace_back(kMethods[c.pick(std::size(kMethods))]);
  }
  // The path, with root flags between its words (boolean: they never swallow a word).
  for (const auto& word : path) {
    while (!c.done() && c.pick(4) == 0) add_root_flag(c, line);
    line.words.push_back(word);
  }
  // Then flags, positionals and maybe `--` with anything after it.
  int items = static_cast<int>(c.pick(8));
  for (int i = 0; i < items && !c.done(); ++i) {
    switch (c.pick(6)) {
      case 0: add_root_flag(c, line); break;
      case 1:
      case 2: add_own_flag(c, line, api ? std::vector<FlagSpec>{{"output", 'o', true}} : spec.flags); break;
      case 3: line.words.push_back(c.coin() ? "fUAlwUtGRE6ZlaFDOZnlCg" : "T1"); break;
      case 4:
        if (c.pick(8) == 0) add_real_help(c, line);
        break;
      default:
        line.words.push_back("--");
        for (int k = static_cast<int>(c.pick(3)); k >= 0; --k) line.words.push_back(value(c));
        return line;
    }
  }
  return line;
}

// Says which command line broke which promise, then stops (libFuzzer keeps the input).
[[noreturn]] void fail(const Line& line, const char* what) {
  std::fprintf(stderr, "run_command: %s: taskcluster", what);
  for (const auto& w : line.words) std::fprintf(stderr, " '%s'", w.c_str());
  std::fprintf(stderr, "\n");
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const tcg::policy::Policy& policy = tcg::policy::default_policy();
  static const tcg::guard::Target production =
      tcg::guard::resolve_target(policy, std::string("https://firefox-ci-tc.services.mozilla.com"));
  static const std::vector<const Spec*> changing = [] {
    std::vector<const Spec*> out;
    for (const auto& s : tcg::tccli::command_specs())
      if (s.kind == Kind::StateChanging || s.kind == Kind::Signin || s.path == "api") out.push_back(&s);
    return out;
  }();

  Choices c(data, size);
  const Spec& spec = *changing[c.pick(changing.size())];
  bool api = spec.path == "api";
  Line line = build(c, spec, api);
  tcg::tccli::Command cmd = tcg::tccli::parse_command(line.words);

  bool expect_changing = true;
  if (api) {
    // The method is the fourth word of the path built above (api SERVICE METHOD).
    size_t seen = 0;
    std::string service, method;
    for (const auto& w : line.words) {
      if (w.rfind('-', 0) == 0) continue;
      if (seen == 1) service = w;
      if (seen == 2) method = w;
      if (++seen == 3) break;
    }
    expect_changing = !tcg::tccli::is_read_only_api_method(service, method);
  }
  // `signin --check` only asks whether the current credentials work.
  if (spec.kind == Kind::Signin && line.check) expect_changing = false;
  if (line.noop) expect_changing = false;
  if (expect_changing && !line.real_help && !cmd.state_changing) fail(line, "a state-changing command read as read-only");
  if (cmd.state_changing && !cmd.help && (spec.kind == Kind::StateChanging || (api && expect_changing))) {
    tcg::guard::Decision d = tcg::guard::decide(policy, cmd, production);
    if (d.verdict == tcg::guard::Verdict::Allow) fail(line, "allowed on production without confirmation");
  }
  return 0;
}
