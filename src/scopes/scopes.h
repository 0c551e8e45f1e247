#pragma once
// Taskcluster scope algebra with exactly taskcluster-lib-scopes' semantics (TASKCLUSTER.md §1).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "util/result.h"

namespace tcg::scopes {

// Printable ASCII 0x20..0x7e only; the empty string is valid.
bool is_valid_scope(std::string_view scope);
// The same check, saying why: error.where.column is the 1-based column of the first bad byte
// (line 1, no file: the caller knows where the scope came from).
Status check_scope(std::string_view scope);

// A scope expression: a scope, or AllOf/AnyOf of sub-expressions.
struct Expr {
  enum class Kind { Scope, AllOf, AnyOf };
  Kind kind = Kind::Scope;
  std::string scope;            // Kind::Scope
  std::vector<Expr> children;   // Kind::AllOf / Kind::AnyOf

  static Expr of(std::string s) { return Expr{Kind::Scope, std::move(s), {}}; }
  static Expr all_of(std::vector<Expr> c) { return Expr{Kind::AllOf, {}, std::move(c)}; }
  static Expr any_of(std::vector<Expr> c) { return Expr{Kind::AnyOf, {}, std::move(c)}; }
  bool operator==(const Expr&) const = default;
};

// Parses an expression from JSON text. Text that does not start with `{` or `"` (after blanks)
// is taken as a plain scope, verbatim. On error, error.where.line/column are the 1-based position
// in `text` where parsing failed (error.where.file is empty: set it, or add your own offset, when
// the text came from a file); the message itself carries no position.
Result<Expr> parse_expr(std::string_view text);
// For already-parsed JSON; errors say where inside the expression ("at AllOf[1]: ...").
Result<Expr> expr_from_json(const nlohmann::json& j);
nlohmann::json expr_to_json(const Expr& e);
std::string expr_to_string(const Expr& e);  // compact JSON, or the bare scope

// scopeCompare: <0, 0, >0. `P*` < `P` < `P<more>`.
int scope_compare(std::string_view a, std::string_view b);
bool scope_less(std::string_view a, std::string_view b);  // scope_compare(a, b) < 0

// Sorts by scopeCompare and drops duplicates and every scope covered by an earlier `X*`.
std::vector<std::string> normalize(std::vector<std::string> scopes);
// normalize(a ++ b).
std::vector<std::string> merge(const std::vector<std::string>& a, const std::vector<std::string>& b);
// Normalized intersection: the scopes satisfied by both sets.
std::vector<std::string> intersect(const std::vector<std::string>& a, const std::vector<std::string>& b);

// !intersect({scope}, set).empty(), without building either set: one scope of `set` satisfies
// `scope`, or `scope` satisfies one of them.
bool intersects(std::string_view scope, const std::vector<std::string>& set);

// Does a single held scope satisfy a single required scope?
bool scope_satisfies(std::string_view held, std::string_view required);

// A held set, normalized and sorted once, answering "is this scope satisfied" with a prefix
// search in O(length * log n) instead of a loop over every held scope.
class ScopeSet {
 public:
  ScopeSet() = default;
  explicit ScopeSet(std::vector<std::string> held);
  bool satisfies(std::string_view scope) const;
  const std::vector<std::string>& scopes() const { return held_; }  // normalized

 private:
  std::vector<std::string> held_;      // normalized
  std::vector<std::string> prefixes_;  // the held `X*` scopes without their star, sorted byte-wise
  std::vector<std::string> exact_;     // the held scopes without a trailing star, sorted byte-wise
};

// A held set answered for one expression only, built for a large held set read once: each held
// scope (a view into the caller's buffer, not copied) is looked up among the prefixes of the
// expression's leaves (a hash table of at most sum(|leaf| + 1) entries), so the held set is never
// sorted, normalized or stored. Only the leaves are sorted, once. Answers exactly what a ScopeSet
// of the same held scopes answers, for the expression's own leaves.
class LeafAnswers {
 public:
  explicit LeafAnswers(const Expr& required);
  LeafAnswers(const LeafAnswers&) = delete;  // prefixes_ views leaves_
  LeafAnswers& operator=(const LeafAnswers&) = delete;
  LeafAnswers(LeafAnswers&&) = default;  // moving the vectors keeps their elements in place
  LeafAnswers& operator=(LeafAnswers&&) = default;
  void hold(std::string_view scope);  // one held scope (assumed valid: check it first)
  // One scope per line (LF or CRLF; blank lines skipped), checked; a bad line is an error at
  // `name`:line:column.
  Status hold_lines(std::string_view text, const std::string& name);
  // For a leaf of the expression; any other scope is answered false.
  bool satisfies(std::string_view leaf) const;

 private:
  struct Prefix {
    std::string_view text;  // a prefix of leaves_[lo], and so of every leaf in [lo, hi)
    size_t hash;
    uint32_t lo, hi;
  };
  const Prefix* find(std::string_view prefix, size_t hash) const;
  void hold_key(std::string_view scope, std::string_view key, size_t hash);
  void mark(uint32_t lo, uint32_t hi);
  std::vector<std::string> leaves_;    // the distinct leaves, sorted byte-wise
  std::vector<Prefix> prefixes_;       // every distinct prefix of every leaf ("" included)
  std::vector<uint32_t> slots_;        // open addressing into prefixes_, index + 1 (0 = empty)
  std::vector<int32_t> cover_;         // difference array over leaves_: +1 at lo, -1 at hi
  mutable std::vector<bool> satisfied_;  // cover_'s prefix sums, made when first asked
  mutable bool settled_ = false;
};

bool satisfies(const ScopeSet& held, const Expr& required);
bool satisfies(const LeafAnswers& held, const Expr& required);
// scopesSatisfying: the expression's satisfied leaf scopes, normalized; nullopt if not satisfied.
std::optional<std::vector<std::string>> scopes_satisfying(const ScopeSet& held, const Expr& required);
std::optional<std::vector<std::string>> scopes_satisfying(const LeafAnswers& held, const Expr& required);
// removeGivenScopes: nullopt when satisfied, else what is still missing.
std::optional<Expr> remove_given_scopes(const ScopeSet& held, const Expr& required);
std::optional<Expr> remove_given_scopes(const LeafAnswers& held, const Expr& required);

// Offline role expansion (auth service semantics, TASKCLUSTER.md §1 "Role expansion").
struct Role {
  std::string role_id;
  std::vector<std::string> scopes;
};
// Reads a YAML or JSON list of {roleId, scopes}; errors name file:line:column.
Result<std::vector<Role>> load_roles_file(const std::string& path);
Result<std::vector<Role>> parse_roles(std::string_view text, const std::string& filename);
// Expands `assume:` scopes to a fixed point and returns the normalized result (input included).
// A cycle in the role graph is an error that names the roles involved.
Result<std::vector<std::string>> expand(const std::vector<Role>& roles, const std::vector<std::string>& scopes);

}  // namespace tcg::scopes
