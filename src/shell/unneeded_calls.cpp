#include "shell/unneeded_calls.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "shell/analysis.h"
#include "shell/body_shape.h"
#include "shell/builtins.h"
#include "shell/walk.h"

namespace tcg::shell {

namespace {

using namespace std::string_view_literals;

bool name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9'); }

bool always_relevant(std::string_view n) {
  return n == "IFS"sv || n.substr(0, 12) == "TASKCLUSTER_"sv || n.substr(0, 8) == "TCGUARD_"sv;
}

// The names in a subscript (`a[i+1]` reads i).
void identifiers_in(std::string_view t, std::vector<std::string_view>& out) {
  for (size_t i = 0; i < t.size();) {
    if (!name_start(t[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < t.size() && name_char(t[j])) ++j;
    out.push_back(t.substr(i, j - i));
    i = j;
  }
}

// Adds to `seen` every node reachable from `todo` along `edges`.
void spread(const std::map<std::string_view, std::vector<std::string_view>>& edges, std::set<std::string_view>& seen,
            std::vector<std::string_view> todo) {
  while (!todo.empty()) {
    std::string_view n = todo.back();
    todo.pop_back();
    auto it = edges.find(n);
    if (it == edges.end()) continue;
    for (std::string_view m : it->second)
      if (seen.insert(m).second) todo.push_back(m);
  }
}

// The variables a word reads: its parameters, the names in their subscripts, the words inside
// them (${x:-$y}), and `$NAME` in literal text, which eval or an alias may run later. Not what
// its $(..) read: those are commands of their own (they are visited one by one).
void reads_of(const Word& w, std::vector<std::string_view>& out) {
  for (const auto& p : w.parts) {
    if (p.kind == PartKind::Literal) {
      for (size_t i = p.text.find('$'); i != std::string_view::npos; i = p.text.find('$', i + 1)) {
        size_t j = i + 1;
        if (j < p.text.size() && p.text[j] == '{') {
          ++j;
          if (j < p.text.size() && (p.text[j] == '#' || p.text[j] == '!')) ++j;
        }
        size_t e = j;
        while (e < p.text.size() && name_char(p.text[e])) ++e;
        if (e > j && name_start(p.text[j])) out.push_back(p.text.substr(j, e - j));
      }
    }
    if (p.kind != PartKind::Param) continue;
    out.push_back(p.text);
    identifiers_in(p.index, out);
    for (const auto& arg : p.arg) reads_of(arg, out);
  }
}

// Builtins and commands the evaluator gives effects the body shape does not count: a path that
// ends, positional parameters or options changed, variables read in, a trap handler followed,
// removals lint pairs with credential files.
bool changes_more_than_variables(std::string_view name) {
  if (is_taskcluster_binary(name) || named_program(name) != NamedProgram::None) return true;
  if (name == "exit"sv || name == "shopt"sv || name == "setopt"sv || name == "unsetopt"sv || name == "emulate"sv)
    return true;
  const Builtin* b = find_builtin(name);
  return b && (b->kind == BuiltinKind::Set || b->kind == BuiltinKind::Read);
}

// A declaration builtin's names, and whether they stay local to the function.
struct Declaration {
  bool local = false;
  bool computed = false;  // a word is an expansion: the evaluator could read an option or name in it
  std::vector<std::string_view> names;
};

std::optional<Declaration> declaration(const Command& c) {
  if (c.words.empty() || !c.words[0].is_literal()) return std::nullopt;
  const Builtin* b = find_builtin(c.words[0].literal());
  if (!b || b->kind != BuiltinKind::Declare) return std::nullopt;
  std::string name = c.words[0].literal();
  Declaration d;
  d.local = name == "local" || name == "declare" || name == "typeset";  // in a function body
  for (size_t i = 1; i < c.words.size(); ++i) {
    const Word& w = c.words[i];
    if (!w.is_literal() || w.parts.size() != 1) {
      d.computed = true;
      continue;
    }
    std::string t = w.literal();
    if (!t.empty() && t[0] == '-') {
      if (t.find('g') != std::string::npos || t.find('x') != std::string::npos) d.local = false;
      continue;
    }
    // The parser gives each `NAME=VALUE` both an assignment and a word spelling NAME.
    bool assigned = false;
    for (const auto& a : c.assigns) assigned |= a.declaration && a.name == t;
    if (!assigned) d.names.push_back(w.parts[0].text);
  }
  for (const auto& a : c.assigns)
    if (a.declaration) d.names.push_back(a.name);
  return d;
}

// Every name a command and what it contains read or write (for deciding which locals are private).
void names_in(const Command& c, std::set<std::string_view>& out) {
  std::vector<std::string_view> r;
  for_each_command(c, [&](const Command& x) {
    for (const auto& a : x.assigns) out.insert(a.name);
    for_each_own_word(x, [&](const Word& w) { reads_of(w, r); });
    if (x.kind == CommandKind::Loop) out.insert(x.name);
  });
  out.insert(r.begin(), r.end());
}

// The locals of a function that no other code can see: declared by a `local` the body always
// runs, not used before it, in a body that calls no function of the file and no computed name
// (bash scopes dynamically: a callee sees its caller's locals). Text run at run time can still
// see them: Evaluator::read_var checks its reads of these names.
std::set<std::string_view> private_locals(const Command& fn, const std::set<std::string_view>& functions) {
  std::set<std::string_view> out;
  const Command* top = &fn.children[0];
  if (top->kind == CommandKind::Group && top->children.size() == 1) top = &top->children[0];
  if (top->kind != CommandKind::Seq) return out;
  bool calls = false;
  for_each_command(*top, [&](const Command& x) {
    if (x.kind != CommandKind::Simple || x.words.empty()) return;
    const Word& w = x.words[0];
    if (!w.is_literal() || w.parts.size() != 1 || functions.count(w.parts[0].text)) calls = true;
  });
  if (calls) return out;
  std::set<std::string_view> before;  // names used by the children so far
  for (const auto& child : top->children) {
    std::optional<Declaration> d = child.kind == CommandKind::Simple ? declaration(child) : std::nullopt;
    std::set<std::string_view> here;
    names_in(child, here);
    if (d && d->local && !d->computed) {
      std::vector<std::string_view> value_reads;
      for (const auto& a : child.assigns) {
        reads_of(a.value, value_reads);
        for (const auto& e : a.elements) reads_of(e, value_reads);
      }
      std::set<std::string_view> read_here(value_reads.begin(), value_reads.end());
      for (auto n : d->names)
        if (!before.count(n) && !read_here.count(n)) out.insert(n);
    }
    before.insert(here.begin(), here.end());
  }
  return out;
}

// Which variables can matter: those read where a value leaves the world of variables (the words
// of a command the evaluator follows, redirections, a case subject or pattern, a for loop's
// words), and those whose values flow into one that can: by assignments (`X=$Y`, `local X=$Y`),
// and by output: what echo and printf print flows into the $(..) around them, or into the
// function's output, which flows into each $(..) that calls the function. The arguments of a
// program the evaluator knows nothing of (and of `[`, `test`, `cd`) go nowhere: its output is
// unknown whatever they are. The arguments of a call of one of the file's functions flow into its
// positional parameters. A function's private locals are variables of their own.
// Pseudo-variables name these: ">f" (function f's output), "$(N)" (the N-th substitution's),
// "@f" (f's positional parameters), "<address>/x" (a private local x).
class Relevance {
 public:
  explicit Relevance(const Script& script) {
    for_each_command(script.root, [&](const Command& c) {
      if (c.kind == CommandKind::Function) functions_.insert(c.name);
    });
    walk(script.root, nullptr, {});
    for (const auto& [name, from] : into_)
      if (always_relevant(name)) relevant_.insert(name);
    spread(into_, relevant_, {relevant_.begin(), relevant_.end()});
  }

  bool matters(std::string_view n) const { return always_relevant(n) || relevant_.count(n); }

  // The variables whose values can come from `names` (they and what they flow into), by name: a
  // private local's key and a pseudo-variable give nothing by themselves.
  std::set<std::string_view> reached_from(const std::set<std::string_view>& names) {
    if (onward_.empty())
      for (const auto& [to, from] : into_)
        for (std::string_view f : from) onward_[f].push_back(to);
    std::set<std::string_view> seen = names;
    spread(onward_, seen, {names.begin(), names.end()});
    std::set<std::string_view> out;  // views into the script, which outlives this
    for (std::string_view n : seen) {
      if (auto p = private_origin_.find(n); p != private_origin_.end()) {
        out.insert(p->second);
      } else if (!n.empty() && n[0] != '>' && n[0] != '@' && n[0] != '$') {
        out.insert(n);
      }
    }
    return out;
  }
  std::set<std::string_view> private_names;  // every function's private locals, by name

 private:
  struct Scope {
    const Command* fn;
    std::set<std::string_view> locals;
  };

  std::string_view intern(std::string s) {
    names_.push_back(std::move(s));
    return names_.back();
  }
  std::string_view key(std::string_view n, const Scope* scope) {
    if (scope && is_positional(n)) return positionals_of(scope->fn->name);
    if (!scope || !scope->locals.count(n)) return n;
    auto [it, inserted] = keys_.try_emplace({scope->fn, n});
    if (inserted) {
      it->second = intern(std::to_string(reinterpret_cast<uintptr_t>(scope->fn)) + "/" + std::string(n));
      private_origin_[it->second] = n;
    }
    return it->second;
  }
  static bool is_positional(std::string_view n) {
    if (n == "@"sv || n == "*"sv || n == "#"sv) return true;
    return !n.empty() && std::all_of(n.begin(), n.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  }
  std::string_view positionals_of(std::string_view function) {
    auto [it, inserted] = positionals_.try_emplace(function);
    if (inserted) it->second = intern("@" + std::string(function));
    return it->second;
  }
  std::string_view output_of(std::string_view function) {
    auto [it, inserted] = outputs_.try_emplace(function);
    if (inserted) it->second = intern(">" + std::string(function));
    return it->second;
  }
  std::string_view substitution(const WordPart& p) {
    auto [it, inserted] = subs_.try_emplace(&p);
    if (inserted) it->second = intern("$(" + std::to_string(subs_.size()) + ")");
    return it->second;
  }

  void walk(const Command& c, const Scope* scope, std::string_view sink) {
    if (c.kind == CommandKind::Function) {
      if (c.children.empty()) return;
      Scope own{&c, private_locals(c, functions_)};
      private_names.insert(own.locals.begin(), own.locals.end());
      walk(c.children[0], &own, output_of(c.name));
      return;
    }
    add(c, scope, sink);
    auto in_word = [&](const Word& w, auto& self) -> void {
      for (const auto& p : w.parts) {
        if (p.kind == PartKind::CommandSub && p.body) walk(*p.body, scope, substitution(p));
        for (const auto& arg : p.arg) self(arg, self);
      }
    };
    for_each_own_word(c, [&](const Word& w) { in_word(w, in_word); });
    for (const auto& child : c.children) walk(child, scope, sink);
    for (const auto& item : c.items)
      if (item.body_ptr) walk(*item.body_ptr, scope, sink);
  }

  // What a word reads: variables, and the output of each $(..) in it.
  void reads(const Word& w, const Scope* scope, std::vector<std::string_view>& out) {
    scratch_.clear();
    reads_of(w, scratch_);
    for (auto n : scratch_) out.push_back(key(n, scope));
    for (const auto& p : w.parts) {
      if (p.kind == PartKind::CommandSub) out.push_back(substitution(p));
      for (const auto& arg : p.arg) reads(arg, scope, out);
    }
  }
  void used(const Word& w, const Scope* scope) {
    std::vector<std::string_view> r;
    reads(w, scope, r);
    relevant_.insert(r.begin(), r.end());
  }
  void flows(const Word& w, const Scope* scope, std::string_view into) {
    if (into.empty()) return;  // output of the file's top level: nothing reads it
    std::vector<std::string_view> r;
    reads(w, scope, r);
    std::vector<std::string_view>& to = into_[into];
    to.insert(to.end(), r.begin(), r.end());
  }
  void assigned(const Assignment& a, const Scope* scope) {
    std::string_view target = key(a.name, scope);
    flows(a.value, scope, target);
    for (const auto& e : a.elements) flows(e, scope, target);
    // a[i]=v: the subscript flows into a.
    std::vector<std::string_view> index;
    identifiers_in(a.index, index);
    std::vector<std::string_view>& to = into_[target];
    for (auto n : index) to.push_back(key(n, scope));
  }
  void add(const Command& c, const Scope* scope, std::string_view sink) {
    for (const auto& r : c.redirects) used(r.target, scope);
    used(c.word, scope);
    for (const auto& w : c.loop_words) used(w, scope);
    for (const auto& item : c.items)
      for (const auto& pw : item.patterns) used(pw, scope);
    if (c.kind != CommandKind::Simple) return;
    const Builtin* builtin = nullptr;
    std::string_view name;
    if (!c.words.empty() && c.words[0].is_literal() && c.words[0].parts.size() == 1) {
      name = c.words[0].parts[0].text;
      builtin = find_builtin(name);
    }
    bool declares = builtin && builtin->kind == BuiltinKind::Declare;
    bool function = !name.empty() && functions_.count(name);
    // `X=v` alone, and `local X=v`: v flows into X. Before a command, X=v is its environment
    // (before a function, treated as an assignment: the evaluator does not pass it on).
    for (const auto& a : c.assigns) {
      if (c.words.empty() || (declares && a.declaration) || function) {
        assigned(a, scope);
      } else {
        used(a.value, scope);
        for (const auto& e : a.elements) used(e, scope);
      }
    }
    if (c.words.empty()) return;
    if (inert(c.words[0])) return;
    if (builtin && builtin->kind == BuiltinKind::Output) {
      for (size_t i = 1; i < c.words.size(); ++i) flows(c.words[i], scope, sink);
      return;
    }
    // A call of the file's function: its arguments flow into its positional parameters, its
    // output into where this command's output goes.
    if (function) {
      for (size_t i = 1; i < c.words.size(); ++i) flows(c.words[i], scope, positionals_of(name));
      if (!sink.empty()) into_[sink].push_back(output_of(name));
      return;
    }
    for (const auto& w : c.words) used(w, scope);
  }

  bool inert(const Word& w) const {
    if (!w.is_literal() || w.parts.size() != 1) return false;
    std::string_view name = w.parts[0].text;
    if (functions_.count(name) || has_lasting_effects(name) || changes_more_than_variables(name)) return false;
    if (basename_of(name) == "tee"sv) return false;  // lint follows where a sign-in's output is teed
    const Builtin* b = find_builtin(name);
    return !b || b->kind == BuiltinKind::NoOp;
  }

  std::set<std::string_view> functions_;
  std::set<std::string_view> relevant_;
  std::map<std::string_view, std::vector<std::string_view>> into_;
  std::map<std::string_view, std::vector<std::string_view>> onward_;  // into_ the other way round
  std::map<std::string_view, std::string_view> private_origin_;         // private local key -> its name
  std::map<std::pair<const Command*, std::string_view>, std::string_view> keys_;
  std::map<std::string_view, std::string_view> outputs_;
  std::map<std::string_view, std::string_view> positionals_;
  std::map<const WordPart*, std::string_view> subs_;
  std::deque<std::string> names_;  // the pseudo-variables' and private locals' names, kept in place
  std::vector<std::string_view> scratch_;
};

// What running one body could change beyond its own locals, judged on its syntax.
struct BodyWrites {
  bool plain = true;
  std::set<std::string_view> names;
  std::set<std::string_view> calls, calls_in_subshells;  // literal command names
};



// Walks a body in order: a `local` holds for the commands after it in its list (and what they
// contain); what a subshell, `&` or $(..) sets is gone when it ends (the evaluator drops it too),
// so there only plainness is checked.
class WritesScan {
 public:
  BodyWrites out;

  void command(const Command& c, const std::set<std::string_view>& locals, bool kept) {
    if (!out.plain) return;
    own(c, locals, kept);
    bool inner_kept = kept && c.kind != CommandKind::Subshell && c.kind != CommandKind::Background;
    if (c.kind == CommandKind::Seq) {
      std::set<std::string_view> scope = locals;
      for (const auto& child : c.children) {
        command(child, scope, inner_kept);
        if (child.kind != CommandKind::Simple) continue;
        if (std::optional<Declaration> d = declaration(child); d && d->local)
          for (auto n : d->names) scope.insert(n);
      }
    } else {
      for (const auto& child : c.children) command(child, locals, inner_kept);
    }
    for (const auto& item : c.items)
      if (item.body_ptr) command(*item.body_ptr, locals, inner_kept);
  }

 private:
  void write(std::string_view n, const std::set<std::string_view>& locals, bool kept) {
    if (kept && !locals.count(n)) out.names.insert(n);
  }
  void word(const Word& w, const std::set<std::string_view>& locals, bool kept) {
    for (const auto& p : w.parts) {
      if (p.kind == PartKind::CommandSub && p.body) command(*p.body, locals, false);
      if (p.kind != PartKind::Param) continue;
      if (p.op == ParamOp::AssignDefault) write(p.text, locals, kept);
      for (const auto& arg : p.arg) word(arg, locals, kept);
    }
  }
  void own(const Command& c, const std::set<std::string_view>& locals, bool kept) {
    for_each_own_word(c, [&](const Word& w) { word(w, locals, kept); });
    if (c.kind == CommandKind::Loop && c.for_loop) write(c.name, locals, kept);
    if (c.kind != CommandKind::Simple) return;
    if (!c.words.empty() && c.words[0].is_literal() && c.words[0].parts.size() == 1)
      (kept ? out.calls : out.calls_in_subshells).insert(c.words[0].parts[0].text);
    if (!c.words.empty() && c.words[0].is_literal() && changes_more_than_variables(c.words[0].literal())) {
      out.plain = false;
      return;
    }
    std::optional<Declaration> d = declaration(c);
    if (d && d->computed) {
      out.plain = false;
      return;
    }
    for (const auto& a : c.assigns)
      if (!a.declaration) write(a.name, locals, kept);
    if (d && !d->local)
      for (auto n : d->names) write(n, locals, kept);
  }
};

BodyWrites writes_of(const Command& body) {
  if (body_shape(body).effects) {
    BodyWrites none;
    none.plain = false;
    return none;
  }
  WritesScan scan;
  scan.command(body, {}, true);
  return std::move(scan.out);
}

}  // namespace

UnneededCalls unneeded_calls(const Script& script) {
  UnneededCalls out;
  std::optional<Relevance> relevance;  // only for a file with plain bodies
  for_each_command(script.root, [&](const Command& c) {
    if (c.kind != CommandKind::Function || c.children.empty()) return;
    BodyWrites w = writes_of(c.children[0]);
    if (!w.plain) return;
    if (!relevance) relevance.emplace(script);
    for (auto n : w.names)
      if (relevance->matters(n)) return;
    UnneededBody& b = out.bodies[&c.children[0]];
    std::set<std::string_view> reached = relevance->reached_from(w.names);
    b.writes.assign(reached.begin(), reached.end());
    b.calls.assign(w.calls.begin(), w.calls.end());
    b.calls_in_subshells.assign(w.calls_in_subshells.begin(), w.calls_in_subshells.end());
  });
  if (relevance && !out.bodies.empty()) out.private_locals = std::move(relevance->private_names);
  return out;
}

bool notes_files(const Command& body) {
  bool notes = false;
  for_each_simple(body, [&](const Command& c) {
    if (c.words.empty() || !c.words[0].is_literal()) return;
    NamedProgram p = named_program(c.words[0].literal());
    if (p == NamedProgram::Remove || p == NamedProgram::Source || p == NamedProgram::Trap) notes = true;
  });
  return notes;
}

}  // namespace tcg::shell
