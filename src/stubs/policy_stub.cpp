// TEMPORARY: lets the binary link until src/policy/ is implemented. Delete with that change.
#include <stdexcept>
#include "policy/policy.h"
namespace tcg::policy {
bool ClusterSelector::matches(const std::string&, bool) const { throw std::logic_error("stub"); }
const Cluster* Policy::find_cluster(const std::string&) const { throw std::logic_error("stub"); }
const Rule* Policy::find_rule(const std::string&) const { throw std::logic_error("stub"); }
Result<Policy> parse_policy(std::string_view, const std::string&) { return Error{"stub", {}}; }
Policy merge(Policy base, const Policy&) { return base; }
const Policy& default_policy() { throw std::logic_error("stub"); }
Result<Policy> load_effective_policy(const LoadOptions&) { return Error{"policy engine not implemented yet", {}}; }
bool root_urls_equal(std::string_view, std::string_view) { throw std::logic_error("stub"); }
ClusterMatch classify_root_url(const Policy&, const std::optional<std::string>&) { throw std::logic_error("stub"); }
std::vector<Finding> evaluate_rules(const Policy&, const SigninRequest&) { throw std::logic_error("stub"); }
void apply_exceptions(const Policy&, int64_t, std::vector<Finding>&) { throw std::logic_error("stub"); }
int64_t today_days_utc() { throw std::logic_error("stub"); }
}  // namespace tcg::policy
