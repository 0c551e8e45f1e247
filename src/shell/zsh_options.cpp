// The zsh options that change what a word expands to, followed statically along each path:
// SH_WORD_SPLIT (unquoted parameters split on IFS, as in bash) and KSH_ARRAYS (0-based arrays).
// An option set by a command the evaluator cannot read (`setopt $opts`) becomes Unknown, and so
// does every expansion it would change: never guessed.
#include <algorithm>
#include <string>

#include "shell/evaluator.h"

namespace tcg::shell {

using namespace std::string_view_literals;

namespace {

// zsh compares option names without case and underscores: SH_WORD_SPLIT, shwordsplit, sh_word_split.
std::string option_key(std::string_view name) {
  std::string k;
  for (char c : name) {
    if (c == '_' || c == '-') continue;
    k += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return k;
}

// Sets one option by name (`no` in front turns it off).
void set_option(std::string_view name, bool on, State& st) {
  std::string k = option_key(name);
  if (k.size() > 2 && k.substr(0, 2) == "no"sv && k != "notify"sv) {
    k = k.substr(2);
    on = !on;
  }
  ZshOption v = on ? ZshOption::On : ZshOption::Off;
  if (k == "shwordsplit"sv) st.sh_word_split = v;
  if (k == "ksharrays"sv) st.ksh_arrays = v;
  if (k == "localoptions"sv) st.local_options = on;
}

void all_unknown(State& st) {
  st.sh_word_split = ZshOption::Unknown;
  st.ksh_arrays = ZshOption::Unknown;
}

}  // namespace

ZshOptions zsh_options_of(const State& st) { return ZshOptions{st.sh_word_split, st.ksh_arrays, st.local_options}; }

void restore_zsh_options(State& st, const ZshOptions& caller) {
  if (st.local_options) {
    st.sh_word_split = caller.sh_word_split;
    st.ksh_arrays = caller.ksh_arrays;
  }
  st.local_options = caller.local_options;
}

void Evaluator::zsh_option_command(std::string_view name, std::span<const Field> args, State& st) {
  bool setopt = name == "setopt"sv, unsetopt = name == "unsetopt"sv;
  if (setopt || unsetopt) {
    for (const auto& a : args) {
      if (!a.known) return all_unknown(st);
      if (a.text.empty()) continue;
      if (a.text[0] == '-' || a.text[0] == '+') {
        // -o NAME / single-letter options: only the long names are modelled.
        if (a.text == "-o"sv || a.text == "+o"sv) continue;
        return all_unknown(st);
      }
      set_option(a.text, setopt, st);
    }
    return;
  }
  if (name == "set"sv) {
    for (size_t i = 0; i < args.size(); ++i) {
      const Field& a = args[i];
      if (!a.known) return all_unknown(st);
      if (a.text == "--"sv) return;
      if ((a.text == "-o"sv || a.text == "+o"sv) && i + 1 < args.size()) {
        if (!args[i + 1].known) return all_unknown(st);
        set_option(args[i + 1].text, a.text[0] == '-', st);
        ++i;
      } else if (a.text.size() > 1 && (a.text[0] == '-' || a.text[0] == '+') && a.text.find('y') != std::string::npos) {
        st.sh_word_split = a.text[0] == '-' ? ZshOption::On : ZshOption::Off;  // set -y: SH_WORD_SPLIT
      }
    }
    return;
  }
  if (name == "emulate"sv) {
    bool local = false;
    std::string_view mode;
    for (const auto& a : args) {
      if (!a.known) return all_unknown(st);
      if (a.text == "-c"sv) return;  // `emulate sh -c CMD`: the options hold for CMD only
      if (!a.text.empty() && a.text[0] == '-') {
        if (a.text.find('L') != std::string::npos) local = true;
        continue;
      }
      if (mode.empty()) mode = a.text;
    }
    if (mode.empty()) return;  // prints the current emulation
    if (mode == "zsh"sv || mode == "csh"sv) {
      st.sh_word_split = ZshOption::Off;
      st.ksh_arrays = ZshOption::Off;
    } else if (mode == "sh"sv || mode == "ksh"sv || mode == "bash"sv) {
      st.sh_word_split = ZshOption::On;
      st.ksh_arrays = ZshOption::On;
    } else {
      all_unknown(st);
    }
    if (local) st.local_options = true;
  }
}

std::optional<size_t> Evaluator::zsh_assignment_slot(std::string_view index, const State& st) const {
  if (dialect_ != Dialect::Zsh || st.ksh_arrays != ZshOption::Off) return std::nullopt;
  if (index.empty() || index.size() > 4 || !std::all_of(index.begin(), index.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  size_t i = 0;
  for (char c : index) i = i * 10 + static_cast<size_t>(c - '0');
  if (i == 0) return std::nullopt;
  return i - 1;
}

void Evaluator::zsh_declare_arrays(const Command& c, std::span<const Field> args, State& st, bool local) {
  bool array = std::any_of(args.begin(), args.end(), [](const Field& a) {
    return a.known && a.text.size() > 1 && a.text[0] == '-' && a.text.find('a') != std::string::npos;
  });
  if (!array) return;
  for (const auto& a : args) {
    if (!a.known || a.text.empty() || a.text[0] == '-' || a.text.find('=') != std::string::npos) continue;
    bool assigned = std::any_of(c.assigns.begin(), c.assigns.end(),
                                [&](const Assignment& x) { return x.declaration && x.name == a.text; });
    if (assigned) continue;
    const Value* current = read_var(st, a.text);
    if (!local && current && current->kind == Value::Kind::Set) continue;  // typeset -a keeps a set value
    if (local && !st.locals->empty()) {
      Assignment save;
      save.name = a.text;
      apply_assignment(save, st, true);  // records the caller's value to put back
    }
    Value empty;
    empty.kind = Value::Kind::Set;
    empty.is_array = true;
    st.vars.set(a.text, std::move(empty));
  }
}

ParseOptions Evaluator::parse_options(Pos origin, bool keep_comments) const {
  ParseOptions opt;
  opt.origin = origin;
  opt.keep_comments = keep_comments;
  opt.dialect = dialect_;
  return opt;
}

}  // namespace tcg::shell
