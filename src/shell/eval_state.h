#pragma once
// The evaluator's view of one path through the code: variables (known, unset or unknown),
// positional parameters, case labels taken, and what the path has printed so far.
#include <cstdint>
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
// Values are shared between paths too and copied only when a path writes one: a copy of a path
// copies pointers, never variable text.
class VarMap {
 public:
  // The variable, or nullptr when this path never set it (it comes from the environment).
  const Value* get(std::string_view name) const;
  // Sets (replaces) the variable.
  void set(std::string_view name, Value value);
  // The same, sharing the value (for saving and restoring locals without copies).
  std::shared_ptr<const Value> get_shared(std::string_view name) const;
  void set_shared(std::string_view name, std::shared_ptr<const Value> value);
  // `export NAME`: marks a variable the path has set (nothing when it has not).
  void mark_exported(std::string_view name);
  // Forgets the variable (after `local` ends): it is the environment's again.
  void erase(std::string_view name);
  bool operator==(const VarMap& other) const;
  // A hash of the content (names and values), kept up to date on every change: paths with
  // different hashes differ, so most comparisons of paths end here.
  uint64_t content_hash() const { return content_hash_; }

 private:
  struct Entry {
    std::string name;
    uint64_t hash = 0;
    std::shared_ptr<Value> value;  // shared with other paths while use_count() > 1; null: erased
    uint64_t value_hash = 0;
  };
  using Entries = std::vector<Entry>;
  static constexpr size_t kMaxChanges = 8;

  static uint64_t hash_of(std::string_view text);
  static uint64_t hash_of(const Value& value);
  static uint64_t share(const Entry& e);  // what a visible entry adds to content_hash_
  const Entry* find_change(std::string_view name, uint64_t hash) const;
  const Entry* find_base(std::string_view name, uint64_t hash) const;
  const Entry* find(std::string_view name, uint64_t hash) const;
  Entries& writable_changes();
  Entry& change_slot(std::string_view name, uint64_t hash);
  void store(Entry& e, std::shared_ptr<Value> value, uint64_t value_hash);
  void fold();
  Entries merged() const;
  template <class F>
  void for_each_visible(F&& visit) const;

  std::shared_ptr<const Entries> base_;  // sorted by (hash, name), no erased entries
  std::shared_ptr<Entries> changes_;     // unsorted, at most kMaxChanges
  uint64_t content_hash_ = 0;            // sum of share() over the visible entries
};

// One word after expansion.
struct Field {
  std::string text;           // unknown fields: a display form such as "--expires=$t"
  bool known = true;
  std::vector<int> outputs;
  bool operator==(const Field&) const = default;
};

// A value shared by the paths that copied it, copied only when one of them changes it (paths
// are copied at every branch; most never change these).
template <class T>
class Shared {
 public:
  const T& operator*() const { return ptr_ ? *ptr_ : empty(); }
  const T* operator->() const { return &**this; }
  T& edit() {
    if (!ptr_) {
      ptr_ = std::make_shared<T>();
    } else if (ptr_.use_count() > 1) {
      ptr_ = std::make_shared<T>(*ptr_);
    }
    return *ptr_;
  }
  void set(T value) { ptr_ = std::make_shared<T>(std::move(value)); }
  void reset() { ptr_.reset(); }
  bool operator==(const Shared& o) const { return ptr_ == o.ptr_ || **this == *o; }

 private:
  static const T& empty() {
    static const T nothing{};
    return nothing;
  }
  std::shared_ptr<T> ptr_;
};

enum class PositionalMode {
  Unknown,   // a function evaluated on its own, or a script: "$@" is unknown
  Known,     // a call with these fields
  Empty,     // an alias body: the interactive shell has no positional parameters
};

// A variable a function made local, with the value to put back when it returns (shared, not
// copied: paths are copied often).
struct SavedLocal {
  std::string name;
  std::shared_ptr<const Value> previous;  // null: it was not set
  bool operator==(const SavedLocal& o) const {
    return name == o.name && (previous == o.previous || (previous && o.previous && *previous == *o.previous));
  }
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

// A zsh option that changes expansion, as a path knows it: set by a command the evaluator did
// not follow (`setopt $opts`), it is Unknown, and what it would change is unknown too.
enum class ZshOption : uint8_t { Off, On, Unknown };

struct State {
  VarMap vars;
  ZshOption sh_word_split = ZshOption::Off;  // zsh: unquoted parameters are split on IFS
  ZshOption ksh_arrays = ZshOption::Off;     // zsh: 0-based arrays, `$a` is the first element
  bool local_options = false;                // zsh: options return to the caller's at `return`
  PositionalMode positional_mode = PositionalMode::Unknown;
  Shared<std::vector<Field>> positional;
  LabelPath labels;                          // case labels on this path
  Shared<std::vector<std::vector<SavedLocal>>> locals;  // one frame per function call
  bool ended = false;                        // return / exit
  int sink = 0;                              // stdout: 0 terminal, >0 substitution id, <0 see kSink*
  std::string out;                           // what this path printed into the current substitution
  bool out_known = true;
  // Cheap members first: paths are compared pairwise after every fork.
  bool operator==(const State& o) const {
    return ended == o.ended && sink == o.sink && sh_word_split == o.sh_word_split && ksh_arrays == o.ksh_arrays &&
           local_options == o.local_options && out_known == o.out_known && positional_mode == o.positional_mode &&
           vars.content_hash() == o.vars.content_hash() && labels == o.labels && out == o.out &&
           locals->size() == o.locals->size() && positional == o.positional && locals == o.locals && vars == o.vars;
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
