// The command tree and flags of client-shell (cmds/*, apis/provider.go) and cobra's way of finding
// the command: flags are skipped while looking for the command path (an unknown `--flag` or a
// 2-character `-f` that is not boolean swallows the next word), then pflag parses the flags of the
// command found, anywhere on the line, until `--`.
#include "tccli/command.h"

#include <algorithm>
#include <array>
#include <optional>

#include "tccli/grammar.h"

namespace tcg::tccli {

namespace {

const Spec* find_spec(std::string_view path) {
  for (const auto& s : command_specs())
    if (s.path == path) return &s;
  return nullptr;
}

// The flags that apply at a point of the tree: the root's persistent flags, `api`'s persistent
// flag below api, and the command's own flags.
struct FlagSet {
  std::vector<FlagSpec> flags;
  bool unknown_long_takes_value = false;  // below api: query-string flags

  const FlagSpec* find_long(std::string_view name) const {
    for (const auto& f : flags)
      if (f.long_name == name) return &f;
    return nullptr;
  }
  const FlagSpec* find_short(char c) const {
    for (const auto& f : flags)
      if (f.short_name != 0 && f.short_name == c) return &f;
    return nullptr;
  }
};

FlagSet flags_at(std::string_view path, bool under_api, const Spec* spec) {
  FlagSet set;
  set.flags.assign(std::begin(kRootFlags), std::end(kRootFlags));
  if (under_api) {
    set.flags.insert(set.flags.end(), std::begin(kApiFlags), std::end(kApiFlags));
    set.unknown_long_takes_value = path.find(' ') != std::string_view::npos;
  }
  if (spec) set.flags.insert(set.flags.end(), spec->flags.begin(), spec->flags.end());
  return set;
}

bool is_flag_word(const std::string& w) { return w.size() > 1 && w[0] == '-'; }

// cobra's stripFlags: the index of the first word that is not a flag or a flag's value, or
// nullopt. `--` ends the search.
std::optional<size_t> first_command_word(const std::vector<std::string>& words, const std::vector<bool>& used,
                                         const FlagSet& set) {
  for (size_t i = 0; i < words.size(); ++i) {
    if (used[i]) continue;
    const std::string& w = words[i];
    if (w == "--") return std::nullopt;
    if (w.rfind("--", 0) == 0) {
      if (w.find('=') != std::string::npos) continue;
      const FlagSpec* f = set.find_long(std::string_view(w).substr(2));
      if (!f || f->takes_value) ++i;  // cobra: a non-boolean (or unknown) flag takes the next word
      continue;
    }
    if (is_flag_word(w)) {
      if (w.size() == 2 && w.find('=') == std::string::npos) {
        const FlagSpec* f = set.find_short(w[1]);
        if (!f || f->takes_value) ++i;
      }
      continue;
    }
    return i;
  }
  return std::nullopt;
}

// pflag's strconv.ParseBool.
std::optional<bool> parse_bool(std::string_view v) {
  static constexpr std::array<std::string_view, 6> kTrue = {"1", "t", "T", "TRUE", "true", "True"};
  static constexpr std::array<std::string_view, 6> kFalse = {"0", "f", "F", "FALSE", "false", "False"};
  if (std::find(kTrue.begin(), kTrue.end(), v) != kTrue.end()) return true;
  if (std::find(kFalse.begin(), kFalse.end(), v) != kFalse.end()) return false;
  return std::nullopt;
}

void set_flag(Command& cmd, std::string_view long_name, bool present, const std::optional<std::string>& value) {
  std::string name = "--" + std::string(long_name);
  auto it = std::find(cmd.flags.begin(), cmd.flags.end(), name);
  if (present && it == cmd.flags.end()) cmd.flags.push_back(name);
  if (!present && it != cmd.flags.end()) cmd.flags.erase(it);
  if (value) cmd.flag_values[name] = *value;
}

void apply_flag(Command& cmd, const FlagSpec& f, const std::optional<std::string>& inline_value,
                const std::vector<std::string>& rest, size_t& i, const std::string& word,
                std::vector<bool>* taken_as_value) {
  if (!f.takes_value) {
    bool on = true;
    if (inline_value) {
      auto b = parse_bool(*inline_value);
      if (!b) {
        cmd.problems.push_back("invalid boolean value \"" + *inline_value + "\" for " + word);
        return;
      }
      on = *b;
    }
    set_flag(cmd, f.long_name, on, std::nullopt);
    return;
  }
  if (inline_value) {
    set_flag(cmd, f.long_name, true, inline_value);
  } else if (i + 1 < rest.size()) {
    // pflag takes the next word whatever it looks like (`-n -h`: the name is "-h").
    set_flag(cmd, f.long_name, true, rest[++i]);
    if (taken_as_value) (*taken_as_value)[i] = true;
  } else {
    cmd.problems.push_back("flag needs an argument: " + word);
  }
}

// pflag: parses the flags of the command found, anywhere among `rest`, until `--`. When given,
// `taken_as_value` (one entry per word of `rest`) marks the words consumed as a flag's value, and
// `dashdash` is set to the index of the `--` that ended the flags.
void parse_flags(Command& cmd, const std::vector<std::string>& rest, const FlagSet& set,
                 std::vector<bool>* taken_as_value = nullptr, size_t* dashdash = nullptr) {
  for (size_t i = 0; i < rest.size(); ++i) {
    const std::string& w = rest[i];
    if (w == "--") {
      if (dashdash) *dashdash = i;
      cmd.positionals.insert(cmd.positionals.end(), rest.begin() + static_cast<std::ptrdiff_t>(i) + 1, rest.end());
      return;
    }
    if (w.rfind("--", 0) == 0) {
      std::string body = w.substr(2);
      std::optional<std::string> inline_value;
      if (auto eq = body.find('='); eq != std::string::npos) {
        inline_value = body.substr(eq + 1);
        body = body.substr(0, eq);
      }
      if (const FlagSpec* f = set.find_long(body)) {
        apply_flag(cmd, *f, inline_value, rest, i, w, taken_as_value);
      } else if (set.unknown_long_takes_value && !body.empty()) {
        FlagSpec query{body, 0, true};
        apply_flag(cmd, query, inline_value, rest, i, w, taken_as_value);
      } else {
        cmd.problems.push_back("unknown flag: --" + body);
      }
      continue;
    }
    if (is_flag_word(w)) {
      // -abc: boolean shorthands in a row; a value flag takes the rest of the word (`-wX`,
      // `-w=X`) or the next word.
      for (size_t k = 1; k < w.size(); ++k) {
        const FlagSpec* f = set.find_short(w[k]);
        if (!f) {
          cmd.problems.push_back(std::string("unknown shorthand flag: '") + w[k] + "' in " + w);
          break;
        }
        std::optional<std::string> inline_value;
        if (k + 1 < w.size() && w[k + 1] == '=') {
          inline_value = w.substr(k + 2);
        } else if (f->takes_value && k + 1 < w.size()) {
          inline_value = w.substr(k + 1);
        }
        apply_flag(cmd, *f, inline_value, rest, i, w, taken_as_value);
        if (inline_value) break;
        if (f->takes_value) break;
      }
      continue;
    }
    cmd.positionals.push_back(w);
  }
}

}  // namespace

bool Command::has_flag(std::string_view flag) const {
  if (flag.rfind("--", 0) != 0 && flag.size() == 2 && flag[0] == '-') {
    // A short form: look it up among this command's flags.
    const Spec* spec = find_spec(name);
    if (!spec) return false;
    for (const auto& f : spec->flags)
      if (f.short_name == flag[1]) return has_flag("--" + std::string(f.long_name));
    for (const auto& f : kRootFlags)
      if (f.short_name == flag[1]) return has_flag("--" + std::string(f.long_name));
    return false;
  }
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

bool names_taskcluster(std::string_view word) {
  size_t slash = word.rfind('/');
  return word.substr(slash == std::string_view::npos ? 0 : slash + 1) == "taskcluster";
}

Command parse_command(const std::vector<std::string>& args) {
  Command cmd;
  std::vector<bool> used(args.size(), false);
  std::string path;
  bool under_api = false;
  std::string api_service;
  const Spec* spec = nullptr;
  Kind kind = Kind::Group;
  bool unknown = false;

  // Walk down the tree, one command word at a time.
  for (;;) {
    if (kind != Kind::Group && kind != Kind::Config) break;
    FlagSet set = flags_at(path, under_api, spec);
    auto idx = first_command_word(args, used, set);
    if (!idx) break;
    const std::string& word = args[*idx];
    std::string child = path.empty() ? word : path + " " + word;
    if (under_api && !api_service.empty()) {
      // `api <service> <method>`: any method name is a leaf.
      used[*idx] = true;
      path = child;
      cmd.name = "api " + api_service + "." + word;
      kind = is_read_only_api_method(api_service, word) ? Kind::ReadOnly : Kind::StateChanging;
      spec = nullptr;
      break;
    }
    if (path == "api") {
      used[*idx] = true;
      path = child;
      if (!is_known_api_service(word)) {
        unknown = true;
        break;
      }
      api_service = word;
      continue;
    }
    const Spec* next = find_spec(child);
    if (!next) {
      if (path == "config") break;  // `config KEY` gets a key
      used[*idx] = true;
      path = child;
      unknown = true;
      break;
    }
    used[*idx] = true;
    path = child;
    spec = next;
    kind = next->kind;
    if (path == "api") under_api = true;
  }

  std::vector<std::string> rest;
  for (size_t i = 0; i < args.size(); ++i)
    if (!used[i]) rest.push_back(args[i]);

  if (cmd.name.empty()) cmd.name = path;
  if (!unknown) cmd.known = true;

  if (unknown) {
    cmd.known = false;
    cmd.state_changing = true;
    cmd.positionals = rest;
    return cmd;
  }

  switch (kind) {
    case Kind::ReadOnlyTree:
      // Its words are its own; only -h/--help anywhere matters to us, and nothing here changes state.
      cmd.state_changing = false;
      cmd.positionals = rest;
      return cmd;
    case Kind::Signin: {
      // Help and --check are decided as pflag reads the line: a value flag takes the next word
      // whatever it is, `--help=false` is no help, nothing after `--` is a flag.
      FlagSet set = flags_at(path, under_api, spec);
      std::vector<bool> taken_as_value(rest.size(), false);
      size_t dashdash = rest.size();
      parse_flags(cmd, rest, set, &taken_as_value, &dashdash);
      cmd.positionals.clear();
      // The signin parser gets signin's own words: the root's -v/--verbose, where pflag reads it
      // as a flag, is removed here.
      for (size_t i = 0; i < rest.size(); ++i) {
        const std::string& w = rest[i];
        bool verbose = w == "-v" || w == "--verbose" || w.rfind("--verbose=", 0) == 0;
        if (verbose && i < dashdash && !taken_as_value[i]) continue;
        cmd.signin_args.push_back(w);
      }
      cmd.help = cmd.has_flag("--help");
      // `signin --check` only asks the API whether the current credentials work, then returns.
      cmd.state_changing = !cmd.help && !cmd.has_flag("--check");
      return cmd;
    }
    default:
      break;
  }

  FlagSet set = flags_at(path, under_api, spec);
  parse_flags(cmd, rest, set);
  cmd.help = cmd.has_flag("--help");

  switch (kind) {
    case Kind::Group:
    case Kind::Config:
    case Kind::ReadOnly:
      cmd.state_changing = false;
      break;
    case Kind::LocalConfig:
      cmd.state_changing = true;
      cmd.local_only = true;
      break;
    case Kind::StateChanging:
      cmd.state_changing = true;
      break;
    default:
      break;
  }
  // Bare `api` and `api <service>` print help.
  if (under_api && cmd.name.find('.') == std::string::npos) cmd.state_changing = false;
  // --noop: rerun/cancel/complete print what they would do and return before any change. Only
  // theirs: under `api` an unknown `--noop` is a query flag (or an error), never a dry run.
  bool has_noop = spec && std::any_of(spec->flags.begin(), spec->flags.end(),
                                      [](const FlagSpec& f) { return f.long_name == "noop"; });
  if (cmd.state_changing && has_noop && cmd.has_flag("--noop")) cmd.state_changing = false;
  // -h/--help: cobra prints the help and runs nothing.
  if (cmd.help) cmd.state_changing = false;

  bool has_target = (spec && spec->has_target) || cmd.name.find('.') != std::string::npos;
  if (has_target && !cmd.positionals.empty()) cmd.target_id = cmd.positionals.front();
  return cmd;
}

}  // namespace tcg::tccli
