// Scope expressions from JSON text, with errors that point at the offending column.
// A small dedicated parser (rather than nlohmann's) so every error knows its position.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "scopes/scopes.h"

namespace tcg::scopes {

namespace {

// Deeper nesting than this is refused, so hostile input cannot exhaust the stack.
constexpr int kMaxDepth = 200;

std::string describe_char(unsigned c) {
  char buf[32];
  if (c >= 0x20 && c <= 0x7e) {
    std::snprintf(buf, sizeof buf, "'%c'", static_cast<char>(c));
  } else {
    std::snprintf(buf, sizeof buf, "U+%04X", c);
  }
  return buf;
}

class ExprParser {
 public:
  explicit ExprParser(std::string_view text) : text_(text) {}

  Result<Expr> parse_document() {
    auto e = parse_value(0);
    if (!e) return e;
    skip_blanks();
    if (pos_ < text_.size()) return fail(pos_, "unexpected text after the expression");
    return e;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;

  Error fail(size_t at, const std::string& message) const {
    Error err{message, {}};
    err.where.line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < at && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++err.where.line;
        line_start = i + 1;
      }
    }
    err.where.column = static_cast<int>(at - line_start) + 1;
    return err;
  }

  void skip_blanks() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }

  static constexpr const char* kExpected =
      "expected a scope string, {\"AllOf\": [...]} or {\"AnyOf\": [...]}";

  Result<Expr> parse_value(int depth) {
    if (depth > kMaxDepth) return fail(pos_, "expression is nested too deeply (more than 200 levels)");
    skip_blanks();
    if (pos_ >= text_.size()) return fail(pos_, std::string(kExpected) + ", found the end of the text");
    const char c = text_[pos_];
    if (c == '"') {
      auto s = parse_string(true);
      if (!s) return s.error();
      return Expr::of(std::move(s).value());
    }
    if (c == '{') return parse_object(depth);
    if (c == '[') return fail(pos_, std::string(kExpected) + "; a list must be the value of AllOf or AnyOf");
    return fail(pos_, std::string(kExpected) + ", found " + describe_char(static_cast<unsigned char>(c)));
  }

  Result<Expr> parse_object(int depth) {
    const size_t open = pos_++;
    skip_blanks();
    if (pos_ < text_.size() && text_[pos_] == '}')
      return fail(open, "an expression object needs exactly one key, \"AllOf\" or \"AnyOf\"; this one is empty");
    if (pos_ >= text_.size() || text_[pos_] != '"') return fail(pos_, "expected a quoted key, \"AllOf\" or \"AnyOf\"");
    const size_t key_at = pos_;
    auto key = parse_string(false);
    if (!key) return key.error();
    Expr::Kind kind;
    if (*key == "AllOf") {
      kind = Expr::Kind::AllOf;
    } else if (*key == "AnyOf") {
      kind = Expr::Kind::AnyOf;
    } else {
      std::string hint;
      std::string lower;
      for (char k : *key) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(k)));
      if (lower == "allof") hint = " (did you mean \"AllOf\"?)";
      if (lower == "anyof") hint = " (did you mean \"AnyOf\"?)";
      return fail(key_at, "unknown key \"" + *key + "\": expected \"AllOf\" or \"AnyOf\"" + hint);
    }
    skip_blanks();
    if (pos_ >= text_.size() || text_[pos_] != ':') return fail(pos_, "expected ':' after the key");
    ++pos_;
    skip_blanks();
    if (pos_ >= text_.size() || text_[pos_] != '[')
      return fail(pos_, "the value of \"" + *key + "\" must be a list of expressions");
    ++pos_;
    std::vector<Expr> children;
    skip_blanks();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
    } else {
      for (;;) {
        auto child = parse_value(depth + 1);
        if (!child) return child;
        children.push_back(std::move(child).value());
        skip_blanks();
        if (pos_ < text_.size() && text_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (pos_ < text_.size() && text_[pos_] == ']') {
          ++pos_;
          break;
        }
        return fail(pos_, "expected ',' or ']' in the list of \"" + *key + "\"");
      }
    }
    skip_blanks();
    if (pos_ < text_.size() && text_[pos_] == ',')
      return fail(pos_, "an expression object has exactly one key; remove everything after the \"" + *key + "\" list");
    if (pos_ >= text_.size() || text_[pos_] != '}') return fail(pos_, "expected '}' to close the expression object");
    ++pos_;
    return Expr{kind, {}, std::move(children)};
  }

  static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  // A JSON string at pos_. When `scope` is set, every character must be printable ASCII.
  Result<std::string> parse_string(bool scope) {
    const size_t open = pos_++;
    std::string out;
    for (;;) {
      if (pos_ >= text_.size()) return fail(open, "unterminated string");
      const size_t at = pos_;
      const unsigned char c = static_cast<unsigned char>(text_[pos_++]);
      unsigned code = c;
      if (c == '"') return out;
      if (c < 0x20) return fail(at, "control character " + describe_char(c) + " inside a string (write it escaped)");
      if (c >= 0x80) {
        if (scope) return fail(at, "a scope may only contain printable ASCII (0x20..0x7e); found a non-ASCII character");
        out += static_cast<char>(c);
        continue;
      }
      if (c == '\\') {
        if (pos_ >= text_.size()) return fail(open, "unterminated string");
        const char e = text_[pos_++];
        switch (e) {
          case '"': code = '"'; break;
          case '\\': code = '\\'; break;
          case '/': code = '/'; break;
          case 'b': code = '\b'; break;
          case 'f': code = '\f'; break;
          case 'n': code = '\n'; break;
          case 'r': code = '\r'; break;
          case 't': code = '\t'; break;
          case 'u': {
            code = 0;
            for (int k = 0; k < 4; ++k) {
              const int h = pos_ < text_.size() ? hex_value(text_[pos_]) : -1;
              if (h < 0) return fail(at, "\\u must be followed by four hex digits");
              code = code * 16 + static_cast<unsigned>(h);
              ++pos_;
            }
            break;
          }
          default:
            return fail(at, std::string("invalid escape \\") + e);
        }
      }
      if (scope && (code < 0x20 || code > 0x7e))
        return fail(at, "a scope may only contain printable ASCII (0x20..0x7e); found " + describe_char(code));
      if (code < 0x80) {
        out += static_cast<char>(code);
      } else {
        // Only reachable for keys; kept as UTF-8 so the message can quote it.
        if (code < 0x800) {
          out += static_cast<char>(0xc0 | (code >> 6));
        } else {
          out += static_cast<char>(0xe0 | (code >> 12));
          out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
        }
        out += static_cast<char>(0x80 | (code & 0x3f));
      }
    }
  }
};

}  // namespace

Status check_scope(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c > 0x7e) {
      Error err{"a scope may only contain printable ASCII (0x20..0x7e); found " +
                    (c >= 0x80 ? std::string("a non-ASCII byte") : describe_char(c)),
                {}};
      err.where.line = 1;
      err.where.column = static_cast<int>(i) + 1;
      return err;
    }
  }
  return Ok{};
}

namespace {

Result<Expr> parse_plain_scope(std::string_view text) {
  if (auto ok = check_scope(text); !ok) return ok.error();
  return Expr::of(std::string(text));
}

}  // namespace

Result<Expr> parse_expr(std::string_view text) {
  size_t first = 0;
  while (first < text.size() && (text[first] == ' ' || text[first] == '\t' || text[first] == '\n' || text[first] == '\r'))
    ++first;
  if (first < text.size() && (text[first] == '{' || text[first] == '"')) return ExprParser(text).parse_document();
  return parse_plain_scope(text);
}

namespace {

Result<Expr> from_json_at(const nlohmann::json& j, const std::string& path, int depth) {
  auto fail = [&](const std::string& message) {
    return Error{(path.empty() ? std::string() : "at " + path + ": ") + message, {}};
  };
  if (depth > kMaxDepth) return fail("expression is nested too deeply (more than 200 levels)");
  if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    if (!is_valid_scope(s)) return fail("a scope may only contain printable ASCII (0x20..0x7e)");
    return Expr::of(s);
  }
  if (!j.is_object()) return fail("expected a scope string, {\"AllOf\": [...]} or {\"AnyOf\": [...]}");
  if (j.size() != 1) return fail("an expression object needs exactly one key, \"AllOf\" or \"AnyOf\"; found " + std::to_string(j.size()));
  const auto first = j.begin();
  const std::string& key = first.key();
  const nlohmann::json& value = first.value();
  Expr::Kind kind;
  if (key == "AllOf") {
    kind = Expr::Kind::AllOf;
  } else if (key == "AnyOf") {
    kind = Expr::Kind::AnyOf;
  } else {
    return fail("unknown key \"" + key + "\": expected \"AllOf\" or \"AnyOf\"");
  }
  if (!value.is_array()) return fail("the value of \"" + key + "\" must be a list of expressions");
  std::vector<Expr> children;
  for (size_t i = 0; i < value.size(); ++i) {
    auto child = from_json_at(value[i], path + key + "[" + std::to_string(i) + "]" + ".", depth + 1);
    if (!child) return child;
    children.push_back(std::move(child).value());
  }
  return Expr{kind, {}, std::move(children)};
}

}  // namespace

Result<Expr> expr_from_json(const nlohmann::json& j) {
  auto e = from_json_at(j, "", 0);
  if (!e) {
    // Paths are built as "AllOf[0].AnyOf[1]." - drop the trailing dot in messages.
    std::string m = e.error().message;
    const auto colon = m.find(".: ");
    if (m.starts_with("at ") && colon != std::string::npos) m.erase(colon, 1);
    return Error{m, {}};
  }
  return e;
}

nlohmann::json expr_to_json(const Expr& e) {
  if (e.kind == Expr::Kind::Scope) return e.scope;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : e.children) list.push_back(expr_to_json(c));
  return nlohmann::json{{e.kind == Expr::Kind::AllOf ? "AllOf" : "AnyOf", std::move(list)}};
}

std::string expr_to_string(const Expr& e) {
  if (e.kind == Expr::Kind::Scope) return e.scope;
  return expr_to_json(e).dump();
}

}  // namespace tcg::scopes
