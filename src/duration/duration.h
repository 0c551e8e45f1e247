#pragma once
// The `taskcluster signin --expires` grammar (TASKCLUSTER.md §2) and the short form tcguard prints.
#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.h"

namespace tcg {

// Seconds, possibly negative. "" parses as 0. Errors carry the 1-based column in `text`
// (in Error::where.column; file/line left empty for the caller to fill).
Result<int64_t> parse_duration(std::string_view text);

// The short form: 3600 -> "1h", 5400 -> "1h30m", 90061 -> "1d1h1m1s", 0 -> "0s", -900 -> "-15m".
// Uses d/h/m/s only (no months or years), so it round-trips through parse_duration.
std::string format_duration(int64_t seconds);

}  // namespace tcg
