// TEMPORARY: lets the binary link until src/scopes/ is implemented. Delete with that change.
#include <stdexcept>
#include <nlohmann/json.hpp>
#include "scopes/scopes.h"
namespace tcg::scopes {
bool is_valid_scope(std::string_view) { throw std::logic_error("stub"); }
Result<Expr> parse_expr(std::string_view) { throw std::logic_error("stub"); }
Result<Expr> expr_from_json(const nlohmann::json&) { throw std::logic_error("stub"); }
nlohmann::json expr_to_json(const Expr&) { throw std::logic_error("stub"); }
std::string expr_to_string(const Expr&) { throw std::logic_error("stub"); }
int scope_compare(std::string_view, std::string_view) { throw std::logic_error("stub"); }
bool scope_less(std::string_view, std::string_view) { throw std::logic_error("stub"); }
std::vector<std::string> normalize(std::vector<std::string>) { throw std::logic_error("stub"); }
std::vector<std::string> merge(const std::vector<std::string>&, const std::vector<std::string>&) { throw std::logic_error("stub"); }
std::vector<std::string> intersect(const std::vector<std::string>&, const std::vector<std::string>&) { throw std::logic_error("stub"); }
bool scope_satisfies(std::string_view, std::string_view) { throw std::logic_error("stub"); }
ScopeSet::ScopeSet(std::vector<std::string>) { throw std::logic_error("stub"); }
bool ScopeSet::satisfies(std::string_view) const { throw std::logic_error("stub"); }
bool satisfies(const ScopeSet&, const Expr&) { throw std::logic_error("stub"); }
std::optional<std::vector<std::string>> scopes_satisfying(const ScopeSet&, const Expr&) { throw std::logic_error("stub"); }
std::optional<Expr> remove_given_scopes(const ScopeSet&, const Expr&) { throw std::logic_error("stub"); }
Result<std::vector<Role>> load_roles_file(const std::string&) { throw std::logic_error("stub"); }
Result<std::vector<Role>> parse_roles(std::string_view, const std::string&) { throw std::logic_error("stub"); }
Result<std::vector<std::string>> expand(const std::vector<Role>&, const std::vector<std::string>&) { throw std::logic_error("stub"); }
}  // namespace tcg::scopes
