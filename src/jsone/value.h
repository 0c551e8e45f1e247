#pragma once
// The values JSON-e computes with: JSON plus built-in functions. Arrays and objects are shared
// like JavaScript references, because the reference's $reverse and $mergeDeep mutate the array
// they are given (which can be a context value) and later reads see that.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tcg::jsone::detail {

enum class Type { Null, Bool, Number, String, Array, Object, Function };

struct Value;
struct Array;
struct Object;

enum class Builtin {
  Min, Max, Sqrt, Ceil, Floor, Abs, Range, Lowercase, Uppercase, Str, Number, Len, Strip, Rstrip, Lstrip,
  Split, Join, FromNow, Typeof, Defined
};

struct Value {
  Type type = Type::Null;
  bool boolean = false;
  double number = 0;
  Builtin fn = Builtin::Min;
  std::shared_ptr<const std::string> str;
  std::shared_ptr<Array> arr;
  std::shared_ptr<Object> obj;

  static Value null() { return {}; }
  static Value of_bool(bool b) { Value v; v.type = Type::Bool; v.boolean = b; return v; }
  static Value of_number(double n) { Value v; v.type = Type::Number; v.number = n; return v; }
  static Value of_string(std::string s) {
    Value v; v.type = Type::String; v.str = std::make_shared<const std::string>(std::move(s)); return v;
  }
  static Value of_array(std::shared_ptr<Array> a) { Value v; v.type = Type::Array; v.arr = std::move(a); return v; }
  static Value of_object(std::shared_ptr<Object> o) { Value v; v.type = Type::Object; v.obj = std::move(o); return v; }
  static Value of_function(Builtin f) { Value v; v.type = Type::Function; v.fn = f; return v; }

  const std::string& s() const { return *str; }
};

struct Array {
  std::vector<Value> items;
  int depth = 1;  // nesting depth, bounded (kMaxDepth) so recursive walks cannot overflow the stack
};

// Keys in insertion order, with a lookup index; keys() gives JavaScript's enumeration order.
struct Object {
  std::vector<std::pair<std::string, Value>> items;
  std::unordered_map<std::string, size_t> index;
  int depth = 1;

  const Value* find(const std::string& key) const {
    auto it = index.find(key);
    return it == index.end() ? nullptr : &items[it->second].second;
  }
  void set(const std::string& key, Value v);
  std::vector<const std::pair<std::string, Value>*> keys() const;
};

inline int depth_of(const Value& v) {
  if (v.type == Type::Array) return v.arr->depth;
  if (v.type == Type::Object) return v.obj->depth;
  return 0;
}

// Number formatting and conversion as JavaScript does it.
std::string js_number_to_string(double d);
double js_string_to_number(std::string_view s);
// JSON.stringify of a string.
std::string js_quote(std::string_view s);
// UTF-16 code unit order (JavaScript's < and default sort on strings).
int js_compare_strings(const std::string& a, const std::string& b);
// Code points of UTF-8 text (invalid bytes become U+FFFD) and back.
std::vector<char32_t> utf8_decode(std::string_view s);
std::string utf8_encode(const std::vector<char32_t>& cps, size_t begin, size_t end);
bool is_js_space(char32_t c);

// Dates: milliseconds since the epoch, or NaN for an invalid date.
double js_parse_date(const std::string& s);
double js_time_clip(double t);
// Date.prototype.toJSON: ISO text, or empty for an invalid date (the reference returns null).
std::string js_date_to_json(double t);

}  // namespace tcg::jsone::detail
