// sendpolicy/zone.h
//
// ZoneResolver: the one place sendpolicy looks up the time-zone database. It
// turns an IANA name ("America/New_York") into a `const date::time_zone*`
// once, caches it for the life of the resolver, and warms the zone (date's
// time_zone loads its transitions lazily on first use), so that evaluate()
// can convert to local time without I/O, locks or heap allocation.
//
// Resolve outside evaluate(), at the edge where requests are read:
//
//   sendpolicy::ZoneResolver zones;  // share one per process; thread-safe
//   sendpolicy::SendRequest r = ...;
//   r.recipient.time_zone = "America/New_York";
//   if (absl::Status s = zones.resolve(r.recipient); !s.ok()) { /* reject */ }
//   sendpolicy::SendDecision d = sendpolicy::evaluate(policy, r);
//
// Zones come from the operating system's tz database (date built with
// USE_OS_TZDB=1, /usr/share/zoneinfo); resolved pointers stay valid for the
// life of the process.
#ifndef SENDPOLICY_ZONE_H_
#define SENDPOLICY_ZONE_H_

#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sendpolicy/recipient.h"

namespace date {
class time_zone;
}  // namespace date

namespace sendpolicy {

class ZoneResolver {
 public:
  ZoneResolver() = default;
  ZoneResolver(const ZoneResolver&) = delete;
  ZoneResolver& operator=(const ZoneResolver&) = delete;

  // The zone named `name`, loaded and warmed. NotFound (naming the zone) if
  // the database has no such zone; InvalidArgument for an empty name.
  // Thread-safe; each name is looked up in the database at most once.
  absl::StatusOr<const date::time_zone*> find(std::string_view name);

  // Sets `recipient.zone` from `recipient.time_zone`. An empty name leaves
  // `zone` null (rules that need local time then fail closed with
  // `local_time_unknown`); an unknown name is an error naming the field
  // `recipient.time_zone`, and `zone` is left null.
  absl::Status resolve(Recipient& recipient);

 private:
  std::mutex mu_;
  std::map<std::string, const date::time_zone*, std::less<>> cache_;
};

}  // namespace sendpolicy

#endif  // SENDPOLICY_ZONE_H_
