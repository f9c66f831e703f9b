// sendpolicy/window.h
//
// The customer service window (CSW): the 24 hours after a customer's last
// message or call to one business number during which the business may reply
// with any message, not only templates (Meta, "Send messages": "When a
// WhatsApp user messages you or calls you, a 24-hour timer called a customer
// service window starts"). The end is exclusive: open iff
// now < last_inbound_at + length. No inbound ever means closed.
//
//   ServiceWindow w{t0};
//   w.is_open(t0 + 24h - 1s);  // true
//   w.is_open(t0 + 24h);       // false
//   w.closes_at();             // t0 + 24h
#ifndef SENDPOLICY_WINDOW_H_
#define SENDPOLICY_WINDOW_H_

#include <chrono>
#include <optional>

#include "sendpolicy/enums.h"
#include "sendpolicy/time.h"

namespace sendpolicy {

// Window length on WhatsApp, Messenger and Instagram.
inline constexpr Duration kStandardWindow = std::chrono::hours(24);

struct ServiceWindow {
  // Last customer-originated message or call; nullopt if there was none.
  std::optional<Timestamp> last_inbound_at;
  // How the customer arrived (billing only: free entry point).
  EntryPoint entry_point = EntryPoint::kOrganic;

  // When the window closes (exclusive), or nullopt if it never opened.
  constexpr std::optional<Timestamp> closes_at(
      Duration length = kStandardWindow) const noexcept {
    if (!last_inbound_at) return std::nullopt;
    return *last_inbound_at + length;
  }

  constexpr bool is_open(Timestamp now,
                         Duration length = kStandardWindow) const noexcept {
    return last_inbound_at.has_value() && now < *last_inbound_at + length;
  }
};

}  // namespace sendpolicy

#endif  // SENDPOLICY_WINDOW_H_
