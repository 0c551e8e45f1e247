// scope-literal-escape: `-s "a\nb"` passes a backslash and an `n`, not a newline, so the UI does not
// split it and the client gets one nonsense scope instead of two.
#include <algorithm>

#include "rules/request/request_check.h"

namespace tcg::rules {
namespace {

class ScopeLiteralEscapeCheck : public RequestCheck {
 public:
  std::string_view id() const override { return "scope-literal-escape"; }
  void check_request(const SigninRequest& request, const policy::Policy&, std::vector<Finding>& out) const override {
    for (const auto& scope : request.scopes) {
      size_t at = std::string::npos;
      for (const char* esc : {"\\n", "\\t", "\\r"}) at = std::min(at, scope.find(esc));
      if (at == std::string::npos) continue;
      out.push_back(finding(
          request,
          "scope " + quote_scope(scope) + " holds a literal `" + scope.substr(at, 2) +
              "`: the shell did not turn it into a newline, so it stays one scope",
          "Write the scopes as separate -s options, or use $'...' quoting (-s $'a\\nb') so the shell expands "
          "the newline."));
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_scope_literal_escape_check() { return std::make_unique<ScopeLiteralEscapeCheck>(); }
}  // namespace tcg::rules
