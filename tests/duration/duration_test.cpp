#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "duration/duration.h"

namespace tcg {
namespace {

int64_t parsed(std::string_view text) {
  auto r = parse_duration(text);
  EXPECT_TRUE(r.ok()) << "`" << text << "`: " << (r.ok() ? "" : r.error().str());
  return r.ok() ? *r : -424242;
}

// The 1-based column of the error, or 0 when the text parsed.
int error_column(std::string_view text) {
  auto r = parse_duration(text);
  EXPECT_FALSE(r.ok()) << "`" << text << "` parsed as " << (r.ok() ? *r : 0);
  return r.ok() ? 0 : r.error().where.column;
}

constexpr int64_t kMinute = 60, kHour = 3600, kDay = 86400;

TEST(ParseDuration, EverySpellingOfEveryUnit) {
  const std::pair<int64_t, std::vector<std::string>> units[] = {
      {365 * kDay, {"y", "yr", "year", "years"}},
      {30 * kDay, {"mo", "month", "months"}},
      {7 * kDay, {"w", "wk", "week", "weeks"}},
      {kDay, {"d", "day", "days"}},
      {kHour, {"h", "hr", "hour", "hours"}},
      {kMinute, {"m", "min", "minute", "minutes"}},
      {1, {"s", "sec", "second", "seconds"}},
  };
  for (const auto& [seconds, spellings] : units) {
    for (const auto& spelling : spellings) {
      EXPECT_EQ(parsed("3" + spelling), 3 * seconds) << spelling;
      EXPECT_EQ(parsed("3 " + spelling), 3 * seconds) << spelling;
      std::string upper = spelling;
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      EXPECT_EQ(parsed("3" + upper), 3 * seconds) << upper;
    }
  }
}

TEST(ParseDuration, MIsMinutesAndMoIsMonths) {
  EXPECT_EQ(parsed("1m"), kMinute);
  EXPECT_EQ(parsed("1mo"), 30 * kDay);
  EXPECT_EQ(parsed("1M"), kMinute);
  EXPECT_EQ(parsed("1MO"), 30 * kDay);
  EXPECT_EQ(parsed("1mo1m"), 30 * kDay + kMinute);
}

TEST(ParseDuration, CombinedPartsInOrder) {
  EXPECT_EQ(parsed("15m"), 15 * kMinute);
  EXPECT_EQ(parsed("1h"), kHour);
  EXPECT_EQ(parsed("1d2h"), kDay + 2 * kHour);
  EXPECT_EQ(parsed("2 hours 30 min"), 2 * kHour + 30 * kMinute);
  EXPECT_EQ(parsed("1y1mo1w1d1h1m1s"), 365 * kDay + 30 * kDay + 7 * kDay + kDay + kHour + kMinute + 1);
  EXPECT_EQ(parsed("1 year 2 months 3 weeks 4 days 5 hours 6 minutes 7 seconds"),
            365 * kDay + 60 * kDay + 21 * kDay + 4 * kDay + 5 * kHour + 6 * kMinute + 7);
  EXPECT_EQ(parsed("0h"), 0);
  EXPECT_EQ(parsed("007m"), 7 * kMinute);
}

TEST(ParseDuration, SignAndWhitespace) {
  EXPECT_EQ(parsed("-15m"), -15 * kMinute);
  EXPECT_EQ(parsed("+15m"), 15 * kMinute);
  EXPECT_EQ(parsed("- 1h 30m"), -(kHour + 30 * kMinute));
  EXPECT_EQ(parsed("  -1d  "), -kDay);
  EXPECT_EQ(parsed("\t1h\n"), kHour);
  EXPECT_EQ(parsed("1 h"), kHour);
  EXPECT_EQ(parsed("1\xC2\xA0h"), kHour);  // JavaScript's \s includes U+00A0
}

TEST(ParseDuration, EmptyAndLoneSignAreZero) {
  EXPECT_EQ(parsed(""), 0);
  EXPECT_EQ(parsed("   "), 0);
  EXPECT_EQ(parsed("-"), 0);
  EXPECT_EQ(parsed("+"), 0);
}

TEST(ParseDuration, ErrorsNameTheColumn) {
  EXPECT_EQ(error_column("1.5h"), 2);     // whole numbers only
  EXPECT_EQ(error_column("15"), 3);       // a unit is required
  EXPECT_EQ(error_column("h"), 1);        // a number is required
  EXPECT_EQ(error_column("15x"), 3);      // unknown unit
  EXPECT_EQ(error_column("1hrs"), 2);     // not a spelling
  EXPECT_EQ(error_column("1mon"), 2);
  EXPECT_EQ(error_column("1ms"), 2);
  EXPECT_EQ(error_column("1h-1m"), 3);    // sign only at the start
  EXPECT_EQ(error_column("--1h"), 2);
  EXPECT_EQ(error_column("1h?"), 3);
  EXPECT_EQ(error_column("1h 1 "), 6);    // the last number has no unit
}

TEST(ParseDuration, UnitsOutOfOrderOrRepeated) {
  EXPECT_EQ(error_column("30m1h"), 5);
  EXPECT_EQ(error_column("1h1h"), 4);
  EXPECT_EQ(error_column("1s1y"), 4);
  EXPECT_EQ(error_column("1m1mo"), 4);
  auto r = parse_duration("1h 2 hours");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("twice"), std::string::npos) << r.error().message;
  r = parse_duration("1m 1h");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("out of order"), std::string::npos) << r.error().message;
}

TEST(ParseDuration, OverflowIsAnError) {
  EXPECT_EQ(error_column("99999999999999999999s"), 1);
  EXPECT_EQ(error_column("1h 9223372036854775807s"), 4);
  EXPECT_EQ(error_column("300000000000y"), 1);
  EXPECT_EQ(parsed("9223372036854775807s"), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(error_column("9223372036854775808s"), 1);
  EXPECT_EQ(error_column("-9223372036854775808s"), 2);  // the magnitude itself does not fit
  EXPECT_EQ(parsed("-1m 9223372036854775748s"), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(error_column("-1m 9223372036854775749s"), 5);
}

TEST(FormatDuration, ShortForm) {
  EXPECT_EQ(format_duration(0), "0s");
  EXPECT_EQ(format_duration(3600), "1h");
  EXPECT_EQ(format_duration(5400), "1h30m");
  EXPECT_EQ(format_duration(90061), "1d1h1m1s");
  EXPECT_EQ(format_duration(-900), "-15m");
  EXPECT_EQ(format_duration(365 * kDay), "365d");
  EXPECT_EQ(format_duration(std::numeric_limits<int64_t>::min()), "-106751991167300d15h30m8s");
}

TEST(FormatDuration, RoundTripsThroughParse) {
  const int64_t samples[] = {0, 1, 59, 60, 61, 3599, 3600, 5400, 86399, 86400, 90061, 604800,
                             31536000, -1, -900, -90061, std::numeric_limits<int64_t>::max(),
                             std::numeric_limits<int64_t>::min() + 1};
  for (int64_t s : samples) EXPECT_EQ(parsed(format_duration(s)), s) << format_duration(s);
  for (int64_t s = -100000; s <= 100000; s += 7) ASSERT_EQ(parsed(format_duration(s)), s);
}

}  // namespace
}  // namespace tcg
