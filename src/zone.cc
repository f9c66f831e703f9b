// The I/O edge for time zones: date::locate_zone reads the OS tz database and
// may throw; both stay here, outside evaluate().
#include "sendpolicy/zone.h"

#include <exception>
#include <fstream>
#include <set>
#include <string>

#include <date/tz.h>

#include "absl/strings/str_cat.h"

namespace sendpolicy {
namespace {

// The tz database directory also holds files that are not IANA zones but
// that date::locate_zone() happily opens: "localtime" (a link to the host's
// /etc/localtime, so a request would be judged in the server's zone),
// "posixrules", the "posix/" and "right/" trees, tables such as "zone.tab".
// "Factory" is in the IANA data but means "zone not configured" (its
// abbreviation is "-00"). None of them says where a recipient is.
bool is_iana_syntax(std::string_view name) noexcept {
  if (name.empty() || name.size() > 128 || name.front() == '/' || name.back() == '/') return false;
  std::size_t begin = 0;
  while (begin <= name.size()) {
    std::size_t end = name.find('/', begin);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view part = name.substr(begin, end - begin);
    if (part.empty() || part == "." || part == "..") return false;
    for (char c : part) {
      const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-' || c == '+' || c == '.';
      if (!ok) return false;
    }
    begin = end + 1;
  }
  const std::string_view first = name.substr(0, name.find('/'));
  return first != "posix" && first != "right" && name != "localtime" && name != "posixrules" &&
         name != "Factory";
}

// The names the IANA data defines (its Zone and Link lines), read once from
// the compiled source the tzdata package ships beside the binary files.
// Empty if the file is missing: then the syntax check above is the rule.
std::set<std::string, std::less<>> load_iana_names() {
  std::set<std::string, std::less<>> names;
  std::ifstream in("/usr/share/zoneinfo/tzdata.zi");
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() < 3 || line[1] != ' ') continue;
    if (line[0] == 'Z') {  // "Z Europe/Rome 0:49:56 - LMT 1866 D 22"
      const std::size_t end = line.find(' ', 2);
      names.insert(line.substr(2, end == std::string::npos ? std::string::npos : end - 2));
    } else if (line[0] == 'L') {  // "L America/New_York US/Eastern"
      const std::size_t space = line.find(' ', 2);
      if (space != std::string::npos) names.insert(line.substr(space + 1));
    }
  }
  return names;
}

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
  static const std::set<std::string, std::less<>> iana = load_iana_names();
  if (!is_iana_syntax(name) || (!iana.empty() && iana.find(name) == iana.end())) {
    return absl::NotFoundError(
        absl::StrCat("'", key, "' is not an IANA time zone name (like Europe/Rome)"));
  }
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
