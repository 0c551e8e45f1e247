#pragma once
// yaml-cpp 0.7 parses recursively with no depth limit, so a deeply nested document overflows the
// stack. This conservative pre-scan rejects such input (and oversized files) before yaml-cpp sees it.
#include <string>
#include <string_view>

#include "util/result.h"

namespace tcg::yaml {

constexpr size_t kMaxPolicyBytes = 1 << 20;  // 1 MiB: far more than any policy or config needs
constexpr size_t kMaxRolesBytes = 64 << 20;  // a dump of a large deployment's roles (auth.listRoles)
constexpr int kMaxFlowDepth = 64;            // nested [ ] / { }
constexpr int kMaxBlockDepth = 128;          // indentation plus `- `, `? `, `: ` indicators on one line

// Errors name file:line:column of the place where the limit was passed. `kind` names the kind of
// file in messages ("policy file", "roles file").
Status check_yaml_limits(std::string_view text, const std::string& filename, size_t max_bytes = kMaxPolicyBytes,
                         const std::string& kind = "policy file");

}  // namespace tcg::yaml
