#pragma once
// Sign-in profiles (`profiles:` in the policy): the request each makes, the `taskcluster signin`
// arguments that make it, and the rules' verdict on it, so that a shipped profile can never ask
// for more than the rules allow (`policy check` reports it, `tcguard signin NAME` refuses it).
#include <string>
#include <vector>

#include "policy/policy.h"

namespace tcg::policy {

// The sign-in a profile makes: its cluster's root URL, its scopes and lifetime, all known.
SigninRequest profile_request(const Policy& policy, const Profile& profile);

// `--expires E --scope S`: the scopes in one value, one per line (the CLI's web page splits the
// box by lines; TASKCLUSTER.md §2), so the command line reads as the profile does.
std::vector<std::string> profile_signin_args(const Profile& profile);

// Every profile judged by the policy's rules (live exceptions applied), each finding placed at
// the profile's name and with context "profile NAME".
std::vector<Finding> judge_profiles(const Policy& policy);

}  // namespace tcg::policy
