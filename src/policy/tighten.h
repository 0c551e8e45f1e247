#pragma once
// Merging an untrusted project policy for the guard (DESIGN.md "Policy lookup"): a `.tcguard.yaml`
// found by walking up from the current folder comes with whatever repository the user stands in,
// so for `run`, the masquerade and `signin` it may only add or tighten. What would loosen is left
// out and said, so the user can see it and trust the file if they mean it (`policy trust`).
#include <string>
#include <vector>

#include "policy/policy.h"

namespace tcg::policy {

struct TighteningMerge {
  Policy policy;
  std::vector<IgnoredPart> ignored;
};

// `base` with every part of `overlay` that adds or tightens; the rest in `ignored`.
// Added: new rules and actions, new production clusters on root URLs no cluster has, a stricter
// rule or action under an existing id, a cluster made production, `unknown_cluster: production`.
// Left out: any rule or action that is not provably at least as strict as the one it replaces,
// a cluster made non-production or given other root URLs, a new non-production cluster where
// unknown root URLs count as production, `unknown_cluster: ignore`, and every exception.
TighteningMerge merge_tightening_only(Policy base, const Policy& overlay);

}  // namespace tcg::policy
