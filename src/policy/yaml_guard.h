#pragma once
// yaml-cpp 0.7 parses recursively with no depth limit, so a deeply nested document overflows the
// stack. This conservative pre-scan rejects such input (and oversized files) before yaml-cpp sees it.
#include <string>
#include <string_view>

#include "util/result.h"

namespace tcg::policy {

constexpr size_t kMaxPolicyBytes = 1 << 20;  // 1 MiB: far more than any policy needs
constexpr int kMaxFlowDepth = 64;            // nested [ ] / { }
constexpr int kMaxBlockDepth = 128;          // indentation plus `- `, `? `, `: ` indicators on one line

// Errors name file:line:column of the place where the limit was passed.
Status check_yaml_limits(std::string_view text, const std::string& filename);

}  // namespace tcg::policy
