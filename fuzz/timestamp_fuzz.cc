// parse_timestamp() on arbitrary bytes: never crashes, and whatever it
// accepts formats back to a string that parses to the same instant.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sendpolicy/time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto t = sendpolicy::parse_timestamp(text);
  if (!t) return 0;
  const std::string formatted = sendpolicy::format_timestamp(*t);
  const auto again = sendpolicy::parse_timestamp(formatted);
  // Offsets can move an instant before year 1 or after 9999, where the
  // formatter clamps; only in-range instants must round-trip.
  if (formatted.compare(0, 4, "0000") != 0 && formatted.compare(0, 4, "9999") != 0) {
    if (!again || *again != *t) std::abort();
  }
  return 0;
}
