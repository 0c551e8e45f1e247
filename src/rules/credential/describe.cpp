#include "rules/credential/credential_facts.h"
#include "util/shell_quote.h"

namespace tcg::rules {

std::string minimal_signin_command(const std::vector<std::string>& scopes) {
  std::string out = "eval \"$(taskcluster signin --expires 15m";
  for (const auto& s : scopes) out += " -s " + posix_quoted(s);
  return out + ")\"";
}

std::string describe_expr(const scopes::Expr& expr) {
  using Kind = scopes::Expr::Kind;
  if (expr.kind == Kind::Scope) return "`" + expr.scope + "`";
  std::string out = expr.kind == Kind::AllOf ? "all of (" : "one of (";
  for (size_t i = 0; i < expr.children.size(); ++i) out += (i ? ", " : "") + describe_expr(expr.children[i]);
  return out + ")";
}

}  // namespace tcg::rules
