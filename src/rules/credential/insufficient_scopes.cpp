// insufficient-scopes: the credentials cannot satisfy what the queue will require.
#include "rules/credential/credential_check.h"

namespace tcg::rules {
namespace {

class InsufficientScopes : public Check {
 public:
  std::string_view id() const override { return "insufficient-scopes"; }
  void check(const Facts& facts, std::vector<Finding>& out) const override {
    const CredentialFacts* c = facts.credentials;
    if (!c || c->unverifiable || !c->task) return;
    const TaskCommandFacts& t = *c->task;
    scopes::ScopeSet held(c->scopes);
    auto missing = scopes::remove_given_scopes(held, t.required);
    if (!missing) return;
    Finding f = finding({}, c->context,
                        "the credentials of " + c->client_id + " lack the scopes that `task " + t.action + "` of " +
                            t.task_id + " (schedulerId " + t.scheduler_id + ", taskGroupId " + t.task_group_id +
                            ", projectId " + t.project_id + ") needs: missing " + describe_expr(*missing) +
                            "; the queue would answer InsufficientScopes",
                        "Sign in with what the command needs, for as short a time as the job takes: " +
                            minimal_signin_command(t.minimal_scopes));
    f.request = facts.held_request;
    out.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Check> make_insufficient_scopes_check() { return std::make_unique<InsufficientScopes>(); }

}  // namespace tcg::rules
