// TEMPORARY: role expansion is not implemented yet. Delete with that change.
#include <stdexcept>
#include "scopes/scopes.h"
namespace tcg::scopes {
Result<std::vector<Role>> load_roles_file(const std::string&) { throw std::logic_error("stub"); }
Result<std::vector<Role>> parse_roles(std::string_view, const std::string&) { throw std::logic_error("stub"); }
Result<std::vector<std::string>> expand(const std::vector<Role>&, const std::vector<std::string>&) { throw std::logic_error("stub"); }
}  // namespace tcg::scopes
