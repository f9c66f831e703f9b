// The I/O edge for time zones: date::locate_zone reads the OS tz database and
// may throw; both stay here, outside evaluate().
#include "sendpolicy/zone.h"

#include <exception>

#include <date/tz.h>

#include "absl/strings/str_cat.h"

namespace sendpolicy {
namespace {

// date's time_zone parses its transitions on first use (std::call_once).
// Touching it once here means evaluate() finds it initialised and never
// allocates or blocks on that first-use path.
void warm(const date::time_zone& zone) {
  (void)zone.get_info(date::sys_seconds{});
  (void)zone.get_info(date::local_seconds{});
}

}  // namespace

absl::StatusOr<const date::time_zone*> ZoneResolver::find(std::string_view name) {
  if (name.empty()) return absl::InvalidArgumentError("time zone name is empty");
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = cache_.find(name); it != cache_.end()) return it->second;
  const std::string key(name);
  try {
    const date::time_zone* zone = date::locate_zone(key);
    warm(*zone);
    cache_.emplace(key, zone);
    return zone;
  } catch (const std::exception& e) {
    return absl::NotFoundError(absl::StrCat("unknown time zone '", key, "': ", e.what()));
  }
}

absl::Status ZoneResolver::resolve(Recipient& recipient) {
  recipient.zone = nullptr;
  if (recipient.time_zone.empty()) return absl::OkStatus();
  absl::StatusOr<const date::time_zone*> zone = find(recipient.time_zone);
  if (!zone.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("recipient.time_zone: ", zone.status().message()));
  }
  recipient.zone = *zone;
  return absl::OkStatus();
}

}  // namespace sendpolicy
