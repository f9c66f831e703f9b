// next_permitted(): exact edges, DST gaps and overlaps in America/New_York
// and Europe/Rome, and a property check over a year of random instants.
#include <random>
#include <tuple>

#include "pack_support.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {
constexpr WeeklyHours kTcpa = WeeklyHours::every_day({8h, 21h});
constexpr WeeklyHours kTexas = WeeklyHours::mon_sat_sun({9h, 21h}, {12h, 21h});
// Windows placed inside the DST change hours, to exercise gaps and overlaps.
constexpr WeeklyHours kFrom0230 = WeeklyHours::every_day({2h + 30min, 4h});
constexpr WeeklyHours kFrom0130 = WeeklyHours::every_day({1h + 30min, 4h});
constexpr WeeklyHours kUntil0130 = WeeklyHours::every_day({0h, 1h + 30min});
constexpr WeeklyHours kUntil0230 = WeeklyHours::every_day({0h, 2h + 30min});
}  // namespace

TEST_CASE("next_permitted: exact edges and DST in New York and Rome", "[local_hours]") {
  auto [name, hours, tz, now, expected] =
      GENERATE(table<const char*, WeeklyHours, const char*, const char*, const char*>({
          // Quiet-hour edges (EST = UTC-5).
          {"20:59:59 permitted", kTcpa, "America/New_York", "2026-03-03T01:59:59Z", "2026-03-03T01:59:59Z"},
          {"21:00:00 closed", kTcpa, "America/New_York", "2026-03-03T02:00:00Z", "2026-03-03T13:00:00Z"},
          {"07:59:59 closed", kTcpa, "America/New_York", "2026-03-03T12:59:59Z", "2026-03-03T13:00:00Z"},
          {"08:00:00 permitted", kTcpa, "America/New_York", "2026-03-03T13:00:00Z", "2026-03-03T13:00:00Z"},
          // Night of the spring-forward (2026-03-08): 08:00 EDT is 12:00Z.
          {"across spring forward", kTcpa, "America/New_York", "2026-03-08T02:30:00Z", "2026-03-08T12:00:00Z"},
          // Night of the fall-back (2026-11-01): 08:00 EST is 13:00Z.
          {"across fall back", kTcpa, "America/New_York", "2026-11-01T01:30:00Z", "2026-11-01T13:00:00Z"},
          // Rome, CET = UTC+1 before 2026-03-29, CEST = UTC+2 after.
          {"Rome across spring forward", kTcpa, "Europe/Rome", "2026-03-28T21:00:00Z", "2026-03-29T06:00:00Z"},
          {"Rome across fall back", kTcpa, "Europe/Rome", "2026-10-24T20:00:00Z", "2026-10-25T07:00:00Z"},
          // A start time that does not exist (02:30 on spring-forward day) maps
          // to the end of the gap: 03:00 EDT = 07:00Z; Rome 03:00 CEST = 01:00Z.
          {"NY gap start", kFrom0230, "America/New_York", "2026-03-08T06:59:59Z", "2026-03-08T07:00:00Z"},
          {"Rome gap start", kFrom0230, "Europe/Rome", "2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z"},
          // A start time that happens twice: the first occurrence (EDT).
          {"NY twice, first pass", kFrom0130, "America/New_York", "2026-11-01T04:30:00Z", "2026-11-01T05:30:00Z"},
          // Closed at 01:45 EDT, but the clock falls back into the window at
          // 06:00Z (01:00 EST): permitted again without passing the start.
          {"NY re-entry on fall back", kUntil0130, "America/New_York", "2026-11-01T05:45:00Z", "2026-11-01T06:00:00Z"},
          // Rome: 02:00-03:00 happens twice on 2026-10-25 (00:00Z-02:00Z).
          {"Rome twice, first pass", kFrom0230, "Europe/Rome", "2026-10-25T00:10:00Z", "2026-10-25T00:30:00Z"},
          {"Rome re-entry on fall back", kUntil0230, "Europe/Rome", "2026-10-25T00:40:00Z", "2026-10-25T01:00:00Z"},
          // Texas: Sunday starts at 12:00 (CDT from 2026-03-08: UTC-5).
          {"TX Sunday morning", kTexas, "America/Chicago", "2026-03-08T15:00:00Z", "2026-03-08T17:00:00Z"},
          {"TX Saturday 08:30", kTexas, "America/Chicago", "2026-03-07T14:30:00Z", "2026-03-07T15:00:00Z"},
          {"TX Saturday 21:00 to Sunday noon", kTexas, "America/Chicago", "2026-03-08T03:00:00Z", "2026-03-08T17:00:00Z"},
          {"TX Sunday 11:59:59", kTexas, "America/Chicago", "2026-03-15T16:59:59Z", "2026-03-15T17:00:00Z"},
      }));
  CAPTURE(name, now);
  const std::optional<Timestamp> next = next_permitted(hours, *zone(tz), at(now));
  REQUIRE(next.has_value());
  CHECK(format_timestamp(*next) == expected);
}

TEST_CASE("next_permitted: a week with no hours has no next instant", "[local_hours]") {
  CHECK_FALSE(next_permitted(WeeklyHours{}, *zone("Europe/Rome"), at("2026-03-02T12:00:00Z")));
}

TEST_CASE("next_permitted is the earliest permitted instant (property)", "[local_hours][property]") {
  const auto [hours, tz] = GENERATE(table<WeeklyHours, const char*>({
      {kTcpa, "America/New_York"},
      {kTexas, "America/Chicago"},
      {kFrom0230, "America/New_York"},
      {kUntil0130, "America/New_York"},
      {kFrom0230, "Europe/Rome"},
      {kUntil0230, "Europe/Rome"},
      // A half-hour DST shift (02:00 -> 02:30 on 2026-10-04, back on
      // 2026-04-05): next_permitted() reuses the zone's offset interval
      // between look-ups, which must hold for every size of shift.
      {kFrom0130, "Australia/Lord_Howe"},
      {kTcpa, "Australia/Lord_Howe"},
  }));
  const date::time_zone& z = *zone(tz);
  std::mt19937 rng(20260308);
  // Instants across 2026, biased towards the DST weekends.
  std::uniform_int_distribution<long> second_of_year(0, 365L * 86400 - 1);
  const Timestamp year = at("2026-01-01T00:00:00Z");
  const Timestamp dst[] = {at("2026-03-08T00:00:00Z"), at("2026-03-29T00:00:00Z"),
                           at("2026-10-25T00:00:00Z"), at("2026-11-01T00:00:00Z")};
  std::uniform_int_distribution<long> within_two_days(0, 2L * 86400 - 1);
  for (int i = 0; i < 400; ++i) {
    const Timestamp now = i % 2 == 0 ? year + Duration{second_of_year(rng)}
                                     : dst[i % 4] + Duration{within_two_days(rng)};
    const std::optional<Timestamp> next = next_permitted(hours, z, now);
    CAPTURE(tz, format_timestamp(now));
    REQUIRE(next.has_value());
    CAPTURE(format_timestamp(*next));
    CHECK(*next >= now);
    CHECK(permitted_at(hours, z, *next));
    if (*next == now) continue;
    // Nothing in [now, next) is permitted: every window edge and transition
    // is on a whole minute, so minutes and the last second cover it.
    CHECK_FALSE(permitted_at(hours, z, *next - 1s));
    bool earlier = false;
    for (Timestamp t = now; t < *next; t += 1min) earlier = earlier || permitted_at(hours, z, t);
    CHECK_FALSE(earlier);
  }
}
