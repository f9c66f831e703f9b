// Next permitted instant. The set of permitted instants only changes at three
// kinds of points: a day's `from` (entering), a day's `until` (leaving) and a
// zone transition (the wall clock jumps, possibly into a window). So the first
// permitted instant after `now` is the earliest permitted candidate among the
// day starts (both readings of an ambiguous local time; a nonexistent one maps
// to the end of the gap, as date::choose does) and the transitions ahead.
#include "sendpolicy/local_hours.h"

#include <date/tz.h>

namespace sendpolicy {
namespace {

constexpr date::days kHorizon{8};

// The zone's offset interval last looked up, reused while the instants asked
// about stay inside it. A tz database look-up (date::time_zone::get_info) is
// ~300-450 instructions; one next_permitted() asks about a dozen instants,
// nearly all in the same interval. Lives on the caller's stack for one call:
// no allocation (the abbreviation string of sys_info is not kept), no state
// shared between calls or threads.
class OffsetCache {
 public:
  explicit OffsetCache(const date::time_zone& zone) noexcept : zone_(zone) {}

  // The interval containing the UTC instant `t`: [begin, end) and offset.
  void lookup(Timestamp t) noexcept {
    if (valid_ && begin_ <= t && t < end_) return;
    const date::sys_info info = zone_.get_info(t);
    begin_ = date::floor<Duration>(info.begin);
    end_ = date::floor<Duration>(info.end);
    offset_ = info.offset;
    valid_ = true;
  }

  date::local_seconds to_local(Timestamp t) noexcept {
    lookup(t);
    return date::local_seconds{t.time_since_epoch() + offset_};
  }

  Timestamp end_of_interval(Timestamp t) noexcept {
    lookup(t);
    return end_;
  }

  // The UTC reading of local time `t` when it is unique and falls well
  // inside the cached interval: 2 days from either end, more than any two
  // offsets of one zone differ (UTC-12 to UTC+14), so no other interval
  // can also contain a reading of it. False sends the caller to the
  // database.
  bool unique_reading(date::local_seconds t, Timestamp& out) const noexcept {
    if (!valid_) return false;
    const Timestamp s{t.time_since_epoch() - offset_};
    constexpr date::days kMargin{2};
    if (s < begin_ + kMargin || s >= end_ - kMargin) return false;
    out = s;
    return true;
  }

  const date::time_zone& zone() const noexcept { return zone_; }

 private:
  const date::time_zone& zone_;
  bool valid_ = false;
  Timestamp begin_{};
  Timestamp end_{};
  Duration offset_{};
};

bool permits(const WeeklyHours& hours, OffsetCache& zone, Timestamp t) noexcept {
  return hours.permits(zone.to_local(t));
}

// Both readings of local time `t` (equal unless it happens twice), exactly
// as zone.to_sys(t, date::choose::earliest / latest) compute them, from one
// tz look-up instead of two, or none when the cached interval answers.
struct Readings {
  Timestamp earliest;
  Timestamp latest;
};

Readings readings(OffsetCache& cache, date::local_seconds t) noexcept {
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
  OffsetCache cache(zone);
  if (permits(hours, cache, now)) return now;
  const Timestamp horizon = now + kHorizon;
  std::optional<Timestamp> best;
  auto consider = [&](Timestamp t) {
    if (t > now && t <= horizon && (!best || t < *best) && permits(hours, cache, t)) best = t;
  };
  const date::local_days today = date::floor<date::days>(cache.to_local(now));
  for (date::days i{0}; i <= kHorizon; i += date::days{1}) {
    // Later days start about a day later (a zone shifts by hours, not a
    // day), so they cannot beat a start already found.
    if (best) break;
    const date::local_days day = today + i;
    const DailyHours& h = hours.on(date::weekday{day});
    if (h.closed()) continue;
    const Readings start = readings(cache, day + h.from);
    consider(start.earliest);
    consider(start.latest);
  }
  // Transitions: falling back can re-enter a window without passing its start.
  for (Timestamp t = now; t <= horizon;) {
    const Timestamp end = cache.end_of_interval(t);
    if (end <= t || end > horizon) break;
    consider(end);
    t = end;
  }
  return best;
}

}  // namespace sendpolicy
