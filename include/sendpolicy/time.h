// sendpolicy/time.h
//
// Time values used throughout sendpolicy. A `Timestamp` is a UTC instant with
// whole-second precision; it is exactly `date::sys_seconds`, so it interoperates
// with Howard Hinnant's date library and `std::chrono` without conversion.
//
// Nothing in sendpolicy reads a clock: "now" is always an input. Local (civil)
// time is reached only through an explicitly passed, already resolved
// `date::time_zone` (see zone.h), never by a database look-up in evaluate().
//
//   using namespace std::chrono_literals;
//   auto t = sendpolicy::parse_timestamp("2026-03-02T12:00:00Z");  // optional
//   auto later = *t + 24h;
//   std::string s = sendpolicy::format_timestamp(later);  // "2026-03-03T12:00:00Z"
#ifndef SENDPOLICY_TIME_H_
#define SENDPOLICY_TIME_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sendpolicy {

// A length of time in whole seconds.
using Duration = std::chrono::seconds;

// A UTC instant, whole seconds since 1970-01-01T00:00:00Z (same type as
// date::sys_seconds).
using Timestamp = std::chrono::time_point<std::chrono::system_clock, Duration>;

// Parses an RFC 3339 date-time ("2026-03-02T12:00:00Z", "...+01:00",
// "...T12:00:00.250Z"). Fractional seconds are truncated. Returns nullopt for
// anything else, including out-of-range fields (month 13, 24:00:00, second 61)
// and years outside 0001..9999. A leap second (":60") is rejected: UTC instants
// here have no leap seconds, and a caller sending one has a clock problem.
std::optional<Timestamp> parse_timestamp(std::string_view text) noexcept;

// Formats as RFC 3339 in UTC with a "Z" suffix: "2026-03-02T12:00:00Z".
std::string format_timestamp(Timestamp t);

// Non-allocating variant: writes exactly 20 characters (no terminator) into
// `out` and returns a view of them. Years outside 0000..9999 are clamped.
std::string_view format_timestamp(Timestamp t, char (&out)[20]) noexcept;

}  // namespace sendpolicy

#endif  // SENDPOLICY_TIME_H_
