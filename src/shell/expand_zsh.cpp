// One parameter expansion as zsh does it (zsh 5.9 with default options, checked against the real
// zsh by tests/zsh_agreement/): unquoted parameters are not split (unless SH_WORD_SPLIT or `$=x`),
// arrays are 1-based and `$a` is every element, `$#a` counts elements, and the flags people use
// in rc files: (j:sep:) join, (s:sep:) and (f) split, (F), (@), (p). The order of the steps is the
// one of zsh's "Rules" (zshexpn(1)): subscript, double-quoted joining, forced joining, splitting.
// Anything else (other flags, nested ${..}, modifiers) is unknown, never guessed.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shell/evaluator.h"

namespace tcg::shell {

using namespace std::string_view_literals;

namespace {

struct Flags {
  bool ok = true;
  bool at = false;                  // (@): elements stay separate in double quotes
  std::optional<std::string> join;  // (j:sep:), (F)
  std::optional<std::string> split; // (s:sep:), (f)
};

// print-style escapes, for arguments after a (p) flag.
std::optional<std::string> print_escapes(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    char e = s[++i];
    if (e == 'n') out += '\n';
    else if (e == 't') out += '\t';
    else if (e == '\\') out += '\\';
    else return std::nullopt;
  }
  return out;
}

Flags not_modelled() {
  Flags f;
  f.ok = false;
  return f;
}

Flags parse_flags(std::string_view text) {
  Flags f;
  bool escapes = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '@') {
      f.at = true;
    } else if (c == 'p') {
      escapes = true;
    } else if (c == 'f') {
      f.split = "\n";
    } else if (c == 'F') {
      f.join = "\n";
    } else if ((c == 'j' || c == 's') && i + 1 < text.size()) {
      char d = text[++i];
      char close = d == '(' ? ')' : d == '[' ? ']' : d == '{' ? '}' : d == '<' ? '>' : d;
      size_t end = text.find(close, i + 1);
      if (end == std::string_view::npos) return not_modelled();
      std::string_view arg = text.substr(i + 1, end - i - 1);
      i = end;
      std::optional<std::string> value = escapes ? print_escapes(arg) : std::optional<std::string>(arg);
      if (!value) return not_modelled();
      (c == 'j' ? f.join : f.split) = *value;
    } else {
      return not_modelled();  // (q), (U), (o), (k), (P), (z), ...: not modelled
    }
  }
  if (f.split && f.split->empty()) f.ok = false;  // (s::) splits into characters: not modelled
  return f;
}

std::string join(const std::vector<std::string>& words, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) out += sep;
    out += words[i];
  }
  return out;
}

// Splits on every occurrence of `sep` (empty pieces kept: the caller drops them where zsh does).
std::vector<std::string> split_on(std::string_view text, std::string_view sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t at = text.find(sep, start);
    if (at == std::string_view::npos) break;
    out.emplace_back(text.substr(start, at - start));
    start = at + sep.size();
  }
  out.emplace_back(text.substr(start));
  return out;
}

// A signed integer subscript ("1", "-1"), nullopt otherwise.
std::optional<long> subscript_number(std::string_view s) {
  bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  if (s.empty() || s.size() > 6 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  long n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return negative ? -n : n;
}

// zsh's 1-based position (negative: from the end) as an index into `size` items; -1 is before the
// start, size past the end.
long position(long n, size_t size) {
  auto len = static_cast<long>(size);
  if (n < 0) return std::max(-1L, len + n);
  return n - 1;
}

std::string display_of(const WordPart& p) {
  std::string s = "${";
  if (!p.flags.empty()) s.append("(").append(p.flags).append(")");
  if (p.split_words) s += '=';
  if (p.op == ParamOp::Length) s += '#';
  s.append(p.text);
  if (!p.index.empty()) s.append("[").append(p.index).append("]");
  if (p.op != ParamOp::None && p.op != ParamOp::Length) s += "..";
  return s + "}";
}

bool has_ifs_char(const std::vector<std::string>& words, std::string_view ifs) {
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& w) { return w.find_first_of(ifs) != std::string::npos; });
}

}  // namespace

ZshExpansion Evaluator::zsh_param(const WordPart& p, State& st) {
  ZshExpansion out;
  auto unknown = [&](std::string display = {}) {
    ZshExpansion u;
    u.known = false;
    u.display = display.empty() ? display_of(p) : std::move(display);
    u.outputs = out.outputs;
    return u;
  };
  if (p.op == ParamOp::Other) return unknown();
  Flags flags = parse_flags(p.flags);
  if (!flags.ok) return unknown();

  // The value: positional parameters, a variable, or the environment's (unknown).
  Value base = lookup(p.text, st);
  if (base.kind == Value::Kind::Unknown) return unknown(p.flags.empty() && p.index.empty() && p.op == ParamOp::None && !base.display.empty() ? base.display : std::string());
  out.outputs = base.outputs;
  bool array = base.is_array || ((p.text == "@"sv || p.text == "*"sv) && p.index.empty());
  std::vector<std::string> words = base.items;
  if (!array) words.resize(1);  // unset: ""
  // KSH_ARRAYS changes what `$a` and `$a[1]` mean (and even how the word is read): not modelled.
  if (st.ksh_arrays != ZshOption::Off && (array || !p.index.empty())) return unknown();
  bool at_like = flags.at || p.index == "@"sv || (p.text == "@"sv && p.index.empty());

  if (!p.index.empty() && p.index != "@"sv && p.index != "*"sv) {
    // a[n], a[n,m]; on a scalar, characters.
    std::string_view idx = p.index;
    auto comma = idx.find(',');
    std::optional<long> from = subscript_number(idx.substr(0, comma));
    std::optional<long> to = comma == std::string_view::npos ? from : subscript_number(idx.substr(comma + 1));
    if (!from || !to) return unknown();
    if (!array) {
      const std::string& s = words[0];
      if (!std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
        return unknown();  // zsh counts characters of the locale, not bytes
    }
    size_t size = array ? words.size() : words[0].size();
    long a = position(*from, size), b = position(*to, size);
    if (comma == std::string_view::npos && *from == 0) a = b = -1;  // a[0]: nothing
    a = std::max(a, 0L);
    b = std::min(b, static_cast<long>(size) - 1);
    if (array) {
      std::vector<std::string> picked;
      for (long i = a; i <= b; ++i) picked.push_back(words[static_cast<size_t>(i)]);
      if (comma == std::string_view::npos) {
        words = {picked.empty() ? std::string() : picked[0]};
        array = false;
      } else {
        words = std::move(picked);
      }
    } else {
      words[0] = a <= b ? words[0].substr(static_cast<size_t>(a), static_cast<size_t>(b - a + 1)) : std::string();
    }
  }

  if (p.op == ParamOp::Length) {
    if (!p.flags.empty() || p.split_words) return unknown();
    if (!array && !std::all_of(words[0].begin(), words[0].end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
      return unknown();
    out.words = {std::to_string(array ? words.size() : words[0].size())};
    return out;
  }
  if (p.op != ParamOp::None) {
    // ${x:-d} and the like on a plain scalar: as bash reads them.
    if (!p.flags.empty() || !p.index.empty() || array || p.split_words) return unknown();
    Value v = param_value(p, st);
    if (!v.known()) return unknown(v.display);
    words = {v.text()};
    out.outputs.insert(out.outputs.end(), v.outputs.begin(), v.outputs.end());
  }

  std::string_view ifs_chars = ifs(st);
  if (array && p.quoted && !at_like) {  // "$a", "${a[*]}", "$*": one word
    words = {join(words, flags.join ? std::string_view(*flags.join) : ifs_chars.substr(0, 1))};
    array = false;
  }
  if (array && flags.join) {
    words = {join(words, *flags.join)};
    array = false;
  }
  if (flags.split) {
    std::vector<std::string> pieces;
    for (const auto& w : words)
      for (auto& piece : split_on(w, *flags.split))
        if (!piece.empty() || (p.quoted && flags.at)) pieces.push_back(std::move(piece));
    words = std::move(pieces);
    array = true;
  }
  bool split_ifs = p.split_words || (!p.quoted && st.sh_word_split == ZshOption::On);
  if (!p.split_words && !p.quoted && st.sh_word_split == ZshOption::Unknown && has_ifs_char(words, ifs_chars))
    return unknown();
  if (split_ifs && p.quoted) {
    // "$=x": split in double quotes too (IFS other than blanks: not modelled).
    if (ifs_chars.find_first_not_of(" \t\n"sv) != std::string_view::npos) return unknown();
    std::vector<std::string> pieces;
    for (const auto& w : words) {
      size_t i = 0;
      while (i < w.size()) {
        size_t start = w.find_first_not_of(" \t\n", i);
        if (start == std::string::npos) break;
        size_t end = std::min(w.find_first_of(" \t\n", start), w.size());
        pieces.push_back(w.substr(start, end - start));
        i = end;
      }
    }
    words = std::move(pieces);
    array = true;
    split_ifs = false;
  }
  out.words = std::move(words);
  out.array = array;
  // Splitting drops empty pieces even in double quotes, unless (@) is given ("historical").
  out.keep_empty = p.quoted && (flags.split ? flags.at : at_like);
  out.split_ifs = split_ifs;
  return out;
}

}  // namespace tcg::shell
