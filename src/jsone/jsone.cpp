// The JSON-e engine: tokenizer, parser and interpreter of the expression language, the built-ins,
// interpolation and the operators, following npm json-e@4.8.4 (docs/jsone.md lists the few
// places where tcguard deliberately differs). Errors are thrown inside this file and returned as
// a Result at its edge.
#include "jsone/jsone.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "jsone/value.h"

namespace tcg::jsone {
namespace detail {
namespace {

// Bounds that keep a hostile template from exhausting the stack or the memory.
constexpr int kMaxTemplateDepth = 400;   // nesting of the template and context JSON
constexpr int kMaxValueDepth = 800;      // nesting of any value computed
constexpr int kMaxExprDepth = 200;       // nesting of an expression's syntax tree
constexpr uint64_t kMaxWork = 40'000'000;  // evaluation steps plus elements and bytes produced
constexpr size_t kMaxString = 16u << 20;

struct JsError {
  std::string kind;  // SyntaxError, InterpreterError, TemplateError, BuiltinError
  std::string message;
  bool locatable = true;  // the reference adds template locations to its own error classes only
  std::vector<std::string> location;
};

[[noreturn]] void fail(const char* kind, std::string message, bool locatable = true) {
  throw JsError{kind, std::move(message), locatable, {}};
}
[[noreturn]] void template_error(std::string m) { fail("TemplateError", std::move(m)); }
[[noreturn]] void interpreter_error(std::string m) { fail("InterpreterError", std::move(m)); }
// Where the reference itself crashes (a TypeError reading a missing syntax node), tcguard reports
// the syntax error the input has.
[[noreturn]] void syntax_crash(std::string m) { fail("SyntaxError", std::move(m), false); }

struct Env {
  uint64_t work = 0;
  std::vector<std::string> range_tests{"integer", "integer", "integer"};  // see call_builtin
  void charge(uint64_t n) {
    work += n;
    if (work > kMaxWork) template_error("template is too expensive to render (tcguard's limit)");
  }
};

Value make_array(std::vector<Value> items) {
  auto a = std::make_shared<Array>();
  int d = 0;
  for (const auto& v : items) d = std::max(d, depth_of(v));
  if (d + 1 > kMaxValueDepth) template_error("value nested too deeply (tcguard's limit)");
  a->depth = d + 1;
  a->items = std::move(items);
  return Value::of_array(std::move(a));
}
Value checked_object(std::shared_ptr<Object> o) {
  if (o->depth > kMaxValueDepth) template_error("value nested too deeply (tcguard's limit)");
  return Value::of_object(std::move(o));
}

// The reference's "delete marker": an empty object, recognised by identity.
const std::shared_ptr<Object>& delete_marker_object() {
  static const std::shared_ptr<Object> marker = std::make_shared<Object>();
  return marker;
}
Value delete_marker() { return Value::of_object(delete_marker_object()); }
bool is_marker(const Value& v) { return v.type == Type::Object && v.obj == delete_marker_object(); }

// A context: variables over a parent, like the reference's Object.assign copies but shared.
struct Scope {
  std::shared_ptr<const Scope> parent;
  Object vars;
  const Value* find(const std::string& name) const {
    for (const Scope* s = this; s; s = s->parent.get())
      if (const Value* v = s->vars.find(name)) return v;
    return nullptr;
  }
};
using ScopePtr = std::shared_ptr<const Scope>;

ScopePtr child_scope(const ScopePtr& parent, std::vector<std::pair<std::string, Value>> vars) {
  auto s = std::make_shared<Scope>();
  s->parent = parent;
  for (auto& kv : vars) s->vars.set(kv.first, std::move(kv.second));
  return s;
}

bool truthy(const Value& v) {
  switch (v.type) {
    case Type::Null: return false;
    case Type::Bool: return v.boolean;
    case Type::Number: return v.number != 0;  // NaN is truthy in the reference
    case Type::String: return !v.s().empty();
    case Type::Array: return !v.arr->items.empty();
    case Type::Object: return !v.obj->items.empty();
    case Type::Function: return true;
  }
  return false;
}

bool is_object(const Value& v) { return v.type == Type::Object; }
bool is_integer(const Value& v) { return v.type == Type::Number && std::isfinite(v.number) && std::trunc(v.number) == v.number; }

const char* builtin_name(Builtin b) {
  static const char* names[] = {"min", "max", "sqrt", "ceil", "floor", "abs", "range", "lowercase", "uppercase", "str",
                                "number", "len", "strip", "rstrip", "lstrip", "split", "join", "fromNow", "typeof", "defined"};
  return names[static_cast<int>(b)];
}

// String(v) in JavaScript, for the values that can reach it.
std::string to_js_string(const Value& v) {
  switch (v.type) {
    case Type::Null: return "null";
    case Type::Bool: return v.boolean ? "true" : "false";
    case Type::Number: return js_number_to_string(v.number);
    case Type::String: return v.s();
    case Type::Array: {
      std::string out;
      for (size_t i = 0; i < v.arr->items.size(); ++i) {
        if (i) out += ",";
        if (v.arr->items[i].type != Type::Null) out += to_js_string(v.arr->items[i]);
        if (out.size() > kMaxString) template_error("string too long (tcguard's limit)");
      }
      return out;
    }
    case Type::Object: return "[object Object]";
    case Type::Function: return std::string("function ") + builtin_name(v.fn) + "() { [native code] }";
  }
  return "";
}

bool equal(const Value& a, const Value& b) {
  if (a.type == Type::Array && b.type == Type::Array && a.arr->items.size() == b.arr->items.size()) {
    for (size_t i = 0; i < a.arr->items.size(); ++i)
      if (!equal(a.arr->items[i], b.arr->items[i])) return false;
    return true;
  }
  if (a.type == Type::Function) return b.type == Type::Function && a.fn == b.fn;
  if (a.type == Type::Object && b.type == Type::Object) {
    if (a.obj->items.size() != b.obj->items.size()) return false;
    for (const auto& kv : a.obj->items) {
      const Value* other = b.obj->find(kv.first);
      if (!other || !equal(kv.second, *other)) return false;
    }
    return true;
  }
  if (a.type != b.type) return false;
  switch (a.type) {
    case Type::Null: return true;
    case Type::Bool: return a.boolean == b.boolean;
    case Type::Number: return a.number == b.number;
    case Type::String: return a.s() == b.s();
    case Type::Array: return a.arr == b.arr;
    default: return false;
  }
}

bool contains_functions(const Value& v) {
  if (v.type == Type::Function) return true;
  if (v.type == Type::Array)
    return std::any_of(v.arr->items.begin(), v.arr->items.end(), contains_functions);
  if (v.type == Type::Object)
    return std::any_of(v.obj->items.begin(), v.obj->items.end(), [](const auto& kv) { return contains_functions(kv.second); });
  return false;
}

// ---------------------------------------------------------------------------------------------
// Tokenizer: the reference's token list, tried in its order (first alternative wins).

enum class Tok {
  Pow, Plus, Minus, Mul, Div, LBracket, RBracket, Dot, LParen, RParen, LBrace, RBrace, Colon, Comma, Ge, Le, Lt, Gt,
  Eq, Ne, Not, And, Or, True, False, In, Null, Number, Identifier, String
};

const char* tok_kind_name(Tok t) {
  static const char* names[] = {"**", "+", "-", "*", "/", "[", "]", ".", "(", ")", "{", "}", ":", ",", ">=", "<=", "<", ">",
                                "==", "!=", "!", "&&", "||", "true", "false", "in", "null", "number", "identifier", "string"};
  return names[static_cast<int>(t)];
}

struct Token {
  Tok kind;
  std::string value;
  size_t start, end;
};

bool ident_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }
bool ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

// Length of the JavaScript whitespace at s[i], or 0.
size_t space_len(const std::string& s, size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return is_js_space(c) ? 1 : 0;
  auto cps = utf8_decode(std::string_view(s).substr(i, 4));
  if (cps.empty() || !is_js_space(cps[0])) return 0;
  return utf8_encode(cps, 0, 1).size();
}

// `base`: where the expression starts in `src` (interpolation parses in place, without copying).
std::optional<Token> next_token(const std::string& src, size_t offset, size_t base) {
  while (offset < src.size()) {
    size_t n = space_len(src, offset);
    if (!n) break;
    offset += n;
  }
  if (offset >= src.size()) return std::nullopt;
  auto at = [&](const char* lit) { return src.compare(offset, std::strlen(lit), lit) == 0; };
  auto tok = [&](Tok k, size_t len) { return Token{k, src.substr(offset, len), offset, offset + len}; };
  static const std::pair<const char*, Tok> punct[] = {
      {"**", Tok::Pow}, {"+", Tok::Plus}, {"-", Tok::Minus}, {"*", Tok::Mul}, {"/", Tok::Div}, {"[", Tok::LBracket},
      {"]", Tok::RBracket}, {".", Tok::Dot}, {"(", Tok::LParen}, {")", Tok::RParen}, {"{", Tok::LBrace},
      {"}", Tok::RBrace}, {":", Tok::Colon}, {",", Tok::Comma}, {">=", Tok::Ge}, {"<=", Tok::Le}, {"<", Tok::Lt},
      {">", Tok::Gt}, {"==", Tok::Eq}, {"!=", Tok::Ne}, {"!", Tok::Not}, {"&&", Tok::And}, {"||", Tok::Or}};
  for (const auto& [lit, kind] : punct)
    if (at(lit)) return tok(kind, std::strlen(lit));
  static const std::pair<const char*, Tok> words[] = {{"true", Tok::True}, {"false", Tok::False}, {"in", Tok::In}, {"null", Tok::Null}};
  for (const auto& [lit, kind] : words) {
    size_t len = std::strlen(lit);
    if (at(lit) && !(offset + len < src.size() && ident_char(src[offset + len]))) return tok(kind, len);
  }
  if (src[offset] >= '0' && src[offset] <= '9') {
    size_t i = offset;
    while (i < src.size() && src[i] >= '0' && src[i] <= '9') ++i;
    if (i + 1 < src.size() && src[i] == '.' && src[i + 1] >= '0' && src[i + 1] <= '9') {
      ++i;
      while (i < src.size() && src[i] >= '0' && src[i] <= '9') ++i;
    }
    return tok(Tok::Number, i - offset);
  }
  if (ident_start(src[offset])) {
    size_t i = offset;
    while (i < src.size() && ident_char(src[i])) ++i;
    return tok(Tok::Identifier, i - offset);
  }
  if (src[offset] == '\'' || src[offset] == '"') {
    size_t close = src.find(src[offset], offset + 1);
    if (close != std::string::npos) return tok(Tok::String, close + 1 - offset);
  }
  fail("SyntaxError", "Unexpected input for '" + src.substr(base) + "' at '" + src.substr(offset) + "'");
}

// ---------------------------------------------------------------------------------------------
// Parser: the reference's grammar, including the syntax nodes it leaves missing (nullptr), which
// fail only if evaluation reaches them.

enum class NodeKind { Primitive, Unary, Binary, Call, Context, List, Access, ObjectLit };

struct Node {
  NodeKind kind;
  Token token;
  std::unique_ptr<Node> a, b, c;  // unary: a; binary: a (left) b (right); call: a (callee); access: a [b : c]
  std::vector<std::unique_ptr<Node>> items;  // call args, list items, object values
  std::vector<std::string> keys;             // object keys
  bool interval = false;
  int depth = 1;
};
using NodePtr = std::unique_ptr<Node>;

int depth_of(const NodePtr& n) { return n ? n->depth : 0; }

class Parser {
 public:
  explicit Parser(const std::string& src, size_t base = 0) : src_(src), base_(base) { current_ = next_token(src_, base, base); }

  const std::optional<Token>& current() const { return current_; }

  NodePtr parse(int level = 0) {
    Guard g(this);
    static const std::vector<std::vector<Tok>> ops = {{Tok::Or}, {Tok::And}, {Tok::In}, {Tok::Eq, Tok::Ne},
                                                      {Tok::Lt, Tok::Gt, Tok::Le, Tok::Ge}, {Tok::Plus, Tok::Minus},
                                                      {Tok::Mul, Tok::Div}, {Tok::Pow}};
    auto is_op = [&](int lv) {
      return current_ && std::find(ops[lv].begin(), ops[lv].end(), current_->kind) != ops[lv].end();
    };
    NodePtr node;
    if (level == 7) {
      node = parse_property_access_or_func();
      while (is_op(level)) {
        Token t = *current_;
        take();
        NodePtr right = parse(level);
        node = binary(t, std::move(right), std::move(node));  // as the reference: operands swapped
      }
    } else {
      node = parse(level + 1);
      while (is_op(level)) {
        Token t = *current_;
        take();
        NodePtr right = parse(level + 1);
        node = binary(t, std::move(node), std::move(right));
      }
    }
    return node;
  }

 private:
  // Recursion guard: each nested call counts, so the parser's own stack is bounded too.
  struct Guard {
    Parser* p;
    explicit Guard(Parser* parser) : p(parser) {
      if (++p->nesting_ > kMaxExprDepth * 10) fail("SyntaxError", "expression nested too deeply (tcguard's limit)");
    }
    ~Guard() { --p->nesting_; }
  };

  NodePtr binary(const Token& t, NodePtr l, NodePtr r) {
    auto n = std::make_unique<Node>();
    n->kind = NodeKind::Binary;
    n->token = t;
    n->depth = 1 + std::max(depth_of(l), depth_of(r));
    n->a = std::move(l);
    n->b = std::move(r);
    check(*n);
    return n;
  }
  static void check(const Node& n) {
    if (n.depth > kMaxExprDepth) fail("SyntaxError", "expression nested too deeply (tcguard's limit)");
  }

  const Token& cur_or_crash() {
    if (!current_) syntax_crash("Unexpected end of input");
    return *current_;
  }

  void take() {
    if (!current_) fail("SyntaxError", "Unexpected end of input");
    current_ = next_token(src_, current_->end, base_);
  }
  void take(std::vector<Tok> kinds) {
    if (!current_) fail("SyntaxError", "Unexpected end of input");
    if (std::find(kinds.begin(), kinds.end(), current_->kind) == kinds.end()) {
      std::vector<std::string> names;
      for (Tok k : kinds) names.emplace_back(tok_kind_name(k));
      std::sort(names.begin(), names.end());
      std::string joined;
      for (const auto& n : names) joined += (joined.empty() ? "" : ", ") + n;
      fail("SyntaxError", "Found: " + current_->value + " token, expected one of: " + joined);
    }
    take();
  }
  [[noreturn]] void rule_error() {
    if (!current_) syntax_crash("Unexpected end of input");
    fail("SyntaxError", "Found: " + current_->value +
                            " token, expected one of: !, (, +, -, [, false, identifier, null, number, string, true, {");
  }

  NodePtr parse_property_access_or_func() {
    NodePtr node = parse_unit();
    while (current_ && (current_->kind == Tok::LBracket || current_->kind == Tok::LParen || current_->kind == Tok::Dot)) {
      if (current_->kind == Tok::LBracket) {
        node = parse_access(std::move(node));
      } else if (current_->kind == Tok::Dot) {
        Token t = *current_;
        take();
        auto right = std::make_unique<Node>();
        right->kind = NodeKind::Primitive;
        if (current_) right->token = *current_;
        take({Tok::Identifier});
        node = binary(t, std::move(node), std::move(right));
      } else {
        node = parse_call(std::move(node));
      }
    }
    return node;
  }

  NodePtr parse_unit() {
    Guard g(this);
    const Token token = cur_or_crash();
    auto n = std::make_unique<Node>();
    n->token = token;
    switch (token.kind) {
      case Tok::Minus: case Tok::Plus: case Tok::Not:
        take();
        n->kind = NodeKind::Unary;
        n->a = parse_unit();
        n->depth = 1 + depth_of(n->a);
        check(*n);
        return n;
      case Tok::Number: case Tok::Null: case Tok::True: case Tok::False: case Tok::String:
        take();
        n->kind = NodeKind::Primitive;
        return n;
      case Tok::Identifier:
        take();
        n->kind = NodeKind::Context;
        return n;
      case Tok::LParen: {
        take();
        NodePtr inner = parse();
        if (!inner) rule_error();
        take({Tok::RParen});
        return inner;
      }
      case Tok::LBracket: return parse_list();
      case Tok::LBrace: return parse_object();
      default: return nullptr;
    }
  }

  void add_items_depth(Node& n) {
    for (const auto& i : n.items) n.depth = std::max(n.depth, 1 + depth_of(i));
    check(n);
  }

  NodePtr parse_call(NodePtr callee) {
    auto n = std::make_unique<Node>();
    n->kind = NodeKind::Call;
    n->token = *current_;
    take({Tok::LParen});
    if (cur_or_crash().kind != Tok::RParen) {
      n->items.push_back(parse());
      while (current_ && current_->kind == Tok::Comma) {
        if (!n->items.back()) rule_error();
        take();
        n->items.push_back(parse());
      }
    }
    take({Tok::RParen});
    n->depth = 1 + depth_of(callee);
    n->a = std::move(callee);
    add_items_depth(*n);
    return n;
  }

  NodePtr parse_list() {
    auto n = std::make_unique<Node>();
    n->kind = NodeKind::List;
    n->token = *current_;
    take({Tok::LBracket});
    if (cur_or_crash().kind != Tok::RBracket) {
      n->items.push_back(parse());
      while (cur_or_crash().kind == Tok::Comma) {
        if (!n->items.back()) rule_error();
        take();
        n->items.push_back(parse());
      }
    }
    take({Tok::RBracket});
    add_items_depth(*n);
    return n;
  }

  NodePtr parse_access(NodePtr target) {
    auto n = std::make_unique<Node>();
    n->kind = NodeKind::Access;
    n->token = *current_;
    take({Tok::LBracket});
    if (cur_or_crash().kind == Tok::RBracket) rule_error();
    if (cur_or_crash().kind != Tok::Colon) n->b = parse();
    if (cur_or_crash().kind == Tok::Colon) {
      n->interval = true;
      take();
    }
    if (cur_or_crash().kind != Tok::RBracket) n->c = parse();
    if (n->interval && !n->c && cur_or_crash().kind != Tok::RBracket) rule_error();
    take({Tok::RBracket});
    n->depth = 1 + std::max({depth_of(target), depth_of(n->b), depth_of(n->c)});
    n->a = std::move(target);
    check(*n);
    return n;
  }

  NodePtr parse_object() {
    auto n = std::make_unique<Node>();
    n->kind = NodeKind::ObjectLit;
    n->token = *current_;
    take({Tok::LBrace});
    while (current_ && (current_->kind == Tok::String || current_->kind == Tok::Identifier)) {
      std::string key = current_->value;
      if (current_->kind == Tok::String) key = key.substr(1, key.size() - 2);
      take();
      take({Tok::Colon});
      NodePtr value = parse();
      if (!value) rule_error();
      auto existing = std::find(n->keys.begin(), n->keys.end(), key);
      if (existing != n->keys.end()) {
        n->items[static_cast<size_t>(existing - n->keys.begin())] = std::move(value);
      } else {
        n->keys.push_back(key);
        n->items.push_back(std::move(value));
      }
      if (current_ && current_->kind == Tok::RBrace) break;
      take({Tok::Comma});
    }
    take({Tok::RBrace});
    add_items_depth(*n);
    return n;
  }

  const std::string& src_;
  size_t base_ = 0;
  std::optional<Token> current_;
  int nesting_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Interpreter and built-ins.

Value from_now(Env& env, const std::string& timespan, const Value& reference, const ScopePtr& ctx);

[[noreturn]] void expectation(const std::string& op, const std::string& what) { interpreter_error(op + " expects " + what); }

// JavaScript's abstract relational comparison a < b, for the slice bounds the reference compares
// without checking their types first.
double loose_number(const Value& v) {
  switch (v.type) {
    case Type::Null: return 0;
    case Type::Bool: return v.boolean ? 1 : 0;
    case Type::Number: return v.number;
    case Type::String: return js_string_to_number(v.s());
    default: return js_string_to_number(to_js_string(v));
  }
}
bool loose_less(const Value& a, const Value& b) {
  bool as = a.type == Type::String || a.type == Type::Array || a.type == Type::Object || a.type == Type::Function;
  bool bs = b.type == Type::String || b.type == Type::Array || b.type == Type::Object || b.type == Type::Function;
  if (as && bs) return js_compare_strings(to_js_string(a), to_js_string(b)) < 0;
  return loose_number(a) < loose_number(b);
}
// length + v, as JavaScript adds a number and anything.
Value loose_add_length(size_t length, const Value& v) {
  if (v.type == Type::Number) return Value::of_number(static_cast<double>(length) + v.number);
  if (v.type == Type::Null || v.type == Type::Bool) return Value::of_number(static_cast<double>(length) + loose_number(v));
  return Value::of_string(js_number_to_string(static_cast<double>(length)) + to_js_string(v));
}

class Interpreter {
 public:
  Interpreter(Env& env, ScopePtr ctx) : env_(env), ctx_(std::move(ctx)) {}

  Value visit(const Node* n) {
    if (!n) syntax_crash("Unexpected end of input");
    env_.charge(1);
    switch (n->kind) {
      case NodeKind::Primitive: return primitive(*n);
      case NodeKind::Unary: return unary(*n);
      case NodeKind::Binary: return binary(*n);
      case NodeKind::Call: return call(*n);
      case NodeKind::Context: {
        const Value* v = ctx_->find(n->token.value);
        if (!v) interpreter_error("unknown context value " + n->token.value);
        return *v;
      }
      case NodeKind::List: {
        std::vector<Value> out;
        for (const auto& i : n->items) out.push_back(visit(i.get()));
        env_.charge(out.size());
        return make_array(std::move(out));
      }
      case NodeKind::Access: return access(*n);
      case NodeKind::ObjectLit: {
        auto o = std::make_shared<Object>();
        for (size_t i = 0; i < n->keys.size(); ++i) o->set(n->keys[i], visit(n->items[i].get()));
        return checked_object(std::move(o));
      }
    }
    return {};
  }

 private:
  Value primitive(const Node& n) {
    const Token& t = n.token;
    switch (t.kind) {
      case Tok::Number: return Value::of_number(std::strtod(t.value.c_str(), nullptr));
      case Tok::Null: return Value::null();
      case Tok::String: return Value::of_string(t.value.substr(1, t.value.size() - 2));
      case Tok::True: return Value::of_bool(true);
      case Tok::False: return Value::of_bool(false);
      case Tok::Identifier: return Value::of_string(t.value);
      default: return Value::null();
    }
  }

  Value unary(const Node& n) {
    Value v = visit(n.a.get());
    switch (n.token.kind) {
      case Tok::Plus:
        if (v.type != Type::Number) expectation("unary +", "number");
        return v;
      case Tok::Minus:
        if (v.type != Type::Number) expectation("unary -", "number");
        return Value::of_number(-v.number);
      default: return Value::of_bool(!truthy(v));
    }
  }

  static void math_operands(const std::string& op, const Value& l, const Value& r) {
    if (op == "+") {
      if (!((l.type == Type::Number && r.type == Type::Number) || (l.type == Type::String && r.type == Type::String)))
        expectation("infix: +", "numbers/strings + numbers/strings");
      return;
    }
    if (l.type != Type::Number || r.type != Type::Number) expectation("infix: " + op, "number " + op + " number");
  }
  static void comparison_operands(const std::string& op, const Value& l, const Value& r) {
    if (!((l.type == Type::Number && r.type == Type::Number) || (l.type == Type::String && r.type == Type::String)))
      expectation("infix: " + op, "numbers/strings " + op + " numbers/strings");
  }
  static int compare(const Value& l, const Value& r) {  // -1, 0, 1; 2 when unordered (NaN)
    if (l.type == Type::String) return js_compare_strings(l.s(), r.s());
    if (l.number < r.number) return -1;
    if (l.number > r.number) return 1;
    if (l.number == r.number) return 0;
    return 2;
  }

  Value binary(const Node& n) {
    Value left = visit(n.a.get());
    const Tok k = n.token.kind;
    if (k == Tok::Or) return Value::of_bool(truthy(left) || truthy(visit(n.b.get())));
    if (k == Tok::And) return Value::of_bool(truthy(left) && truthy(visit(n.b.get())));
    Value right = visit(n.b.get());
    const std::string op = tok_kind_name(k);
    switch (k) {
      case Tok::Plus:
        math_operands(op, left, right);
        if (left.type == Type::String) {
          if (left.s().size() + right.s().size() > kMaxString) template_error("string too long (tcguard's limit)");
          env_.charge(left.s().size() + right.s().size());
          return Value::of_string(left.s() + right.s());
        }
        return Value::of_number(left.number + right.number);
      case Tok::Minus: math_operands(op, left, right); return Value::of_number(left.number - right.number);
      case Tok::Div:
        math_operands(op, left, right);
        if (right.number == 0) interpreter_error("division by zero");
        return Value::of_number(left.number / right.number);
      case Tok::Mul: math_operands(op, left, right); return Value::of_number(left.number * right.number);
      case Tok::Pow: {
        math_operands(op, left, right);
        double base = right.number, exponent = left.number;  // operands are swapped in the tree
        if (std::isnan(exponent) || (std::fabs(base) == 1 && std::isinf(exponent))) return Value::of_number(NAN);
        return Value::of_number(std::pow(base, exponent));
      }
      case Tok::Gt: comparison_operands(op, left, right); return Value::of_bool(compare(left, right) == 1);
      case Tok::Lt: comparison_operands(op, left, right); return Value::of_bool(compare(left, right) == -1);
      case Tok::Ge: {
        comparison_operands(op, left, right);
        int c = compare(left, right);
        return Value::of_bool(c == 1 || c == 0);
      }
      case Tok::Le: {
        comparison_operands(op, left, right);
        int c = compare(left, right);
        return Value::of_bool(c == -1 || c == 0);
      }
      case Tok::Ne: return Value::of_bool(!equal(left, right));
      case Tok::Eq: return Value::of_bool(equal(left, right));
      case Tok::Dot: {
        if (!is_object(left)) expectation("infix: .", "objects");
        const std::string key = to_js_string(right);
        if (const Value* v = left.obj->find(key)) return *v;
        interpreter_error("object has no property \"" + key + "\"");
      }
      case Tok::In: {
        if (right.type == Type::Object) {
          if (left.type != Type::String) expectation("Infix: in-object", "string on left side");
          return Value::of_bool(right.obj->find(left.s()) != nullptr);
        }
        if (right.type == Type::String) {
          if (left.type != Type::String) expectation("Infix: in-string", "string on left side");
          return Value::of_bool(right.s().find(left.s()) != std::string::npos);
        }
        if (right.type != Type::Array) expectation("Infix: in", "Array, string, or object on right side");
        for (const auto& item : right.arr->items)
          if (equal(left, item)) return Value::of_bool(true);
        return Value::of_bool(false);
      }
      default: return Value::null();
    }
  }

  Value access(const Node& n) {
    Value target = visit(n.a.get());
    Value left = Value::of_number(0), right = Value::null();
    if (n.b) left = visit(n.b.get());
    if (n.c) right = visit(n.c.get());
    auto slice_or_index = [&](size_t length, auto&& slice, auto&& index) -> Value {
      const Value zero = Value::of_number(0);
      if (loose_less(left, zero)) {
        left = loose_add_length(length, left);
        if (loose_less(left, zero)) left = zero;
      }
      if (n.interval) {
        if (right.type == Type::Null) right = Value::of_number(static_cast<double>(length));
        if (loose_less(right, zero)) {
          right = loose_add_length(length, right);
          if (loose_less(right, zero)) right = zero;
        }
        if (loose_less(right, left)) left = right;
        if (!is_integer(left) || !is_integer(right)) interpreter_error("cannot perform interval access with non-integers");
        auto clamp = [&](double d) { return static_cast<size_t>(std::min(std::max(d, 0.0), static_cast<double>(length))); };
        size_t b = clamp(left.number), e = clamp(right.number);
        return slice(b, std::max(b, e));
      }
      if (!is_integer(left)) interpreter_error("should only use integers to access arrays or strings");
      if (left.number >= static_cast<double>(length)) interpreter_error("index out of bounds");
      return index(static_cast<size_t>(left.number));
    };
    if (target.type == Type::Array) {
      const auto& items = target.arr->items;
      return slice_or_index(
          items.size(),
          [&](size_t b, size_t e) {
            env_.charge(e - b);
            return make_array(std::vector<Value>(items.begin() + static_cast<long>(b), items.begin() + static_cast<long>(e)));
          },
          [&](size_t i) { return items[i]; });
    }
    if (target.type == Type::String) {
      auto cps = utf8_decode(target.s());
      return slice_or_index(
          cps.size(), [&](size_t b, size_t e) { return Value::of_string(utf8_encode(cps, b, e)); },
          [&](size_t i) { return Value::of_string(utf8_encode(cps, i, i + 1)); });
    }
    if (!is_object(target)) expectation("infix: \"[..]\"", "object, array, or string");
    if (left.type != Type::String) interpreter_error("object keys must be strings");
    if (const Value* v = target.obj->find(left.s())) return *v;
    return Value::null();
  }

  Value call(const Node& n) {
    Value callee = visit(n.a.get());
    if (callee.type != Type::Function) interpreter_error(to_js_string(callee) + " is not callable");
    std::vector<Value> args;
    for (const auto& a : n.items) args.push_back(visit(a.get()));
    return call_builtin(callee.fn, args);
  }

  static bool type_test(const std::string& tests, const Value& v) {
    size_t start = 0;
    while (start <= tests.size()) {
      size_t bar = tests.find('|', start);
      std::string t = tests.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
      if ((t == "string" && v.type == Type::String) || (t == "number" && v.type == Type::Number) ||
          (t == "integer" && is_integer(v)) || (t == "boolean" && v.type == Type::Bool) ||
          (t == "array" && v.type == Type::Array) || (t == "object" && v.type == Type::Object) ||
          (t == "null" && v.type == Type::Null) || (t == "function" && v.type == Type::Function))
        return true;
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    return false;
  }

  // Case mapping for ASCII, Latin-1, Greek and Cyrillic (JavaScript maps all of Unicode).
  static std::string change_case(const std::string& s, bool upper) {
    auto cps = utf8_decode(s);
    std::vector<char32_t> out;
    for (char32_t c : cps) {
      if (upper) {
        if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7) || (c >= 0x3B1 && c <= 0x3CB && c != 0x3C2) ||
            (c >= 0x430 && c <= 0x44F))
          c -= 0x20;
        else if (c == 0x3C2) c = 0x3A3;
        else if (c >= 0x450 && c <= 0x45F) c -= 0x50;
        else if (c == 0xFF) c = 0x178;
        else if (c == 0xB5) c = 0x39C;
        else if (c == 0xDF) { out.push_back('S'); c = 'S'; }
      } else {
        if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3AB && c != 0x3A2) ||
            (c >= 0x410 && c <= 0x42F))
          c += 0x20;
        else if (c >= 0x400 && c <= 0x40F) c += 0x50;
        else if (c == 0x178) c = 0xFF;
      }
      out.push_back(c);
    }
    return utf8_encode(out, 0, out.size());
  }
  static std::string strip(const std::string& s, bool lead, bool trail) {
    auto cps = utf8_decode(s);
    size_t b = 0, e = cps.size();
    if (lead) while (b < e && is_js_space(cps[b])) ++b;
    if (trail) while (e > b && is_js_space(cps[e - 1])) --e;
    return utf8_encode(cps, b, e);
  }

  Value call_builtin(Builtin fn, const std::vector<Value>& args) {
    const std::string name = builtin_name(fn);
    auto invalid = [&]() -> void { fail("BuiltinError", "invalid arguments to builtin: " + name); };
    // The reference's argument checks: fixed tests, a minimum count, and a type for extra
    // arguments of variadic built-ins. `range` keeps the tests of its previous call in the same
    // render (the reference reassigns them), so its third argument may then be any number.
    std::vector<std::string> tests;
    std::string variadic;
    size_t min_args = 0;
    switch (fn) {
      case Builtin::Min: case Builtin::Max: variadic = "number"; min_args = 1; break;
      case Builtin::Sqrt: case Builtin::Ceil: case Builtin::Floor: case Builtin::Abs: tests = {"number"}; break;
      case Builtin::Range: tests = env_.range_tests; variadic = "number"; min_args = 2; break;
      case Builtin::Lowercase: case Builtin::Uppercase: case Builtin::Number: case Builtin::Strip:
      case Builtin::Rstrip: case Builtin::Lstrip: case Builtin::Defined: tests = {"string"}; break;
      case Builtin::Str: tests = {"string|number|boolean|null"}; break;
      case Builtin::Len: tests = {"string|array"}; break;
      case Builtin::Split: tests = {"string", "string|number"}; min_args = 2; break;
      case Builtin::Join: tests = {"array", "string|number"}; break;
      case Builtin::FromNow: variadic = "string"; min_args = 1; break;
      case Builtin::Typeof: tests = {"string|number|boolean|array|object|null|function"}; break;
    }
    if (variadic.empty() && args.size() < tests.size()) invalid();
    if (min_args && args.size() < min_args)
      fail("BuiltinError", "invalid arguments to builtin: " + name + ": expected at least " + std::to_string(min_args) + " arguments");
    if (!variadic.empty()) {
      std::vector<std::string> mapped;
      for (size_t i = 0; i < args.size(); ++i) mapped.push_back(i < tests.size() ? tests[i] : variadic);
      tests = mapped;
      if (fn == Builtin::Range) env_.range_tests = tests;
    }
    for (size_t i = 0; i < args.size(); ++i) {
      if (i >= tests.size()) invalid();  // the reference crashes reading the missing test
      if (!type_test(tests[i], args[i])) invalid();
    }
    auto num = [&](size_t i) { return args[i].number; };
    switch (fn) {
      case Builtin::Min: case Builtin::Max: {
        bool is_max = fn == Builtin::Max;
        double r = is_max ? -INFINITY : INFINITY;
        bool nan = false;
        for (const auto& a : args) {
          double x = a.number;
          if (std::isnan(x)) nan = true;
          else if (is_max ? (x > r || (x == 0 && r == 0 && !std::signbit(x))) : (x < r || (x == 0 && r == 0 && std::signbit(x)))) r = x;
        }
        return Value::of_number(nan ? NAN : r);
      }
      case Builtin::Sqrt: return Value::of_number(std::sqrt(num(0)));
      case Builtin::Ceil: return Value::of_number(std::ceil(num(0)));
      case Builtin::Floor: return Value::of_number(std::floor(num(0)));
      case Builtin::Abs: return Value::of_number(std::fabs(num(0)));
      case Builtin::Range: {
        double start = num(0), stop = num(1), step = args.size() > 2 ? num(2) : 1;
        double len = std::ceil((stop - start) / step);
        if (std::isnan(len) || len <= 0) return make_array({});
        if (len > 4294967295.0) fail("BuiltinError", "invalid array length", false);  // the reference's RangeError
        env_.charge(static_cast<uint64_t>(len));
        std::vector<Value> out;
        out.reserve(static_cast<size_t>(len));
        for (size_t i = 0; i < static_cast<size_t>(len); ++i) out.push_back(Value::of_number(start + static_cast<double>(i) * step));
        return make_array(std::move(out));
      }
      case Builtin::Lowercase: return Value::of_string(change_case(args[0].s(), false));
      case Builtin::Uppercase: return Value::of_string(change_case(args[0].s(), true));
      case Builtin::Str: return Value::of_string(to_js_string(args[0]));
      case Builtin::Number: return Value::of_number(js_string_to_number(args[0].s()));
      case Builtin::Len:
        if (args[0].type == Type::Array) return Value::of_number(static_cast<double>(args[0].arr->items.size()));
        return Value::of_number(static_cast<double>(utf8_decode(args[0].s()).size()));
      case Builtin::Strip: return Value::of_string(strip(args[0].s(), true, true));
      case Builtin::Lstrip: return Value::of_string(strip(args[0].s(), true, false));
      case Builtin::Rstrip: return Value::of_string(strip(args[0].s(), false, true));
      case Builtin::Split: {
        const std::string& s = args[0].s();
        const std::string delim = to_js_string(args[1]);
        std::vector<Value> out;
        if (delim.empty()) {
          auto cps = utf8_decode(s);
          for (size_t i = 0; i < cps.size(); ++i) out.push_back(Value::of_string(utf8_encode(cps, i, i + 1)));
        } else {
          size_t start = 0;
          while (true) {
            size_t at = s.find(delim, start);
            if (at == std::string::npos) break;
            out.push_back(Value::of_string(s.substr(start, at - start)));
            start = at + delim.size();
          }
          out.push_back(Value::of_string(s.substr(start)));
        }
        env_.charge(out.size());
        return make_array(std::move(out));
      }
      case Builtin::Join: {
        const std::string sep = to_js_string(args[1]);
        std::string out;
        const auto& items = args[0].arr->items;
        for (size_t i = 0; i < items.size(); ++i) {
          if (i) out += sep;
          if (items[i].type != Type::Null) out += to_js_string(items[i]);
          if (out.size() > kMaxString) template_error("string too long (tcguard's limit)");
        }
        env_.charge(out.size());
        return Value::of_string(std::move(out));
      }
      case Builtin::FromNow: {
        Value reference = args.size() > 1 ? args[1] : Value::null();
        if (!truthy_js(reference)) {
          const Value* now = ctx_->find("now");
          reference = now ? *now : Value::null();
        }
        return from_now(env_, args[0].s(), reference, ctx_);
      }
      case Builtin::Typeof: {
        static const char* names[] = {"null", "boolean", "number", "string", "array", "object", "function"};
        return Value::of_string(names[static_cast<int>(args[0].type)]);
      }
      case Builtin::Defined: return Value::of_bool(ctx_->find(args[0].s()) != nullptr);
    }
    return Value::null();
  }

 public:
  // JavaScript's own truthiness (not JSON-e's): [] and {} are true, NaN false.
  static bool truthy_js(const Value& v) {
    switch (v.type) {
      case Type::Null: return false;
      case Type::Bool: return v.boolean;
      case Type::Number: return v.number != 0 && !std::isnan(v.number);
      case Type::String: return !v.s().empty();
      default: return true;
    }
  }

 private:
  Env& env_;
  ScopePtr ctx_;
};

// fromNow(timespan, reference): the reference's time expression grammar (units in a fixed order,
// each at most once), offsets added to the reference date in its order of operations.
Value from_now(Env& env, const std::string& timespan, const Value& reference, const ScopePtr&) {
  (void)env;
  static const std::vector<std::vector<std::string>> units = {
      {"y", "year", "years", "yr"}, {"months", "month", "mo"}, {"weeks", "week", "wk", "w"}, {"days", "day", "d"},
      {"hours", "hour", "hr", "h"}, {"minutes", "minute", "min", "m"}, {"seconds", "second", "sec", "s"}};
  const std::string& s = timespan;
  auto bad = [&]() { fail("TemplateError", "String: '" + s + "' isn't a time expression", false); };
  auto skip_space = [&](size_t& i) {
    while (i < s.size()) {
      size_t n = space_len(s, i);
      if (!n) break;
      i += n;
    }
  };
  double values[7] = {0, 0, 0, 0, 0, 0, 0};
  size_t i = 0;
  double neg = 1;
  {
    size_t j = i;
    skip_space(j);
    if (j < s.size() && (s[j] == '-' || s[j] == '+')) {
      neg = s[j] == '-' ? -1 : 1;
      i = j + 1;
    }
  }
  for (size_t g = 0; g < units.size(); ++g) {
    size_t j = i;
    skip_space(j);
    size_t d0 = j;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j == d0) continue;
    std::string number = s.substr(d0, j - d0);
    skip_space(j);
    size_t u0 = j;
    while (j < s.size() && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))) ++j;
    std::string unit = s.substr(u0, j - u0);
    for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (std::find(units[g].begin(), units[g].end(), unit) == units[g].end()) continue;
    values[g] = std::strtod(number.c_str(), nullptr) * neg;
    i = j;
  }
  skip_space(i);
  if (i != s.size()) bad();
  double years = values[0], months = values[1], weeks = values[2], days = values[3], hours = values[4], minutes = values[5],
         seconds = values[6];
  days += 30 * months;
  days += 365 * years;
  double t;
  if (Interpreter::truthy_js(reference)) {
    if (reference.type == Type::Number) t = js_time_clip(reference.number);
    else if (reference.type == Type::Bool) t = reference.boolean ? 1 : 0;
    else t = js_parse_date(to_js_string(reference));
  } else {
    t = static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::system_clock::now().time_since_epoch()).count());
  }
  double sum = t + weeks * 7 * 24 * 60 * 60 * 1000 + days * 24 * 60 * 60 * 1000 + hours * 60 * 60 * 1000 +
               minutes * 60 * 1000 + seconds * 1000;
  std::string text = js_date_to_json(sum);
  if (text.empty()) return Value::null();
  return Value::of_string(text);
}

// The whole source is one expression.
Value evaluate(Env& env, const std::string& source, const ScopePtr& ctx) {
  Parser parser(source);
  NodePtr tree = parser.parse();
  if (parser.current())
    fail("SyntaxError", "Found: " + parser.current()->value +
                            " token, expected one of: !=, &&, (, *, **, +, -, ., /, <, <=, ==, >, >=, [, in, ||");
  return Interpreter(env, ctx).visit(tree.get());
}

// ---------------------------------------------------------------------------------------------
// Rendering.

class Renderer {
 public:
  explicit Renderer(Env& env) : env_(env) {}

  Value render(const Value& t, const ScopePtr& ctx) {
    env_.charge(1);
    switch (t.type) {
      case Type::String: return Value::of_string(interpolate(t.s(), ctx));
      case Type::Array: {
        std::vector<Value> out;
        for (size_t i = 0; i < t.arr->items.size(); ++i) {
          Value v = located(ctx, t.arr->items[i], "[" + std::to_string(i) + "]");
          if (!is_marker(v)) out.push_back(std::move(v));
        }
        env_.charge(out.size());
        return make_array(std::move(out));
      }
      case Type::Object: return render_object(t, ctx);
      default: return t;
    }
  }

  std::string interpolate(const std::string& s, const ScopePtr& ctx) {
    std::string result;
    size_t pos = 0;
    while (true) {
      size_t offset = std::string::npos;
      for (size_t p = pos; p + 1 < s.size(); ++p) {
        if (s[p] == '$' && (s[p + 1] == '{' || (s[p + 1] == '$' && p + 2 < s.size() && s[p + 2] == '{'))) {
          offset = p;
          break;
        }
      }
      if (offset == std::string::npos) break;
      result.append(s, pos, offset - pos);
      if (s[offset + 1] != '$') {
        const size_t base = offset + 2;
        Parser parser(s, base);
        NodePtr tree = parser.parse();
        if (!parser.current()) fail("SyntaxError", "unterminated ${..} expression");
        if (parser.current()->kind != Tok::RBrace)
          fail("SyntaxError", "Found: " + parser.current()->value +
                                  " token, expected one of: !=, &&, (, *, **, +, -, ., /, <, <=, ==, >, >=, [, in, ||");
        size_t close = parser.current()->start - base;
        Value v = Interpreter(env_, ctx).visit(tree.get());
        if (v.type == Type::Array || v.type == Type::Object)
          template_error("interpolation of '" + s.substr(base, close) + "' produced an array or object");
        if (v.type == Type::Function) template_error("interpolation of '" + s.substr(base, close) + "' produced a function");
        if (v.type != Type::Null) result += to_js_string(v);
        if (result.size() > kMaxString) template_error("string too long (tcguard's limit)");
        pos = offset + 2 + close + 1;
      } else {
        result += "${";
        pos = offset + 3;
      }
    }
    result.append(s, pos, std::string::npos);
    env_.charge(result.size() / 16);
    return result;
  }

 private:
  Value located(const ScopePtr& ctx, const Value& t, const std::string& where) {
    try {
      return render(t, ctx);
    } catch (JsError& e) {
      if (e.locatable) e.location.insert(e.location.begin(), where);
      throw;
    }
  }

  static bool plain_identifier(const std::string& k, bool dollar) {
    size_t i = 0;
    if (dollar) {
      if (k.empty() || k[0] != '$') return false;
      i = 1;
    }
    if (i >= k.size() || !((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= 'A' && k[i] <= 'Z'))) return false;
    for (++i; i < k.size(); ++i)
      if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= 'A' && k[i] <= 'Z') || (k[i] >= '0' && k[i] <= '9'))) return false;
    return true;
  }

  Value render_object(const Value& t, const ScopePtr& ctx) {
    static const char* ops[] = {"$eval", "$flatten", "$flattenDeep", "$fromNow", "$if", "$json", "$let", "$map", "$reduce",
                                "$find", "$match", "$switch", "$merge", "$mergeDeep", "$reverse", "$sort"};
    const Object& o = *t.obj;
    const char* op = nullptr;
    int count = 0;
    for (const char* name : ops)
      if (o.find(name)) op = name, ++count;
    if (count > 1) template_error("only one operator allowed");
    if (op) return operate(op, o, ctx);
    auto out = std::make_shared<Object>();
    for (const auto* kv : o.keys()) {
      const std::string& key = kv->first;
      Value v = located(ctx, kv->second, plain_identifier(key, false) ? "." + key : "[" + js_quote(key) + "]");
      if (is_marker(v)) continue;
      std::string out_key;
      if (key.rfind("$$", 0) == 0) out_key = key.substr(1);
      else if (plain_identifier(key, true)) template_error("$<identifier> is reserved; use $$<identifier>");
      else out_key = interpolate(key, ctx);
      out->set(out_key, std::move(v));
    }
    env_.charge(out->items.size());
    return checked_object(std::move(out));
  }

  // `each(a)`, `each(a, b)` (or with three names for $reduce) matched against the whole of `s`.
  static bool match_each(std::string_view s, const char* head, size_t min_ids, size_t max_ids, std::vector<std::string>* ids) {
    size_t hl = std::strlen(head);
    if (s.substr(0, hl) != head) return false;
    size_t i = hl;
    std::vector<std::string> found;
    while (true) {
      if (!found.empty()) {
        if (i >= s.size() || s[i] != ',') break;
        ++i;
        while (i < s.size()) {
          size_t n = space_len(std::string(s.substr(i, 4)), 0);
          if (!n) break;
          i += n;
        }
      }
      if (i >= s.size() || !ident_start(s[i])) return false;
      size_t b = i;
      while (i < s.size() && ident_char(s[i])) ++i;
      found.emplace_back(s.substr(b, i - b));
      if (found.size() == max_ids) break;
    }
    if (found.size() < min_ids || i + 1 != s.size() || s[i] != ')') return false;
    if (ids) *ids = found;
    return true;
  }

  struct Allowed {
    std::string literal;  // "" for a pattern
    const char* head = nullptr;
    size_t min_ids = 0, max_ids = 0;
  };

  // The reference tests keys against `alt1|alt2|...|altN$` unanchored at the start: a key passes
  // if it contains one of the literal names, or ends with the last alternative.
  static void check_properties(const Object& o, const std::vector<Allowed>& allowed) {
    std::vector<std::string> keys;
    for (const auto& kv : o.items) keys.push_back(kv.first);
    std::sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) { return js_compare_strings(a, b) < 0; });
    std::string unknown;
    for (const auto& key : keys) {
      bool ok = false;
      for (size_t i = 0; i < allowed.size() && !ok; ++i) {
        const Allowed& a = allowed[i];
        bool last = i + 1 == allowed.size();
        if (!a.literal.empty()) {
          ok = last ? (key.size() >= a.literal.size() && key.compare(key.size() - a.literal.size(), a.literal.size(), a.literal) == 0)
                    : key.find(a.literal) != std::string::npos;
        } else {
          for (size_t p = key.find(a.head); p != std::string::npos && !ok; p = key.find(a.head, p + 1))
            ok = match_each(std::string_view(key).substr(p), a.head, a.min_ids, a.max_ids, nullptr);
        }
      }
      if (!ok) unknown += " " + key;
    }
    if (!unknown.empty()) template_error(allowed[0].literal + " has undefined properties:" + unknown);
  }

  std::optional<std::string> first_other_key(const Object& o, std::initializer_list<const char*> except) {
    for (const auto* kv : o.keys()) {
      bool skip = false;
      for (const char* e : except) skip = skip || kv->first == e;
      if (!skip) return kv->first;
    }
    return std::nullopt;
  }

  static Value merge_objects(const std::vector<Value>& sources) {
    auto out = std::make_shared<Object>();
    for (const auto& s : sources)
      for (const auto* kv : s.obj->keys()) out->set(kv->first, kv->second);
    return checked_object(std::move(out));
  }

  Value merge_deep(const Value& l, const Value& r) {
    env_.charge(1);
    if (l.type == Type::Array && r.type == Type::Array) {
      std::vector<Value> items = l.arr->items;
      items.insert(items.end(), r.arr->items.begin(), r.arr->items.end());
      env_.charge(items.size());
      return make_array(std::move(items));
    }
    if (l.type == Type::Object && r.type == Type::Object) {
      Value res = merge_objects({l});
      for (const auto* kv : r.obj->keys()) {
        const Value* lv = l.obj->find(kv->first);
        res.obj->set(kv->first, lv ? merge_deep(*lv, kv->second) : kv->second);
      }
      return checked_object(res.obj);
    }
    return r;
  }

  void flatten_deep(const Value& v, std::vector<Value>& out) {
    if (v.type != Type::Array) {
      out.push_back(v);
      return;
    }
    env_.charge(v.arr->items.size());
    for (const auto& i : v.arr->items) flatten_deep(i, out);
  }

  Value lookup_now(const ScopePtr& ctx) {
    const Value* now = ctx->find("now");
    return now ? *now : Value::null();
  }

  Value operate(const std::string& op, const Object& t, const ScopePtr& ctx) {
    auto lit = [](const char* s) { return Allowed{s, nullptr, 0, 0}; };
    auto get = [&](const char* k) { return t.find(k); };
    if (op == "$eval") {
      check_properties(t, {lit("$eval")});
      if (get("$eval")->type != Type::String) template_error("$eval must be given a string expression");
      return evaluate(env_, get("$eval")->s(), ctx);
    }
    if (op == "$flatten") {
      check_properties(t, {lit("$flatten")});
      Value v = render(*get("$flatten"), ctx);
      if (v.type != Type::Array) template_error("$flatten value must evaluate to an array");
      std::vector<Value> out;
      for (const auto& i : v.arr->items) {
        if (i.type == Type::Array) out.insert(out.end(), i.arr->items.begin(), i.arr->items.end());
        else out.push_back(i);
      }
      env_.charge(out.size());
      return make_array(std::move(out));
    }
    if (op == "$flattenDeep") {
      check_properties(t, {lit("$flattenDeep")});
      Value v = render(*get("$flattenDeep"), ctx);
      if (v.type != Type::Array) template_error("$flattenDeep value must evaluate to an array");
      std::vector<Value> out;
      flatten_deep(v, out);
      return make_array(std::move(out));
    }
    if (op == "$fromNow") {
      check_properties(t, {lit("$fromNow"), lit("from")});
      Value v = render(*get("$fromNow"), ctx);
      Value reference = lookup_now(ctx);
      if (const Value* from = get("from"); from && Interpreter::truthy_js(*from)) reference = render(*from, ctx);
      if (v.type != Type::String) template_error("$fromNow expects a string");
      return from_now(env_, v.s(), reference, ctx);
    }
    if (op == "$if") {
      check_properties(t, {lit("$if"), lit("then"), lit("else")});
      if (get("$if")->type != Type::String) template_error("$if can evaluate string expressions only");
      if (truthy(evaluate(env_, get("$if")->s(), ctx))) {
        if (get("$then")) template_error("$if Syntax error: $then: should be spelled then: (no $)");
        return get("then") ? render(*get("then"), ctx) : delete_marker();
      }
      return get("else") ? render(*get("else"), ctx) : delete_marker();
    }
    if (op == "$json") {
      check_properties(t, {lit("$json")});
      Value v = render(*get("$json"), ctx);
      if (contains_functions(v)) template_error("evaluated template contained uncalled functions");
      std::string out;
      stable_stringify(v, out);
      return Value::of_string(std::move(out));
    }
    if (op == "$let") {
      check_properties(t, {lit("$let"), lit("in")});
      if (get("$let")->type != Type::Object) template_error("$let value must be an object");
      Value initial = render(*get("$let"), ctx);
      if (initial.type != Type::Object) template_error("$let value must be an object");
      std::vector<std::pair<std::string, Value>> vars;
      for (const auto* kv : initial.obj->keys()) {
        if (!context_key(kv->first)) template_error("top level keys of $let must follow /[a-zA-Z_][a-zA-Z0-9_]*/");
        vars.emplace_back(kv->first, kv->second);
      }
      ScopePtr child = child_scope(ctx, std::move(vars));
      const Value* in = get("in");
      if (!in || in->type == Type::Null) template_error("$let operator requires an `in` clause");
      return render(*in, child);
    }
    if (op == "$map") {
      check_properties(t, {lit("$map"), Allowed{"", "each(", 1, 2}});
      Value v = render(*get("$map"), ctx);
      if (v.type != Type::Array && v.type != Type::Object) template_error("$map value must evaluate to an array or object");
      if (t.items.size() != 2) template_error("$map must have exactly two properties");
      std::string each_key = *first_other_key(t, {"$map"});
      std::vector<std::string> ids;
      if (!match_each(each_key, "each(", 1, 2, &ids)) template_error("$map requires each(identifier) syntax");
      const Value& each = *t.find(each_key);
      if (v.type == Type::Object) {
        std::vector<Value> results;
        for (const auto* kv : v.obj->keys()) {
          std::vector<std::pair<std::string, Value>> args;
          if (ids.size() == 2) {
            args = {{ids[0], kv->second}, {ids[1], Value::of_string(kv->first)}};
          } else {
            auto pair = std::make_shared<Object>();
            pair->set("key", Value::of_string(kv->first));
            pair->set("val", kv->second);
            args = {{ids[0], checked_object(pair)}};
          }
          Value r = render(each, child_scope(ctx, std::move(args)));
          if (r.type != Type::Object) template_error("$map on objects expects each(" + ids[0] + ") to evaluate to an object");
          if (!is_marker(r)) results.push_back(std::move(r));
        }
        return merge_objects(results);
      }
      std::vector<Value> out;
      const auto items = v.arr->items;
      for (size_t i = 0; i < items.size(); ++i) {
        std::vector<std::pair<std::string, Value>> args = {{ids[0], items[i]}};
        if (ids.size() == 2) args.emplace_back(ids[1], Value::of_number(static_cast<double>(i)));
        Value r = render(each, child_scope(ctx, std::move(args)));
        if (!is_marker(r)) out.push_back(std::move(r));
      }
      return make_array(std::move(out));
    }
    if (op == "$reduce") {
      check_properties(t, {lit("$reduce"), lit("initial"), Allowed{"", "each(", 2, 3}});
      Value v = render(*get("$reduce"), ctx);
      if (v.type != Type::Array) template_error("$reduce value must evaluate to an array");
      if (t.items.size() != 3) template_error("$reduce must have exactly three properties");
      std::string each_key = *first_other_key(t, {"$reduce", "initial"});
      std::vector<std::string> ids;
      if (!match_each(each_key, "each(", 2, 3, &ids)) template_error("$reduce requires each(identifier) syntax");
      const Value& each = *t.find(each_key);
      Value acc = get("initial") ? *get("initial") : Value::null();
      const auto items = v.arr->items;
      for (size_t i = 0; i < items.size(); ++i) {
        std::vector<std::pair<std::string, Value>> args = {{ids[0], acc}, {ids[1], items[i]}};
        if (ids.size() == 3) args.emplace_back(ids[2], Value::of_number(static_cast<double>(i)));
        Value r = render(each, child_scope(ctx, std::move(args)));
        if (!is_marker(r)) acc = std::move(r);
      }
      return acc;
    }
    if (op == "$find") {
      check_properties(t, {lit("$find"), Allowed{"", "each(", 1, 2}});
      Value v = render(*get("$find"), ctx);
      if (v.type != Type::Array) template_error("$find value must evaluate to an array");
      if (t.items.size() != 2) template_error("$find must have exactly two properties");
      std::string each_key = *first_other_key(t, {"$find"});
      std::vector<std::string> ids;
      if (!match_each(each_key, "each(", 1, 2, &ids)) template_error("$find requires each(identifier) syntax");
      const Value& each = *t.find(each_key);
      if (each.type != Type::String) template_error("each can evaluate string expressions only");
      const auto items = v.arr->items;
      for (size_t i = 0; i < items.size(); ++i) {
        std::vector<std::pair<std::string, Value>> args = {{ids[0], items[i]}};
        if (ids.size() == 2) args.emplace_back(ids[1], Value::of_number(static_cast<double>(i)));
        ScopePtr child = child_scope(ctx, std::move(args));
        if (truthy(evaluate(env_, each.s(), child)) && !interpolate(each.s(), child).empty()) return items[i];
      }
      return delete_marker();
    }
    if (op == "$match" || op == "$switch") {
      bool is_switch = op == "$switch";
      check_properties(t, {lit(op.c_str())});
      const Value& conditions = *get(op.c_str());
      if (conditions.type != Type::Object) template_error(op + " can evaluate objects only");
      std::vector<std::string> keys;
      for (const auto& kv : conditions.obj->items)
        if (!is_switch || kv.first != "$default") keys.push_back(kv.first);
      std::sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) { return js_compare_strings(a, b) < 0; });
      std::vector<Value> results;
      for (const auto& k : keys)
        if (truthy(evaluate(env_, k, ctx))) results.push_back(render(*conditions.obj->find(k), ctx));
      if (!is_switch) return make_array(std::move(results));
      if (results.size() > 1) template_error("$switch can only have one truthy condition");
      if (results.empty() && conditions.obj->find("$default")) results.push_back(render(*conditions.obj->find("$default"), ctx));
      return results.empty() ? delete_marker() : results[0];
    }
    if (op == "$merge" || op == "$mergeDeep") {
      check_properties(t, {lit(op.c_str())});
      Value v = render(*get(op.c_str()), ctx);
      if (v.type != Type::Array ||
          std::any_of(v.arr->items.begin(), v.arr->items.end(), [](const Value& i) { return i.type != Type::Object; }))
        template_error(op + " value must evaluate to an array of objects");
      if (op == "$merge") return merge_objects(v.arr->items);
      if (v.arr->items.empty()) return checked_object(std::make_shared<Object>());
      // The reference shifts the first element off the (possibly shared) array.
      Value acc = v.arr->items.front();
      v.arr->items.erase(v.arr->items.begin());
      for (const auto& i : v.arr->items) acc = merge_deep(acc, i);
      return acc;
    }
    if (op == "$reverse") {
      check_properties(t, {lit("$reverse")});
      Value v = render(*get("$reverse"), ctx);
      if (v.type != Type::Array) template_error("$reverse value must evaluate to an array of objects");
      std::reverse(v.arr->items.begin(), v.arr->items.end());  // in place, as the reference
      return v;
    }
    // $sort
    check_properties(t, {lit("$sort"), Allowed{"", "by(", 1, 1}});
    Value v = render(*get("$sort"), ctx);
    const char* same_type = "$sorted values to be sorted must have the same type";
    if (v.type != Type::Array) template_error(same_type);
    auto by_key = first_other_key(t, {"$sort"});
    std::vector<std::string> ids;
    std::vector<std::pair<Value, Value>> tagged;
    if (by_key && match_each(*by_key, "by(", 1, 1, &ids)) {
      const Value& expr = *t.find(*by_key);
      if (expr.type != Type::String) template_error("by(" + ids[0] + ") must be given a string expression");
      for (const auto& e : v.arr->items)
        tagged.emplace_back(evaluate(env_, expr.s(), child_scope(ctx, {{ids[0], e}})), e);
    } else {
      for (const auto& e : v.arr->items) {
        if (e.type == Type::Array || e.type == Type::Object) template_error(same_type);
        tagged.emplace_back(e, e);
      }
    }
    if (!tagged.empty()) {
      Type first = tagged[0].first.type;
      if (first != Type::Number && first != Type::String) template_error(same_type);
      for (const auto& e : tagged)
        if (e.first.type != first) template_error(same_type);
    }
    env_.charge(tagged.size() * 4);
    merge_sort(tagged);
    std::vector<Value> out;
    for (auto& e : tagged) out.push_back(std::move(e.second));
    return make_array(std::move(out));
  }

  // Stable, and safe with the inconsistent order NaN gives.
  static void merge_sort(std::vector<std::pair<Value, Value>>& v) {
    auto less = [](const Value& a, const Value& b) {
      if (a.type == Type::String) return js_compare_strings(a.s(), b.s()) < 0;
      return a.number < b.number;
    };
    std::vector<std::pair<Value, Value>> tmp(v.size());
    for (size_t width = 1; width < v.size(); width *= 2) {
      for (size_t lo = 0; lo < v.size(); lo += 2 * width) {
        size_t mid = std::min(lo + width, v.size()), hi = std::min(lo + 2 * width, v.size());
        size_t i = lo, j = mid, k = lo;
        while (i < mid && j < hi) tmp[k++] = less(v[j].first, v[i].first) ? v[j++] : v[i++];
        while (i < mid) tmp[k++] = v[i++];
        while (j < hi) tmp[k++] = v[j++];
      }
      std::swap(v, tmp);
    }
  }

  void stable_stringify(const Value& v, std::string& out) {
    env_.charge(1);
    switch (v.type) {
      case Type::Null: out += "null"; return;
      case Type::Bool: out += v.boolean ? "true" : "false"; return;
      case Type::Number: out += std::isfinite(v.number) ? js_number_to_string(v.number) : "null"; return;
      case Type::String: out += js_quote(v.s()); return;
      case Type::Array:
        out += "[";
        for (size_t i = 0; i < v.arr->items.size(); ++i) {
          if (i) out += ",";
          stable_stringify(v.arr->items[i], out);
        }
        out += "]";
        return;
      case Type::Object: {
        std::vector<const std::pair<std::string, Value>*> keys;
        for (const auto& kv : v.obj->items) keys.push_back(&kv);
        std::stable_sort(keys.begin(), keys.end(), [](auto* a, auto* b) { return js_compare_strings(a->first, b->first) < 0; });
        out += "{";
        for (size_t i = 0; i < keys.size(); ++i) {
          if (i) out += ",";
          out += js_quote(keys[i]->first) + ":";
          stable_stringify(keys[i]->second, out);
        }
        out += "}";
        return;
      }
      case Type::Function: out += "null"; return;
    }
  }

 public:
  static bool context_key(const std::string& k) {
    if (k.empty() || !ident_start(k[0])) return false;
    return std::all_of(k.begin() + 1, k.end(), ident_char);
  }

 private:
  Env& env_;
};

Value from_json(const Json& j, int depth) {
  if (depth > kMaxTemplateDepth) template_error("input nested too deeply (tcguard's limit)");
  switch (j.type()) {
    case Json::value_t::null: return Value::null();
    case Json::value_t::boolean: return Value::of_bool(j.get<bool>());
    case Json::value_t::number_integer: return Value::of_number(static_cast<double>(j.get<int64_t>()));
    case Json::value_t::number_unsigned: return Value::of_number(static_cast<double>(j.get<uint64_t>()));
    case Json::value_t::number_float: return Value::of_number(j.get<double>());
    case Json::value_t::string: return Value::of_string(j.get<std::string>());
    case Json::value_t::array: {
      std::vector<Value> items;
      for (const auto& e : j) items.push_back(from_json(e, depth + 1));
      return make_array(std::move(items));
    }
    case Json::value_t::object: {
      auto o = std::make_shared<Object>();
      for (auto it = j.begin(); it != j.end(); ++it) o->set(it.key(), from_json(it.value(), depth + 1));
      return checked_object(std::move(o));
    }
    default: return Value::null();
  }
}

Json to_json(const Value& v) {
  switch (v.type) {
    case Type::Null: case Type::Function: return nullptr;
    case Type::Bool: return v.boolean;
    case Type::Number: {
      double d = v.number;
      if (!std::isfinite(d)) return nullptr;
      if (std::trunc(d) == d && std::fabs(d) < 9007199254740992.0) return static_cast<int64_t>(d);
      return d;
    }
    case Type::String: return v.s();
    case Type::Array: {
      Json a = Json::array();
      for (const auto& e : v.arr->items) a.push_back(to_json(e));
      return a;
    }
    case Type::Object: {
      Json o = Json::object();
      for (const auto* kv : v.obj->keys()) o[kv->first] = to_json(kv->second);
      return o;
    }
  }
  return nullptr;
}

std::string format_error(const JsError& e) {
  std::string loc;
  for (const auto& l : e.location) loc += l;
  if (!loc.empty()) return e.kind + " at template" + loc + ": " + e.message;
  return e.kind + ": " + e.message;
}

void write_json(const Json& v, int indent, int level, std::string& out) {
  auto newline = [&](int lv) {
    if (indent >= 0) out += "\n" + std::string(static_cast<size_t>(indent * lv), ' ');
  };
  switch (v.type()) {
    case Json::value_t::null: out += "null"; return;
    case Json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; return;
    case Json::value_t::number_integer: out += std::to_string(v.get<int64_t>()); return;
    case Json::value_t::number_unsigned: out += std::to_string(v.get<uint64_t>()); return;
    case Json::value_t::number_float: {
      double d = v.get<double>();
      out += std::isfinite(d) ? js_number_to_string(d) : "null";
      return;
    }
    case Json::value_t::string: out += js_quote(v.get_ref<const std::string&>()); return;
    case Json::value_t::array: {
      if (v.empty()) { out += "[]"; return; }
      out += "[";
      bool first = true;
      for (const auto& e : v) {
        if (!first) out += ",";
        first = false;
        newline(level + 1);
        write_json(e, indent, level + 1, out);
      }
      newline(level);
      out += "]";
      return;
    }
    case Json::value_t::object: {
      if (v.empty()) { out += "{}"; return; }
      out += "{";
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) out += ",";
        first = false;
        newline(level + 1);
        out += js_quote(it.key()) + (indent >= 0 ? ": " : ":");
        write_json(it.value(), indent, level + 1, out);
      }
      newline(level);
      out += "}";
      return;
    }
    default: out += "null"; return;
  }
}

}  // namespace
}  // namespace detail

Result<Json> render(const Json& tmpl, const Json& context, const RenderOptions& options) {
  using namespace detail;
  Env env;
  try {
    if (!context.is_object()) template_error("context must be an object");
    for (auto it = context.begin(); it != context.end(); ++it)
      if (!Renderer::context_key(it.key())) template_error("top level keys of context must follow /[a-zA-Z_][a-zA-Z0-9_]*/");
    auto builtins = std::make_shared<Scope>();
    for (int b = 0; b <= static_cast<int>(Builtin::Defined); ++b) {
      auto fn = static_cast<Builtin>(b);
      builtins->vars.set(builtin_name(fn), Value::of_function(fn));
    }
    auto user = std::make_shared<Scope>();
    user->parent = builtins;
    Value now = options.now ? Value::of_string(*options.now) : Value::null();
    user->vars.set("now", from_now(env, "0 seconds", now, builtins));
    Value ctx = from_json(context, 0);
    for (const auto* kv : ctx.obj->keys()) user->vars.set(kv->first, kv->second);
    Value t = from_json(tmpl, 0);
    Renderer renderer(env);
    Value result = renderer.render(t, user);
    if (is_marker(result)) return Json(nullptr);
    if (contains_functions(result)) template_error("evaluated template contained uncalled functions");
    return to_json(result);
  } catch (const JsError& e) {
    return Error{format_error(e), {}};
  }
}

std::string error_class(const Error& error) {
  size_t end = error.message.find_first_of(" :");
  return error.message.substr(0, end);
}

std::string to_json_text(const Json& value, int indent) {
  std::string out;
  detail::write_json(value, indent, 0, out);
  return out;
}

bool is_valid_date(const std::string& text) { return !std::isnan(detail::js_parse_date(text)); }

}  // namespace tcg::jsone
