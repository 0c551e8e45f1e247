#include "policy/profiles.h"

namespace tcg::policy {

SigninRequest profile_request(const Policy& policy, const Profile& profile) {
  SigninRequest r;
  r.where = profile.where;
  r.context = "profile " + profile.name;
  r.cluster = profile.cluster;
  if (const Cluster* c = policy.find_cluster(profile.cluster)) {
    r.root_url = c->root_url;
    r.production = c->production;
  }
  r.scopes = profile.scopes;
  r.scope_args = profile.scopes;
  r.expires = profile.expires;
  r.expires_seconds = profile.expires_seconds;
  return r;
}

std::vector<std::string> profile_signin_args(const Profile& profile) {
  std::string scopes;
  for (const auto& s : profile.scopes) scopes += (scopes.empty() ? "" : "\n") + s;
  return {"--expires", profile.expires, "--scope", scopes};
}

std::vector<Finding> judge_profiles(const Policy& policy) {
  std::vector<Finding> out;
  for (const auto& profile : policy.profiles) {
    auto findings = evaluate_rules(policy, profile_request(policy, profile));
    for (auto& f : findings) {
      f.where = profile.where;
      f.context = "profile " + profile.name;
      f.message = "profile `" + profile.name + "` " + f.message;
      f.request.reset();
    }
    apply_exceptions(policy, today_days_utc(), findings);
    out.insert(out.end(), findings.begin(), findings.end());
  }
  return out;
}

}  // namespace tcg::policy
