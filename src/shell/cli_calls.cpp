// The evaluator's record of `taskcluster` commands other than signin (judged in lint with the
// policy's actions), including those run for it by `xargs`, `parallel` and `tcguard run`, and of
// the files a sign-in's output is written to and what later removes or sources them.
#include <algorithm>

#include "shell/builtins.h"
#include "shell/evaluator.h"
#include "tccli/command.h"

namespace tcg::shell {

using namespace std::string_view_literals;

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// The input a runner supplies (a task id read from a file, as a rule): unknown.
Field input_word(std::string_view runner) { return Field{"<" + std::string(runner) + " input>", false, {}}; }

// xargs' options (GNU and BSD) that take a value: as their own word after a bare short option.
bool xargs_short_takes_value(char c) { return std::string_view("aEdILnPsJR").find(c) != std::string_view::npos; }
bool xargs_long_takes_value(std::string_view o) {
  for (auto v : {"--arg-file"sv, "--delimiter"sv, "--max-args"sv, "--max-procs"sv, "--max-chars"sv,
                 "--max-lines"sv, "--process-slot-var"sv})
    if (o == v) return true;
  return false;
}
// GNU parallel's common options that take a value as the next word.
bool parallel_short_takes_value(char c) { return std::string_view("jPnNaSIdsELlC").find(c) != std::string_view::npos; }
bool parallel_long_takes_value(std::string_view o) {
  for (auto v : {"--jobs"sv, "--max-procs"sv, "--max-args"sv, "--arg-file"sv, "--sshlogin"sv, "--colsep"sv,
                 "--delay"sv, "--timeout"sv, "--joblog"sv, "--results"sv, "--halt"sv, "--retries"sv,
                 "--delimiter"sv, "--tmpdir"sv, "--workdir"sv, "--tagstring"sv, "--load"sv, "--memfree"sv,
                 "--env"sv, "--basefile"sv, "--max-lines"sv})
    if (o == v) return true;
  return false;
}

// Skips a runner's options from `i`; returns the first word of the command it runs.
template <class ShortTakes, class LongTakes>
size_t skip_options(const std::vector<Field>& f, size_t i, ShortTakes short_takes, LongTakes long_takes,
                    std::string* replace, bool xargs) {
  while (i < f.size() && f[i].known && f[i].text.size() > 1 && f[i].text[0] == '-') {
    const std::string& o = f[i].text;
    if (o == "--"sv) return i + 1;
    if (starts_with(o, "--")) {
      if (o == "--replace"sv || starts_with(o, "--replace=")) *replace = o.size() > 10 ? o.substr(10) : "{}";
      i += (o.find('=') == std::string::npos && long_takes(o)) ? 2 : 1;
      continue;
    }
    bool value_next = false;
    for (size_t j = 1; j < o.size(); ++j) {
      if (o[j] == 'i' && xargs) {  // xargs -i[R]: the replace string, attached or {}
        *replace = j + 1 < o.size() ? o.substr(j + 1) : "{}";
        break;
      }
      if (short_takes(o[j])) {
        if (o[j] == 'I' || (xargs && o[j] == 'J')) *replace = j + 1 < o.size() ? o.substr(j + 1) : (i + 1 < f.size() ? f[i + 1].text : "");
        value_next = j + 1 == o.size();
        break;
      }
    }
    i += value_next ? 2 : 1;
  }
  return i;
}

}  // namespace

// A file name as written, for telling files apart: known parts as they expand, a variable whose
// value is unknown as its name ("$creds"), not as what it came from ("$(..)"), so that two
// mktemp files are not taken for one.
std::pair<std::string, bool> Evaluator::file_key(const Word& w, State& st) {
  std::string key;
  bool known = true;
  for (const auto& p : w.parts) {
    if (p.kind == PartKind::Literal) {
      key += p.text;
      continue;
    }
    if (p.kind == PartKind::Param && p.op == ParamOp::None && p.index.empty()) {
      Value v = lookup(p.text, st);
      if (v.kind == Value::Kind::Set && !v.is_array) {
        key += v.text();
        continue;
      }
      // Built of other variables and text ("$TMPDIR/creds"): that names the file; anything
      // else (an output, "$(..)") only the variable does.
      bool named = !v.display.empty() && v.display.find("(..)") == std::string::npos;
      key += named ? v.display : "$" + std::string(p.text);
      known = false;
      continue;
    }
    if (p.kind == PartKind::Param) {
      Word one;
      one.parts = Span<WordPart>(&p, 1);
      Field f = expand_scalar(one, st);
      key += f.text;
      known = known && f.known;
      continue;
    }
    // Not run a second time (it was when the command's words were expanded): `source <(..)`.
    key += p.kind == PartKind::CommandSub ? (p.process ? "<(..)" : "$(..)") : "$((..))";
    known = false;
  }
  return {key, known};
}

namespace {

bool is_file_redirect(const Redirect& r) {
  bool out = r.op == "&>"sv || r.op == "&>>"sv ||
             ((r.op == ">"sv || r.op == ">>"sv || r.op == ">|"sv || r.op == ">&"sv) && (r.fd == -1 || r.fd == 1));
  if (!out) return false;
  std::string target = r.target.literal();
  if (r.op == ">&"sv && !target.empty() && std::all_of(target.begin(), target.end(), ::isdigit)) return false;
  return target != "/dev/null"sv;
}

}  // namespace

void Evaluator::record_cli_call(std::span<const Field> args, SourceLocation at,
                                const std::vector<std::pair<std::string, Value>>& env, const State& st,
                                std::string via, std::optional<std::string> confirm, bool confirm_given) {
  if (!args.empty() && args[0].known && args[0].text == "signin"sv) return;  // record_signin's
  CliCall call;
  for (const auto& a : args) {
    call.args.push_back(a.text);
    call.known.push_back(a.known);
  }
  call.where = std::move(at);
  call.context = context(st);
  call.via = std::move(via);
  auto from_env = [&](std::string_view name) -> std::optional<Value> {
    for (const auto& [n, v] : env)
      if (n == name) return v;
    return std::nullopt;
  };
  std::optional<Value> root = from_env("TASKCLUSTER_ROOT_URL");
  if (!root) root = lookup("TASKCLUSTER_ROOT_URL", st);
  if (root->kind == Value::Kind::Set) {
    call.root_url_known = true;
    if (!root->text().empty()) call.root_url = root->text();
  } else if (root->kind == Value::Kind::Unset) {
    call.root_url_known = true;
  } else {
    call.root_url_piece = root->display == "$TASKCLUSTER_ROOT_URL"sv ? "TASKCLUSTER_ROOT_URL from the environment"
                                                                     : root->display;
  }
  // TCGUARD_CONFIRM reaches `tcguard run` and the masquerade only when it is in the command's
  // environment: a prefix assignment or an exported variable the script set.
  if (!confirm_given) {
    std::optional<Value> c = from_env("TCGUARD_CONFIRM");
    if (!c) {
      const Value* v = read_var(st, "TCGUARD_CONFIRM");
      if (v && v->exported && v->kind != Value::Kind::Unset) c = *v;
    }
    if (c && c->kind == Value::Kind::Set && !c->text().empty()) {
      confirm_given = true;
      confirm = c->text();
    } else if (c && c->kind == Value::Kind::Unknown) {
      confirm_given = true;
      confirm.reset();
    }
  }
  call.confirm_given = confirm_given;
  call.confirm = std::move(confirm);
  out_.cli_calls.push_back(std::move(call));
}

// `xargs [opts] taskcluster ...`, `parallel [opts] taskcluster ... [::: ...]`,
// `tcguard [opts] run [--confirm NAME] [--] taskcluster ...`, one inside another: the taskcluster
// command they run is recorded at its own word. Words the runner supplies are unknown.
bool Evaluator::run_through_runner(const std::vector<Field>& fields, const std::vector<size_t>& word_of, size_t k,
                                   const Command& c, const std::vector<std::pair<std::string, Value>>& env,
                                   State& st) {
  if (named_program(fields[k].text) != NamedProgram::Runner) return false;  // before any copy: this runs for every command
  std::vector<Field> cmd(fields.begin() + static_cast<long>(k), fields.end());
  std::vector<size_t> index;  // each word's field index
  for (size_t i = k; i < fields.size(); ++i) index.push_back(i);
  std::string via;
  std::optional<std::string> confirm;
  bool confirm_given = false;
  std::vector<std::string> inputs;  // runners whose input is appended to the command
  for (int hops = 0; hops < 4 && !cmd.empty() && cmd[0].known; ++hops) {
    std::string runner(basename_of(cmd[0].text));
    size_t start = 0;
    std::string replace;
    if (runner == "xargs"sv) {
      start = skip_options(cmd, 1, xargs_short_takes_value, xargs_long_takes_value, &replace, true);
    } else if (runner == "parallel"sv) {
      start = skip_options(cmd, 1, parallel_short_takes_value, parallel_long_takes_value, &replace, false);
      replace = "{";  // parallel's replacement strings: {} {.} {/} {1} ...
    } else if (runner == "tcguard"sv) {
      // tcguard's global options come before the subcommand; three of them take a value.
      size_t run = 1;
      while (run < cmd.size() && cmd[run].known && starts_with(cmd[run].text, "-") && cmd[run].text != "--"sv) {
        const std::string& o = cmd[run].text;
        run += (o == "--policy"sv || o == "--format"sv || o == "--color"sv) ? 2 : 1;
      }
      if (run >= cmd.size() || !cmd[run].known || cmd[run].text != "run"sv) return false;
      start = run + 1;
      while (start < cmd.size() && cmd[start].known && starts_with(cmd[start].text, "-")) {
        const std::string& o = cmd[start].text;
        if (o == "--"sv) {
          ++start;
          break;
        }
        if (o == "--dry-run"sv) return false;  // prints the decision, runs nothing
        if (o == "--confirm"sv && start + 1 < cmd.size()) {
          confirm_given = true;
          if (cmd[start + 1].known) confirm = cmd[start + 1].text;
          start += 2;
          continue;
        }
        if (starts_with(o, "--confirm=")) {
          confirm_given = true;
          confirm = o.substr(10);
        }
        ++start;
      }
    } else if (hops == 0) {
      return false;
    } else {
      break;
    }
    if (!via.empty()) via += " | ";
    via += runner == "tcguard"sv ? "tcguard run" : runner;
    std::vector<Field> rest(cmd.begin() + static_cast<long>(std::min(start, cmd.size())), cmd.end());
    std::vector<size_t> rest_index(index.begin() + static_cast<long>(std::min(start, index.size())), index.end());
    if (runner == "parallel"sv) {
      auto sep = std::find_if(rest.begin(), rest.end(), [](const Field& f) { return f.known && starts_with(f.text, ":::"); });
      rest_index.resize(static_cast<size_t>(sep - rest.begin()));
      rest.erase(sep, rest.end());
      // `parallel 'taskcluster task rerun {}'`: one word is a command line for the shell; its
      // words (split at blanks, without quotes: enough to name the command and its flags).
      if (rest.size() == 1 && rest[0].known && rest[0].text.find_first_of(" \t") != std::string::npos) {
        std::vector<Field> split;
        size_t at = 0;
        const std::string line = rest[0].text;
        while (at < line.size()) {
          size_t b = line.find_first_not_of(" \t", at);
          if (b == std::string::npos) break;
          size_t e = line.find_first_of(" \t", b);
          std::string w = line.substr(b, e == std::string::npos ? std::string::npos : e - b);
          bool plain = w.find_first_of("'\"$`;|&<>") == std::string::npos;
          split.push_back(Field{w, plain, {}});
          at = e == std::string::npos ? line.size() : e;
        }
        size_t word = rest_index.empty() ? 0 : rest_index[0];
        rest_index.assign(split.size(), word);
        rest = std::move(split);
      }
    }
    if (runner != "tcguard"sv) {
      bool replaced = false;
      for (auto& w : rest) {
        if (!replace.empty() && w.known && w.text.find(replace) != std::string::npos) {
          w.known = false;
          replaced = true;
        }
      }
      if (!replaced) inputs.push_back(runner);
    }
    cmd = std::move(rest);
    index = std::move(rest_index);
  }
  if (cmd.empty() || !cmd[0].known || !is_taskcluster_binary(cmd[0].text)) return false;
  for (const auto& r : inputs) cmd.push_back(input_word(r));
  std::span<const Field> args(cmd.data() + 1, cmd.size() - 1);
  record_cli_call(args, where(c.words[word_of[index[0]]].pos), env, st, via, confirm, confirm_given);
  if (st.sink > 0) st.out_known = false;
  return true;
}

void Evaluator::note_credential_redirect(const Command& c, State& st) {
  const Redirect* last = nullptr;
  for (const auto& r : c.redirects) {
    bool out = r.op == "&>"sv || r.op == "&>>"sv ||
               ((r.op == ">"sv || r.op == ">>"sv || r.op == ">|"sv || r.op == ">&"sv) && (r.fd == -1 || r.fd == 1));
    if (out) last = &r;  // stdout goes where the last one says
  }
  if (!last || !is_file_redirect(*last) || out_.signins.empty()) return;
  auto [key, known] = file_key(last->target, st);
  out_.credential_files.push_back(CredentialFile{out_.signins.size() - 1, key, known, where(last->target.pos), ++seq_});
}

// `taskcluster signin ... | tee [-a] FILE...`: each FILE holds the credentials.
void Evaluator::note_tee(const Command& tee, size_t signins_before, State st) {
  if (tee.kind != CommandKind::Simple || tee.words.empty() || !tee.words[0].is_literal() ||
      basename_of(tee.words[0].literal()) != "tee"sv)
    return;
  bool options = true;
  for (size_t i = 1; i < tee.words.size(); ++i) {
    auto [key, known] = file_key(tee.words[i], st);
    if (options && known && key == "--"sv) {
      options = false;
      continue;
    }
    if (options && known && key.size() > 1 && key[0] == '-') continue;
    for (size_t s = signins_before; s < out_.signins.size(); ++s) {
      out_.signins[s].consumption = Consumption::Redirected;
      out_.credential_files.push_back(CredentialFile{s, key, known, where(tee.words[i].pos), ++seq_});
    }
  }
}

// rm/shred/unlink operands, source/. files, and `trap HANDLER EXIT` (the handler is evaluated
// here, on a copy of the path: what it removes counts whenever the script ends).
void Evaluator::note_file_command(const std::string& name, std::span<const Field> args, const Command& c,
                                  const std::vector<size_t>& word_of, size_t k, const State& st) {
  NamedProgram program = named_program(name);
  if (program == NamedProgram::Remove) {
    bool options = true;
    for (size_t i = 0; i < args.size(); ++i) {
      const Field& a = args[i];
      if (options && a.known && a.text == "--"sv) {
        options = false;
        continue;
      }
      if (options && a.known && a.text.size() > 1 && a.text[0] == '-') continue;
      size_t word = word_of[k + 1 + i];
      if (i > 0 && word_of[k + i] == word) continue;  // one word split into several fields
      State copy = st;
      out_.removed_files.push_back(FileUse{file_key(c.words[word], copy).first, where(c.words[word].pos), ++seq_, in_trap_});
    }
  } else if (program == NamedProgram::Source) {
    if (!args.empty()) {
      State copy = st;
      const Word& w = c.words[word_of[k + 1]];
      out_.sourced_files.push_back(FileUse{file_key(w, copy).first, where(w.pos), ++seq_, in_trap_});
    }
  } else if (program == NamedProgram::Trap && !in_trap_) {
    size_t h = !args.empty() && args[0].known && args[0].text == "--"sv ? 1 : 0;
    if (args.size() < h + 2) return;  // `trap` and `trap -p` list, `trap HANDLER` alone sets nothing
    bool on_exit = std::any_of(args.begin() + static_cast<long>(h) + 1, args.end(), [](const Field& f) {
      return f.known && (f.text == "EXIT"sv || f.text == "0"sv || f.text == "SIGEXIT"sv);
    });
    if (!on_exit) return;
    // A new EXIT trap replaces the one before: only the last one's removals happen. `trap - EXIT`,
    // `trap '' EXIT` and a handler the script computes remove nothing known.
    out_.last_exit_trap = ++seq_;
    const Field& handler = args[h];
    if (!handler.known || handler.text.empty() || handler.text == "-"sv) return;
    const Word& w = c.words[word_of[k + 1 + h]];
    Pos origin = w.pos;
    if (w.begin < src_.size() && (src_[w.begin] == '\'' || src_[w.begin] == '"')) origin.column += 1;
    in_trap_ = out_.last_exit_trap;
    State copy = st;
    eval_text(handler.text, origin, std::move(copy));
    in_trap_ = 0;
  }
}

}  // namespace tcg::shell
