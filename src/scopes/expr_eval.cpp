// Evaluating scope expressions against a held set (satisfiesExpression, scopesSatisfying,
// removeGivenScopes), with the library's exact shapes of answer.
#include "scopes/scopes.h"

namespace tcg::scopes {

namespace {

// Held: a ScopeSet or a LeafAnswers, anything with satisfies(std::string_view).
template <class Held>
bool satisfies_any(const Held& held, const Expr& required) {
  switch (required.kind) {
    case Expr::Kind::Scope:
      return held.satisfies(required.scope);
    case Expr::Kind::AllOf:
      for (const auto& c : required.children)
        if (!satisfies_any(held, c)) return false;
      return true;
    case Expr::Kind::AnyOf:
      for (const auto& c : required.children)
        if (satisfies_any(held, c)) return true;
      return false;
  }
  return false;
}

// Appends the satisfied leaves to `used`; on failure leaves `used` as it was. Every AnyOf branch
// is evaluated (no short cut) so every satisfied alternative contributes.
template <class Held>
bool collect_satisfying(const Held& held, const Expr& e, std::vector<std::string>& used) {
  const size_t start = used.size();
  switch (e.kind) {
    case Expr::Kind::Scope:
      if (!held.satisfies(e.scope)) return false;
      used.push_back(e.scope);
      return true;
    case Expr::Kind::AllOf:
      for (const auto& c : e.children) {
        if (!collect_satisfying(held, c, used)) {
          used.resize(start);
          return false;
        }
      }
      return true;
    case Expr::Kind::AnyOf: {
      bool found = false;
      for (const auto& c : e.children) found = collect_satisfying(held, c, used) || found;
      if (!found) used.resize(start);
      return found;
    }
  }
  return false;
}

template <class Held>
std::optional<std::vector<std::string>> satisfying_any(const Held& held, const Expr& required) {
  std::vector<std::string> used;
  if (!collect_satisfying(held, required, used)) return std::nullopt;
  return normalize(std::move(used));
}

// nullopt = satisfied. An AllOf keeps its missing children (collapsing to a lone one); an AnyOf is
// satisfied by any satisfied child, else keeps all of them (a lone one collapses too).
template <class Held>
std::optional<Expr> remove_any(const Held& held, const Expr& required) {
  switch (required.kind) {
    case Expr::Kind::Scope:
      if (held.satisfies(required.scope)) return std::nullopt;
      return required;
    case Expr::Kind::AllOf: {
      std::vector<Expr> missing;
      for (const auto& c : required.children)
        if (auto m = remove_any(held, c)) missing.push_back(std::move(*m));
      if (missing.empty()) return std::nullopt;
      if (missing.size() == 1) return std::move(missing.front());
      return Expr::all_of(std::move(missing));
    }
    case Expr::Kind::AnyOf: {
      std::vector<Expr> missing;
      for (const auto& c : required.children) {
        auto m = remove_any(held, c);
        if (!m) return std::nullopt;
        missing.push_back(std::move(*m));
      }
      if (missing.size() == 1) return std::move(missing.front());
      return Expr::any_of(std::move(missing));
    }
  }
  return std::nullopt;
}

}  // namespace

bool satisfies(const ScopeSet& held, const Expr& required) { return satisfies_any(held, required); }
bool satisfies(const LeafAnswers& held, const Expr& required) { return satisfies_any(held, required); }
std::optional<std::vector<std::string>> scopes_satisfying(const ScopeSet& held, const Expr& required) {
  return satisfying_any(held, required);
}
std::optional<std::vector<std::string>> scopes_satisfying(const LeafAnswers& held, const Expr& required) {
  return satisfying_any(held, required);
}
std::optional<Expr> remove_given_scopes(const ScopeSet& held, const Expr& required) { return remove_any(held, required); }
std::optional<Expr> remove_given_scopes(const LeafAnswers& held, const Expr& required) { return remove_any(held, required); }

}  // namespace tcg::scopes
