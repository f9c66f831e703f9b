// Internal: what the conversation history tells evaluate().
#ifndef SENDPOLICY_SRC_RULES_CONVERSATION_H_
#define SENDPOLICY_SRC_RULES_CONVERSATION_H_

#include "sendpolicy/policy.h"
#include "sendpolicy/request.h"
#include "sendpolicy/window.h"

namespace sendpolicy {
namespace rules {

struct ConversationFacts {
  // The tracked window, refreshed by any later customer contact in history.
  ServiceWindow window;
  // An opt-out keyword from the customer not followed by an opt-in keyword.
  bool opted_out = false;
};

ConversationFacts conversation_facts(const Policy& policy, const SendRequest& request) noexcept;

}  // namespace rules
}  // namespace sendpolicy

#endif  // SENDPOLICY_SRC_RULES_CONVERSATION_H_
