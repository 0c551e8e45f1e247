// excess-privilege: credentials that hold root, a whole service or every role, used for a command
// that needs the scopes of one task.
#include <re2/re2.h>

#include "rules/credential/credential_check.h"

namespace tcg::rules {
namespace {

// `*`, `queue:*`, `queue*`, `assume:*`: the same shape the default policy's service-wildcard-expiry uses.
bool grants_a_whole_service(const std::string& scope) {
  static const re2::RE2 whole_service(R"([^:*]*:?\*)");
  return re2::RE2::FullMatch(scope, whole_service);
}

class ExcessPrivilege : public Check {
 public:
  std::string_view id() const override { return "excess-privilege"; }
  void check(const Facts& facts, std::vector<Finding>& out) const override {
    const CredentialFacts* c = facts.credentials;
    if (!c || c->unverifiable || !c->task) return;
    std::vector<std::string> broad;
    for (const auto& s : c->beyond_anonymous)
      if (grants_a_whole_service(s)) broad.push_back(s);
    if (broad.empty()) return;
    std::string held;
    for (size_t i = 0; i < broad.size() && i < 3; ++i) held += (i ? ", `" : "`") + broad[i] + "`";
    if (broad.size() > 3) held += " and " + std::to_string(broad.size() - 3) + " more";
    const TaskCommandFacts& t = *c->task;
    Finding f = finding({}, c->context,
                        "the credentials of " + c->client_id + " hold " + held + ", far more than `task " + t.action +
                            "` of " + t.task_id + " needs (" + describe_expr(t.required) + ")",
                        "Sign in with only what this command needs: " + minimal_signin_command(t.minimal_scopes));
    f.request = facts.held_request;
    out.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Check> make_excess_privilege_check() { return std::make_unique<ExcessPrivilege>(); }

}  // namespace tcg::rules
