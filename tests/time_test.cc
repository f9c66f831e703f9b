#include "test_support.h"

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
