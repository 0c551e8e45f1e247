#pragma once
// The judge's last steps on a findings list (docs/ARCHITECTURE.md "Judging: one cause, one finding").
#include <vector>

#include "model/finding.h"

namespace tcg::judge {

// A request reached through a call of a function or alias is judged at the call: each of its
// findings gets the body, where `taskcluster signin` is written, as a related location. Before
// suppressions, so that a `# tcguard:` comment at the body covers its calls too.
void relate_call_sites(const std::vector<SigninRequest>& requests, std::vector<Finding>& findings);

// A call's finding that says exactly what the body's own finding says (the function run on its
// own resolves the same request: the call adds nothing) is not repeated: the body's finding is
// kept and names the call as a related location.
void merge_call_duplicates(const std::vector<SigninRequest>& requests, std::vector<Finding>& findings);

// One cause, one finding. The lifetime rules judge one too-long lifetime, each for a wider set of
// scopes: root-scope-expiry (`*`), service-wildcard-expiry, wildcard-scope-expiry,
// long-lived-credential (any scopes). For one request at one place the most severe of them is
// kept, and among equals the first of that list (the most specific); the others, and the findings
// that explain the cause (signin-default-expiry for the lifetime, signin-default-scopes for a `*`
// the scope rules judged), are folded into it as related entries. After suppressions and
// exceptions, which each accept one rule id: what they leave is folded.
void fold_causes(std::vector<Finding>& findings);

}  // namespace tcg::judge
