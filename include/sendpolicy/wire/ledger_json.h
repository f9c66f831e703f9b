// wire/ledger_json.h
//
// A consent ledger as JSON, for the bindings' fold_consent() (Python, C):
// an array of events, oldest first, each with the fields of
// sendpolicy::ConsentEvent under their wire names, and the folded state
// back as JSON whose "consent" object is a wire-format request's "consent":
//
//   [{"at":"2026-01-10T09:00:00Z","kind":"opt_in_collected","phone":"+393471234567",
//     "business":"acme","purposes":["order_updates","marketing"],"method":"checkbox",
//     "source":"website"},
//    {"at":"2026-02-01T09:00:00Z","kind":"withdrawn","phone":"+393471234567",
//     "business":"acme","purposes":["marketing"],"via":"keyword"}]
//
//   std::vector<sendpolicy::ConsentEvent> events;
//   absl::Status s = sendpolicy::wire::parse_ledger(json, events);
//   absl::StatusOr<sendpolicy::FoldedConsent> f = sendpolicy::fold_consent(events, now);
//   std::string out = sendpolicy::wire::folded_consent_json(*f);
//   // {"consent":{"status":"granted",...,"purposes":["order_updates"],...},
//   //  "expired_at":null,"withdrawn_via":null,"withdrawn_by":null,
//   //  "withdrawn_purposes":["marketing"],"events":2}
//
// Event fields: at and kind (required), phone, business, purposes, method,
// source, basis, notice ({"business_name_shown":..,"content_described":..,
// "whatsapp_named":..,"number_editable":..}), notice_version, evidence_ref,
// via (ui, agent, keyword, email, other), recorded_by, user_id (the
// WhatsApp BSUID; an event needs a phone or a user_id, and one with both
// links them, docs/identity.md). Strict as requests
// are: unknown fields (with a "did you mean"), duplicates, wrong types and
// unknown names are errors naming the path ("events[1].kind: ...").
#ifndef SENDPOLICY_WIRE_LEDGER_JSON_H_
#define SENDPOLICY_WIRE_LEDGER_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "sendpolicy/lifecycle/consent_ledger.h"

namespace sendpolicy {
namespace wire {

absl::Status parse_ledger(std::string_view json, std::vector<ConsentEvent>& events);

// The folded state as one JSON object (no trailing newline).
std::string folded_consent_json(const FoldedConsent& folded);

// A consent record as the wire format's "consent" object.
void append_consent_json(std::string& out, const ConsentRecord& consent);

}  // namespace wire
}  // namespace sendpolicy

#endif  // SENDPOLICY_WIRE_LEDGER_JSON_H_
