// sendpolicy/history.h
//
// Conversation events, oldest first, as a backend logs them. A request may
// carry them instead of (or besides) a tracked ServiceWindow; the library then
// derives the window and keyword opt-outs from them (see lifecycle/).
#ifndef SENDPOLICY_HISTORY_H_
#define SENDPOLICY_HISTORY_H_

#include <string>

#include "sendpolicy/enums.h"
#include "sendpolicy/time.h"

namespace sendpolicy {

struct ConversationEvent {
  Timestamp at{};
  Direction direction = Direction::kInbound;
  EventType type = EventType::kText;
  std::string text;                  // read for opt-out / opt-in keywords
  Sender sender = Sender::kAutomation;  // outbound only: human agent or automation

  // A message or call from the customer, as opposed to the business's own
  // messages or receipts. Whether such an event refreshes the window also
  // depends on the policy (reactions and system events are knobs).
  constexpr bool from_customer() const noexcept { return direction == Direction::kInbound; }
};

}  // namespace sendpolicy

#endif  // SENDPOLICY_HISTORY_H_
