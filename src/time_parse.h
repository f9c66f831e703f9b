// Internal to sendpolicy (not installed): parse_timestamp() with the result
// through an out-parameter, for the wire readers' hot path. Returning
// std::optional<Timestamp> made the caller read the engaged flag back with a
// wider load than the store that wrote it (a store-forwarding stall on
// every time field of every audit line).
#ifndef SENDPOLICY_SRC_TIME_PARSE_H_
#define SENDPOLICY_SRC_TIME_PARSE_H_

#include <string_view>

#include "sendpolicy/time.h"

namespace sendpolicy {

// True and `out` set iff parse_timestamp(text) would return a value (the
// same value); `out` is unspecified otherwise.
bool parse_timestamp_into(std::string_view text, Timestamp& out) noexcept;

}  // namespace sendpolicy

#endif  // SENDPOLICY_SRC_TIME_PARSE_H_
