// sendpolicy/request.h
//
// SendRequest: everything evaluate() needs to decide one send, as plain data.
// It owns its strings, so a request can outlive the buffers it was read from;
// a batch reader that reuses one SendRequest keeps its capacity and stops
// allocating after the first few lines.
//
// A default-constructed SendRequest is invalid (no `now`, no recipient) and
// evaluates to deny with `invalid_request`.
#ifndef SENDPOLICY_REQUEST_H_
#define SENDPOLICY_REQUEST_H_

#include <optional>
#include <string>
#include <vector>

#include "sendpolicy/consent.h"
#include "sendpolicy/enums.h"
#include "sendpolicy/history.h"
#include "sendpolicy/message.h"
#include "sendpolicy/recipient.h"
#include "sendpolicy/time.h"
#include "sendpolicy/window.h"

namespace sendpolicy {

struct SendRequest {
  std::string id;   // caller's id, echoed in the decision output
  // The instant of the send; must be set. Timestamp::min() (the default,
  // no real instant) is "not set"; the epoch is a valid instant. (`now` is
  // not an optional: every rule computes with it, after validation.)
  Timestamp now = Timestamp::min();
  Channel channel = Channel::kWhatsApp;
  Recipient recipient;
  std::optional<ConsentRecord> consent;  // nullopt: no consent on file
  std::optional<ServiceWindow> window;   // nullopt: derived from history, or none
  std::vector<ConversationEvent> history;  // oldest first; may be empty
  Message message;
};

}  // namespace sendpolicy

#endif  // SENDPOLICY_REQUEST_H_
