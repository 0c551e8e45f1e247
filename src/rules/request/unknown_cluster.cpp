// unknown-cluster: a root URL the policy does not know; it is judged as production (fail safe).
#include "rules/request/request_check.h"

namespace tcg::rules {
namespace {

class UnknownClusterCheck : public RequestCheck {
 public:
  std::string_view id() const override { return "unknown-cluster"; }
  void check_request(const SigninRequest& request, const policy::Policy& policy, std::vector<Finding>& out) const override {
    // An unresolved root URL (from the caller's environment) is not a finding in itself; with
    // `unknown_cluster: ignore` the policy has opted out.
    if (!request.root_url || !request.cluster.empty() || !policy.unknown_is_production) return;
    out.push_back(finding(request,
                          "root URL `" + *request.root_url + "` names no cluster of the policy; judged as production",
                          "Fix the root URL (a typo?), or add the cluster to your policy's `clusters:` with "
                          "`production: true|false`."));
  }
};

}  // namespace
std::unique_ptr<Check> make_unknown_cluster_check() { return std::make_unique<UnknownClusterCheck>(); }
}  // namespace tcg::rules
