#include "tccli/signin_args.h"

#include <set>
#include <string_view>

#include "duration/duration.h"

namespace tcg::tccli {

constexpr std::string_view kStrayWord = "unexpected argument: ";

namespace {

constexpr std::string_view kDefaultScope = "*";
constexpr std::string_view kDefaultExpires = "1d";

bool is_js_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::string trim(std::string_view s) {
  while (!s.empty() && is_js_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_js_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// The flags `taskcluster signin` knows (client-shell cmds/signin/signin.go), and whether each takes
// a value. The root command adds -h/--help and its persistent -v/--verbose.
struct FlagSpec {
  std::string_view long_name;
  char short_name;  // 0: none
  bool takes_value;
};
constexpr FlagSpec kFlags[] = {
    {"scope", 's', true}, {"expires", 0, true}, {"name", 'n', true}, {"port", 'p', true},
    {"check", 0, false},  {"csh", 0, false},    {"help", 'h', false}, {"verbose", 'v', false},
};

const FlagSpec* find_long(std::string_view name) {
  for (const auto& f : kFlags)
    if (f.long_name == name) return &f;
  return nullptr;
}

const FlagSpec* find_short(char c) {
  for (const auto& f : kFlags)
    if (f.short_name == c) return &f;
  return nullptr;
}

// Go's strconv.ParseBool, which pflag uses for `--check=VALUE`: the spellings of true.
bool go_true(std::string_view v) { return v == "1" || v == "t" || v == "T" || v == "true" || v == "TRUE" || v == "True"; }

// Applies one flag with its value (value is nullopt for a boolean flag given without `=`).
void apply(SigninArgs& out, std::vector<SigninArg>& scope_words, const FlagSpec& flag, const SigninArg& value,
           bool value_given) {
  SigninRequest& r = out.request;
  if (flag.long_name == "scope") {
    scope_words.push_back(value);
  } else if (flag.long_name == "expires") {
    r.expires_defaulted = false;
    r.expires_known = value.known;
    r.expires = value.text;
  } else if (flag.long_name == "name") {
    if (value.known) out.name = value.text;
  } else if (flag.long_name == "check") {
    out.check = !value_given || go_true(value.text);
  } else if (flag.long_name == "help") {
    out.help = !value_given || go_true(value.text);
  } else if (flag.long_name == "csh") {
    out.csh = !value_given || go_true(value.text);
  }
}

}  // namespace

std::vector<std::string> signin_long_flags() {
  std::vector<std::string> out;
  for (const auto& f : kFlags) out.push_back("--" + std::string(f.long_name));
  return out;
}

int signin_flag_value_count(const std::string& word) {
  if (word.rfind("--", 0) == 0) {
    if (word.find('=') != std::string::npos) return 0;
    const FlagSpec* flag = find_long(std::string_view(word).substr(2));
    return flag && flag->takes_value ? 1 : 0;
  }
  if (word.size() < 2 || word[0] != '-') return 0;
  // A shorthand group: the first flag that takes a value takes the rest of the word, or the next one.
  for (size_t k = 1; k < word.size(); ++k) {
    const FlagSpec* flag = find_short(word[k]);
    if (!flag) return 0;
    if (flag->takes_value) return k + 1 == word.size() ? 1 : 0;
  }
  return 0;
}

std::vector<std::string> split_scope_value(const std::string& value) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find_first_of("\r\n", start);
    if (end == std::string::npos) end = value.size();
    std::string piece = trim(std::string_view(value).substr(start, end - start));
    if (!piece.empty() && seen.insert(piece).second) out.push_back(piece);
    start = end + 1;
  }
  return out;
}

SigninArgs parse_signin_args(const std::vector<SigninArg>& args) {
  SigninArgs out;
  SigninRequest& r = out.request;
  r.expires = std::string(kDefaultExpires);
  r.expires_defaulted = true;
  std::vector<SigninArg> scope_words;
  bool unknown_word = false;  // a word we cannot see may be any flag

  for (size_t i = 0; i < args.size(); ++i) {
    const SigninArg& arg = args[i];
    if (!arg.known) {
      unknown_word = true;
      continue;
    }
    const std::string& a = arg.text;
    if (a == "--") {
      // pflag: everything after is positional; signin takes no positional arguments.
      for (size_t j = i + 1; j < args.size(); ++j)
        if (!args[j].known) unknown_word = true;
      break;
    }
    auto take_value = [&](const FlagSpec& flag, std::string_view shown) -> std::optional<SigninArg> {
      if (i + 1 >= args.size()) {
        out.problems.push_back(Error{"flag needs an argument: " + std::string(shown), arg.where});
        return std::nullopt;
      }
      (void)flag;
      return args[++i];
    };
    if (a.rfind("--", 0) == 0) {
      std::string_view body = std::string_view(a).substr(2);
      auto eq = body.find('=');
      std::string_view name = body.substr(0, eq);
      const FlagSpec* flag = find_long(name);
      if (!flag) {
        out.problems.push_back(Error{"unknown flag: --" + std::string(name), arg.where});
        out.unknown_flags.push_back("--" + std::string(name));
        continue;
      }
      if (eq != std::string_view::npos) {
        SigninArg v{std::string(body.substr(eq + 1)), true, arg.where};
        apply(out, scope_words, *flag, v, true);
      } else if (flag->takes_value) {
        if (auto v = take_value(*flag, "--" + std::string(name))) apply(out, scope_words, *flag, *v, true);
      } else {
        apply(out, scope_words, *flag, SigninArg{}, false);
      }
    } else if (a.size() > 1 && a[0] == '-') {
      // A group of shorthand flags: `-s X`, `-sX`, `-s=X`, `-hs X`.
      for (size_t k = 1; k < a.size(); ++k) {
        const FlagSpec* flag = find_short(a[k]);
        if (!flag) {
          out.problems.push_back(Error{std::string("unknown shorthand flag: '") + a[k] + "' in " + a, arg.where});
          break;
        }
        if (!flag->takes_value) {
          // pflag: `-h=false` gives a boolean shorthand its value (as `--help=false` does).
          if (k + 1 < a.size() && a[k + 1] == '=') {
            apply(out, scope_words, *flag, SigninArg{a.substr(k + 2), true, arg.where}, true);
            break;
          }
          apply(out, scope_words, *flag, SigninArg{}, false);
          continue;
        }
        std::string rest = a.substr(k + 1);
        if (!rest.empty()) {
          if (rest[0] == '=') rest.erase(0, 1);
          apply(out, scope_words, *flag, SigninArg{rest, true, arg.where}, true);
        } else if (auto v = take_value(*flag, std::string("-") + a[k])) {
          apply(out, scope_words, *flag, *v, true);
        }
        break;
      }
    } else {
      // cobra accepts stray positional words for signin and ignores them; report them anyway.
      out.problems.push_back(Error{std::string(kStrayWord) + a, arg.where});
    }
  }

  if (scope_words.empty()) {
    r.scopes_defaulted = true;
    r.scopes = {std::string(kDefaultScope)};
    r.scope_args = {};
  } else {
    std::string joined;
    for (const auto& w : scope_words) {
      r.scope_args.push_back(w.text);
      if (!w.known) r.scopes_known = false;
      if (!joined.empty()) joined += '\n';
      joined += w.text;
    }
    // The UI puts the scopes in a text box, one a line, and splits it again when saved.
    r.scopes = r.scopes_known ? split_scope_value(joined) : std::vector<std::string>{};
    if (!r.scopes_known) {
      for (const auto& w : scope_words)
        if (w.known)
          for (auto& s : split_scope_value(w.text)) r.scopes.push_back(s);
    }
  }
  if (unknown_word) {
    // An unseen word ("$@") may add scopes or replace the lifetime.
    if (scope_words.empty()) r.scopes.clear();  // not the default `*`: we do not know
    r.scopes_known = false;
    r.scopes_defaulted = false;
    r.expires_known = false;
    r.expires_defaulted = false;
  }
  if (r.expires_known) {
    auto seconds = parse_duration(r.expires);
    if (seconds) r.expires_seconds = *seconds;
  }
  return out;
}

bool stray_words_only(const SigninArgs& args) {
  if (args.problems.empty()) return false;
  for (const auto& p : args.problems)
    if (p.message.rfind(kStrayWord, 0) != 0) return false;
  return true;
}

SigninForm signin_form(const SigninArgs& args) {
  if (!args.problems.empty() && !stray_words_only(args)) return SigninForm::Rejected;
  if (args.help) return SigninForm::Help;
  if (args.check) return SigninForm::Check;
  return SigninForm::Signin;
}

SigninArgs parse_signin_args(const std::vector<std::string>& args) {
  std::vector<SigninArg> words;
  words.reserve(args.size());
  for (const auto& a : args) words.push_back(SigninArg{a, true, {}});
  return parse_signin_args(words);
}

}  // namespace tcg::tccli
