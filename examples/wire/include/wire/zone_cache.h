// wire/zone_cache.h
//
// Resolves IANA zone names ("Europe/Rome") from requests to the
// `const date::time_zone*` that evaluate() reads, once per distinct name.
// This is the program side of the library's rule "zones arrive resolved":
// the tz database is read here, never inside evaluate().
//
//   sendpolicy::wire::ZoneCache zones;
//   const date::time_zone* rome = zones.find("Europe/Rome");  // nullptr if unknown
//
// Not thread-safe: give each worker its own cache (they share the tz
// database, which date makes safe to read concurrently).
//
// TODO(packs): when include/sendpolicy/zone.h (ZoneResolver) lands on main,
// make this a thin wrapper around it; callers use only find().
#ifndef SENDPOLICY_WIRE_ZONE_CACHE_H_
#define SENDPOLICY_WIRE_ZONE_CACHE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"

namespace date {
class time_zone;
}  // namespace date

namespace sendpolicy {
namespace wire {

class ZoneCache {
 public:
  // Caps how many distinct names are remembered, so hostile input with
  // millions of made-up names cannot grow memory; look-ups past the cap
  // still work, they are just not cached.
  static constexpr std::size_t kMaxEntries = 4096;

  // The zone named `name`, or nullptr if the tz database has no such zone.
  const date::time_zone* find(std::string_view name);

 private:
  absl::flat_hash_map<std::string, const date::time_zone*> cache_;
};

}  // namespace wire
}  // namespace sendpolicy

#endif  // SENDPOLICY_WIRE_ZONE_CACHE_H_
