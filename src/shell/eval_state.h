#pragma once
// The evaluator's view of one path through the code: variables (known, unset or unknown),
// positional parameters, case labels taken, and what the path has printed so far.
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tcg::shell {

struct Value {
  enum class Kind { Unknown, Unset, Set };
  Kind kind = Kind::Unknown;
  std::vector<std::string> items;  // a scalar is items[0]; arrays hold every element
  bool is_array = false;
  bool exported = false;
  std::string display;             // Unknown: the text it came from ("$url", "$(..)")
  std::vector<int> outputs;        // command substitutions (ids) whose output the value holds

  static Value unknown(std::string display) {
    Value v;
    v.display = std::move(display);
    return v;
  }
  static Value unset() {
    Value v;
    v.kind = Kind::Unset;
    return v;
  }
  static Value scalar(std::string s) {
    Value v;
    v.kind = Kind::Set;
    v.items.push_back(std::move(s));
    return v;
  }
  bool known() const { return kind != Kind::Unknown; }
  // The scalar value ("" when unset).
  const std::string& text() const {
    static const std::string kEmpty;
    return items.empty() ? kEmpty : items[0];
  }
  bool operator==(const Value&) const = default;
};

// The variables of a path. Paths fork often (case branches, $(..), function bodies, alias
// bodies) and each writes few variables, so a path keeps a shared, frozen base and its own small
// list of changes (copied on write); the changes are folded into a new base when they grow.
class VarMap {
 public:
  // The variable, or nullptr when this path never set it (it comes from the environment).
  const Value* get(std::string_view name) const;
  // The variable for writing; a new one is Value{} (unknown).
  Value& operator[](std::string_view name);
  // Forgets the variable (after `local` ends): it is the environment's again.
  void erase(std::string_view name);
  bool operator==(const VarMap& other) const;

 private:
  using Map = std::map<std::string, Value, std::less<>>;
  using Changes = std::map<std::string, std::optional<Value>, std::less<>>;  // nullopt: erased
  static constexpr size_t kMaxChanges = 8;

  Changes& writable_changes();
  void fold();
  Map merged() const;

  std::shared_ptr<const Map> base_;
  std::shared_ptr<Changes> changes_;
};

// One word after expansion.
struct Field {
  std::string text;           // unknown fields: a display form such as "--expires=$t"
  bool known = true;
  std::vector<int> outputs;
  bool operator==(const Field&) const = default;
};

enum class PositionalMode {
  Unknown,   // a function evaluated on its own, or a script: "$@" is unknown
  Known,     // a call with these fields
  Empty,     // an alias body: the interactive shell has no positional parameters
};

struct SavedLocal {
  std::string name;
  std::optional<Value> previous;
  bool operator==(const SavedLocal&) const = default;
};

// The case labels taken on a path, oldest first. Paths fork at every case branch and keep what
// came before, so lists share their beginnings; a LabelTable makes each list one node, unique per
// content: a copy is a pointer, and equal lists are the same pointer.
struct LabelNode {
  std::string label;
  const LabelNode* parent = nullptr;
  size_t size = 0;
};

class LabelPath {
 public:
  size_t size() const { return last_ ? last_->size : 0; }
  bool empty() const { return !last_; }
  void clear() { last_ = nullptr; }
  // Keeps the first n labels.
  void truncate(size_t n) {
    while (last_ && last_->size > n) last_ = last_->parent;
  }
  // Labels first..size()-1, oldest first.
  std::vector<std::string_view> from(size_t first) const;
  bool operator==(const LabelPath& other) const { return last_ == other.last_; }

 private:
  friend class LabelTable;
  const LabelNode* last_ = nullptr;
};

// Owns the label nodes of one evaluation (they live as long as it does).
class LabelTable {
 public:
  LabelPath push(LabelPath path, std::string_view label);

 private:
  std::map<std::pair<const LabelNode*, std::string_view>, const LabelNode*> index_;
  std::deque<LabelNode> nodes_;
};

struct State {
  VarMap vars;
  PositionalMode positional_mode = PositionalMode::Unknown;
  std::vector<Field> positional;
  LabelPath labels;                          // case labels on this path
  std::vector<std::vector<SavedLocal>> locals;  // one frame per function call
  bool ended = false;                        // return / exit
  int sink = 0;                              // stdout: 0 terminal, >0 substitution id, <0 see kSink*
  std::string out;                           // what this path printed into the current substitution
  bool out_known = true;
  // Cheap members first: paths are compared pairwise after every fork.
  bool operator==(const State& o) const {
    return ended == o.ended && sink == o.sink && out_known == o.out_known && positional_mode == o.positional_mode &&
           labels == o.labels && out == o.out && locals.size() == o.locals.size() && positional == o.positional &&
           locals == o.locals && vars == o.vars;
  }
};

inline constexpr int kSinkPipe = -1;
inline constexpr int kSinkFile = -2;
inline constexpr int kSinkNull = -3;

// echo / printf as bash runs them, on known arguments: the text they print.
std::string echo_output(const std::vector<std::string>& args);
std::optional<std::string> printf_output(const std::vector<std::string>& args);

// Does `text` match the case pattern (glob: * ? [..], backslash escapes)? Quoted pattern
// characters are literal: the caller passes them escaped.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace tcg::shell
