#pragma once
// Calendar dates for exception `until:` values.
#include <cstdint>
#include <optional>
#include <string_view>

namespace tcg::policy {

// Days since 1970-01-01 of a proleptic Gregorian date.
int64_t days_from_civil(int64_t year, unsigned month, unsigned day);
// "YYYY-MM-DD" (exactly that shape, a real calendar day) -> days since 1970-01-01.
std::optional<int64_t> parse_iso_date(std::string_view text);

}  // namespace tcg::policy
