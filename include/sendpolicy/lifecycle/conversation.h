// sendpolicy/lifecycle/conversation.h
//
// Folds a conversation's events (oldest first) into what evaluate() needs:
// the customer service window and whether the customer's own words opted
// them out. evaluate() calls this itself when a request carries `history`;
// call it directly to show a conversation's state or to keep a window
// tracked outside the library.
//
// Window (Meta, "Send messages": "When a WhatsApp user messages you or calls
// you, a 24-hour timer called a customer service window starts"): only the
// customer's messages and calls open or refresh it. The business's own
// messages, templates, delivery and read receipts never do. Reactions and
// system events are undocumented, so `Policy::window_openers` decides, off by
// default.
//
// Keywords (lifecycle/keywords.h): an inbound text or button reply that is an
// opt-out keyword opts the customer out of everything; what opts them in
// again is `Policy::re_opt_in` (an opt-in keyword, or any later inbound
// message that may not be an opt-out), and the state says which model did it.
// Events sharing a timestamp are one instant and fold the same in any
// storage order: an opt-out at an instant wins over an opt-in at it.
//
//   sendpolicy::ConversationState s =
//       sendpolicy::fold_conversation(sendpolicy::Policy::whatsapp(), history);
//   if (s.opted_out) { /* do not message; s.opted_out_at says since when */ }
//   s.window.is_open(now);
#ifndef SENDPOLICY_LIFECYCLE_CONVERSATION_H_
#define SENDPOLICY_LIFECYCLE_CONVERSATION_H_

#include <optional>
#include <vector>

#include "sendpolicy/decision.h"
#include "sendpolicy/history.h"
#include "sendpolicy/lifecycle/keywords.h"
#include "sendpolicy/policy.h"
#include "sendpolicy/time.h"
#include "sendpolicy/window.h"

namespace sendpolicy {

struct ConversationState {
  // The tracked window (if any), refreshed by every later customer contact.
  ServiceWindow window;
  // An opt-out keyword from the customer that nothing later undid.
  bool opted_out = false;
  std::optional<Timestamp> opted_out_at;  // when the last opt-out was written
  int opted_out_event = -1;               // its index in history, else -1
  // Set iff the last opt-out was undone by a later event, and by which model.
  std::optional<ReOptInModel> re_opted_in_by;
  std::optional<Timestamp> re_opted_in_at;
  // The last help keyword (HELP, INFO): the business owes an answer.
  std::optional<Timestamp> help_requested_at;
  // The window as Meta documents it: refreshed only by messages and calls,
  // whatever Policy::window_openers adds (for the loosening warning
  // window_opened_by_undocumented_event).
  ServiceWindow documented_window;
};

// True iff `event` is customer contact that opens or refreshes the window.
bool opens_window(const ConversationEvent& event, const WindowOpeners& openers) noexcept;

// The keyword an event carries: only the customer's texts and button
// replies are read; everything else is Keyword::kNone.
Keyword event_keyword(const ConversationEvent& event, const KeywordRules& rules) noexcept;

// Folds `history` (oldest first, as find_invalid_event() accepts) over the
// `tracked` window. Pure, deterministic, allocation-free. Appending an
// outbound event never changes the window; appending an opt-out keyword
// always leaves `opted_out` set.
ConversationState fold_conversation(const Policy& policy,
                                    const std::vector<ConversationEvent>& history,
                                    const std::optional<ServiceWindow>& tracked = std::nullopt) noexcept;

// The first invalid event, as evaluate() reports it ("history[3].at: is after
// now"): a missing direction or time, a business sender on an inbound event,
// unknown enum values, a time after `now`, or events not oldest first.
std::optional<FieldError> find_invalid_event(const std::vector<ConversationEvent>& history,
                                             Timestamp now) noexcept;

}  // namespace sendpolicy

#endif  // SENDPOLICY_LIFECYCLE_CONVERSATION_H_
