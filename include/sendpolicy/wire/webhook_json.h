// wire/webhook_json.h
//
// Reads Meta's WhatsApp Cloud API webhook payloads (`object:
// whatsapp_business_account`, `entry[].changes[].value`) into the facts
// sendpolicy's inputs are made of: conversation events for
// SendRequest::history, marketing stop/resume, call permissions and call
// outcomes, delivery failures with what they mean for the next send, and
// identity changes (phone number or business-scoped user ID, BSUID).
//
// The reader only translates; it keeps nothing. The backend stores the
// items (keyed by the user's phone and/or BSUID and by business number) and
// builds each SendRequest from its store (docs/webhooks.md).
//
//   absl::StatusOr<sendpolicy::wire::WebhookBatch> batch =
//       sendpolicy::wire::read_webhook(body);
//   if (!batch.ok()) { /* malformed JSON: answer 200, log, keep the body */ }
//   for (const sendpolicy::wire::WebhookItem& item : batch->items) { ... }
//   for (const auto& p : batch->problems) { /* p.path: "entry[0]...timestamp" */ }
//
// Tolerant where Meta adds things, strict where a guess would be a wrong
// fact:
// - unknown fields, change fields, message types and status values are
//   skipped and counted in `skipped`, never an error;
// - a known field with the wrong type, a bad timestamp or a user with
//   neither phone nor BSUID rejects that one message/status/preference
//   (a `problem` naming its path); the rest of the payload is still read;
// - malformed JSON (or a payload that is not an object) is the only error
//   that returns no items.
#ifndef SENDPOLICY_WIRE_WEBHOOK_JSON_H_
#define SENDPOLICY_WIRE_WEBHOOK_JSON_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "sendpolicy/history.h"
#include "sendpolicy/time.h"

namespace sendpolicy {
namespace wire {

// Who a fact is about. Either may be empty, never both. `phone` is E.164
// with the '+' (Meta's `wa_id`/`from`/`recipient_id` carry digits only);
// `user_id` is the BSUID ("US.13491208655302741918"), never turned into
// digits.
struct WebhookUser {
  std::string phone;
  std::string user_id;

  bool empty() const noexcept { return phone.empty() && user_id.empty(); }
  friend bool operator==(const WebhookUser& a, const WebhookUser& b) {
    return a.phone == b.phone && a.user_id == b.user_id;
  }
};

// The user stopped (or resumed) marketing templates from one business
// number (`user_preferences`, or a 131050 delivery failure).
struct MarketingPreference {
  bool opted_out = false;
  Timestamp at{};
};

enum class CallPermissionStatus : unsigned char { kGranted, kRejected, kRevoked };
enum class CallPermissionTerm : unsigned char { kTemporary, kPermanent };

// A reply to a call-permission request (`interactive.call_permission_reply`).
// Meta's payloads say accept or reject; kRevoked is here for the callers'
// own records (a user revoking in the business profile sends no documented
// webhook). Temporary grants carry their expiry.
struct CallPermissionChange {
  CallPermissionStatus status = CallPermissionStatus::kRejected;
  CallPermissionTerm term = CallPermissionTerm::kTemporary;
  std::optional<Timestamp> expires_at;
  Timestamp at{};
};

enum class CallResult : unsigned char { kConnected, kUnanswered };

// How a business-initiated call ended (`calls[]`, event terminate):
// COMPLETED is connected, FAILED is unanswered (4 in a row revoke the
// permission). Calls the user places are history events instead.
struct CallOutcome {
  CallResult result = CallResult::kUnanswered;
  Timestamp at{};
};

// What a failed status means for the next send to this user.
enum class DeliveryMeaning : unsigned char {
  kWindowClosedUseTemplate,  // 131047: free-form outside the 24 h window
  kRetryLaterNotOptOut,      // 131049: per-user marketing limit; back off
  kMarketingOptedOut,        // 131050: the user stopped marketing
  kUndeliverable,            // 131026: not on WhatsApp, old client, terms
  kOther,
};

struct DeliveryFailure {
  int code = 0;  // Meta's error code (0 if the status carried none)
  DeliveryMeaning meaning = DeliveryMeaning::kOther;
  std::string title;  // Meta's error title, as received
  Timestamp at{};
  // 131049 only: the earliest sensible retry, `at` + 24 h (the first step of
  // the growing back-off Meta's partners use: 24 h, 48 h, 72 h).
  std::optional<Timestamp> retry_at;
};

// The user changed phone number (`user_changed_number`) or BSUID
// (`user_changed_user_id`). Fields Meta did not send are empty.
struct IdentityChange {
  WebhookUser previous;
  WebhookUser current;
  Timestamp at{};
};

// Billing of one of the business's own messages (status `pricing`), as
// received: category "marketing", "utility", "service", ...; type
// "regular", "free_customer_service", "free_entry_point".
struct Pricing {
  std::string category;
  std::string type;
};

enum class WebhookItemKind : unsigned char {
  kHistoryEvent,
  kMarketingPreference,
  kCallPermission,
  kCallOutcome,
  kDeliveryFailure,
  kIdentityChange,
};

struct WebhookItem {
  WebhookUser user;
  // The business number the fact belongs to (`metadata.phone_number_id`):
  // windows, marketing opt-outs and call permissions are per number.
  std::string business_phone_number_id;
  // Meta's message or call id (wamid..., wacid...), for de-duplication:
  // Meta delivers webhooks at least once.
  std::string message_id;
  // One fact; the alternative's index is its WebhookItemKind.
  std::variant<ConversationEvent, MarketingPreference, CallPermissionChange, CallOutcome,
               DeliveryFailure, IdentityChange>
      fact;
  // Outbound history events from a status: its pricing, if it had one.
  std::optional<Pricing> pricing;

  WebhookItemKind kind() const noexcept { return static_cast<WebhookItemKind>(fact.index()); }
};

// A part of the payload that was recognised but could not be read.
struct WebhookProblem {
  std::string path;     // "entry[0].changes[1].value.messages[2].timestamp"
  std::string message;  // "expected a string of Unix seconds"
};

struct WebhookBatch {
  std::vector<WebhookItem> items;  // in payload order
  // What was deliberately not turned into items, by reason: "unknown_field",
  // "message_type:location", "status:delivered", "field:account_update", ...
  std::map<std::string, int> skipped;
  std::vector<WebhookProblem> problems;
};

// Reads one webhook payload (the POST body). Errors only for malformed JSON
// or a payload that is not a JSON object; everything else is in the batch.
absl::StatusOr<WebhookBatch> read_webhook(std::string_view json);

// Wire names ("history_event", "retry_later_not_an_opt_out", ...).
std::string_view to_string(WebhookItemKind kind) noexcept;
std::string_view to_string(DeliveryMeaning meaning) noexcept;
std::string_view to_string(CallPermissionStatus status) noexcept;
std::string_view to_string(CallPermissionTerm term) noexcept;
std::string_view to_string(CallResult result) noexcept;

// A sentence for a delivery failure's meaning ("Retry later with back-off;
// this is not an opt-out.").
std::string_view advice(DeliveryMeaning meaning) noexcept;

// Meta's error code to its meaning for the next send.
DeliveryMeaning delivery_meaning(int meta_error_code) noexcept;

// Converts Meta's Unix-seconds timestamp ("1739321024"): decimal digits
// only, no sign, space or fraction, and within 1970-01-01..9999-12-31.
std::optional<Timestamp> parse_unix_seconds(std::string_view text) noexcept;

// One item as one JSON object (no newline), the `sendpolicy webhook` line
// format (docs/webhooks.md): `recipient` {phone, user_id} and exactly one of
// `history_event`, `marketing_opted_out` (+ `at`), `call_permission`,
// `call_outcome`, `delivery_failure`, `identity_change`.
void append_webhook_item_json(std::string& out, const WebhookItem& item);

// A whole batch as one JSON object, for bindings (the C API, Python):
// {"items":[<item>...],"skipped":{"status:read":1,...},
//  "problems":[{"path":"...","message":"..."}]}
void append_webhook_batch_json(std::string& out, const WebhookBatch& batch);

}  // namespace wire
}  // namespace sendpolicy

#endif  // SENDPOLICY_WIRE_WEBHOOK_JSON_H_
