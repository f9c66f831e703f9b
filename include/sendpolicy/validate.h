// sendpolicy/validate.h
//
// Request validation that fails closed. evaluate() calls the non-allocating
// `find_invalid_field()` itself and turns any problem into a deny with
// `invalid_request`; `validate()` is the same check as an absl::Status for
// boundaries (parsers, services) that want an error, not a decision.
//
//   absl::Status s = sendpolicy::validate(request);
//   // INVALID_ARGUMENT: "consent.granted_at: is after now"
#ifndef SENDPOLICY_VALIDATE_H_
#define SENDPOLICY_VALIDATE_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "sendpolicy/decision.h"
#include "sendpolicy/request.h"

namespace sendpolicy {

// The first problem found, in field order, or nullopt if the request is valid.
// Checks: set `now`; a phone (E.164) or, on WhatsApp, a user ID (BSUID) for
// recipient and consent; E.164 numbers; BSUIDs; enum values in range; no time after `now`;
// withdrawal not before grant; consent status and withdrawn_at agree; history
// oldest first; template data iff template kind; message.category agrees with
// the template's; counters not negative.
std::optional<FieldError> find_invalid_field(const SendRequest& request) noexcept;

// "consent.granted_at", or "history[3].at" for indexed paths.
std::string field_path(const FieldError& error);

// OkStatus, or InvalidArgument("<field path>: <problem>").
absl::Status validate(const SendRequest& request);

}  // namespace sendpolicy

#endif  // SENDPOLICY_VALIDATE_H_
