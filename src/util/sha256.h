#pragma once
// SHA-256 (FIPS 180-4), for content hashes that must not depend on a run-time library: the
// trust store records policy files by hash (src/policy/trust.h), below the API layer that loads
// libcrypto.
#include <string>
#include <string_view>

namespace tcg {

// Lower-case hex digest of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace tcg
