// wire/zone_cache.h
//
// A per-thread memo in front of sendpolicy::ZoneResolver, the library's one
// tz-database look-up (include/sendpolicy/zone.h). The resolver is shared
// and takes a lock per call; a parser looks up a zone for nearly every
// request, so each parser keeps the answers it has seen without locking.
//
//   sendpolicy::wire::ZoneCache zones;   // one per thread; uses shared_zones()
//   const date::time_zone* rome = zones.find("Europe/Rome");  // nullptr if unknown
//
// Not thread-safe: give each worker its own cache (they share the resolver).
#ifndef SENDPOLICY_WIRE_ZONE_CACHE_H_
#define SENDPOLICY_WIRE_ZONE_CACHE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "sendpolicy/zone.h"

namespace sendpolicy {
namespace wire {

// The process-wide resolver the wire library uses (thread-safe).
ZoneResolver& shared_zones();

class ZoneCache {
 public:
  // Caps how many distinct names are remembered, so hostile input with
  // millions of made-up names cannot grow memory; look-ups past the cap
  // still work, they are just not memoised.
  static constexpr std::size_t kMaxEntries = 4096;

  explicit ZoneCache(ZoneResolver& resolver = shared_zones()) : resolver_(&resolver) {}

  // The zone named `name`, or nullptr if the tz database has no such zone.
  const date::time_zone* find(std::string_view name);

 private:
  ZoneResolver* resolver_;
  absl::flat_hash_map<std::string, const date::time_zone*> memo_;
};

}  // namespace wire
}  // namespace sendpolicy

#endif  // SENDPOLICY_WIRE_ZONE_CACHE_H_
