#include "test_support.h"

#include <date/date.h>

using namespace sendpolicy;
using namespace sendpolicy_test;

TEST_CASE("parse_timestamp accepts RFC 3339", "[time]") {
  auto [text, expected] = GENERATE(table<const char*, const char*>({
      {"2026-03-02T12:00:00Z", "2026-03-02T12:00:00Z"},
      {"2026-03-02t12:00:00z", "2026-03-02T12:00:00Z"},
      {"2026-03-02T13:00:00+01:00", "2026-03-02T12:00:00Z"},
      {"2026-03-02T07:00:00-05:00", "2026-03-02T12:00:00Z"},
      {"2026-03-02T12:00:00.999Z", "2026-03-02T12:00:00Z"},
      {"2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"},
      {"2026-01-01T00:30:00+01:00", "2025-12-31T23:30:00Z"},
      {"9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"},
  }));
  CAPTURE(text);
  const auto t = parse_timestamp(text);
  REQUIRE(t.has_value());
  CHECK(format_timestamp(*t) == expected);
}

TEST_CASE("parse_timestamp rejects everything else", "[time]") {
  auto text = GENERATE(as<std::string>{}, "", "2026-03-02", "2026-03-02 12:00:00Z",
                       "2026-03-02T12:00:00", "2026-13-02T12:00:00Z", "2026-02-30T12:00:00Z",
                       "2025-02-29T12:00:00Z", "2026-03-02T24:00:00Z", "2026-03-02T12:60:00Z",
                       "2026-12-31T23:59:60Z", "0000-01-01T00:00:00Z", "2026-03-02T12:00:00.Z",
                       "2026-03-02T12:00:00+0100", "2026-03-02T12:00:00+24:00", "2026-03-02T12:00:00Zjunk",
                       "+2026-03-02T12:00:00Z", "2026-3-2T12:00:00Z", std::string("2026-03-02T12:00:00\0Z", 21));
  CAPTURE(text);
  CHECK_FALSE(parse_timestamp(text).has_value());
}

// parse_timestamp() decides "YYYY-MM-DDTHH:MM:SSZ" on a fast path of its own
// (src/time.cc) and everything else with the general parser; the fast path
// must agree with the calendar on every date of years 0001-9999: leap days
// (2024-02-29 yes, 2100-02-29 no, 2000-02-29 yes), 30- and 31-day months, day
// 00 and 32. The expected instant comes from Howard Hinnant's date library,
// not from the code under test.
TEST_CASE("parse_timestamp's and format_timestamp's fast paths agree with the calendar on every date",
          "[time]") {
  char text[] = "0000-00-00T12:34:56Z";
  const auto put = [&](int at, int digits, unsigned v) {
    for (int i = digits - 1; i >= 0; --i, v /= 10) text[at + i] = static_cast<char>('0' + v % 10);
  };
  long mismatches = 0;
  for (unsigned y = 1; y <= 9999; ++y) {
    put(0, 4, y);
    for (unsigned m = 1; m <= 12; ++m) {
      put(5, 2, m);
      for (unsigned d = 0; d <= 32; ++d) {
        put(8, 2, d);
        const date::year_month_day ymd{date::year{static_cast<int>(y)}, date::month{m},
                                       date::day{d}};
        const auto got = parse_timestamp(text);
        if (!ymd.ok()) {
          if (got) ++mismatches;
          continue;
        }
        const Timestamp want = date::sys_days{ymd} + std::chrono::hours{12} +
                               std::chrono::minutes{34} + std::chrono::seconds{56};
        if (!got || *got != want) ++mismatches;
        // format_timestamp() has a fast path of its own for these years.
        char buf[20];
        if (format_timestamp(want, buf) != std::string_view(text, 20)) ++mismatches;
      }
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("parse_timestamp's UTC fast path: the bounds of each field", "[time]") {
  auto [text, valid] = GENERATE(table<const char*, bool>({
      {"0001-01-01T00:00:00Z", true},   // first instant RFC 3339 years allow
      {"0000-12-31T23:59:59Z", false},  // the instant before: year 0
      {"9999-12-31T23:59:59Z", true},
      {"2026-03-02T23:59:59Z", true},
      {"2026-03-02T24:00:00Z", false},
      {"2026-03-02T23:59:60Z", false},  // leap second
      {"2026-03-02T23:60:00Z", false},
      {"2026-00-02T12:00:00Z", false},
      {"2026-13-02T12:00:00Z", false},
      {"2026-04-30T12:00:00Z", true},
      {"2026-04-31T12:00:00Z", false},
      {"2100-02-28T12:00:00Z", true},
      {"2100-02-29T12:00:00Z", false},  // century, not a leap year
      {"2000-02-29T12:00:00Z", true},   // divisible by 400: a leap year
      {"2026-03-02T1a:00:00Z", false},
      {"2026-03-02T12:00:00z", true},   // same length, general parser
      {"2026-03-02t12:00:00Z", true},
  }));
  CAPTURE(text);
  CHECK(parse_timestamp(text).has_value() == valid);
}

TEST_CASE("parse_timestamp's UTC fast path: every byte at every position", "[time]") {
  // The fast path checks the 20 characters as three 8-byte words; each
  // position must still reject every byte that does not belong there:
  // any non-digit where a digit goes (control bytes, bytes >= 0x80, the
  // neighbours '/' and ':'), and any other character at a separator, where
  // only 't' for 'T' and 'z' for 'Z' are valid (RFC 3339 allows lower case).
  const std::string good = "2026-03-02T12:00:00Z";
  const auto is_digit_position = [](std::size_t i) {
    return i != 4 && i != 7 && i != 10 && i != 13 && i != 16 && i != 19;
  };
  int mismatches = 0;
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (int b = 0; b < 256; ++b) {
      const char c = static_cast<char>(b);
      std::string text = good;
      text[i] = c;
      bool expected;
      if (is_digit_position(i)) {
        if (c >= '0' && c <= '9') continue;  // may or may not be a valid date
        expected = false;
      } else {
        expected = c == good[i] || (i == 10 && c == 't') || (i == 19 && c == 'z');
      }
      if (parse_timestamp(text).has_value() != expected) {
        ++mismatches;
        UNSCOPED_INFO("position " << i << ", byte " << b);
      }
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("parse_timestamp's fast and general paths give the same instant", "[time]") {
  // The same instant written in the fast form and in forms only the general
  // parser reads (fraction, offset, lower case).
  auto text = GENERATE(as<std::string>{}, "2026-03-02T11:00:00.5Z", "2026-03-02T12:00:00+01:00",
                       "2026-03-02T11:00:00z", "2026-03-02t11:00:00Z", "2026-03-02T06:00:00-05:00");
  CAPTURE(text);
  CHECK(parse_timestamp(text) == parse_timestamp("2026-03-02T11:00:00Z"));
}

TEST_CASE("format_timestamp: the edges of its fast path and of each day", "[time]") {
  // Written from the calendar: the first and last instants RFC 3339 years
  // carry, each side of 1970 (negative Unix times round down to the day
  // before), and clamped years outside 0000..9999.
  auto [seconds, text] = GENERATE(table<long long, const char*>({
      {0, "1970-01-01T00:00:00Z"},
      {-1, "1969-12-31T23:59:59Z"},
      {-86400, "1969-12-31T00:00:00Z"},
      {-86401, "1969-12-30T23:59:59Z"},
      {-62135596800, "0001-01-01T00:00:00Z"},
      {-62135596801, "0000-12-31T23:59:59Z"},  // the date library's path
      {253402300799, "9999-12-31T23:59:59Z"},
      {253402300800, "9999-01-01T00:00:00Z"},  // year 10000, clamped to 9999
      {951782400, "2000-02-29T00:00:00Z"},
      {1772452800, "2026-03-02T12:00:00Z"},
  }));
  CAPTURE(seconds);
  char buf[20];
  CHECK(format_timestamp(Timestamp{Duration{seconds}}, buf) == text);
}
