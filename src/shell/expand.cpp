// Word expansion on one path: parameters (with the ${..} operators people use), arrays, "$@",
// command substitution (run symbolically: echo/printf output is known), field splitting on IFS.
// Quote removal already happened in the parser.
#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "shell/evaluator.h"

namespace tcg::shell {

using namespace std::string_view_literals;  // `name == "x"sv` compares sizes before bytes

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A name lookup() reads from the path's variables (not $1, $@, $#, $?, ...).
bool is_variable_name(std::string_view name) {
  return !name.empty() && !(name[0] >= '0' && name[0] <= '9') && name != "@"sv && name != "*"sv && name != "#"sv &&
         !(name.size() == 1 && std::string_view("?$!-").find(name[0]) != std::string_view::npos);
}

bool is_positional(std::string_view name) { return name == "@"sv || name == "*"sv || all_digits(name); }

// Joined by appends (g++ 12 warns wrongly, -Wrestrict, about `"$" + std::string(view)`).
std::string joined(std::initializer_list<std::string_view> pieces) {
  std::string out;
  for (std::string_view piece : pieces) out.append(piece);
  return out;
}

std::string param_display(const WordPart& p) {
  if (p.op == ParamOp::None && p.index.empty()) return dollar(p.text);
  if (p.op == ParamOp::Length) return joined({"${#", p.text, "}"});
  std::string_view ellipsis = p.op != ParamOp::None ? ".." : "";
  if (p.index.empty()) return joined({"${", p.text, ellipsis, "}"});
  return joined({"${", p.text, "[", p.index, "]", ellipsis, "}"});
}

// Appends expanded text to the fields being built, splitting on IFS when unquoted.
constexpr size_t kMaxFieldText = 64 * 1024;
constexpr size_t kMaxUnknownDisplay = 256;
constexpr size_t kShownOfLongField = 64;
constexpr size_t kMaxFields = 4096;            // words from one command's expansion
constexpr size_t kMaxFieldsBytes = 1u << 20;  // and their text

class FieldBuilder {
 public:
  // IFS is copied (a short string): an expansion such as ${IFS:=x} may replace it meanwhile.
  FieldBuilder(std::vector<Field>& out, std::string_view ifs) : out_(out), ifs_(ifs) {}

  void add_literal(std::string_view text, bool quoted) {
    cur_.text += text;
    if (!text.empty()) have_ = true;
    if (quoted && text.empty()) quoted_empty_ = true;  // "" makes a field, but "$@" alone does not
    cap();
  }
  void saw_elements() { elements_ = true; }
  void add_unknown(const std::string& display, const std::vector<int>& outputs) {
    cur_.text += display;
    cur_.known = false;
    have_ = true;
    add_outputs(outputs);
    cap();
  }
  void add_outputs(const std::vector<int>& outputs) {
    for (int id : outputs)
      if (std::find(cur_.outputs.begin(), cur_.outputs.end(), id) == cur_.outputs.end()) cur_.outputs.push_back(id);
  }
  // A known expansion result; unquoted results are split on IFS.
  void add_expansion(std::string_view text, bool quoted, bool split) {
    if (quoted || !split) {
      add_literal(text, quoted);
      return;
    }
    for (char c : text) {
      if (ifs_.find(c) == std::string::npos) {
        cur_.text += c;
        have_ = true;
        if (cur_.text.size() > kMaxFieldText) cap();
        continue;
      }
      bool white = c == ' ' || c == '\t' || c == '\n';
      if (white) {
        if (have_) end_field();
      } else {
        end_field(true);
      }
    }
    cap();
  }
  // "$@"-style: every element but the first starts a new field.
  void add_elements(const std::vector<Field>& elems, bool quoted, bool split) {
    for (size_t i = 0; i < elems.size(); ++i) {
      if (i > 0 && quoted) end_field(true);
      if (i > 0 && !quoted && have_) end_field();
      if (!elems[i].known) {
        add_unknown(elems[i].text, elems[i].outputs);
      } else {
        add_expansion(elems[i].text, quoted, split);
        if (quoted) have_ = true;
        add_outputs(elems[i].outputs);
      }
    }
  }
  void end_field(bool force = false) {
    if (have_ || force) out_.push_back(std::move(cur_));
    cur_ = Field{};
    have_ = false;
  }
  void finish() {
    if (have_ || (quoted_empty_ && !elements_)) out_.push_back(std::move(cur_));
  }

 private:
  // `x=$x$x` forty times would build a value of 8 GB: a field past the limit is unknown, shown by
  // its start. No sign-in argument is anywhere near that long, and no display of an unknown one
  // needs to be.
  void cap() {
    const size_t limit = cur_.known ? kMaxFieldText : kMaxUnknownDisplay;
    if (cur_.text.size() <= limit) return;
    cur_.text.resize(kShownOfLongField);
    cur_.text += cur_.known ? "... (longer than 64 KiB)" : "...";
    cur_.known = false;
  }

  std::vector<Field>& out_;
  std::string ifs_;
  Field cur_;
  bool have_ = false;
  bool quoted_empty_ = false;
  bool elements_ = false;
};

Value value_of(const Field& f) {
  if (!f.known) {
    Value v = Value::unknown(f.text);
    v.outputs = f.outputs;
    return v;
  }
  Value v = Value::scalar(f.text);
  v.outputs = f.outputs;
  return v;
}

// A zsh expansion's words into the fields: an array's elements are fields of their own (the
// first and last joined to the text around them), a scalar is text, split only when zsh would.
void add_zsh_param(FieldBuilder& b, const ZshExpansion& z, bool quoted, bool split) {
  if (!z.known) {
    b.add_unknown(z.display, z.outputs);
    return;
  }
  if (z.array) {
    std::vector<Field> elems;
    elems.reserve(z.words.size());
    for (const auto& w : z.words) elems.push_back(Field{w, true, {}});
    b.saw_elements();
    b.add_elements(elems, z.keep_empty, split && z.split_ifs);
  } else {
    b.add_expansion(z.words.empty() ? std::string_view() : std::string_view(z.words[0]), quoted, split && z.split_ifs);
  }
  b.add_outputs(z.outputs);
}

}  // namespace

std::string_view Evaluator::ifs(const State& st) const {
  static const std::string kDefault = " \t\n";
  const Value* v = read_var(st, "IFS");
  if (!v || v->kind != Value::Kind::Set || v->items.empty()) return kDefault;
  return v->items[0];
}

std::string dollar(std::string_view name) { return joined({"$", name}); }

Value Evaluator::lookup(std::string_view name, const State& st) const {
  if (all_digits(name)) {
    if (name == "0"sv) return Value::unknown("$0");
    size_t n = 0;
    for (char c : name.substr(0, 6)) n = n * 10 + static_cast<size_t>(c - '0');
    switch (st.positional_mode) {
      case PositionalMode::Empty: return Value::unset();
      case PositionalMode::Unknown: return Value::unknown(dollar(name));
      case PositionalMode::Known:
        if (n == 0 || n > st.positional->size()) return Value::unset();
        return value_of((*st.positional)[n - 1]);
    }
  }
  if (name == "#"sv) {
    if (st.positional_mode == PositionalMode::Empty) return Value::scalar("0");
    if (st.positional_mode == PositionalMode::Known) return Value::scalar(std::to_string(st.positional->size()));
    return Value::unknown("$#");
  }
  if (name == "@"sv || name == "*"sv) {
    if (st.positional_mode == PositionalMode::Empty) return Value::unset();
    if (st.positional_mode == PositionalMode::Unknown) return Value::unknown(dollar(name));
    Value v;
    v.kind = Value::Kind::Set;
    v.is_array = true;
    for (const auto& f : *st.positional) {
      if (!f.known) return Value::unknown(dollar(name));
      v.items.push_back(f.text);
    }
    return v;
  }
  if (name.size() == 1 && std::string_view("?$!-").find(name[0]) != std::string_view::npos)
    return Value::unknown(dollar(name));
  if (const Value* v = read_var(st, name)) return *v;
  if (name == "IFS"sv) return Value::scalar(" \t\n");
  return Value::unknown(dollar(name));
}

Value Evaluator::command_substitution(const WordPart& part, State& st) {
  if (!part.body || !spend()) return Value::unknown("$(..)");
  int id = next_sub_id_++;
  State sub = st;
  sub.sink = id;
  sub.out.clear();
  sub.out_known = true;
  sub.ended = false;
  size_t before = out_.signins.size();
  States res = eval(*part.body, one_path(std::move(sub)));
  Value v;
  bool known = !res.empty();
  for (const auto& r : res) {
    if (!r.out_known || r.out != res[0].out) known = false;
  }
  if (part.process) known = false;
  if (known) {
    std::string text = res[0].out;
    while (!text.empty() && text.back() == '\n') text.pop_back();
    v = Value::scalar(std::move(text));
  } else {
    v = Value::unknown(part.process ? "<(..)" : "$(..)");
  }
  if (out_.signins.size() > before) v.outputs.push_back(id);
  return v;
}

void Evaluator::expand_word(const Word& w, State& st, std::vector<Field>& out, bool split) {
  // Most words are one literal: nothing to expand or split ('' and "" still make a field).
  if (w.parts.size() == 1 && w.parts[0].kind == PartKind::Literal) {
    const WordPart& p = w.parts[0];
    if (!p.text.empty() || p.quoted) out.push_back(Field{std::string(p.text), true, {}});
    return;
  }
  FieldBuilder b(out, split ? ifs(st) : std::string_view());
  for (const auto& p : w.parts) {
    switch (p.kind) {
      case PartKind::Literal:
        b.add_literal(p.text, p.quoted);
        break;
      case PartKind::Arith:
        b.add_unknown("$((..))", {});
        break;
      case PartKind::CommandSub: {
        Value v = command_substitution(p, st);
        if (v.known()) {
          b.add_expansion(v.text(), p.quoted, split);
          b.add_outputs(v.outputs);
          if (p.quoted) b.add_literal("", true);
        } else {
          b.add_unknown(v.display, v.outputs);
        }
        break;
      }
      case PartKind::Param: {
        if (dialect_ == Dialect::Zsh) {
          add_zsh_param(b, zsh_param(p, st), p.quoted, split);
          break;
        }
        bool multi = (p.text == "@"sv || p.text == "*"sv) && p.index.empty() && p.op == ParamOp::None;
        bool array_all = !p.index.empty() && (p.index == "@"sv || p.index == "*"sv) && p.op == ParamOp::None;
        if (multi || array_all) {
          bool star = multi ? p.text == "*"sv : p.index == "*"sv;
          std::vector<Field> elems;
          bool unknown = false;
          std::string display = param_display(p);
          if (multi && st.positional_mode == PositionalMode::Known) {
            elems = *st.positional;
          } else if (multi && st.positional_mode == PositionalMode::Unknown) {
            unknown = true;
          } else if (!multi) {
            Value v = lookup(p.text, st);
            if (v.kind == Value::Kind::Unknown) {
              unknown = true;
            } else {
              for (const auto& item : v.items) elems.push_back(Field{item, true, v.outputs});
            }
          }
          if (unknown) {
            b.add_unknown(display, {});
          } else if (star && p.quoted) {
            std::string sep(ifs(st).substr(0, 1));
            std::string joined;
            bool all_known = true;
            for (size_t i = 0; i < elems.size(); ++i) {
              if (i) joined += sep;
              joined += elems[i].text;
              if (!elems[i].known) all_known = false;
            }
            if (all_known) {
              b.add_literal(joined, true);
            } else {
              b.add_unknown(joined, {});
            }
          } else {
            b.saw_elements();
            b.add_elements(elems, p.quoted, split);
          }
          break;
        }
        // A plain $name the path has set: read in place (most references are these).
        if (p.op == ParamOp::None && p.index.empty() && is_variable_name(p.text)) {
          if (const Value* set = read_var(st, p.text)) {
            if (set->known()) {
              b.add_expansion(set->text(), p.quoted, split);
              b.add_outputs(set->outputs);
            } else {
              b.add_unknown(set->display.empty() ? param_display(p) : set->display, set->outputs);
            }
            break;
          }
        }
        Value v = param_value(p, st);
        if (v.known()) {
          b.add_expansion(v.text(), p.quoted, split);
          b.add_outputs(v.outputs);
        } else {
          b.add_unknown(v.display.empty() ? param_display(p) : v.display, v.outputs);
        }
        break;
      }
    }
  }
  b.finish();
}

Value Evaluator::param_value(const WordPart& p, State& st) {
  Value base = lookup(p.text, st);
  if (!p.index.empty() && base.kind == Value::Kind::Set) {
    if (all_digits(p.index) && p.index.size() < 7) {
      size_t i = 0;
      for (char c : p.index) i = i * 10 + static_cast<size_t>(c - '0');
      base = i < base.items.size() ? Value::scalar(base.items[i]) : Value::unset();
    } else if (p.index != "@"sv && p.index != "*"sv) {
      base = Value::unknown(param_display(p));
    }
  }
  if (base.kind == Value::Kind::Unknown && base.display.empty()) base.display = param_display(p);
  auto arg_value = [&]() -> Value {
    if (p.arg.empty()) return Value::scalar("");
    return value_of(expand_scalar(p.arg[0], st));
  };
  bool unset_like = base.kind == Value::Kind::Unset || (p.colon && base.kind == Value::Kind::Set && base.text().empty());
  switch (p.op) {
    case ParamOp::None:
      return base;
    case ParamOp::UseDefault:
    case ParamOp::AssignDefault: {
      if (base.kind == Value::Kind::Set && !unset_like) return base;
      // An environment variable the file never sets is taken as unset where a default is given;
      // a positional parameter is an argument, so it stays unknown.
      if (base.kind == Value::Kind::Unknown && is_positional(p.text)) return Value::unknown(param_display(p));
      Value d = arg_value();
      if (p.op == ParamOp::AssignDefault && !is_positional(p.text)) st.vars.set(p.text, d);
      return d;
    }
    case ParamOp::UseAlternate:
      if (base.kind == Value::Kind::Unknown) return Value::unknown(param_display(p));
      if (unset_like) return Value::scalar("");
      return arg_value();
    case ParamOp::ErrorIfUnset:
      if (base.kind == Value::Kind::Set) return base;
      return Value::unknown(param_display(p));
    case ParamOp::Length:
      if (base.kind == Value::Kind::Set) {
        return Value::scalar(std::to_string(p.index.empty() ? base.text().size() : base.items.size()));
      }
      return Value::unknown(param_display(p));
    case ParamOp::Other:
      return Value::unknown(param_display(p));
  }
  return base;
}

Field Evaluator::expand_scalar(const Word& w, State& st) {
  if (w.parts.empty()) return Field{};
  if (w.parts.size() == 1 && w.parts[0].kind == PartKind::Literal) return Field{std::string(w.parts[0].text), true, {}};
  std::vector<Field> fields;
  expand_word(w, st, fields, false);
  if (fields.empty()) return Field{};
  if (fields.size() == 1) return std::move(fields[0]);
  // "$@" in an assignment joins with spaces.
  Field f;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) f.text += ' ';
    f.text += fields[i].text;
    if (!fields[i].known) f.known = false;
    f.outputs.insert(f.outputs.end(), fields[i].outputs.begin(), fields[i].outputs.end());
  }
  return f;
}

std::vector<Field> Evaluator::expand_words(Span<Word> words, State& st, std::vector<size_t>* word_of) {
  std::vector<Field> out;
  out.reserve(words.size());  // one field per word, mostly
  if (word_of) word_of->reserve(words.size());
  size_t bytes = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    size_t before = out.size();
    expand_word(words[i], st, out, true);
    for (size_t k = before; k < out.size(); ++k) bytes += out[k].text.size();
    // `a=("${a[@]}" "${a[@]}")` forty times would make 2^40 words: past the limit the rest of
    // the command's words are one unknown word.
    if (out.size() > kMaxFields || bytes > kMaxFieldsBytes) {
      out.resize(std::min(out.size(), kMaxFields));
      out.back() = Field{"(more words than tcguard follows)", false, {}};
      if (word_of) word_of->resize(out.size(), i);
      return out;
    }
    if (word_of) word_of->resize(out.size(), i);
  }
  return out;
}

}  // namespace tcg::shell
