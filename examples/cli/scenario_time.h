// Times in scenario files may be written relative to the scenario's
// `when.now`: "now", "now - 23h", "now+90m" (units s, m, h, d; whole numbers).
#ifndef SENDPOLICY_EXAMPLES_CLI_SCENARIO_TIME_H_
#define SENDPOLICY_EXAMPLES_CLI_SCENARIO_TIME_H_

#include <optional>
#include <string>
#include <string_view>

#include <sendpolicy/time.h>

namespace sendpolicy_cli {

// For a `text` that starts with "now": sets `out` to the instant it names
// and returns true, or returns false with `error` set (malformed, or no
// `now` to count from). Any other text is left alone: true, `out` unchanged
// (an absolute time, for the caller's parser).
bool resolve_relative_time(std::string_view text, std::optional<sendpolicy::Timestamp> now,
                           std::optional<sendpolicy::Timestamp>& out, std::string& error);

}  // namespace sendpolicy_cli

#endif  // SENDPOLICY_EXAMPLES_CLI_SCENARIO_TIME_H_
