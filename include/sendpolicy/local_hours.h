// sendpolicy/local_hours.h
//
// Permitted sending hours in the recipient's local (wall-clock) time, and the
// next instant at which sending is permitted. Statutes state quiet hours in
// wall-clock terms ("before 8 a.m. or after 9 p.m., local time at the called
// party's location", 47 CFR 64.1200(c)(1)), so the check is on local time and
// the answer is a UTC instant that is right across daylight-saving changes:
//
//   - a local start time that does not exist (spring forward) maps to the
//     first instant after the gap;
//   - a local time that happens twice (fall back) is permitted on both passes,
//     and the earliest permitted instant after `now` is returned.
//
//   using namespace std::chrono_literals;
//   constexpr sendpolicy::WeeklyHours tcpa =
//       sendpolicy::WeeklyHours::every_day({8h, 21h});       // 08:00-21:00
//   const date::time_zone* ny = ...;  // from ZoneResolver
//   std::optional<sendpolicy::Timestamp> t = sendpolicy::next_permitted(tcpa, *ny, now);
//
// Everything here is pure given a resolved zone: no clock, no database look-up.
#ifndef SENDPOLICY_LOCAL_HOURS_H_
#define SENDPOLICY_LOCAL_HOURS_H_

#include <array>
#include <chrono>
#include <optional>

#include <date/date.h>

#include "sendpolicy/time.h"

namespace date {
class time_zone;
}  // namespace date

namespace sendpolicy {

// One day's permitted interval [from, until) as offsets from local midnight;
// `until` may be 24h (to the end of the day). Closed when until <= from.
struct DailyHours {
  Duration from{0};
  Duration until{0};

  constexpr bool closed() const noexcept { return until <= from; }
  constexpr bool contains(Duration time_of_day) const noexcept {
    return from <= time_of_day && time_of_day < until;
  }
};

// Permitted hours for each weekday, Sunday first (date::weekday's C encoding).
struct WeeklyHours {
  std::array<DailyHours, 7> days{};

  // The same hours every day.
  static constexpr WeeklyHours every_day(DailyHours hours) noexcept {
    return WeeklyHours{{hours, hours, hours, hours, hours, hours, hours}};
  }
  // Monday to Saturday one way, Sunday another (Texas, France practice).
  static constexpr WeeklyHours mon_sat_sun(DailyHours mon_sat, DailyHours sunday) noexcept {
    return WeeklyHours{{sunday, mon_sat, mon_sat, mon_sat, mon_sat, mon_sat, mon_sat}};
  }
  // No hours at all on `day`.
  constexpr WeeklyHours& close(date::weekday day) noexcept {
    days[day.c_encoding()] = DailyHours{};
    return *this;
  }

  constexpr const DailyHours& on(date::weekday day) const noexcept {
    return days[day.c_encoding()];
  }
  // True iff the wall-clock time `local` falls inside that weekday's hours.
  constexpr bool permits(date::local_seconds local) const noexcept {
    const date::local_days day = date::floor<date::days>(local);
    return on(date::weekday{day}).contains(local - day);
  }
};

// True iff sending at `now` is within `hours` in `zone`.
bool permitted_at(const WeeklyHours& hours, const date::time_zone& zone, Timestamp now) noexcept;

// The earliest instant t >= now at which `hours` permits sending in `zone`
// (`now` itself if it is permitted). nullopt if there is none within the next
// eight days (a week with no hours at all).
std::optional<Timestamp> next_permitted(const WeeklyHours& hours, const date::time_zone& zone,
                                        Timestamp now) noexcept;

}  // namespace sendpolicy

#endif  // SENDPOLICY_LOCAL_HOURS_H_
