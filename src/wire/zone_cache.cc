// The wire library's zone look-ups, all through sendpolicy::ZoneResolver.
#include "sendpolicy/wire/zone_cache.h"

namespace sendpolicy {
namespace wire {

ZoneResolver& shared_zones() {
  static ZoneResolver resolver;
  return resolver;
}

const date::time_zone* ZoneCache::find(std::string_view name) {
  const absl::string_view key(name.data(), name.size());
  if (auto it = memo_.find(key); it != memo_.end()) return it->second;
  absl::StatusOr<const date::time_zone*> zone = resolver_->find(name);
  const date::time_zone* found = zone.ok() ? *zone : nullptr;
  if (memo_.size() < kMaxEntries) memo_.emplace(std::string(name), found);
  return found;
}

}  // namespace wire
}  // namespace sendpolicy
