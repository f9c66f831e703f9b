// Internal to sendpolicy (not installed): a time zone with its last offset
// interval cached, for the quiet-hours computation in evaluate().
#ifndef SENDPOLICY_SRC_ZONE_OFFSETS_H_
#define SENDPOLICY_SRC_ZONE_OFFSETS_H_

#include <optional>

#include <date/tz.h>

#include "sendpolicy/local_hours.h"
#include "sendpolicy/time.h"

namespace sendpolicy {

// The zone's offset interval last looked up, reused while the instants asked
// about stay inside it. A tz database look-up (date::time_zone::get_info) is
// ~300-450 instructions, and deciding deferred quiet hours asks about dozens
// of instants (each pack's next_permitted(), in several rounds), nearly all
// in one interval. Lives on the caller's stack for one evaluate(): no
// allocation (sys_info's abbreviation string is not kept), nothing shared
// between calls or threads, so evaluate() stays pure.
class ZoneOffsets {
 public:
  explicit ZoneOffsets(const date::time_zone& zone) noexcept : zone_(zone) {}

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

// next_permitted(hours, zone, now) with the look-ups going through `zone`'s
// cache, so several calls over one zone (one per pack, per round) share it.
// The answer is in `next` when it returns true (false: none within the
// horizon). Not an optional: GCC returns an optional<Timestamp> through the
// stack, and reading it back whole after its 1-byte flag was stored stalled
// on store forwarding (~40% of this function in a deferred decision).
bool find_next_permitted(const WeeklyHours& hours, ZoneOffsets& zone, Timestamp now,
                         Timestamp& next) noexcept;

}  // namespace sendpolicy

#endif  // SENDPOLICY_SRC_ZONE_OFFSETS_H_
