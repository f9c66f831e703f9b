// "now - 23h" and friends (scenario_time.h).
#include "scenario_time.h"

namespace sendpolicy_cli {

namespace sp = sendpolicy;

bool resolve_relative_time(std::string_view text, std::optional<sp::Timestamp> now,
                           std::optional<sp::Timestamp>& out, std::string& error) {
  if (text.substr(0, 3) != "now") return true;
  if (!now) {
    error = "'" + std::string(text) + "' needs when.now as an RFC 3339 instant";
    return false;
  }
  std::string_view rest = text.substr(3);
  auto skip_spaces = [&rest] {
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  };
  skip_spaces();
  if (rest.empty()) {
    out = now;
    return true;
  }
  const char sign = rest.front();
  rest.remove_prefix(1);
  skip_spaces();
  long long n = 0;
  std::size_t digits = 0;
  while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9' && digits < 9) {
    n = n * 10 + (rest[digits] - '0');
    ++digits;
  }
  const std::string_view unit = digits > 0 ? rest.substr(digits) : std::string_view();
  long long unit_seconds = 0;
  if (unit == "s") unit_seconds = 1;
  if (unit == "m") unit_seconds = 60;
  if (unit == "h") unit_seconds = 3600;
  if (unit == "d") unit_seconds = 86400;
  const long long seconds = n * unit_seconds;
  if ((sign != '-' && sign != '+') || digits == 0 || unit_seconds == 0) {
    error = "'" + std::string(text) +
            "' is not a time relative to now (like \"now - 23h\"; units s, m, h, d)";
    return false;
  }
  const sp::Duration d{sign == '-' ? -seconds : seconds};
  out = *now + d;
  return true;
}

}  // namespace sendpolicy_cli
