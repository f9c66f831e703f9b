// Next permitted instant. The set of permitted instants only changes at three
// kinds of points: a day's `from` (entering), a day's `until` (leaving) and a
// zone transition (the wall clock jumps, possibly into a window). So the first
// permitted instant after `now` is the earliest permitted candidate among the
// day starts (both readings of an ambiguous local time; a nonexistent one maps
// to the end of the gap, as date::choose does) and the transitions ahead.
#include "sendpolicy/local_hours.h"

#include <date/tz.h>

#include "zone_offsets.h"

namespace sendpolicy {
namespace {

constexpr date::days kHorizon{8};

bool permits(const WeeklyHours& hours, ZoneOffsets& zone, Timestamp t) noexcept {
  return hours.permits(zone.to_local(t));
}

// Both readings of local time `t` (equal unless it happens twice), exactly
// as zone.to_sys(t, date::choose::earliest / latest) compute them, from one
// tz look-up instead of two, or none when the cached interval answers.
struct Readings {
  Timestamp earliest;
  Timestamp latest;
};

Readings readings(ZoneOffsets& cache, date::local_seconds t) noexcept {
  Timestamp unique;
  if (cache.unique_reading(t, unique)) return {unique, unique};
  const date::local_info info = cache.zone().get_info(t);
  if (info.result == date::local_info::nonexistent) return {info.first.end, info.first.end};
  const Timestamp earliest = Timestamp{t.time_since_epoch()} - info.first.offset;
  if (info.result == date::local_info::ambiguous) {
    return {earliest, Timestamp{t.time_since_epoch()} - info.second.offset};
  }
  return {earliest, earliest};
}

}  // namespace

bool permitted_at(const WeeklyHours& hours, const date::time_zone& zone, Timestamp now) noexcept {
  return hours.permits(zone.to_local(now));
}

std::optional<Timestamp> next_permitted(const WeeklyHours& hours, const date::time_zone& zone,
                                        Timestamp now) noexcept {
  ZoneOffsets cache(zone);
  Timestamp next;
  if (!find_next_permitted(hours, cache, now, next)) return std::nullopt;
  return next;
}

bool find_next_permitted(const WeeklyHours& hours, ZoneOffsets& cache, Timestamp now,
                         Timestamp& next) noexcept {
  if (permits(hours, cache, now)) {
    next = now;
    return true;
  }
  const Timestamp horizon = now + kHorizon;
  // The best candidate as a plain instant and a flag rather than an
  // optional, which stalled on store forwarding like the return value.
  Timestamp best = Timestamp::max();
  bool found = false;
  auto consider = [&](Timestamp t) {
    if (t > now && t <= horizon && t < best && permits(hours, cache, t)) {
      best = t;
      found = true;
    }
  };
  const date::local_days today = date::floor<date::days>(cache.to_local(now));
  for (date::days i{0}; i <= kHorizon; i += date::days{1}) {
    // Later days start about a day later (a zone shifts by hours, not a
    // day), so they cannot beat a start already found.
    if (found) break;
    const date::local_days day = today + i;
    const DailyHours& h = hours.on(date::weekday{day});
    if (h.closed()) continue;
    const Readings start = readings(cache, day + h.from);
    consider(start.earliest);
    consider(start.latest);
  }
  // Transitions: falling back can re-enter a window without passing its start.
  // A transition at or after the best start found cannot beat it, nor can
  // the ones after it (and looking them up would evict the cached interval).
  for (Timestamp t = now; t <= horizon && !(found && t >= best);) {
    const Timestamp end = cache.end_of_interval(t);
    if (end <= t || end > horizon) break;
    consider(end);
    t = end;
  }
  if (found) next = best;
  return found;
}

}  // namespace sendpolicy
