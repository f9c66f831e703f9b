// sendpolicy/history.h
//
// Conversation events, oldest first, as a backend logs them. A request may
// carry them instead of (or besides) a tracked ServiceWindow; the library then
// derives the window and keyword opt-outs from them (see lifecycle/).
#ifndef SENDPOLICY_HISTORY_H_
#define SENDPOLICY_HISTORY_H_

#include <optional>
#include <string>

#include "sendpolicy/enums.h"
#include "sendpolicy/time.h"

namespace sendpolicy {

struct ConversationEvent {
  // When it happened. Required: nullopt is "missing" (invalid_request); the
  // epoch is an instant like any other.
  std::optional<Timestamp> at;
  // Who wrote: the customer (inbound) or the business (outbound). Required:
  // an event with no direction is invalid_request, never the customer's by
  // default (a business's "Yes" must not re-opt anyone in).
  std::optional<Direction> direction;
  EventType type = EventType::kText;
  std::string text;  // read for opt-out / opt-in keywords
  // Outbound only: a human agent or automation. Set on an inbound event it
  // contradicts the direction (the business's own sender on the customer's
  // message) and is invalid_request; the wire's "customer" is nullopt.
  std::optional<Sender> sender;

  // A message or call from the customer, as opposed to the business's own
  // messages or receipts. Whether such an event refreshes the window also
  // depends on the policy (reactions and system events are knobs). False
  // when the direction is missing, and for an inbound event carrying a
  // business sender (both are invalid_request before any fold reads them).
  constexpr bool from_customer() const noexcept {
    return direction == Direction::kInbound && !sender.has_value();
  }
};

}  // namespace sendpolicy

#endif  // SENDPOLICY_HISTORY_H_
