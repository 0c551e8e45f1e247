// Runs the syntax tree over sets of paths (one State per path): each case branch and if branch
// is its own path, `a || b` forks, loops run their body at most once (or once per known word of a
// `for`). Function bodies and alias bodies are evaluated on their own and again at each call with
// literal arguments. Every `taskcluster signin` reached is recorded with its argv words.
#include "shell/evaluator.h"

#include <algorithm>
#include <cctype>

#include "shell/builtins.h"
#include "shell/parser.h"
#include "tccli/command.h"
#include "util/shell_quote.h"

namespace tcg::shell {

using namespace std::string_view_literals;  // `name == "x"sv` compares sizes before bytes

namespace {

bool valid_name(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

// A name `alias` accepts that is not a variable name (`tc-fxci`, `k8s.ctx`).
bool alias_only_name(std::string_view s) {
  if (s.empty() || valid_name(s)) return false;
  for (char c : s) {
    if (c == '/' || c == '$' || c == '`' || c == '=' || c == '\'' || c == '"' || c == '\\' || c == ' ' || c == '\t')
      return false;
  }
  return true;
}

bool is_output_redirect(const Redirect& r) {
  if (r.op == "&>"sv || r.op == "&>>"sv) return true;
  if (r.op == ">"sv || r.op == ">>"sv || r.op == ">|"sv || r.op == ">&"sv) return r.fd == -1 || r.fd == 1;
  return false;
}

void scan_positional(const Word& w, const std::string& file, std::vector<PositionalUse>& out);

void scan_positional_cmd(const Command& c, const std::string& file, std::vector<PositionalUse>& out) {
  if (c.kind == CommandKind::Function) return;  // a function defined in the alias has its own arguments
  for (const auto& a : c.assigns) {
    scan_positional(a.value, file, out);
    for (const auto& e : a.elements) scan_positional(e, file, out);
  }
  for (const auto& w : c.words) scan_positional(w, file, out);
  for (const auto& r : c.redirects) scan_positional(r.target, file, out);
  scan_positional(c.word, file, out);
  for (const auto& w : c.loop_words) scan_positional(w, file, out);
  for (const auto& item : c.items) {
    for (const auto& w : item.patterns) scan_positional(w, file, out);
    if (item.body_ptr) scan_positional_cmd(*item.body_ptr, file, out);
  }
  for (const auto& child : c.children) scan_positional_cmd(child, file, out);
}

void scan_positional(const Word& w, const std::string& file, std::vector<PositionalUse>& out) {
  for (const auto& p : w.parts) {
    if (p.kind == PartKind::Param) {
      bool pos = p.text == "@"sv || p.text == "*"sv || p.text == "#"sv ||
                 (!p.text.empty() && p.text != "0"sv &&
                  std::all_of(p.text.begin(), p.text.end(), [](char c) { return c >= '0' && c <= '9'; }));
      if (pos) {
        std::string name(p.text);
        std::string text = p.op == ParamOp::None && p.index.empty() && name.size() == 1 ? "$" + name : "${" + name + "}";
        out.push_back({text, SourceLocation{file, p.pos.line, p.pos.column}});
      }
      for (const auto& a : p.arg) scan_positional(a, file, out);
    } else if (p.kind == PartKind::CommandSub && p.body) {
      scan_positional_cmd(*p.body, file, out);
    }
  }
}

void collect_functions(const Command& c, std::vector<const Command*>& out) {
  if (c.kind == CommandKind::Function) out.push_back(&c);
  for (const auto& child : c.children) collect_functions(child, out);
  for (const auto& item : c.items)
    if (item.body_ptr) collect_functions(*item.body_ptr, out);
}


}  // namespace

bool is_taskcluster_binary(std::string_view word) { return tccli::names_taskcluster(word); }

bool writes_signin_at(const Command& simple, size_t i) {
  return i + 1 < simple.words.size() && simple.words[i + 1].literal_equals("signin") &&
         simple.words[i].is_literal() && is_taskcluster_binary(simple.words[i].literal());
}

Evaluator::Evaluator(std::string_view text, Analysis& out, Dialect dialect)
    : dialect_(dialect), text_(text), src_(text), out_(out) {
  budget_ = 200000 + static_cast<long>(text.size()) * 4;
}

bool Evaluator::spend() {
  if (out_of_budget()) return false;
  --budget_;
  return true;
}

// Every place that gives up for want of budget says so: the checks then report the sign-ins
// that were never reached.
bool Evaluator::out_of_budget() {
  if (budget_ > 0) return false;
  out_.budget_exhausted = true;
  return true;
}

SourceLocation Evaluator::where(Pos p) const { return SourceLocation{out_.file, p.line, p.column}; }

std::string Evaluator::context(const State& st) const {
  const Frame& f = frames_.back();
  std::string s = f.name;
  for (std::string_view label : st.labels.from(f.label_base)) {
    if (!s.empty()) s += "/";
    s += label;
  }
  if (f.call_line > 0) s += " called at line " + std::to_string(f.call_line);
  return s;
}

void Evaluator::dedupe(States& states) {
  if (states.size() <= 1) return;
  States out;
  out.reserve(states.size());
  for (auto& s : states) {
    if (out.size() >= kMaxStates) {
      out_.paths_dropped = true;
      break;
    }
    bool dup = false;
    for (const auto& o : out) {
      if (o == s) {
        dup = true;
        break;
      }
    }
    if (!dup) out.push_back(std::move(s));
  }
  states = std::move(out);
}

// ---- the run ------------------------------------------------------------------------------

bool Evaluator::run(bool follow_every_call) {
  auto script = std::make_shared<Script>(parse_script(text_, parse_options(Pos{1, 1}, true)));
  out_.scripts.push_back(script);
  file_script_ = script.get();
  follow_every_call_ = follow_every_call;
  out_.comments = script->comments;
  out_.extents = script->extents;

  std::vector<const Command*> defs;
  collect_functions(script->root, defs);
  for (const Command* f : defs) {
    if (f->children.empty()) continue;
    functions_[std::string(f->name)] = FunctionDef{&f->children[0], text_};
    ++definitions_changed_;
    Helper h;
    h.kind = HelperKind::Function;
    h.name = f->name;
    h.where = where(f->pos);
    h.body = &f->children[0];
    out_.helpers.push_back(std::move(h));
  }

  for (const auto& c : script->root.children) {
    std::string name;
    const Word* value = nullptr;
    if (c.kind == CommandKind::Simple && c.assigns.empty() && c.words.size() == 1 &&
        c.words[0].parts.size() >= 1 && c.words[0].parts[0].kind == PartKind::Literal && !c.words[0].parts[0].quoted) {
      std::string_view t = c.words[0].parts[0].text;
      auto eq = t.find('=');
      if (eq != std::string::npos && alias_only_name(t.substr(0, eq))) out_.listing_form = true;
    }
    (void)value;
  }

  frames_.push_back(Frame{});
  State start;
  start.positional_mode = PositionalMode::Unknown;
  // Half the budget is kept for the functions' own runs: a top level that calls a function
  // tree thousands of times must not leave a sign-in helper defined below it unjudged.
  const long kept_for_functions = budget_ / 2;
  budget_ -= kept_for_functions;
  States end = eval(script->root, one_path(start));
  budget_ = std::max(budget_, 0L) + kept_for_functions;
  // Functions run later see the file's variables as a path that reached the end left them.
  auto live = std::find_if(end.begin(), end.end(), [](const State& s) { return !s.ended; });
  State global = end.empty() ? start : live != end.end() ? *live : end[0];
  global.ended = false;
  global.labels.clear();
  global.sink = 0;
  global.out.clear();
  global.out_known = true;
  global.locals.reset();

  for (const Command* f : defs) {
    if (f->children.empty() || out_of_budget() || !can_find_something(shape_of(f->children[0]))) continue;
    State st = global;
    st.positional_mode = PositionalMode::Unknown;
    st.positional.reset();
    st.locals.edit().emplace_back();
    frames_.push_back(Frame{std::string(f->name), 0, 0, false});
    eval(f->children[0], one_path(std::move(st)));
    frames_.pop_back();
  }
  frames_.pop_back();

  for (auto& call : out_.signins) {
    if (call.sink > 0) {
      call.consumption = evaluated_outputs_.count(call.sink) ? Consumption::Evaluated : Consumption::Captured;
    }
  }
  return !skip_misjudged_;
}

// ---- commands -----------------------------------------------------------------------------

namespace {

// Counts the evaluator's own recursion (compound commands in compound commands, calls, evals).
struct Nesting {
  explicit Nesting(int& depth) : depth_(depth) { ++depth_; }
  ~Nesting() { --depth_; }
  Nesting(const Nesting&) = delete;
  Nesting& operator=(const Nesting&) = delete;
  int& depth_;
};

}  // namespace

States Evaluator::eval(const Command& c, States states) {
  // Each limit on its own (parse depth, call depth, eval depth) still multiplies with the others:
  // this one bounds the stack the evaluator uses, whatever the input.
  Nesting nesting(nesting_);
  if (nesting_ > kMaxNesting) {
    out_.budget_exhausted = true;
    return states;
  }
  if (states.empty()) return states;
  bool any_live = false;
  for (const auto& s : states)
    if (!s.ended) any_live = true;
  if (!any_live) return states;
  switch (c.kind) {
    case CommandKind::Simple: {
      if (states.size() == 1) {
        eval_simple(c, states);
        return states;
      }
      States out;
      States one;
      for (auto& s : states) {
        if (s.ended) {
          out.push_back(std::move(s));
          continue;
        }
        one.clear();
        one.push_back(std::move(s));
        eval_simple(c, one);
        for (auto& x : one) out.push_back(std::move(x));
      }
      dedupe(out);
      return out;
    }
    case CommandKind::Seq:
      return eval_seq(c, std::move(states));
    case CommandKind::AndOr: {
      states = eval(c.children[0], std::move(states));
      for (size_t i = 1; i < c.children.size(); ++i) {
        States ran;
        for (const auto& s : states)
          if (!s.ended) ran.push_back(s);
        ran = eval(c.children[i], std::move(ran));
        for (auto& r : ran) states.push_back(std::move(r));
        dedupe(states);
      }
      return states;
    }
    case CommandKind::Pipe: {
      for (size_t i = 0; i + 1 < c.children.size(); ++i) {
        States copies = states;
        for (auto& s : copies) s.sink = kSinkPipe;
        size_t signins_before = out_.signins.size();
        eval(c.children[i], std::move(copies));
        if (out_.signins.size() > signins_before && !states.empty()) note_tee(c.children[i + 1], signins_before, states[0]);
      }
      States last = eval(c.children.back(), states);
      // Each part runs in a subshell: only what the last part printed carries over.
      for (size_t i = 0; i < states.size() && i < last.size(); ++i) {
        states[i].out = last[i].out;
        states[i].out_known = last[i].out_known;
      }
      return states;
    }
    case CommandKind::Not:
    case CommandKind::Group:
      return c.children.empty() ? states : eval(c.children[0], std::move(states));
    case CommandKind::Background:
    case CommandKind::Subshell: {
      if (c.children.empty()) return states;
      States r = eval(c.children[0], states);
      for (size_t i = 0; i < states.size() && i < r.size(); ++i) {
        states[i].out = r[i].out;
        states[i].out_known = r[i].out_known;
      }
      return states;
    }
    case CommandKind::If:
      return eval_if(c, std::move(states));
    case CommandKind::Case:
      return eval_case(c, std::move(states));
    case CommandKind::Loop:
      return eval_loop(c, std::move(states));
    case CommandKind::Function:
      if (!c.children.empty()) {
        // Definitions are not per path: how many paths run this one (which a skip can change)
        // decides what later calls of the name find.
        if (run_time_text_after_a_skip()) skip_misjudged_ = true;
        functions_[std::string(c.name)] = FunctionDef{&c.children[0], src_};
        ++definitions_changed_;
      }
      return states;
    case CommandKind::Opaque:
      return states;
  }
  return states;
}

States Evaluator::eval_seq(const Command& c, States states) {
  // A path that returned or exited stays as it is until the end of the list: it is set aside
  // instead of being carried (and compared with the others) through every later command.
  States ended;
  for (const auto& child : c.children) {
    if (out_of_budget()) break;
    park_ended(states, ended);
    if (states.empty()) break;
    states = eval(child, std::move(states));
  }
  park_ended(states, ended);
  if (ended.empty()) return states;
  for (auto& s : ended) states.push_back(std::move(s));
  dedupe(states);
  return states;
}

void Evaluator::park_ended(States& states, States& ended) {
  if (std::none_of(states.begin(), states.end(), [](const State& s) { return s.ended; })) return;
  States live;
  live.reserve(states.size());
  for (auto& s : states) (s.ended ? ended : live).push_back(std::move(s));
  states = std::move(live);
}

States Evaluator::eval_if(const Command& c, States states) {
  States result;
  States pending = std::move(states);
  size_t n = c.children.size();
  size_t pairs = c.has_else ? (n - 1) / 2 : n / 2;
  for (size_t k = 0; k < pairs; ++k) {
    pending = eval(c.children[2 * k], std::move(pending));
    States taken;
    for (const auto& s : pending)
      if (!s.ended) taken.push_back(s);
    taken = eval(c.children[2 * k + 1], std::move(taken));
    for (auto& t : taken) result.push_back(std::move(t));
  }
  if (c.has_else) pending = eval(c.children[n - 1], std::move(pending));
  for (auto& p : pending) result.push_back(std::move(p));
  dedupe(result);
  return result;
}

States Evaluator::eval_case(const Command& c, States states) {
  States result;
  for (auto& s : states) {
    if (s.ended) {
      result.push_back(std::move(s));
      continue;
    }
    Field subject = expand_scalar(c.word, s);
    bool matched_for_sure = false;
    for (const auto& item : c.items) {
      if (!item.body_ptr) continue;
      bool maybe = !subject.known;
      bool sure = false;
      bool catch_all = false;
      for (const auto& pw : item.patterns) {
        // Quoted pattern characters are literal: escape them for the glob.
        std::string pattern;
        bool pattern_known = true;
        for (const auto& part : pw.parts) {
          if (part.kind == PartKind::Literal) {
            for (char ch : part.text) {
              if (part.quoted && (ch == '*' || ch == '?' || ch == '[' || ch == '\\')) pattern += '\\';
              pattern += ch;
            }
          } else {
            Field f;
            std::vector<Field> tmp;
            Word one;
            one.parts = Span<WordPart>(&part, 1);
            f = expand_scalar(one, s);
            if (!f.known) pattern_known = false;
            pattern += f.text;
          }
        }
        if (pattern == "*"sv) catch_all = true;
        if (!pattern_known) {
          maybe = true;
        } else if (subject.known && glob_match(pattern, subject.text)) {
          sure = true;
        }
      }
      if (!sure && !maybe) continue;
      State branch = s;
      branch.labels = labels_.push(branch.labels, item.label);
      States r = eval(*item.body_ptr, one_path(std::move(branch)));
      for (auto& x : r) result.push_back(std::move(x));
      if (sure || (catch_all && !subject.known)) {
        matched_for_sure = true;
        break;
      }
    }
    if (!matched_for_sure) result.push_back(std::move(s));
  }
  dedupe(result);
  return result;
}

States Evaluator::eval_loop(const Command& c, States states) {
  if (c.children.size() < 2) return states;
  const Command& body = c.children[1];
  if (c.for_loop) {
    States out;
    for (auto& s : states) {
      if (s.ended) {
        out.push_back(std::move(s));
        continue;
      }
      std::vector<Field> items = expand_words(c.loop_words, s);
      bool all_known = items.size() <= 64 &&
                       std::all_of(items.begin(), items.end(), [](const Field& f) { return f.known; });
      States cur{std::move(s)};
      if (all_known) {
        for (const auto& it : items) {
          for (auto& x : cur) x.vars.set(c.name, Value::scalar(it.text));
          cur = eval(body, std::move(cur));
        }
      } else {
        States once = cur;
        for (auto& x : once) x.vars.set(c.name, Value::unknown(dollar(c.name)));
        once = eval(body, std::move(once));
        for (auto& x : once) cur.push_back(std::move(x));
      }
      for (auto& x : cur) out.push_back(std::move(x));
    }
    dedupe(out);
    return out;
  }
  // while/until: the condition once, then the body zero or one time.
  states = eval(c.children[0], std::move(states));
  States once;
  for (const auto& s : states)
    if (!s.ended) once.push_back(s);
  once = eval(body, std::move(once));
  for (auto& x : once) states.push_back(std::move(x));
  dedupe(states);
  return states;
}

void Evaluator::apply_assignment(const Assignment& a, State& st, bool local) {
  Value v;
  if (a.is_array) {
    std::vector<Field> fields = expand_words(a.elements, st);
    v.kind = Value::Kind::Set;
    v.is_array = true;
    for (const auto& f : fields) {
      if (!f.known) {
        v = Value::unknown("(..)");
        break;
      }
      v.items.push_back(f.text);
      v.outputs.insert(v.outputs.end(), f.outputs.begin(), f.outputs.end());
    }
  } else {
    Field f = expand_scalar(a.value, st);
    v = f.known ? Value::scalar(std::move(f.text)) : Value::unknown(std::move(f.text));
    v.outputs = std::move(f.outputs);
  }
  if (local && !st.locals->empty()) {
    const auto& frame = st.locals->back();
    bool saved = std::any_of(frame.begin(), frame.end(), [&](const SavedLocal& l) { return l.name == a.name; });
    if (!saved) {
      st.locals.edit().back().push_back({std::string(a.name), st.vars.get_shared(a.name)});
    }
  }
  const Value* current = read_var(st, a.name);
  bool exported = current && current->exported;
  if (a.append && current && current->kind == Value::Kind::Set && v.kind == Value::Kind::Set) {
    Value merged = *current;
    if (a.is_array) {
      merged.is_array = true;
      merged.items.insert(merged.items.end(), v.items.begin(), v.items.end());
    } else if (dialect_ == Dialect::Zsh && merged.is_array) {
      // zsh: `arr+=x` adds an element (bash appends to the first one).
      if (st.ksh_arrays == ZshOption::Off) merged.items.push_back(v.text());
      else merged = Value::unknown(dollar(a.name));
    } else if (merged.items.empty()) {
      merged.items.push_back(v.text());
    } else {
      merged.items[0] += v.text();
    }
    v = std::move(merged);
  } else if (a.append && (!current || current->kind == Value::Kind::Unknown)) {
    if (current || !local) v = Value::unknown(dollar(a.name));
  } else if (!a.index.empty() && !a.is_array) {
    // a[i]=v (zsh: 1-based, `a[0]=v` is an error)
    std::optional<size_t> slot = zsh_assignment_slot(a.index, st);
    if (slot && current && current->kind == Value::Kind::Set && current->is_array && v.kind == Value::Kind::Set) {
      Value arr = *current;
      if (arr.items.size() <= *slot) arr.items.resize(*slot + 1);
      arr.items[*slot] = v.text();
      arr.is_array = true;
      v = std::move(arr);
    } else if (dialect_ == Dialect::Zsh) {
      v = Value::unknown(dollar(a.name));
    } else if (current && current->kind == Value::Kind::Set && v.kind == Value::Kind::Set &&
        std::all_of(a.index.begin(), a.index.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) &&
        a.index.size() < 5) {
      Value arr = *current;
      size_t i = 0;
      for (char ch : a.index) i = i * 10 + static_cast<size_t>(ch - '0');
      if (arr.items.size() <= i) arr.items.resize(i + 1);
      arr.items[i] = v.text();
      arr.is_array = true;
      v = std::move(arr);
    } else {
      v = Value::unknown(dollar(a.name));
    }
  }
  v.exported = exported;
  st.vars.set(a.name, std::move(v));
}

States Evaluator::eval_function_call(const std::string& name, const FunctionDef& def, std::span<const Field> args,
                                     State st, Pos call_at) {
  if (frames_.size() > static_cast<size_t>(kMaxCallDepth)) {
    out_.budget_exhausted = true;  // a call not followed: what it signs in for is not judged
    return one_path(std::move(st));
  }
  for (const auto& f : frames_)
    if (!f.alias && f.name == name) return one_path(std::move(st));  // recursion
  PositionalMode old_mode = st.positional_mode;
  Shared<std::vector<Field>> old_positional = st.positional;
  const ZshOptions caller_options = zsh_options_of(st);
  st.local_options = false;
  size_t label_base = st.labels.size();
  st.positional_mode = PositionalMode::Known;
  st.positional.set(std::vector<Field>(args.begin(), args.end()));
  st.locals.edit().emplace_back();
  frames_.push_back(Frame{name, call_at.line, label_base, false, call_at});
  std::string_view saved_src = src_;
  src_ = def.source;
  States res = eval(*def.body, one_path(std::move(st)));
  src_ = saved_src;
  frames_.pop_back();
  for (auto& r : res) {
    if (!r.locals->empty()) {
      for (const auto& l : r.locals->back()) {
        if (l.previous) {
          r.vars.set_shared(l.name, l.previous);
        } else {
          r.vars.erase(l.name);
        }
      }
      r.locals.edit().pop_back();
    }
    r.positional_mode = old_mode;
    r.positional = old_positional;
    restore_zsh_options(r, caller_options);
    r.ended = false;
    r.labels.truncate(label_base);
  }
  dedupe(res);
  return res;
}

States Evaluator::eval_text(std::string_view code, Pos origin, State st) {
  // Nested evals push no frame: their own depth bounds them (text that evals itself again, as a
  // broken quote can make it, would otherwise recurse until the stack overflows).
  if (frames_.size() > static_cast<size_t>(kMaxCallDepth) || text_depth_ >= kMaxCallDepth || !spend()) {
    out_.budget_exhausted = true;  // an eval not followed: stopping short, as the budget is
    return one_path(std::move(st));
  }
  auto script = std::make_shared<Script>(parse_script(code, parse_options(origin, false)));
  out_.scripts.push_back(script);
  std::string_view saved = src_;
  src_ = script->source;
  ++text_depth_;
  States r = eval(script->root, one_path(std::move(st)));
  --text_depth_;
  src_ = saved;
  return r;
}

// An unneeded body (shell/unneeded_calls.h) whose every callee, as defined now, is one too, and
// calls no alias. A call cycle is not skipped (a member's answer would rest on its own).
bool Evaluator::skippable_call(const Command& body, int depth) {
  // The pre-pass runs at the first call of a function: most files call none.
  if (!unneeded_known_) {
    if (!follow_every_call_) unneeded_ = unneeded_calls(*file_script_);
    unneeded_known_ = true;
  }
  auto found = unneeded_.bodies.find(&body);
  if (found == unneeded_.bodies.end()) return false;
  refresh_skip_memo();
  auto [it, inserted] = skips_.try_emplace(&body, false);
  if (!inserted) return it->second;
  if (depth > kMaxCallDepth) return false;
  bool skippable =
      callees_pass(found->second.calls, [&](const Command& b) { return skippable_call(b, depth + 1); }) &&
      callees_pass(found->second.calls_in_subshells, [&](const Command& b) { return quiet_call(b, depth + 1); });
  skips_[&body] = skippable;
  return skippable;
}

// No name is an alias, and each that is a function (as defined now) passes `test`.
template <class Names, class Test>
bool Evaluator::callees_pass(const Names& names, Test&& test) {
  for (const auto& called : names) {
    if (aliases_.count(called)) return false;
    auto f = functions_.find(called);
    if (f != functions_.end() && !test(*f->second.body)) return false;
  }
  return true;
}

// Running the body can add nothing to the analysis: it can find nothing, notes no file, and calls
// no alias and no function that could.
bool Evaluator::quiet_call(const Command& body, int depth) {
  refresh_skip_memo();
  auto [it, inserted] = quiet_.try_emplace(&body, false);
  if (!inserted) return it->second;
  if (depth > kMaxCallDepth || can_find_something(shape_of(body)) || notes_files(body)) return false;
  bool quiet = callees_pass(shape_of(body).calls, [&](const Command& b) { return quiet_call(b, depth + 1); });
  quiet_[&body] = quiet;
  return quiet;
}

void Evaluator::refresh_skip_memo() {
  if (skips_checked_at_ == definitions_changed_) return;
  skips_.clear();
  quiet_.clear();
  writes_noted_.clear();
  skips_checked_at_ = definitions_changed_;
}

// The body's writes and those of the functions it calls outside subshells, by the definitions
// of skippable_call.
void Evaluator::note_skipped_writes(const Command& body) {
  if (!writes_noted_.insert(&body).second) return;
  auto it = unneeded_.bodies.find(&body);
  if (it == unneeded_.bodies.end()) return;
  for (std::string_view name : it->second.writes) skipped_writes_.emplace(name);
  for (std::string_view called : it->second.calls)
    if (auto f = functions_.find(called); f != functions_.end()) note_skipped_writes(*f->second.body);
}

const Value* Evaluator::read_var(const State& st, std::string_view name) const {
  // The file's own code reads a skipped call's writes only where they cannot matter (the pre-pass
  // saw to that); text assembled at run time (eval, alias bodies) it did not see.
  if (run_time_text_after_a_skip() &&
      (skipped_writes_.find(name) != skipped_writes_.end() || unneeded_.private_locals.count(name)))
    skip_misjudged_ = true;
  return st.vars.get(name);
}

const BodyShape& Evaluator::shape_of(const Command& body) {
  auto [it, inserted] = function_shapes_.try_emplace(&body);
  if (inserted) it->second = body_shape(body);
  return it->second;
}

// A body that calls an alias can find something (the alias body runs in its place); a body that
// calls a function can if that function can. Which functions can is a reverse reachability over
// the current definitions, worked out only when a body calls a function, and again only after a
// definition changed.
bool Evaluator::can_find_something(const BodyShape& shape) {
  if (shape.effects) return true;
  for (const auto& called : shape.calls) {
    if (aliases_.count(called)) return true;
    if (!functions_.count(called)) continue;
    if (finders_computed_at_ != definitions_changed_) find_finders();
    if (finders_.count(called)) return true;
  }
  return false;
}

void Evaluator::find_finders() {
  finders_computed_at_ = definitions_changed_;
  finders_.clear();
  std::map<std::string_view, std::vector<std::string_view>> callers;
  std::vector<std::string_view> found;
  for (const auto& [name, def] : functions_) {
    const BodyShape& s = shape_of(*def.body);
    bool finds = s.effects;
    for (const auto& called : s.calls) {
      if (aliases_.count(called)) finds = true;
      callers[called].push_back(name);
    }
    if (finds) found.push_back(name);
  }
  while (!found.empty()) {
    std::string_view name = found.back();
    found.pop_back();
    if (!finders_.insert(std::string(name)).second) continue;
    if (auto it = callers.find(name); it != callers.end())
      for (std::string_view caller : it->second)
        if (!finders_.count(caller)) found.push_back(caller);
  }
}

void Evaluator::define_alias(const std::string& name, const Word& word, const std::string& body, size_t eq_offset,
                             const State& st) {
  if (run_time_text_after_a_skip()) skip_misjudged_ = true;  // as for functions
  // Where the body starts in the file: after `name=` and an opening quote.
  Pos origin = word.pos;
  origin.column += static_cast<int>(eq_offset) + 1;
  size_t at = word.begin + eq_offset + 1;
  if (at < src_.size()) {
    if (src_[at] == '\'' || src_[at] == '"') origin.column += 1;
    else if (src_[at] == '$' && at + 1 < src_.size() && src_[at + 1] == '\'') origin.column += 2;
  }
  aliases_[name] = AliasDef{body, origin};
  ++definitions_changed_;

  // Each path that runs the definition defines the alias again: the body is parsed (and becomes
  // a helper) once per place and text.
  std::vector<AliasBody>& at_place = alias_bodies_[{word.pos.line, word.pos.column}];
  auto known = std::find_if(at_place.begin(), at_place.end(),
                            [&](const AliasBody& b) { return b.name == name && b.script->source == body; });
  if (known == at_place.end()) {
    auto script = std::make_shared<Script>(parse_script(body, parse_options(origin, false)));
    out_.scripts.push_back(script);

    Helper h;
    h.kind = HelperKind::Alias;
    h.name = name;
    h.body_text = body;
    h.where = where(word.pos);
    h.body = &script->root;
    scan_positional_cmd(script->root, out_.file, h.positional);
    out_.helpers.push_back(std::move(h));
    at_place.push_back(AliasBody{name, script.get(), body_shape(script->root)});
    known = at_place.end() - 1;
  }
  const AliasBody& parsed = *known;

  if (frames_.size() > static_cast<size_t>(kMaxCallDepth) || !spend()) {
    out_.budget_exhausted = true;
    return;
  }
  // `alias ll='ls -alF'` changes nothing that outlives its own path: run on its own it finds nothing.
  if (!can_find_something(parsed.shape)) return;
  // On its own, as typed at an interactive prompt: no positional parameters, nothing printed yet.
  State run = st;
  run.positional_mode = PositionalMode::Empty;
  run.positional.reset();
  run.labels.clear();
  run.sink = 0;
  run.ended = false;
  frames_.push_back(Frame{name, 0, 0, true});
  std::string_view saved = src_;
  src_ = parsed.script->source;
  eval(parsed.script->root, one_path(std::move(run)));
  src_ = saved;
  frames_.pop_back();
}

void Evaluator::record_signin(const std::vector<Field>& fields, const std::vector<size_t>& word_of, size_t signin_at,
                              const Command& c, size_t tc_field,
                              const std::vector<std::pair<std::string, Value>>& env, const State& st) {
  SigninCall call;
  for (size_t i = signin_at + 1; i < fields.size(); ++i) {
    tccli::SigninArg a;
    a.text = fields[i].text;
    a.known = fields[i].known;
    const Word& w = c.words[word_of[i]];
    a.where = where(w.pos);
    call.args.push_back(std::move(a));
  }
  call.where = where(c.words[word_of[tc_field]].pos);
  call.context = context(st);
  // The outermost call that led here is where the sign-in happens (its body is related).
  for (const auto& f : frames_)
    if (f.call_line > 0) {
      call.called_at = where(f.call_pos);
      break;
    }
  std::optional<Value> root;
  for (const auto& [n, v] : env)
    if (n == "TASKCLUSTER_ROOT_URL"sv) root = v;
  if (!root) root = lookup("TASKCLUSTER_ROOT_URL", st);
  if (root->kind == Value::Kind::Set) {
    call.root_url_known = true;
    if (!root->text().empty()) call.root_url = root->text();
  } else if (root->kind == Value::Kind::Unset) {
    call.root_url_known = true;
  } else {
    call.root_url_known = false;
    call.root_url_piece = root->display == "$TASKCLUSTER_ROOT_URL"sv ? "TASKCLUSTER_ROOT_URL from the environment"
                                                                   : root->display;
  }
  call.sink = st.sink;
  if (eval_command_ && st.sink == 0) {
    call.consumption = Consumption::EvalCommand;
  } else if (st.sink == 0 || st.sink == kSinkNull) {
    call.consumption = Consumption::Printed;
  } else if (st.sink == kSinkPipe) {
    call.consumption = Consumption::Piped;
  } else if (st.sink == kSinkFile) {
    call.consumption = Consumption::Redirected;
  } else {
    call.consumption = Consumption::Captured;
  }
  for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
    if (!it->name.empty()) {
      call.helper = it->name;
      call.in_alias = it->alias;
      break;
    }
  }
  out_.signins.push_back(std::move(call));
}

// `paths` holds the one path the command runs on; it is changed in place (most commands) or
// replaced by the paths a function, alias or eval body ends with.
void Evaluator::eval_simple(const Command& c, States& paths) {
  State& st = paths[0];
  if (!spend()) return;

  // The `alias` listing form: `name='value'` lines at the top of a listing file.
  if (out_.listing_form && frames_.size() == 1 && st.labels.empty() && c.words.size() + c.assigns.size() == 1) {
    if (c.assigns.size() == 1 && !c.assigns[0].is_array && !c.assigns[0].append && c.assigns[0].index.empty()) {
      const Assignment& a = c.assigns[0];
      Field f = expand_scalar(a.value, st);
      if (f.known) {
        Word w = a.value;
        w.pos = a.pos;
        w.begin = a.value.begin - a.name.size() - 1;
        define_alias(std::string(a.name), w, f.text, a.name.size(), st);
        return;
      }
    }
    if (c.words.size() == 1) {
      Field f = expand_scalar(c.words[0], st);
      auto eq = f.text.find('=');
      if (f.known && eq != std::string::npos && alias_only_name(f.text.substr(0, eq))) {
        define_alias(f.text.substr(0, eq), c.words[0], f.text.substr(eq + 1), eq, st);
        return;
      }
    }
  }

  std::vector<size_t> word_of;
  std::vector<Field> fields = expand_words(c.words, st, &word_of);

  if (c.words.empty()) {
    for (const auto& a : c.assigns) apply_assignment(a, st, false);
    return;
  }

  std::vector<std::pair<std::string, Value>> env;
  for (const auto& a : c.assigns) {
    if (a.declaration) continue;
    Field f = expand_scalar(a.value, st);
    Value v = f.known ? Value::scalar(f.text) : Value::unknown(f.text);
    v.outputs = f.outputs;
    env.emplace_back(a.name, std::move(v));
  }

  int saved_sink = st.sink;
  for (const auto& r : c.redirects) {
    if (!is_output_redirect(r)) continue;
    std::string target = r.target.literal();
    if (r.op == ">&"sv && target == "2"sv) {
      st.sink = 0;  // to the terminal, via stderr
    } else if (target == "/dev/null"sv) {
      st.sink = kSinkNull;
    } else {
      st.sink = kSinkFile;
    }
  }
  auto finish = [&] {
    for (auto& x : paths) x.sink = saved_sink;
  };

  // Wrappers that run the next word as the command.
  size_t k = 0;
  while (k < fields.size() && fields[k].known) {
    const Builtin* wrapper = find_builtin(fields[k].text);
    if (wrapper && wrapper->kind == BuiltinKind::Wrapper) {
      ++k;
      while (k < fields.size() && fields[k].known && !fields[k].text.empty() && fields[k].text[0] == '-') ++k;
      continue;
    }
    if (wrapper && wrapper->kind == BuiltinKind::Env) {
      ++k;
      while (k < fields.size() && fields[k].known) {
        const std::string& a = fields[k].text;
        if (a == "-u"sv || a == "--unset"sv) {
          k += 2;
        } else if (!a.empty() && a[0] == '-') {
          ++k;
        } else if (auto eq = a.find('='); eq != std::string::npos && valid_name(a.substr(0, eq))) {
          env.emplace_back(a.substr(0, eq), Value::scalar(a.substr(eq + 1)));
          ++k;
        } else {
          break;
        }
      }
      continue;
    }
    break;
  }
  if (k >= fields.size()) return finish();
  const Field& cmd = fields[k];
  if (!cmd.known) {
    if (st.sink > 0) st.out_known = false;
    return finish();
  }
  const std::string& name = cmd.text;

  // Alias expansion (textual): the body, then the remaining words.
  if (k == 0 && !c.words.empty() && c.words[0].is_literal() && !c.words[0].parts.empty() &&
      !c.words[0].parts[0].quoted) {
    auto it = aliases_.find(name);
    bool active = false;
    for (const auto& f : frames_)
      if (f.alias && f.name == name) active = true;
    if (it != aliases_.end() && !active) {
      // Run-time text the pre-pass did not see, given arguments it judged by the file's code.
      if (!skipped_writes_.empty()) skip_misjudged_ = true;
      std::string code = it->second.body;
      for (size_t i = 1; i < fields.size(); ++i) {
        if (fields[i].known) {
          code += " " + posix_quoted(fields[i].text);
        } else {
          std::string var = "__tcguard_arg" + std::to_string(i);
          st.vars.set(var, Value::unknown(fields[i].text));
          code += " \"$" + var + "\"";
        }
      }
      bool top = frames_.size() == 1;
      PositionalMode mode = st.positional_mode;
      if (top) st.positional_mode = PositionalMode::Empty;
      frames_.push_back(Frame{name, c.pos.line, st.labels.size(), true, c.words[word_of[k]].pos});
      States r = eval_text(code, it->second.origin, std::move(st));
      frames_.pop_back();
      for (auto& x : r) {
        if (top) x.positional_mode = mode;
        for (size_t i = 1; i < fields.size(); ++i) x.vars.erase("__tcguard_arg" + std::to_string(i));
      }
      paths = std::move(r);
      return finish();
    }
  }

  if (is_taskcluster_binary(name)) {
    if (k + 1 < fields.size() && fields[k + 1].known && fields[k + 1].text == "signin"sv) {
      record_signin(fields, word_of, k + 1, c, k, env, st);
      if (st.sink == kSinkFile) note_credential_redirect(c, st);
    } else {
      record_cli_call(std::span<const Field>(fields).subspan(k + 1), where(c.words[word_of[k]].pos), env, st, "",
                      std::nullopt, false);
    }
    if (st.sink > 0) st.out_known = false;
    return finish();
  }

  std::span<const Field> args(fields.data() + k + 1, fields.size() - k - 1);
  if (auto fit = functions_.find(name); fit != functions_.end()) {
    // A call from text run at run time (the pre-pass did not see where its arguments and output
    // go), or of a function such text defined (it judged the file's own body of that name).
    if (run_time_text_after_a_skip() || (!skipped_writes_.empty() && fit->second.source.data() != text_.data()))
      skip_misjudged_ = true;
    // Output that is captured is a value: the call runs for it, whatever else it does.
    if (st.sink <= 0 && skippable_call(*fit->second.body, 0)) {
      note_skipped_writes(*fit->second.body);
      return finish();
    }
    paths = eval_function_call(name, fit->second, args, std::move(st), c.words[word_of[k]].pos);
    return finish();
  }
  if (run_through_runner(fields, word_of, k, c, env, st)) return finish();
  note_file_command(name, args, c, word_of, k, st);

  auto all_known = [&] { return std::all_of(args.begin(), args.end(), [](const Field& f) { return f.known; }); };
  auto texts = [&] {
    std::vector<std::string> t;
    for (const auto& a : args) t.push_back(a.text);
    return t;
  };

  if (dialect_ == Dialect::Zsh) zsh_option_command(name, args, st);
  // The builtins, as the table in shell/builtins.h names them (functions above shadow them, as in bash).
  if (const Builtin* builtin = find_builtin(name)) switch (builtin->kind) {
  case BuiltinKind::Wrapper:
  case BuiltinKind::Env:
    break;  // taken off above: never the command name here
  case BuiltinKind::Declare: {
    bool local = name == "local"sv || ((name == "declare"sv || name == "typeset"sv) && frames_.back().call_line >= 0 &&
                                     !st.locals->empty());
    bool exporting = name == "export"sv;
    bool any_g = false;
    for (const auto& a : args)
      if (a.known && !a.text.empty() && a.text[0] == '-' && a.text.find('x') != std::string::npos) exporting = true;
    for (const auto& a : args)
      if (a.known && !a.text.empty() && a.text[0] == '-' && a.text.find('g') != std::string::npos) any_g = true;
    if (any_g) local = false;
    for (const auto& a : c.assigns) {
      if (!a.declaration) continue;
      apply_assignment(a, st, local);
      if (exporting) st.vars.mark_exported(a.name);
    }
    for (const auto& a : args) {
      if (!a.known || a.text.empty() || a.text[0] == '-' || !valid_name(a.text)) continue;
      bool assigned = std::any_of(c.assigns.begin(), c.assigns.end(),
                                  [&](const Assignment& x) { return x.declaration && x.name == a.text; });
      if (assigned) continue;
      if (exporting) {
        st.vars.mark_exported(a.text);
      } else if (local && !st.locals->empty()) {
        Assignment empty;
        empty.name = a.text;
        apply_assignment(empty, st, true);
        st.vars.set(a.text, Value::unset());
      }
    }
    if (dialect_ == Dialect::Zsh) zsh_declare_arrays(c, args, st, local);
    return finish();
  }
  case BuiltinKind::Unset: {
    bool functions = false;
    for (const auto& a : args) {
      if (!a.known) continue;
      if (a.text == "-f"sv) functions = true;
      if (a.text.empty() || a.text[0] == '-') continue;
      if (functions) {
        functions_.erase(a.text);
        ++definitions_changed_;
      } else {
        Value v = Value::unset();
        st.vars.set(a.text, v);
      }
    }
    return finish();
  }
  case BuiltinKind::Eval: {
    for (const auto& a : args)
      for (int id : a.outputs) evaluated_outputs_.insert(id);
    bool has_outputs = std::any_of(args.begin(), args.end(), [](const Field& f) { return !f.outputs.empty(); });
    if (!args.empty() && all_known() && !has_outputs) {
      std::string code;
      for (const auto& a : args) {
        if (!code.empty()) code += ' ';
        code += a.text;
      }
      bool saved = eval_command_;
      eval_command_ = true;
      Pos origin = c.words[word_of[k + 1]].pos;
      States r = eval_text(code, origin, std::move(st));
      eval_command_ = saved;
      paths = std::move(r);
      return finish();
    }
    if (st.sink > 0) st.out_known = false;
    return finish();
  }
  case BuiltinKind::Source: {
    for (const auto& a : args)
      for (int id : a.outputs) evaluated_outputs_.insert(id);
    if (st.sink > 0) st.out_known = false;
    return finish();
  }
  case BuiltinKind::Alias: {
    for (size_t i = k + 1; i < fields.size(); ++i) {
      const Field& f = fields[i];
      if (!f.known || f.text.empty() || f.text[0] == '-') continue;
      auto eq = f.text.find('=');
      if (eq == std::string::npos || eq == 0) continue;
      const Word& w = c.words[word_of[i]];
      define_alias(f.text.substr(0, eq), w, f.text.substr(eq + 1), eq, st);
    }
    return finish();
  }
  case BuiltinKind::Unalias: {
    for (const auto& a : args)
      if (a.known) {
        aliases_.erase(a.text);
        ++definitions_changed_;
      }
    return finish();
  }
  case BuiltinKind::Output: {
    if (st.sink > 0) {
      if (!all_known()) {
        st.out_known = false;
      } else if (name == "echo"sv) {
        st.out += echo_output(texts());
      } else if (auto o = printf_output(texts())) {
        st.out += *o;
      } else {
        st.out_known = false;
      }
    }
    return finish();
  }
  case BuiltinKind::End:
    st.ended = true;
    return finish();
  case BuiltinKind::Set: {
    for (size_t i = 0; i < args.size(); ++i) {
      if (args[i].known && args[i].text == "--"sv) {
        st.positional_mode = PositionalMode::Known;
        st.positional.set(std::vector<Field>(args.begin() + static_cast<long>(i) + 1, args.end()));
        break;
      }
    }
    return finish();
  }
  case BuiltinKind::Shift: {
    size_t n = 1;
    if (!args.empty() && args[0].known && args[0].text.size() == 1 && args[0].text[0] >= '0' && args[0].text[0] <= '9')
      n = static_cast<size_t>(args[0].text[0] - '0');
    if (st.positional_mode == PositionalMode::Known) {
      auto& positional = st.positional.edit();
      positional.erase(positional.begin(), positional.begin() + static_cast<long>(std::min(n, positional.size())));
    }
    return finish();
  }
  case BuiltinKind::Read: {
    for (const auto& a : args)
      if (a.known && valid_name(a.text)) st.vars.set(a.text, Value::unknown(dollar(a.text)));
    if (name == "mapfile"sv || name == "readarray"sv) st.vars.set("MAPFILE", Value::unknown("$MAPFILE"));
    return finish();
  }
  case BuiltinKind::NoOp:
    return finish();
  }
  // Any other command (or a wrapper's name left as the command): its output is unknown.
  if (st.sink > 0) st.out_known = false;
  return finish();
}

Analysis analyze(std::string_view text, const std::string& file, Dialect dialect, bool follow_every_call) {
  auto evaluate = [&](bool follow, Analysis& a) {
    a.file = file;
    a.dialect = dialect;
    return Evaluator(text, a, dialect).run(follow);
  };
  Analysis a;
  if (!evaluate(follow_every_call, a)) {
    a = Analysis{};
    evaluate(true, a);  // a skip may have changed something text run at run time saw
  }
  return a;
}

}  // namespace tcg::shell
