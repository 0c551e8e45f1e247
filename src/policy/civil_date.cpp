#include "policy/civil_date.h"

#include <chrono>

#include "policy/policy.h"

namespace tcg::policy {

int64_t days_from_civil(int64_t year, unsigned month, unsigned day) {
  // Howard Hinnant's well-known algorithm, written out from its description.
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const unsigned year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<int64_t>(day_of_era) - 719468;
}

std::optional<int64_t> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](size_t from, size_t count) -> std::optional<unsigned> {
    unsigned n = 0;
    for (size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      n = n * 10 + static_cast<unsigned>(text[i] - '0');
    }
    return n;
  };
  auto year = number(0, 4), month = number(5, 2), day = number(8, 2);
  if (!year || !month || !day || *month < 1 || *month > 12 || *day < 1) return std::nullopt;
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (*year % 4 == 0 && *year % 100 != 0) || *year % 400 == 0;
  unsigned limit = kDays[*month - 1] + ((*month == 2 && leap) ? 1 : 0);
  if (*day > limit) return std::nullopt;
  return days_from_civil(*year, *month, *day);
}

int64_t today_days_utc() {
  auto now = std::chrono::system_clock::now();
  return std::chrono::duration_cast<std::chrono::days>(now.time_since_epoch()).count();
}

}  // namespace tcg::policy
