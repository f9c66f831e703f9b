// The one place the wire library touches the tz database.
#include "wire/zone_cache.h"

#include <stdexcept>

#include <date/tz.h>

namespace sendpolicy {
namespace wire {

const date::time_zone* ZoneCache::find(std::string_view name) {
  const absl::string_view key(name.data(), name.size());
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    zone = nullptr;  // unknown name (std::runtime_error), or no tz database
  }
  if (cache_.size() < kMaxEntries) cache_.emplace(std::string(name), zone);
  return zone;
}

}  // namespace wire
}  // namespace sendpolicy
